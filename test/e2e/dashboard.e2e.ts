/**
 * The dashboard tab in headless Chromium against the built bot in sandbox mode, on a SQLite file seeded by
 * test/support/dashboardSeed.ts, signed in with the sandbox's development sign-in (outside Teams, as Sandbox Agent,
 * the seed's agent): every view renders with the seeded data in light and dark, English and French, with no
 * console error (the page runs under the tab's Content-Security-Policy); the theme follows a change live; the
 * queue filters and counts down.
 * Screenshots: docs/images/dashboard-<view>.<language>.<theme>.png (and the queue in high contrast).
 *
 * Run: node scripts/card-gallery.js test/e2e/dashboard.e2e.ts (after `npm run build`), or `npm run test:e2e`.
 * Needs the Debian chromium or CHROMIUM_PATH; never downloads a browser.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import en from '../../src/i18n/en.json';
import fr from '../../src/i18n/fr.json';
import { BOT_ENTRY, startBot, type BotProcess } from '../support/botProcess';
import { SEED_AGENTS, SEED_INCIDENT_ID, seedDashboardFile, type DashboardSeed } from '../support/dashboardSeed';

const ROOT = resolve(__dirname, '..', '..');
const OUT_DIR = resolve(ROOT, process.env.DASHBOARD_SCREENSHOT_DIR ?? join('docs', 'images'));
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const STRINGS = { en: en.dashboard, fr: fr.dashboard };
type View = 'queue' | 'charts' | 'escalations' | 'outages';
type Theme = 'light' | 'dark';

/** The Partner Center request the seed files for its escalated case. */
const SEED_REQUEST_ID = '2601020010000123';

/**
 * The built bot, sandbox on (Graph, Partner Center and Entra stand-ins, the development sign-in), anonymous, on a
 * free port, over a SQLite file seeded just before it starts. `stop()` stops it and removes the file.
 */
async function startDashboard(): Promise<{ baseUrl: string; seed: DashboardSeed; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'support-bot-dashboard-e2e-'));
  const sqlitePath = join(dir, 'bot.sqlite');
  const seed = await seedDashboardFile(sqlitePath);
  let bot: BotProcess;
  try {
    bot = await startBot({
      NODE_ENV: 'development', SANDBOX: 'on', STORAGE: 'sqlite', SQLITE_PATH: sqlitePath,
      // The sandbox's own agents' group (its Sandbox Agent is the development sign-in's user), anonymous bot as scripts/dev.js.
      AGENT_GROUP_IDS: '', MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', CertificateThumbprint: '', CertificatePrivateKey: '',
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    baseUrl: bot.url,
    seed,
    stop: async () => {
      await bot.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
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

describe('dashboard tab in Chromium (seeded bot, sandbox sign-in)', () => {
  let browser: Browser;
  let baseUrl: string;
  let seed: DashboardSeed;
  let stop: () => Promise<void>;
  /** The seed's open cases by what tells them apart (their order in test/support/dashboardSeed.ts). */
  let cases: { breachedFabrikam: string; escalatedFabrikam: string; dueSoonContoso: string; waitingContoso: string };

  beforeAll(async () => {
    if (!existsSync(BOT_ENTRY)) throw new Error('dist/src/index.js is missing: run "npm run build" first');
    if (!existsSync(join(ROOT, 'dist', 'web', 'dashboard', 'index.html'))) throw new Error('dist/web/dashboard is missing: run "npm run build" first');
    mkdirSync(OUT_DIR, { recursive: true });
    ({ baseUrl, seed, stop } = await startDashboard());
    const [breachedFabrikam, escalatedFabrikam, dueSoonContoso, waitingContoso] = seed.openCaseIds as [string, string, string, string];
    cases = { breachedFabrikam, escalatedFabrikam, dueSoonContoso, waitingContoso };
    expect(seed.openCaseIds).toHaveLength(4);
    expect(seed.escalatedCaseId).toBe(escalatedFabrikam);
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await stop?.();
  });

  describe.each([['en-US', 'en'], ['fr-FR', 'fr']] as const)('%s', (locale, language) => {
    const text = STRINGS[language];
    it.each(['light', 'dark'] as const)('%s: every view renders with the seeded data, without a console error', async (theme) => {
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

        // The queue: the seed's four open cases, soonest SLA first (the breached Fabrikam case on top), each with its thread.
        const queue = panel('queue');
        await queue.getByRole('rowheader', { name: cases.breachedFabrikam }).waitFor();
        expect(await queue.locator('tbody th[scope=row]').allInnerTexts())
          .toEqual([cases.breachedFabrikam, cases.dueSoonContoso, cases.escalatedFabrikam, cases.waitingContoso]);
        expect(await queue.locator('tbody tr').first().locator('.sla').innerText()).toMatch(new RegExp(`^⚠ ${text.queue.breached.replace('{{time}}', '1 h \\d{2} min')}$`));
        expect(await queue.getByRole('row').filter({ hasText: cases.escalatedFabrikam }).getByText(SEED_AGENTS.sandbox.name).count()).toBe(1);
        expect(await queue.getByRole('row').filter({ hasText: cases.waitingContoso }).getByText(SEED_AGENTS.second.name).count()).toBe(1);
        await expect(queue.getByRole('link', { name: text.queue.openThreadOf.replace('{{caseId}}', cases.breachedFabrikam) }).getAttribute('href'))
          .resolves.toMatch(/^https:\/\/teams\.microsoft\.com\/l\/message\//);
        expect(await queue.getByRole('button', { name: text.queue.more }).count()).toBe(0);
        await shot('queue');

        // Charts: opened and resolved per day, first-response percentiles, satisfaction (the seed's ratings 5 and 3).
        await tab('charts').click();
        await panel('charts').locator('canvas').nth(2).waitFor();
        expect(await panel('charts').locator('canvas').count()).toBe(3);
        expect(await panel('charts').getByText(text.charts.csatTitle).count()).toBeGreaterThan(0);
        // The seed: four cases answered in the window, two ratings (5 and 3).
        expect(await panel('charts').getByText(text.charts.firstResponseCount.replace('{{count}}', '4'), { exact: true }).count()).toBe(1);
        expect(await panel('charts').getByText(text.charts.csatAverage.replace('{{average}}', '4').replace('{{count}}', '2'), { exact: true }).count()).toBe(1);
        const drawn = await panel('charts').locator('canvas').evaluateAll((canvases) => canvases.every((c) => (c as unknown as { width: number }).width > 0));
        expect(drawn).toBe(true);
        await shot('charts');

        // Escalations: the Partner Center request filed for the escalated case.
        await tab('escalations').click();
        const escalation = panel('escalations').getByRole('row').filter({ has: page.getByRole('rowheader', { name: seed.escalatedCaseId }) });
        await escalation.waitFor();
        expect(await panel('escalations').locator('tbody tr').count()).toBe(1);
        expect(await escalation.getByText(SEED_REQUEST_ID).count()).toBe(1);
        expect(await escalation.getByText(text.escalations.partnerCenter).count()).toBe(1);
        expect(await escalation.getByText(text.escalations.statuses.open).count()).toBe(1);
        await shot('escalations');

        // The outage map: the seeded Exchange incident at Fabrikam, told to two conversations, with its two open cases.
        await tab('outages').click();
        await panel('outages').getByText(SEED_INCIDENT_ID).waitFor();
        const fabrikam = panel('outages').getByRole('row').filter({ hasText: SEED_INCIDENT_ID });
        expect(await fabrikam.locator('td').allInnerTexts()).toEqual(['Fabrikam', '2', `${cases.breachedFabrikam}\n${cases.escalatedFabrikam}`]);
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
      await page.locator('#panel-queue').getByRole('rowheader', { name: cases.breachedFabrikam }).waitFor();
      expect(await page.locator('html').getAttribute('data-theme')).toBe('contrast');
      await page.screenshot({ path: join(OUT_DIR, 'dashboard-queue.en.contrast.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('filters the queue by severity, customer, state and owner, and counts the SLA down every second', async () => {
    const { context, page, errors } = await openPage(browser, 'en-US', 'light');
    try {
      await page.goto(`${baseUrl}/tab?theme=default&locale=en-US`);
      const queue = page.locator('#panel-queue');
      const rows = queue.locator('tbody th[scope=row]');
      const shown = (what: string, caseIds: string[]) => until(what, async () => JSON.stringify(await rows.allInnerTexts()) === JSON.stringify(caseIds));
      await shown('the four open cases', [cases.breachedFabrikam, cases.dueSoonContoso, cases.escalatedFabrikam, cases.waitingContoso]);

      // "Me" is the signed-in Sandbox Agent, who took the escalated Fabrikam case in the seed.
      await queue.getByLabel(STRINGS.en.filters.owner, { exact: true }).selectOption({ label: STRINGS.en.filters.me });
      await shown('the case the signed-in agent owns', [cases.escalatedFabrikam]);
      await queue.getByLabel(STRINGS.en.filters.owner, { exact: true }).selectOption({ label: STRINGS.en.filters.all });
      await queue.getByLabel(STRINGS.en.filters.state, { exact: true }).selectOption('waitingForCustomer');
      await shown('the case waiting for the customer', [cases.waitingContoso]);
      await queue.getByLabel(STRINGS.en.filters.state, { exact: true }).selectOption({ label: STRINGS.en.filters.all });
      await queue.getByLabel(STRINGS.en.filters.severity, { exact: true }).selectOption('critical');
      await shown('the two critical cases', [cases.breachedFabrikam, cases.dueSoonContoso]);
      await queue.getByLabel(STRINGS.en.filters.owner, { exact: true }).selectOption({ label: STRINGS.en.filters.unassigned });
      await shown('the two unassigned critical cases', [cases.breachedFabrikam, cases.dueSoonContoso]);
      await queue.getByLabel(STRINGS.en.filters.customer, { exact: true }).selectOption({ label: 'Contoso Pharma' });
      await shown('the critical Contoso Pharma case', [cases.dueSoonContoso]);

      // Opened half an hour before the seed with a one-hour SLA: due in minutes and seconds, ticking.
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
