'use strict';
/**
 * memory: the bot (embedded sandbox) in a child process run with --expose-gc; RSS and heap after start, after
 * 10,000 distinct conversations each left mid-triage (first message sent), and after each of them ends its triage
 * (`cancel`). Measured after two forced GCs. Run once per storage: `sqlite` (the default of `npm start`, a fresh
 * file in the temp directory) and `memory` (everything in the process); BENCH_MEMORY_STORAGES picks some.
 */
const fs = require('node:fs');
const path = require('node:path');
const { FABRIKAM, newUser, personalMessage, pool, post, storageSettings, storagesFrom, table, writeResult } = require('./lib/common');
const { forkService } = require('./lib/proc');

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const STORAGES = storagesFrom('BENCH_MEMORY_STORAGES');
const MB = 2 ** 20;

async function measure(storage, connectorUrl) {
  const { env, dir, cleanUp } = storageSettings(storage);
  const appProc = forkService('botProcess.js', ['app'], { execArgv: ['--expose-gc'], env: { BENCH_APP_ENV: JSON.stringify(env) } });
  const app = await appProc.started;
  const url = `${app.url}/api/messages`;
  const snap = async (stage) => {
    const m = await appProc.request('memory');
    return { storage, stage, 'RSS MB': m.rss / MB, 'heap total MB': m.heapTotal / MB, 'heap used MB': m.heapUsed / MB, 'external MB': m.external / MB };
  };
  // a few turns first, so lazily loaded code (dialogs, cards, i18n) counts in the baseline
  for (let i = 0; i < 20; i++) await post(url, personalMessage(connectorUrl, FABRIKAM, 'health'));
  const rows = [await snap('baseline (after 20 warm-up turns)')];
  const users = Array.from({ length: CONVERSATIONS }, () => newUser(FABRIKAM));
  const failures = { start: 0, end: 0 };
  let started = Date.now();
  await pool(CONVERSATIONS, 16, async (i) => {
    const r = await post(url, personalMessage(connectorUrl, FABRIKAM, 'Outlook cannot send mail since this morning', users[i]));
    if (r.status !== 200) failures.start++;
  });
  const startS = (Date.now() - started) / 1000;
  rows.push(await snap(`${CONVERSATIONS} conversations mid-triage`));
  started = Date.now();
  await pool(CONVERSATIONS, 16, async (i) => {
    const r = await post(url, personalMessage(connectorUrl, FABRIKAM, 'cancel', users[i]));
    if (r.status !== 200) failures.end++;
  });
  const endS = (Date.now() - started) / 1000;
  rows.push(await snap(`after all ${CONVERSATIONS} triages ended (cancel)`));
  await appProc.stop();
  const fileMB = dir ? fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0) / MB : undefined;
  cleanUp();
  const [base, mid] = rows;
  const out = rows.map((r) => ({ ...r, 'Δ RSS vs baseline MB': r['RSS MB'] - base['RSS MB'] }));
  out.forEach((r, i) => { r['goal ≤300 MB'] = i === 1 ? (mid['RSS MB'] <= 300 ? 'met' : 'NOT met') : '-'; });
  const perConversationKiB = ((mid['heap used MB'] - base['heap used MB']) * 1024) / CONVERSATIONS;
  return { storage, failures, startSeconds: startS, endSeconds: endS, fileMB, perConversationKiB, rows: out };
}

async function main() {
  const connectorProc = forkService('connectorProcess.js');
  const connector = await connectorProc.started;
  const runs = [];
  for (const storage of STORAGES) {
    const run = await measure(storage, connector.url);
    console.log(`${storage}: ${run.rows.map((r) => `${r.stage} RSS ${r['RSS MB'].toFixed(0)} MB`).join('; ')}`);
    runs.push(run);
  }
  await connectorProc.stop();
  const rows = runs.flatMap((r) => r.rows);
  const notes = runs.map((r) => `${r.storage}: ${r.perConversationKiB.toFixed(1)} KiB of heap per conversation mid-triage; ${r.startSeconds.toFixed(0)} s to start ${CONVERSATIONS} triages, ${r.endSeconds.toFixed(0)} s to end them; failed turns ${r.failures.start + r.failures.end}${r.fileMB === undefined ? '' : `; SQLite file + WAL at the end ${r.fileMB.toFixed(1)} MB`}.`);
  notes.push(
    'STORAGE=sqlite (the default) keeps conversation state, references and redelivery records in the file: the process holds only what it is working on. STORAGE=memory keeps all of them in the process by design (its end figure is what memory storage keeps, not a leak).',
    'RSS counts memory V8 and the allocator keep after GC (heap total, freed pages not yet returned to the OS), so RSS does not fall back when the heap does: compare heap used for what the conversations really hold.',
  );
  writeResult('memory', {
    settings: { conversations: CONVERSATIONS, storages: STORAGES, concurrency: 16 },
    runs: runs.map((r) => ({ storage: r.storage, failures: r.failures, startSeconds: r.startSeconds, endSeconds: r.endSeconds, fileMB: r.fileMB, perConversationKiB: r.perConversationKiB })),
    rows, table: table(rows), notes,
  });
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
