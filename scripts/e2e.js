#!/usr/bin/env node
'use strict';
/**
 * End-to-end walk in a real client: the built bot, the Microsoft 365 Agents Playground (Teams channel) and
 * headless Chromium driven by playwright-core. `npm run test:e2e` (after `npm run build`).
 *
 *   1. starts `dist/src/index.js` in anonymous mode, SQLite in a temp dir, the embedded Graph and
 *      Partner Center sandbox on, on a free port, and waits for /readyz;
 *   2. starts a small locale proxy in this process in front of it (see below);
 *   3. starts the playground (its bin from node_modules, TEAMSAPPTESTER_BROWSER=none, --disable-telemetry,
 *      a free port, cwd = the repository root so it reads .m365agentsplayground.yml: a Fabrikam user);
 *   4. launches the Debian `chromium` (never a Playwright download) and walks a customer through the
 *      welcome card, a French triage (typed description, a card button's answer, a typed answer), the
 *      health and matching-incident cards (EX1093214), the incident card's "Oui, c'est mon problème"
 *      button, then "Parler à un agent" until the case number shows;
 *   5. asserts on text visible on the page and saves a screenshot of each step under docs/images/;
 *   6. then runs the card gallery (scripts/card-gallery.js), whatever the walk's outcome;
 *   7. then the dashboard tab (test/e2e/dashboard.e2e.ts through the same jest runner): every view in light and
 *      dark, English and French, screenshots docs/images/dashboard-*.png.
 * Exits non-zero when any part fails (keeping the walk's temp dir with the logs and a failure screenshot) and
 * always stops the bot, the playground and the browser. `--no-walk`, `--no-gallery`, `--no-dashboard` skip a part.
 *
 * Locale: the playground has no locale setting and stamps every activity "en-US". A French Teams client
 * sends `locale: "fr-FR"` (and the same in its clientInfo entity), so the playground talks to the bot
 * through a proxy that rewrites those two fields to E2E_LOCALE and changes nothing else. E2E_LOCALE=en-US
 * walks the same journey in English.
 *
 * Settings (environment): E2E_LOCALE (fr-FR | en-US, default fr-FR), CHROMIUM_PATH (default: `which chromium`),
 * E2E_SCREENSHOT_DIR (default docs/images), E2E_TIMEOUT_MS (whole run, default 180000),
 * E2E_STEP_TIMEOUT_MS (one visible-text wait, default 20000).
 */
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const BOT_ENTRY = path.join(ROOT, 'dist', 'src', 'index.js');
const LOCALE = (process.env.E2E_LOCALE || 'fr-FR').trim();
const SCREENSHOT_DIR = path.resolve(ROOT, process.env.E2E_SCREENSHOT_DIR || path.join('docs', 'images'));
const RUN_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 180_000);
const STEP_TIMEOUT_MS = Number(process.env.E2E_STEP_TIMEOUT_MS || 20_000);
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** What the walk types, clicks and expects, per language (the bot's own strings, src/i18n/*.json). */
const SCRIPT = {
  fr: {
    welcome: "Bonjour, je suis l'assistant support de Contoso Cloud Services",
    problem: 'Outlook ne reçoit plus de mails depuis ce matin',
    askUsers: "Combien d'utilisateurs sont touchés ?",
    usersButton: 'Tout le monde',
    askSeverity: "Quel est l'impact sur votre travail ?",
    severityTyped: 'critique',
    healthTitle: 'État des services Microsoft 365 pour Fabrikam',
    incidentTitle: 'Microsoft connaît un problème qui ressemble au vôtre',
    confirmButton: "Oui, c'est mon problème",
    confirmed: /Microsoft travaille sur EX1093214/,
    agentButton: 'Parler à un agent',
    caseOpened: /Votre cas C-\d+ est enregistré/,
  },
  en: {
    welcome: "Hello, I'm the Contoso Cloud Services support assistant",
    problem: 'Outlook stopped receiving email this morning',
    askUsers: 'How many users are affected?',
    usersButton: 'Everyone',
    askSeverity: 'What is the impact on your work?',
    severityTyped: 'critical',
    healthTitle: 'Microsoft 365 service health for Fabrikam',
    incidentTitle: 'Microsoft knows about an issue that looks like yours',
    confirmButton: 'Yes, this is my problem',
    confirmed: /Microsoft is working on EX1093214/,
    agentButton: 'Talk to an agent',
    caseOpened: /Your case C-\d+ is recorded/,
  },
};

const log = (message) => console.log(`[e2e] ${message}`);

class StepError extends Error {}

/** A port nothing listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim().split('\n')[0];
  } catch {
    throw new StepError('chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH). Playwright never downloads a browser here.');
  }
}

function playgroundCli() {
  const pkgFile = require.resolve('@microsoft/m365agentsplayground/package.json');
  const { bin } = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  return path.join(path.dirname(pkgFile), bin.agentsplayground);
}

/** Running children (each the leader of its own process group), stopped by stopChildren(). */
const children = new Map();

function startChild(label, args, { env, cwd, logFile }) {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  children.set(label, child);
  child.on('exit', (code, signal) => {
    children.delete(label);
    if (!stopping) log(`${label} exited on its own (${signal ? `signal ${signal}` : `code ${code}`})`);
  });
  return child;
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try { child.kill(signal); } catch { /* already gone */ }
  }
}

let stopping = false;
async function stopChildren() {
  stopping = true;
  const running = [...children.entries()];
  await Promise.all(running.map(([label, child]) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
    const timer = setTimeout(() => {
      log(`${label} did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`);
      killGroup(child, 'SIGKILL');
    }, STOP_TIMEOUT_MS);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    killGroup(child, 'SIGTERM');
  })));
}

/** Last resort if this script dies some other way: never leave the detached children running. */
process.on('exit', () => {
  for (const child of children.values()) killGroup(child, 'SIGKILL');
});

function httpGetOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode >= 200 && res.statusCode < 300);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new StepError(`${what} not ready within ${timeoutMs / 1000} s`);
}

/** Rewrites the locale a client claims (activity.locale and the clientInfo entity); nothing else changes. */
function withLocale(body, locale) {
  let activity;
  try {
    activity = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  if (!activity || typeof activity !== 'object') return body;
  activity.locale = locale;
  if (Array.isArray(activity.entities)) {
    for (const entity of activity.entities) if (entity && entity.type === 'clientInfo') entity.locale = locale;
  }
  return Buffer.from(JSON.stringify(activity), 'utf8');
}

/** In-process HTTP proxy to the bot that stamps the locale on every activity (see the header). */
function startLocaleProxy(target, locale) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.method === 'POST' && /json/i.test(req.headers['content-type'] ?? '') ? withLocale(raw, locale) : raw;
      const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
      const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`e2e locale proxy: ${error.message}`);
      });
      upstream.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

/**
 * The walk itself: each step waits for visible text, then saves a screenshot.
 *
 * The triage questions are Adaptive Cards whose buttons are Action.Submit carrying the label, which the bot reads
 * as if it had been typed: the walk clicks one answer and types the other.
 */
async function walk(page, text, shot) {
  const visible = async (what, locator) => {
    try {
      await locator.first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    } catch {
      throw new StepError(`not visible on the page: ${what}`);
    }
  };
  const card = (hasText) => page.locator('.ac-adaptiveCard', { hasText });
  const exactly = (value) => new RegExp(`^\\s*${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const button = (scope, name) => scope.locator('button', { hasText: exactly(name) }).last();
  const compose = page.locator('[data-lexical-editor="true"]');
  const say = async (message) => {
    await compose.click();
    await compose.pressSequentially(message, { delay: 5 });
    await page.keyboard.press('Enter');
    await visible(`the sent message "${message}"`, page.getByText(message, { exact: true }));
  };

  log('step 1: the welcome card');
  await visible('the welcome card', card(text.welcome));
  await shot('01-welcome');

  log(`step 2: describe the problem ("${text.problem}")`);
  await say(text.problem);
  const usersCard = card(text.askUsers).last();
  await visible(`the question card "${text.askUsers}"`, usersCard);
  await visible(`the card button "${text.usersButton}"`, button(usersCard, text.usersButton));
  await shot('02-triage-question');

  log(`step 3: click the card button "${text.usersButton}", then type "${text.severityTyped}"`);
  await button(usersCard, text.usersButton).click();
  await visible(`the question card "${text.askSeverity}"`, card(text.askSeverity).last());
  await shot('03-triage-severity');
  await say(text.severityTyped);

  log('step 4: the health summary and the matching incident (EX1093214)');
  const health = card(text.healthTitle).last();
  await visible('the health summary card', health);
  await health.scrollIntoViewIfNeeded();
  await health.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await shot('04-health-summary');
  const incident = card(text.incidentTitle).last();
  await visible('the matching-incident card', incident);
  await visible('incident EX1093214 on the incident card', incident.getByText(/EX1093214/));
  await visible(`the card button "${text.agentButton}"`, button(page, text.agentButton));
  log('step 5: the matching-incident card');
  await incident.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await shot('05-incident-match');

  log(`step 6: click "${text.confirmButton}" on the incident card`);
  await button(incident, text.confirmButton).click();
  await visible('the incident confirmation', page.getByText(text.confirmed));
  await shot('06-incident-confirmed');

  log(`step 7: click "${text.agentButton}"`);
  await button(page, text.agentButton).click();
  const opened = page.getByText(text.caseOpened);
  await visible('the case number', opened);
  const caseLine = (await opened.first().innerText()).trim();
  await opened.first().scrollIntoViewIfNeeded();
  await shot('07-case-opened');
  log(`case opened: ${caseLine}`);
}

async function main() {
  const language = LOCALE.toLowerCase().split(/[-_]/)[0];
  const text = SCRIPT[language];
  if (!text) throw new StepError(`E2E_LOCALE must be fr-FR or en-US, got "${LOCALE}"`);
  if (!fs.existsSync(BOT_ENTRY)) throw new StepError(`${path.relative(ROOT, BOT_ENTRY)} is missing: run "npm run build" first.`);
  const executablePath = chromiumPath();
  // playwright-core has no browser download of its own, but make sure nothing tries.
  process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
  const { chromium } = require('playwright-core');

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'support-bot-e2e-'));
  const botLog = path.join(workDir, 'bot.log');
  const playgroundLog = path.join(workDir, 'playground.log');
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  let browser;
  let proxy;
  let page;
  let ok = false;
  const watchdog = setTimeout(() => {
    console.error(`[e2e] FAILED: the run took longer than ${RUN_TIMEOUT_MS / 1000} s`);
    process.exitCode = 1;
    cleanup().finally(() => process.exit(1));
  }, RUN_TIMEOUT_MS);

  async function cleanup() {
    clearTimeout(watchdog);
    if (browser) await browser.close().catch(() => {});
    browser = undefined;
    if (proxy) await new Promise((resolve) => { proxy.closeAllConnections?.(); proxy.close(() => resolve()); });
    proxy = undefined;
    await stopChildren();
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      log(`${signal}: stopping`);
      cleanup().finally(() => process.exit(1));
    });
  }

  try {
    const botPort = await freePort();
    const botUrl = `http://127.0.0.1:${botPort}`;
    log(`bot on ${botUrl} (anonymous, SQLite in ${workDir}, sandbox on)`);
    startChild('bot', [BOT_ENTRY], {
      cwd: ROOT,
      logFile: botLog,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(botPort),
        LOG_LEVEL: process.env.LOG_LEVEL || 'info',
        // Anonymous mode, as scripts/dev.js: no app id, no inbound token check (empty values beat a .env).
        MicrosoftAppId: '',
        MicrosoftAppPassword: '',
        MicrosoftAppTenantId: '',
        MicrosoftAppType: 'MultiTenant',
        CertificateThumbprint: '',
        CertificatePrivateKey: '',
        STORAGE: 'sqlite',
        SQLITE_PATH: path.join(workDir, 'bot.sqlite'),
        SANDBOX: 'on',
      },
    });
    await waitFor('the bot (/readyz)', async () => {
      if (!children.has('bot')) throw new StepError(`the bot exited during start-up:\n${tail(botLog)}`);
      return httpGetOk(`${botUrl}/readyz`);
    }, READY_TIMEOUT_MS);

    proxy = await startLocaleProxy(new URL(botUrl), LOCALE);
    const endpoint = `http://127.0.0.1:${proxy.address().port}/api/messages`;
    log(`locale proxy ${endpoint} → ${botUrl} (locale ${LOCALE})`);

    const askedPort = await freePort();
    startChild('playground', [
      playgroundCli(), '--app-endpoint', endpoint, '--channel-id', 'msteams', '--port', String(askedPort), '--disable-telemetry',
    ], {
      cwd: ROOT, // .m365agentsplayground.yml: the Fabrikam user and tenant
      logFile: playgroundLog,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_LOGFILE: path.join(workDir, 'm365agentsplayground.log') },
    });
    // It falls back to another port when the asked one is taken: read the one it announces.
    let playgroundPort;
    await waitFor('the Agents Playground', async () => {
      if (!children.has('playground')) throw new StepError(`the playground exited during start-up:\n${tail(playgroundLog)}`);
      const match = /Listening on (\d+)/.exec(tail(playgroundLog, 200));
      playgroundPort = match ? Number(match[1]) : undefined;
      return playgroundPort !== undefined && httpGetOk(`http://127.0.0.1:${playgroundPort}/`);
    }, READY_TIMEOUT_MS);
    const playgroundUrl = `http://127.0.0.1:${playgroundPort}/`;
    log(`playground on ${playgroundUrl}; chromium ${executablePath}`);

    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: LOCALE, deviceScaleFactor: 1 });
    page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(playgroundUrl, { waitUntil: 'load' });
    // The log panel is useful to a developer, noise in a screenshot: close it when it is there.
    const closeLog = page.locator('text=Log Panel').locator('xpath=..').getByRole('button').last();
    if (await closeLog.isVisible().catch(() => false)) await closeLog.click().catch(() => {});

    const shot = async (name) => {
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.waitForTimeout(400); // let the chat settle its scroll and fonts
      await page.screenshot({ path: file });
      log(`  screenshot ${path.relative(ROOT, file)}`);
    };
    await walk(page, text, shot);
    if (pageErrors.length > 0) log(`page errors (not failing the walk): ${pageErrors.join(' | ')}`);
    ok = true;
    log(`PASSED (${LOCALE})`);
  } catch (error) {
    console.error(`[e2e] FAILED: ${error instanceof StepError ? error.message : error.stack ?? error}`);
    if (page) {
      await page.screenshot({ path: path.join(workDir, 'failure.png') }).catch(() => {});
      await page.content().then((html) => fs.writeFileSync(path.join(workDir, 'failure.html'), html), () => {});
    }
    console.error(`[e2e] bot log (last lines):\n${tail(botLog)}`);
    console.error(`[e2e] playground log (last lines):\n${tail(playgroundLog, 20)}`);
    console.error(`[e2e] logs, failure.png and failure.html kept in ${workDir}`);
  } finally {
    await cleanup();
    if (ok) fs.rmSync(workDir, { recursive: true, force: true });
  }
  return ok;
}

/**
 * One browser suite of test/e2e/ (jest + Chromium, through scripts/card-gallery.js's runner), as a child so its
 * output streams through.
 */
function runSuite(label, suite) {
  log(`${label}: node scripts/card-gallery.js ${suite}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'card-gallery.js'), suite], { cwd: ROOT, stdio: 'inherit' });
    children.set(label, child);
    child.on('error', (error) => { log(`could not start the ${label}: ${error.message}`); resolve(false); });
    child.on('exit', (code, signal) => { children.delete(label); resolve(!signal && code === 0); });
  });
}

async function run() {
  const args = process.argv.slice(2);
  const walkOk = args.includes('--no-walk') ? true : await main();
  stopping = false;
  const galleryOk = args.includes('--no-gallery') ? true : await runSuite('card gallery', 'test/e2e/cardGallery.e2e.ts');
  const dashboardOk = args.includes('--no-dashboard') ? true : await runSuite('dashboard tab', 'test/e2e/dashboard.e2e.ts');
  const failed = [[walkOk, 'the walk'], [galleryOk, 'the card gallery'], [dashboardOk, 'the dashboard tab']]
    .filter(([ok]) => !ok).map(([, name]) => name);
  if (failed.length > 0) {
    console.error(`[e2e] FAILED: ${failed.join(', ')}`);
    return false;
  }
  return true;
}

run().then((ok) => process.exit(ok ? 0 : 1), (error) => {
  console.error(`[e2e] FAILED: ${error instanceof StepError ? error.message : error.stack ?? error}`);
  process.exit(1);
});
