'use strict';
/** `node bench/profile-summary.js <file.cpuprofile> [top]`: self and inclusive time of the top frames, and self time by file. */
const fs = require('node:fs');
const path = require('node:path');

function summarize(file, top = 15) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => {
    const f = n.callFrame;
    const url = f.url.replace(/^file:\/\//, '').replace(`${path.resolve(__dirname, '..')}/`, '');
    return `${f.functionName || '(anonymous)'} ${url ? `${url}:${f.lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map();
  const inclusive = new Map();
  const byFile = new Map();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    const key = label(node);
    self.set(key, (self.get(key) ?? 0) + us);
    const fileKey = node.callFrame.url ? node.callFrame.url.replace(/^file:\/\//, '').replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, 'node_modules/$1').replace(`${path.resolve(__dirname, '..')}/`, '') : `(${node.callFrame.functionName || 'native'})`;
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = label(byId.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  }
  const pct = (us) => `${((us / total) * 100).toFixed(1)} %`;
  const topOf = (m, n) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  return {
    totalMs: total / 1000,
    self: topOf(self, top).map(([frame, us]) => ({ frame, self: pct(us) })),
    inclusive: topOf(inclusive, top + 10).filter(([k]) => !/^\((root|program|idle|garbage collector)\)/.test(k)).slice(0, top).map(([frame, us]) => ({ frame, inclusive: pct(us) })),
    byFile: topOf(byFile, top).map(([file, us]) => ({ file, self: pct(us) })),
  };
}

if (require.main === module) {
  const s = summarize(process.argv[2], Number(process.argv[3] ?? 15));
  console.log(`total sampled ${s.totalMs.toFixed(0)} ms`);
  for (const part of ['self', 'inclusive', 'byFile']) { console.log(`\n${part}:`); for (const r of s[part]) console.log(`  ${Object.values(r).reverse().join('  ')}`); }
}
module.exports = { summarize };
