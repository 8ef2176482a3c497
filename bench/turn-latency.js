'use strict';
/**
 * turn-latency: a bare echo bot vs our bot (memory storage, embedded Graph sandbox) answering (a) the first
 * message of a triage and (b) `health` with a warm cache, at concurrency 16, each request a new user/conversation.
 */
const { FABRIKAM, personalMessage, table, writeResult } = require('./lib/common');
const { forkService } = require('./lib/proc');
const { drive } = require('./lib/load');

const AMOUNT = Number(process.env.BENCH_TURNS ?? 2000);
const WARMUP = 400;
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

async function measure(name, url, makeBody) {
  await drive(url, makeBody, { amount: WARMUP });
  const r = await drive(url, makeBody, { amount: AMOUNT });
  console.log(`${name}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.throughput.toFixed(0)} turns/s, non2xx ${r.non2xx}, errors ${r.errors}`);
  return { scenario: name, ...r };
}

async function main() {
  const connectorProc = forkService('connectorProcess.js');
  const connector = await connectorProc.started;
  const rows = [];
  if (!only || only === 'echo') {
    const echoProc = forkService('botProcess.js', ['echo']);
    const echo = await echoProc.started;
    rows.push(await measure('echo bot', echo.url, () => personalMessage(connector.url, FABRIKAM, 'hello there')));
    await echoProc.stop();
  }
  const appProc = forkService('botProcess.js', ['app'], { execArgv: process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', require('node:path').join(__dirname, 'results')] : [] });
  const app = await appProc.started;
  if (!only || only === 'triage') {
    rows.push(await measure('our bot: triage first message', app.url,
      () => personalMessage(connector.url, FABRIKAM, 'Outlook cannot send mail since this morning')));
  }
  if (!only || only === 'health') {
    rows.push(await measure('our bot: health (warm cache)', app.url, () => personalMessage(connector.url, FABRIKAM, 'health')));
  }
  await appProc.stop();
  await connectorProc.stop();
  if (only) return;
  const echo = rows[0];
  const out = rows.map((r) => ({
    scenario: r.scenario, requests: r.requests, 'non-2xx': r.non2xx + r.errors,
    'p50 ms': r.p50, 'p99 ms': r.p99, 'turns/s': Math.round(r.throughput),
    'p50 ×echo': +(r.p50 / echo.p50).toFixed(2), 'p99 ×echo': +(r.p99 / echo.p99).toFixed(2),
    'goal ≤1.3×': r === echo ? '-' : (r.p50 / echo.p50 <= 1.3 && r.p99 / echo.p99 <= 1.3 ? 'met' : 'NOT met'),
  }));
  writeResult('turn-latency', { settings: { connections: 16, requests: AMOUNT, warmup: WARMUP, storage: 'memory', graph: 'embedded sandbox (SANDBOX=on)', tenant: FABRIKAM }, rows, table: table(out) });
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
