'use strict';
/**
 * memory: the bot (memory storage, embedded sandbox) in a child process run with --expose-gc; RSS and heap after
 * start, after 10,000 distinct conversations each left mid-triage (first message sent), and after each of them
 * ends its triage (`cancel`). Measured after two forced GCs.
 */
const { FABRIKAM, newUser, personalMessage, pool, post, table, writeResult } = require('./lib/common');
const { forkService } = require('./lib/proc');

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const MB = 2 ** 20;

async function main() {
  const connectorProc = forkService('connectorProcess.js');
  const connector = await connectorProc.started;
  const appProc = forkService('botProcess.js', ['app'], { execArgv: ['--expose-gc'] });
  const app = await appProc.started;
  const url = `${app.url}/api/messages`;
  const snap = async (stage) => {
    const m = await appProc.request('memory');
    return { stage, 'RSS MB': m.rss / MB, 'heap total MB': m.heapTotal / MB, 'heap used MB': m.heapUsed / MB, 'external MB': m.external / MB };
  };
  // a few turns first, so lazily loaded code (dialogs, cards, i18n) counts in the baseline
  for (let i = 0; i < 20; i++) await post(url, personalMessage(connector.url, FABRIKAM, 'health'));
  const rows = [await snap('baseline (after 20 warm-up turns)')];
  const users = Array.from({ length: CONVERSATIONS }, () => newUser(FABRIKAM));
  const failures = { start: 0, end: 0 };
  let started = Date.now();
  await pool(CONVERSATIONS, 16, async (i) => {
    const r = await post(url, personalMessage(connector.url, FABRIKAM, 'Outlook cannot send mail since this morning', users[i]));
    if (r.status !== 200) failures.start++;
  });
  const startS = (Date.now() - started) / 1000;
  rows.push(await snap(`${CONVERSATIONS} conversations mid-triage`));
  started = Date.now();
  await pool(CONVERSATIONS, 16, async (i) => {
    const r = await post(url, personalMessage(connector.url, FABRIKAM, 'cancel', users[i]));
    if (r.status !== 200) failures.end++;
  });
  const endS = (Date.now() - started) / 1000;
  rows.push(await snap(`after all ${CONVERSATIONS} triages ended (cancel)`));
  await appProc.stop();
  await connectorProc.stop();
  const [base, mid] = rows;
  const out = rows.map((r) => ({ ...r, 'Δ RSS vs baseline MB': r['RSS MB'] - base['RSS MB'] }));
  out[1]['goal ≤300 MB'] = mid['RSS MB'] <= 300 ? 'met' : 'NOT met';
  out[0]['goal ≤300 MB'] = '-';
  out[2]['goal ≤300 MB'] = '-';
  writeResult('memory', {
    settings: { conversations: CONVERSATIONS, storage: 'memory', concurrency: 16 }, failures, startSeconds: startS, endSeconds: endS,
    rows: out, table: table(out),
    notes: [
      `Per conversation mid-triage: ${(((mid['heap used MB'] - base['heap used MB']) * 1024) / CONVERSATIONS).toFixed(1)} KiB of heap. With STORAGE=memory, conversation state and conversation references stay in the process after a triage ends: the end figure is what memory storage keeps, not a leak check of sqlite.`,
      'RSS counts memory V8 and the allocator keep after GC (heap total, freed pages not yet returned to the OS), so RSS does not fall back when the heap does: compare heap used for what the conversations really hold.',
      `Driving: ${startS.toFixed(0)} s to start ${CONVERSATIONS} triages, ${endS.toFixed(0)} s to end them; failed turns ${failures.start + failures.end}.`,
    ],
  });
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
