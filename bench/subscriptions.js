'use strict';
/**
 * subscriptions: 10,000 personal installs in one tenant, each given the directory's default notification services
 * (SubscriptionStore.applyDefaults, as app.ts does on install), through the production store (dist/src/notifications)
 * over the storage `createStorage` builds (SQLite on a fresh file, memory). Per batch of 500: wall ms, CPU ms, bytes
 * read and written per install, largest item written; then one outage fan-out read of every subscriber
 * (SubscriptionStore.list). Goal: the cost of an install does not grow with the number of subscribers.
 * BENCH_SUBSCRIBERS (default 10000), BENCH_SUBSCRIPTION_STORAGES (default sqlite,memory); stops a storage's run
 * after 120 s. BENCH_DIST runs another build (e.g. an older commit's dist/src) for a before/after.
 */
const path = require('node:path');
const { DIST: DEFAULT_DIST, storageSettings, storagesFrom, table, writeResult } = require('./lib/common');

const DIST = process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : DEFAULT_DIST;
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const BATCH = 500;
const STORAGES = storagesFrom('BENCH_SUBSCRIPTION_STORAGES');
const TIME_CAP_MS = 120_000;
const TENANT = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';
const DEFAULT_SERVICES = ['Exchange Online', 'Microsoft Teams', 'SharePoint Online'];
/** Goal: bytes read + written per install, whatever the number of subscribers (a full 64-id index page read twice and written once, the subscriber item, the index meta). */
const BYTES_PER_INSTALL_GOAL = 32 * 1024;

/** Wraps a Storage to count the JSON bytes read and written and the largest item written. */
function counting(inner) {
  const stats = { read: 0, written: 0, largestItem: 0 };
  return {
    stats,
    storage: {
      async read(keys) {
        const items = await inner.read(keys);
        stats.read += JSON.stringify(items).length;
        return items;
      },
      async write(changes) {
        for (const item of Object.values(changes)) {
          const size = JSON.stringify(item).length;
          stats.written += size;
          stats.largestItem = Math.max(stats.largestItem, size);
        }
        await inner.write(changes);
      },
      delete: (keys) => inner.delete(keys),
    },
  };
}

/** A Teams-like personal conversation id (about 130 characters). */
function conversationId(i) {
  return `a:1${String(i).padStart(6, '0')}${'xYz0_AbC-'.repeat(14)}`;
}

async function run(kind) {
  const { createStorage } = require(path.join(DIST, 'storage', 'index.js'));
  const { SubscriptionStore } = require(path.join(DIST, 'notifications', 'subscriptions.js'));
  const { env, cleanUp } = storageSettings(kind);
  const handle = createStorage({ kind, sqlitePath: env.SQLITE_PATH ?? '' });
  const { storage, stats } = counting(handle.storage);
  const store = new SubscriptionStore(storage);
  const batches = [];
  const started = Date.now();
  let installed = 0;
  while (installed < SUBSCRIBERS && Date.now() - started < TIME_CAP_MS) {
    const before = { ...stats, at: process.hrtime.bigint(), cpu: process.cpuUsage() };
    stats.largestItem = 0;
    const end = Math.min(SUBSCRIBERS, installed + BATCH);
    for (; installed < end; installed++) await store.applyDefaults(TENANT, conversationId(installed), DEFAULT_SERVICES);
    const cpu = process.cpuUsage(before.cpu);
    const n = end - (batches.length * BATCH);
    batches.push({
      upTo: end,
      ms: Number(process.hrtime.bigint() - before.at) / 1e6,
      cpuMs: (cpu.user + cpu.system) / 1000,
      bytesPerInstall: (stats.read - before.read + stats.written - before.written) / n,
      largestItemBytes: stats.largestItem,
    });
    console.log(`${kind}: ${end} installed, last ${n} in ${batches.at(-1).ms.toFixed(0)} ms`);
  }
  const listStarted = process.hrtime.bigint();
  const listed = await store.list(TENANT);
  const listMs = Number(process.hrtime.bigint() - listStarted) / 1e6;
  await handle.close();
  cleanUp();
  return { kind, installed, capped: installed < SUBSCRIBERS, batches, listed: listed.length, listMs };
}

async function main() {
  const runs = [];
  for (const kind of STORAGES) runs.push(await run(kind));
  const rows = runs.map((r) => {
    const first = r.batches[0];
    const last = r.batches.at(-1);
    return {
      storage: r.kind, installs: r.installed, 'first 500: ms': first.ms, 'last 500: ms': last.ms, 'last/first': last.ms / first.ms,
      'CPU ms/install first': first.cpuMs / BATCH, 'last': last.cpuMs / BATCH,
      'bytes/install first': Math.round(first.bytesPerInstall), 'last ': Math.round(last.bytesPerInstall),
      'largest item KB': Math.max(...r.batches.map((b) => b.largestItemBytes)) / 1024,
      'fan-out read of all subscribers ms': r.listMs, listed: r.listed,
      'goal ≤32 KB/install, all done': Math.max(...r.batches.map((b) => b.bytesPerInstall)) <= BYTES_PER_INSTALL_GOAL && !r.capped ? 'met' : 'NOT met',
    };
  });
  writeResult('subscriptions', {
    settings: { subscribers: SUBSCRIBERS, batch: BATCH, storages: STORAGES, defaultServices: DEFAULT_SERVICES, dist: path.relative(process.cwd(), DIST), timeCapS: TIME_CAP_MS / 1000 },
    runs, rows, table: table(rows),
    notes: [
      'Installs go straight to SubscriptionStore.applyDefaults (what app.ts runs on a personal install of a directory customer), one after the other, so the figures are the subscription cost alone.',
      'bytes/install: JSON read plus written per install (mean of the batch). Goal: at most 32 KB in every batch (what one full index page, the subscriber item and the index meta weigh; it grows with the ids per page until pages are full, then stays), and every install done within the time cap.',
    ],
  });
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
