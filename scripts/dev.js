#!/usr/bin/env node
'use strict';
/**
 * Local development: the built bot plus the Microsoft 365 Agents Playground (Teams channel).
 *
 *   npm run dev        (builds first, then runs this script)
 *
 * Starts `node dist/src/index.js` in anonymous mode (no app id, no token checks) with SQLite under
 * ./data and the embedded Graph sandbox, waits for its /readyz, then starts the playground pointed at
 * it; the playground reads .m365agentsplayground.yml (a Fabrikam user). Output of both is prefixed.
 * Ctrl-C or SIGTERM stops both; if either exits on its own, the other is stopped and this exits non-zero.
 *
 * Settings: PORT (bot, default 3978), PLAYGROUND_PORT (default 56150); .env at the repository root
 * is loaded first (variables already set win).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const readline = require('node:readline');

const ROOT = path.resolve(__dirname, '..');
const BOT_ENTRY = path.join(ROOT, 'dist', 'src', 'index.js');
const READY_TIMEOUT_MS = 60_000;
const READY_POLL_MS = 250;
/** Longer than the bot's default SHUTDOWN_GRACE_MS (10 s): a child still running after this is killed. */
const STOP_TIMEOUT_MS = 15_000;

require('dotenv').config({ path: path.join(ROOT, '.env'), quiet: true });

function fail(message) {
  console.error(`[dev] ${message}`);
  process.exit(1);
}

function readPort(name, fallback) {
  const raw = (process.env[name] ?? '').trim() || String(fallback);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`${name} must be a port number between 1 and 65535, got "${raw}".`);
  return port;
}

function playgroundCli() {
  const pkgFile = require.resolve('@microsoft/m365agentsplayground/package.json');
  const { bin } = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  return path.join(path.dirname(pkgFile), bin.agentsplayground);
}

const botPort = readPort('PORT', 3978);
const playgroundPort = readPort('PLAYGROUND_PORT', 56150);
if (!fs.existsSync(BOT_ENTRY)) fail(`${path.relative(ROOT, BOT_ENTRY)} is missing: run "npm run dev" (it builds first) or "npm run build".`);

/** Running children by label; a child is removed when it exits. */
const children = new Map();
let stopping = false;
let exitCode = 0;

/** Starts a child in its own process group (so the terminal's Ctrl-C reaches only this script) and prefixes its output. */
function start(label, args, env) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const prefix = `[${label}] `;
  readline.createInterface({ input: child.stdout }).on('line', (line) => process.stdout.write(`${prefix}${line}\n`));
  readline.createInterface({ input: child.stderr }).on('line', (line) => process.stderr.write(`${prefix}${line}\n`));
  children.set(label, child);
  child.on('error', (error) => {
    console.error(`[dev] could not start the ${label}: ${error.message}`);
  });
  child.on('close', (code, signal) => {
    children.delete(label);
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (stopping) {
      console.log(`[dev] ${label} stopped (${how})`);
      if (label === 'bot' && code !== 0) exitCode = 1;
    } else {
      console.error(`[dev] ${label} exited unexpectedly (${how}); stopping the rest`);
      exitCode = 1;
      stopAll();
    }
    if (children.size === 0) process.exit(exitCode);
  });
  return child;
}

function stopAll() {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => {
    for (const [label, child] of children) {
      console.error(`[dev] ${label} did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`);
      child.kill('SIGKILL');
    }
  }, STOP_TIMEOUT_MS).unref();
  if (children.size === 0) process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (!stopping) console.log(`[dev] ${signal}: stopping the bot and the playground`);
    stopAll();
  });
}
// Last resort if this script itself crashes: never leave the detached children running.
process.on('exit', () => {
  for (const child of children.values()) child.kill('SIGKILL');
});

/** Whether GET url answers 2xx within a second. */
function isReady(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode >= 200 && res.statusCode < 300);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

async function waitForReady(url) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && !stopping) {
    if (await isReady(url)) return true;
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  return false;
}

function printBanner(port) {
  const url = `http://localhost:${port}`;
  const line = '='.repeat(url.length + 28);
  console.log(`\n${line}\n  Agents Playground ready: ${url}\n  Open it in your browser.\n${line}\n`);
}

/** Whether nothing listens on port yet (the bot binds 0.0.0.0). */
function isPortFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '0.0.0.0', () => probe.close(() => resolve(true)));
  });
}

async function main() {
  const botUrl = `http://127.0.0.1:${botPort}`;
  // Otherwise another process could answer /readyz for a bot that then fails to bind.
  if (!(await isPortFree(botPort))) fail(`port ${botPort} is already in use (another bot running?); stop it or set PORT.`);
  console.log(`[dev] starting the bot on ${botUrl} (anonymous mode, SQLite under ./data, sandbox on)`);
  start('bot', [BOT_ENTRY], {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(botPort),
    // Anonymous mode. Empty values are kept by dotenv, so .env cannot bring credentials back;
    // MultiTenant because botbuilder demands an app id and password for SingleTenant.
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppTenantId: '',
    MicrosoftAppType: 'MultiTenant',
    CertificateThumbprint: '',
    CertificatePrivateKey: '',
    STORAGE: 'sqlite',
    SQLITE_PATH: './data/bot.sqlite',
    SANDBOX: 'on',
  });

  if (!(await waitForReady(`${botUrl}/readyz`))) {
    if (stopping) return;
    console.error(`[dev] the bot was not ready at ${botUrl}/readyz within ${READY_TIMEOUT_MS / 1000} s; stopping`);
    exitCode = 1;
    stopAll();
    return;
  }
  console.log(`[dev] bot ready; starting the Agents Playground on port ${playgroundPort}`);
  console.log(`[dev] dashboard tab (sandbox sign-in): ${botUrl}/tab (add ?theme=dark or ?locale=fr-FR to try the others)`);

  const playground = start('playground', [
    playgroundCli(),
    '--app-endpoint', `${botUrl}/api/messages`,
    '--channel-id', 'msteams',
    '--port', String(playgroundPort),
    '--disable-telemetry',
  ], {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: 'none',
    // The playground writes its own log to ./devTools by default; keep it with the other local data.
    M365_AGENTS_PLAYGROUND_LOGFILE: path.join(ROOT, 'data', 'm365agentsplayground.log'),
  });
  // The playground falls back to a random port when the asked one is taken: announce the real one.
  let announced = false;
  readline.createInterface({ input: playground.stdout }).on('line', (line) => {
    const match = /^Listening on (\d+)$/.exec(line.trim());
    if (match && !announced) {
      announced = true;
      printBanner(match[1]);
    }
  });
}

main().catch((error) => {
  console.error(`[dev] ${error instanceof Error ? error.stack : String(error)}`);
  exitCode = 1;
  stopAll();
});
