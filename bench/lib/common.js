'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { randomUUID } = require('node:crypto');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist', 'src');
const RESULTS = path.join(ROOT, 'bench', 'results');
const FABRIKAM = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';
const BOT = { id: '28:bot-app-id', name: 'Support Triage' };

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0] ? cpus[0].model : 'unknown', cores: cpus.length, node: process.version,
    loadAvg1m: +os.loadavg()[0].toFixed(2), platform: `${os.platform()} ${os.release()}`, memoryGiB: Math.round(os.totalmem() / 2 ** 30), date: new Date().toISOString(),
  };
}

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const r1 = (x) => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x * 10) / 10 : x);

/** Prints rows (objects with the same keys) as a Markdown table and returns it. */
function table(rows) {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]);
  const lines = [`| ${keys.join(' | ')} |`, `|${keys.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${keys.map((k) => String(r1(row[k]))).join(' | ')} |`);
  return lines.join('\n');
}

function writeResult(name, result) {
  fs.mkdirSync(RESULTS, { recursive: true });
  const full = { name, machine: machine(), ...result };
  fs.writeFileSync(path.join(RESULTS, `${name}.json`), `${JSON.stringify(full, null, 2)}\n`);
  console.log(`\n## ${name}\n\n${result.table}\n`);
  return full;
}

/** A pino logger at info writing to /dev/null: the app pays for its logging, the terminal does not fill up. */
function quietLogger() {
  const pino = require(path.join(ROOT, 'node_modules', 'pino'));
  return pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
}

/** Starts our app in-process (memory storage unless told) with env overrides. */
async function startOurApp(env = {}) {
  const { loadConfig } = require(path.join(DIST, 'config.js'));
  const { startApp } = require(path.join(DIST, 'app.js'));
  const config = loadConfig({ NODE_ENV: 'development', PORT: '0', STORAGE: 'memory', SANDBOX: 'on', LOG_LEVEL: 'info', ...env });
  return startApp(config, { logger: quietLogger() });
}

/** Storage kinds a benchmark runs with: the comma list in env `name`, else sqlite (the default of `npm start`) and memory. */
function storagesFrom(name) {
  return (process.env[name] ?? 'sqlite,memory').split(',').map((s) => s.trim()).filter(Boolean);
}

/** App settings for a storage kind; `sqlite` gets a fresh file in a temp directory, which `cleanUp` removes. */
function storageSettings(storage) {
  if (storage !== 'sqlite') return { env: { STORAGE: storage }, dir: undefined, cleanUp: () => undefined };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sqlite-'));
  return { env: { STORAGE: storage, SQLITE_PATH: path.join(dir, 'bot.sqlite') }, dir, cleanUp: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A Teams-shaped personal message from a new user (distinct user, conversation and activity id). */
function personalMessage(serviceUrl, tenantId, text, user) {
  const u = user ?? newUser(tenantId);
  return {
    id: `${Date.now()}${Math.floor(Math.random() * 1e9)}`,
    type: 'message', channelId: 'msteams', serviceUrl, timestamp: new Date().toISOString(),
    from: { id: u.id, name: 'Bench User', aadObjectId: u.aadObjectId },
    recipient: BOT,
    conversation: { id: u.conversationId, conversationType: 'personal', tenantId },
    locale: 'en-US', text, textFormat: 'plain',
    entities: [{ type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/Paris' }],
    channelData: { tenant: { id: tenantId } },
  };
}

function newUser(tenantId) {
  const id = randomUUID();
  return { id: `29:${id}`, aadObjectId: randomUUID(), conversationId: `a:${id}`, tenantId };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** POSTs JSON, resolves { status, ms }. */
function post(url, body) {
  const started = process.hrtime.bigint();
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': data.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('error', (err) => resolve({ status: 0, error: err.message, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    req.end(data);
  });
}

/** Runs `work(i)` for i in [0, n) with at most `concurrency` at once. */
async function pool(n, concurrency, work) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, concurrency) }, async () => {
    while (next < n) await work(next++);
  }));
}

/** Writes a customer directory of `count` generated tenants (plus the shipped ones) to a temp file. */
function writeDirectory(tenantIds) {
  const shipped = JSON.parse(fs.readFileSync(path.join(ROOT, 'config', 'customers.json'), 'utf8'));
  const template = shipped[0];
  const entries = tenantIds.map((tenantId, i) => ({ ...structuredClone(template), tenantId, name: `Bench Customer ${i}`, defaultDomain: `bench${i}.onmicrosoft.com` }));
  const file = path.join(os.tmpdir(), `bench-customers-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify([...shipped, ...entries]));
  return file;
}

/** A deterministic tenant GUID for index i. */
function tenantGuid(i) {
  const hex = (i + 1).toString(16).padStart(12, '0');
  return `be0c0000-0000-4000-8000-${hex}`;
}

module.exports = { ROOT, DIST, RESULTS, FABRIKAM, BOT, machine, storagesFrom, storageSettings, percentile, table, writeResult, quietLogger, startOurApp, personalMessage, newUser, post, pool, writeDirectory, tenantGuid, r1 };
