/**
 * Card gallery in a real browser: every card the bot sends, rendered by the Adaptive Cards JS renderer in
 * headless Chromium with a Teams-like host (light and dark), in English and French, saved as
 * docs/cards/<name>.<locale>.<theme>.png. A card fails when the renderer reports a parse or validation
 * problem, or when it does not fit Teams' card width (the card, or a button or text clipped inside it).
 *
 * The in-page part (parse, validate, render, measure; Teams' Markdown subset) is test/e2e/page/renderCard.js.
 * Run: node scripts/card-gallery.js (needs the Debian chromium or CHROMIUM_PATH; never downloads a browser).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SUPPORTED_LOCALES } from '../../src/i18n';
import { allCards } from './cardSamples';
import { hostConfig, pageCss, TEAMS_CARD_WIDTH, type Theme } from './teamsHost';

const ROOT = resolve(__dirname, '..', '..');
const OUT_DIR = resolve(ROOT, process.env.CARD_GALLERY_DIR ?? join('docs', 'cards'));
const RENDERER = require.resolve('adaptivecards/dist/adaptivecards.js');
const PAGE_SCRIPT = join(__dirname, 'page', 'renderCard.js');
const THEMES: readonly Theme[] = ['light', 'dark'];
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim().split('\n')[0] ?? '';
  } catch {
    throw new Error('chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH)');
  }
}

/** What the page reports for one rendered card (test/e2e/page/renderCard.js). */
interface RenderReport {
  problems: string[];
  overflow: string[];
}

interface GalleryPage {
  renderForGallery(card: object, hostConfig: object): Promise<RenderReport>;
}

describe('card gallery (Adaptive Cards JS renderer in Chromium, Teams-like host)', () => {
  let browser: Browser;
  const pages = new Map<Theme, Page>();

  beforeAll(async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
    for (const theme of THEMES) {
      const page = await browser.newPage({ viewport: { width: TEAMS_CARD_WIDTH + 64, height: 800 }, deviceScaleFactor: 1 });
      await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${pageCss(theme)}</style></head>`
        + '<body><div id="frame"><div id="card"></div></div></body></html>');
      await page.addScriptTag({ path: RENDERER });
      await page.addScriptTag({ path: PAGE_SCRIPT });
      pages.set(theme, page);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.each(SUPPORTED_LOCALES.map((l) => [l]))('%s', (locale) => {
    const cards = allCards(locale);
    describe.each(THEMES.map((t) => [t]))('%s', (theme) => {
      it.each(Object.keys(cards))('%s renders without error and fits the card width', async (name) => {
        const page = pages.get(theme)!;
        const report = await page.evaluate(
          (args) => (globalThis as unknown as GalleryPage).renderForGallery(args.card, args.hostConfig),
          { card: cards[name]!.card, hostConfig: hostConfig(theme) },
        );
        await page.locator('#frame').screenshot({ path: join(OUT_DIR, `${name}.${locale}.${theme}.png`) });
        expect(report.problems).toEqual([]);
        expect(report.overflow).toEqual([]);
      });
    });
  });
});
