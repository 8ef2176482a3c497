'use strict';
/**
 * turn-latency: a bare echo bot vs our bot (embedded Graph sandbox) answering (a) the first message of a triage and
 * (b) `health` with a warm cache, at concurrency 16, each request a new user/conversation. Our bot runs once per
 * storage: `sqlite` (the default of `npm start`, a fresh file) and `memory` (BENCH_TURN_STORAGES picks some).
 * The echo bot is measured before and after our bot; ratios are to the mean of the two. An echo bot sending two
 * messages per turn is a reference: a triage's first turn sends two (an acknowledgement, then the first question).
 */
const path = require('node:path');
const { FABRIKAM, personalMessage, storageSettings, storagesFrom, table, writeResult } = require('./lib/common');
const { forkService } = require('./lib/proc');
const { drive } = require('./lib/load');

const AMOUNT = Number(process.env.BENCH_TURNS ?? 2000);
const WARMUP = 400;
const STORAGES = storagesFrom('BENCH_TURN_STORAGES');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const wanted = (name) => !only || only === name;

async function measure(name, proc, url, makeBody) {
  await drive(url, makeBody, { amount: WARMUP });
  const before = await proc.request('cpu');
  const r = await drive(url, makeBody, { amount: AMOUNT });
  const after = await proc.request('cpu');
  const cpuMs = (after.user + after.system - before.user - before.system) / 1000 / r.requests;
  console.log(`${name}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.throughput.toFixed(0)} turns/s, CPU ${cpuMs.toFixed(2)} ms/turn, non2xx ${r.non2xx}, errors ${r.errors}`);
  return { scenario: name, cpuMs, ...r };
}

async function echo(kind, name, connectorUrl) {
  const proc = forkService('botProcess.js', [kind]);
  const { url } = await proc.started;
  const row = await measure(name, proc, url, () => personalMessage(connectorUrl, FABRIKAM, 'hello there'));
  await proc.stop();
  return row;
}

async function ourBot(storage, connectorUrl) {
  const { env, cleanUp } = storageSettings(storage);
  const execArgv = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', path.join(__dirname, 'results')] : [];
  const proc = forkService('botProcess.js', ['app'], { execArgv, env: { BENCH_APP_ENV: JSON.stringify(env) } });
  const { url } = await proc.started;
  const rows = [];
  if (wanted('triage')) {
    rows.push(await measure(`our bot (${storage}): triage first message`, proc, url,
      () => personalMessage(connectorUrl, FABRIKAM, 'Outlook cannot send mail since this morning')));
  }
  if (wanted('health')) rows.push(await measure(`our bot (${storage}): health (warm cache)`, proc, url, () => personalMessage(connectorUrl, FABRIKAM, 'health')));
  await proc.stop();
  cleanUp();
  return rows;
}

async function main() {
  const connectorProc = forkService('connectorProcess.js');
  const connector = await connectorProc.started;
  const echoes = [];
  const rows = [];
  if (wanted('echo')) echoes.push(await echo('echo', 'echo bot', connector.url));
  if (wanted('echo2')) rows.push(await echo('echo2', 'reference: echo bot sending 2 messages', connector.url));
  for (const storage of only === 'echo' || only === 'echo2' ? [] : STORAGES) rows.push(...await ourBot(storage, connector.url));
  if (wanted('echo')) echoes.push(await echo('echo', 'echo bot (again, after our bot)', connector.url));
  await connectorProc.stop();
  if (only) return;
  const base = { p50: (echoes[0].p50 + echoes[1].p50) / 2, p99: (echoes[0].p99 + echoes[1].p99) / 2 };
  const out = [echoes[0], ...rows, echoes[1]].map((r) => {
    const ours = r.scenario.startsWith('our bot');
    return {
      scenario: r.scenario, requests: r.requests, 'non-2xx': r.non2xx + r.errors,
      'p50 ms': r.p50, 'p99 ms': r.p99, 'turns/s': Math.round(r.throughput), 'CPU ms/turn': +r.cpuMs.toFixed(2),
      'p50 ×echo': +(r.p50 / base.p50).toFixed(2), 'p99 ×echo': +(r.p99 / base.p99).toFixed(2),
      'goal ≤1.3×': !ours ? '-' : (r.p50 / base.p50 <= 1.3 && r.p99 / base.p99 <= 1.3 ? 'met' : 'NOT met'),
    };
  });
  writeResult('turn-latency', {
    settings: { connections: 16, requests: AMOUNT, warmup: WARMUP, storages: STORAGES, graph: 'embedded sandbox (SANDBOX=on)', tenant: FABRIKAM },
    echoBaseline: base, rows: [echoes[0], ...rows, echoes[1]], table: table(out),
    notes: [
      `Ratios are to the mean of the two echo runs (p50 ${base.p50} ms, p99 ${base.p99} ms). At 16 connections in a closed loop, latency is mostly queueing behind the bot process's CPU: compare CPU ms/turn (the bot process's CPU time per request).`,
      'A triage first turn sends two messages (an acknowledgement, then the first question); the echo bot sending two messages per turn is the floor for that shape of turn.',
    ],
  });
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
