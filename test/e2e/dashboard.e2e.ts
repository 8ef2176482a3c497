/**
 * The dashboard tab in headless Chromium, signed in with the sandbox's development sign-in (outside Teams): every
 * view renders with data in light and dark, English and French, with no console error (the page runs under the
 * tab's Content-Security-Policy); the theme follows a change live; the queue filters, pages and counts down.
 * Screenshots: docs/images/dashboard-<view>.<language>.<theme>.png (and the queue in high contrast).
 *
 * Run: node scripts/card-gallery.js test/e2e/dashboard.e2e.ts (after `npm run build`), or `npm run test:e2e`.
 * Needs the Debian chromium or CHROMIUM_PATH; never downloads a browser.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import en from '../../src/i18n/en.json';
import fr from '../../src/i18n/fr.json';
import { startDashboardFixture } from './dashboardFixture';

const ROOT = resolve(__dirname, '..', '..');
const OUT_DIR = resolve(ROOT, process.env.DASHBOARD_SCREENSHOT_DIR ?? join('docs', 'images'));
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const STRINGS = { en: en.dashboard, fr: fr.dashboard };
type View = 'queue' | 'charts' | 'escalations' | 'outages';
type Theme = 'light' | 'dark';

/**
 * Where the tab is served. Today: the contract's stand-in (test/e2e/dashboardFixture.ts). At merge, the one thing
 * to change: start the built bot in sandbox mode and seed it with test/support/dashboardSeed.ts instead.
 */
async function startDashboard(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  return startDashboardFixture();
}

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim().split('\n')[0] ?? '';
  } catch {
    throw new Error('chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH)');
  }
}

/** A fresh browser context and page that records console errors and uncaught exceptions. */
async function openPage(browser: Browser, locale: string, colorScheme: Theme): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, colorScheme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/**
 * Waits until `check` holds (polled: the tab's CSP forbids the string evaluation `page.waitForFunction` uses).
 */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('dashboard tab in Chromium (sandbox sign-in)', () => {
  let browser: Browser;
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'web', 'dashboard', 'index.html'))) throw new Error('dist/web/dashboard is missing: run "npm run build" first');
    mkdirSync(OUT_DIR, { recursive: true });
    ({ baseUrl, stop } = await startDashboard());
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await stop?.();
  });

  describe.each([['en-US', 'en'], ['fr-FR', 'fr']] as const)('%s', (locale, language) => {
    const text = STRINGS[language];
    it.each(['light', 'dark'] as const)('%s: every view renders with data, without a console error', async (theme) => {
      const { context, page, errors } = await openPage(browser, locale, theme);
      try {
        await page.goto(`${baseUrl}/tab?theme=${theme === 'light' ? 'default' : 'dark'}&locale=${locale}`);
        await page.getByRole('heading', { level: 1, name: text.title }).waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        expect(await page.locator('html').getAttribute('data-theme')).toBe(theme === 'light' ? 'default' : 'dark');

        const tab = (view: View) => page.getByRole('tab', { name: text.tabs[view] });
        const panel = (view: View) => page.locator(`#panel-${view}`);
        const shot = async (view: View) => {
          await page.screenshot({ path: join(OUT_DIR, `dashboard-${view}.${language}.${theme}.png`), fullPage: true });
        };

        await panel('queue').getByRole('rowheader', { name: 'C-1042' }).waitFor();
        expect(await panel('queue').locator('tbody tr').count()).toBe(5);
        await expect(panel('queue').getByRole('link', { name: text.queue.openThreadOf.replace('{{caseId}}', 'C-1042') }).getAttribute('href'))
          .resolves.toMatch(/^https:\/\/teams\.microsoft\.com\/l\/message\//);
        await shot('queue');

        await tab('charts').click();
        await panel('charts').locator('canvas').nth(2).waitFor();
        expect(await panel('charts').locator('canvas').count()).toBe(3);
        expect(await panel('charts').getByText(text.charts.csatTitle).count()).toBeGreaterThan(0);
        const drawn = await panel('charts').locator('canvas').evaluateAll((canvases) => canvases.every((c) => (c as unknown as { width: number }).width > 0));
        expect(drawn).toBe(true);
        await shot('charts');

        await tab('escalations').click();
        await panel('escalations').getByRole('rowheader', { name: 'C-1038' }).waitFor();
        expect(await panel('escalations').getByText(text.escalations.pending).count()).toBe(1);
        await shot('escalations');

        await tab('outages').click();
        await panel('outages').getByText('EX1093214').waitFor();
        expect(await panel('outages').locator('tbody tr').count()).toBe(3);
        await shot('outages');

        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  it('follows a theme change live, without a reload', async () => {
    const { context, page, errors } = await openPage(browser, 'en-US', 'light');
    try {
      await page.goto(`${baseUrl}/tab`);
      await page.getByRole('tab', { name: STRINGS.en.tabs.charts }).click();
      await page.locator('#panel-charts canvas').first().waitFor();
      const background = () => page.evaluate('getComputedStyle(document.body).backgroundColor');
      const light = await background();
      expect(await page.locator('html').getAttribute('data-theme')).toBe('default');
      await page.emulateMedia({ colorScheme: 'dark' });
      await until('the dark theme', async () => (await page.locator('html').getAttribute('data-theme')) === 'dark');
      expect(await background()).not.toBe(light);
      await page.locator('#panel-charts canvas').first().waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('renders in Teams\' high contrast theme', async () => {
    const { context, page, errors } = await openPage(browser, 'en-US', 'dark');
    try {
      await page.goto(`${baseUrl}/tab?theme=contrast&locale=en-US`);
      await page.locator('#panel-queue').getByRole('rowheader', { name: 'C-1042' }).waitFor();
      expect(await page.locator('html').getAttribute('data-theme')).toBe('contrast');
      await page.screenshot({ path: join(OUT_DIR, 'dashboard-queue.en.contrast.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('filters the queue, shows the next page, and counts the SLA down every second', async () => {
    const { context, page, errors } = await openPage(browser, 'en-US', 'light');
    try {
      await page.goto(`${baseUrl}/tab?theme=default&locale=en-US`);
      const queue = page.locator('#panel-queue');
      await queue.getByRole('rowheader', { name: 'C-1042' }).waitFor();

      await queue.getByRole('button', { name: STRINGS.en.queue.more }).click();
      await queue.getByRole('rowheader', { name: 'C-1051' }).waitFor();
      expect(await queue.locator('tbody tr').count()).toBe(6);

      await queue.getByLabel(STRINGS.en.filters.severity).selectOption('high');
      const rows = queue.locator('tbody tr');
      await until('two high-severity cases', async () => (await rows.count()) === 2);
      await queue.getByLabel(STRINGS.en.filters.owner).selectOption({ label: STRINGS.en.filters.unassigned });
      await until('one unassigned high-severity case', async () => (await rows.count()) === 1);
      await queue.getByRole('rowheader', { name: 'C-1050' }).waitFor();

      const sla = queue.locator('tbody tr .sla').first();
      const before = await sla.innerText();
      expect(before).toMatch(/^Due in \d+ min \d{2} s$/);
      await until('the SLA countdown ticks', async () => (await sla.innerText()) !== before, 3000);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
