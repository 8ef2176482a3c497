'use strict';
/**
 * `npm run bench` runs every benchmark; `npm run bench -- <name> [<name>…]` runs some. Each runs in its own
 * process, prints its table and writes bench/results/<name>.json; bench/results/latest.md combines the latest
 * JSON of every benchmark with the machine it ran on.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { machine, RESULTS } = require('./lib/common');

const ALL = ['turn-latency', 'outage-storm', 'fan-out', 'memory', 'cold-start', 'subscriptions', 'matching'];

function runOne(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--no-deprecation', path.join(__dirname, `${name}.js`)], { stdio: 'inherit' });
    child.on('exit', (code) => resolve({ name, code, seconds: (Date.now() - started) / 1000 }));
  });
}

function writeLatest() {
  const m = machine();
  const parts = [
    '# Benchmark results (latest)', '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}. Combined ${m.date}.`, '',
  ];
  for (const name of ALL) {
    const file = path.join(RESULTS, `${name}.json`);
    if (!fs.existsSync(file)) continue;
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    parts.push(`## ${name}`, '', `Run ${r.machine.date} on ${r.machine.cpu} (${r.machine.cores} cores), Node ${r.machine.node}, 1-min load average ${r.machine.loadAvg1m ?? '?'} (shared machine).`, '', r.table, '');
    if (r.notes) parts.push(...r.notes.map((n) => `- ${n}`), '');
  }
  fs.writeFileSync(path.join(RESULTS, 'latest.md'), `${parts.join('\n')}\n`);
}

async function main() {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((n) => !ALL.includes(n));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${ALL.join(', ')}`);
    process.exit(2);
  }
  const names = asked.length > 0 ? asked : ALL;
  const started = Date.now();
  const outcomes = [];
  for (const name of names) outcomes.push(await runOne(name));
  writeLatest();
  console.log(`\n${outcomes.map((o) => `${o.name}: ${o.code === 0 ? 'ok' : `FAILED (${o.code})`} in ${o.seconds.toFixed(1)} s`).join('\n')}`);
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s; bench/results/latest.md updated`);
  process.exit(outcomes.every((o) => o.code === 0) ? 0 : 1);
}

main();
