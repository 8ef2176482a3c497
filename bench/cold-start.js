'use strict';
/**
 * cold-start: spawn `node dist/src/index.js` (PORT=0, embedded sandbox), read the port from the `app.started` JSON
 * log line, poll GET /readyz every 5 ms; time from spawn to the first 200. Median of 5, once per storage: `sqlite`
 * (the default of `npm start`, a fresh file each run) and `memory` (BENCH_COLD_STORAGES picks some).
 */
const { spawn } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');
const { ROOT, percentile, storageSettings, storagesFrom, table, writeResult } = require('./lib/common');

const RUNS = 5;
const STORAGES = storagesFrom('BENCH_COLD_STORAGES');

function get(url) {
  return new Promise((resolve) => {
    http.get(url, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); }).on('error', () => resolve(0));
  });
}

function once(storage) {
  const { env: storageEnv, cleanUp } = storageSettings(storage);
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'index.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', PORT: '0', SANDBOX: 'on', LOG_LEVEL: 'info', ...storageEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    let stderr = '';
    let done = false;
    let startedLogMs;
    const finish = (err, value) => {
      if (done) return;
      done = true;
      child.kill('SIGTERM');
      child.once('exit', () => { cleanUp(); if (err) reject(err); else resolve(value); });
    };
    const timer = setTimeout(() => finish(new Error(`not ready in 30 s; stderr: ${stderr.slice(0, 500)}`)), 30_000);
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (code) => { if (!done) { done = true; clearTimeout(timer); cleanUp(); reject(new Error(`exited ${code}: ${stderr.slice(0, 500)}`)); } });
    child.stdout.on('data', async (d) => {
      buffer += d;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let entry;
        try { entry = JSON.parse(line); } catch { continue; }
        if (entry.event !== 'app.started') continue;
        startedLogMs = ms();
        const url = `http://127.0.0.1:${entry.port}/readyz`;
        while (!done) {
          if ((await get(url)) === 200) { clearTimeout(timer); finish(undefined, { readyMs: ms(), startedLogMs }); return; }
          await new Promise((r) => setTimeout(r, 5));
        }
      }
    });
  });
}

async function main() {
  const all = [];
  const rows = [];
  for (const storage of STORAGES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await once(storage));
      console.log(`${storage} run ${i + 1}: ready in ${runs[i].readyMs.toFixed(0)} ms (app.started logged at ${runs[i].startedLogMs.toFixed(0)} ms)`);
    }
    const ready = runs.map((r) => r.readyMs);
    const median = percentile(ready, 50);
    all.push({ storage, runs });
    rows.push({
      storage, runs: RUNS, 'median ms': median, 'min ms': Math.min(...ready), 'max ms': Math.max(...ready),
      'median app.started log ms': percentile(runs.map((r) => r.startedLogMs), 50), 'goal ≤2000 ms': median <= 2000 ? 'met' : 'NOT met',
    });
  }
  writeResult('cold-start', { settings: { storages: STORAGES, sandbox: 'on', port: 0 }, runs: all, rows, table: table(rows) });
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
