'use strict';
/**
 * matching: incident matching (dist/src/health/incidentMatching) on the labelled evaluation set
 * test/matching/evalSet.json, scored by test/matching/evaluate.ts (the file the unit floor test uses, transpiled
 * here). Per language (fr, en, all): top-1 accuracy on problems an issue explains, false "looks like yours" rate on
 * problems none explains, precision of what is shown as yours, and the time per problem (warm); then the same for the
 * held-out problems (written after tuning, never tuned on). Goals (issue 18, on the labelled problems): top-1
 * >= 95 %, false "yours" <= 5 %, shown-as-yours precision >= 90 %; exits 1 when one is missed.
 * BENCH_DIST runs another build (e.g. an older commit's dist/src): a matcher returning an array is read as the old API.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const { DIST: DEFAULT_DIST, table, writeResult } = require('./lib/common');

const DIST = process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : DEFAULT_DIST;
const ROOT = path.resolve(__dirname, '..');

/** Loads a dependency-free TypeScript module by transpiling it (it imports nothing but types). */
function loadTs(file) {
  const source = fs.readFileSync(file, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', outputText)(mod, mod.exports, require);
  return mod.exports;
}

const pct = (x) => Math.round(x * 1000) / 10;

function main() {
  const { evaluate, rates, MATCHING_GOALS } = loadTs(path.join(ROOT, 'test', 'matching', 'evaluate.ts'));
  const set = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'matching', 'evalSet.json'), 'utf8'));
  const { parseIssue } = require(path.join(DIST, 'health', 'graphParse.js'));
  const { matchIssues } = require(path.join(DIST, 'health', 'incidentMatching.js'));
  const issues = set.issues.map(parseIssue);
  const shown = (problem) => {
    const result = matchIssues(issues, { ...(problem.service === undefined ? {} : { service: problem.service }), description: problem.description, since: problem.since, now: set.now });
    return (Array.isArray(result) ? result : result.matches).map((match) => match.issue.id);
  };
  const report = evaluate(set, shown);
  const TIMED_PASSES = 20;
  const started = process.hrtime.bigint();
  for (let pass = 0; pass < TIMED_PASSES; pass++) for (const problem of set.problems) shown(problem);
  const microsPerProblem = Number(process.hrtime.bigint() - started) / 1000 / TIMED_PASSES / set.problems.length;
  const heldOut = set.heldOut ? evaluate({ ...set, problems: set.heldOut }, shown) : undefined;
  const rowsOf = (name, scored) => ['fr', 'en', 'all'].map((language) => {
    const s = scored.scores[language];
    const r = rates(s);
    return {
      set: name, language, problems: s.withIssue + s.noIssue, 'with an issue': s.withIssue, 'top-1 %': pct(r.top1Accuracy),
      'no issue': s.noIssue, 'false "yours" %': pct(r.falseYoursRate), 'shown as yours': s.shown, 'precision %': pct(r.shownPrecision),
    };
  });
  const rows = [...rowsOf('labelled', report), ...(heldOut ? rowsOf('held out', heldOut) : [])];
  const all = rates(report.scores.all);
  const met = ['fr', 'en', 'all'].every((language) => {
    const r = rates(report.scores[language]);
    return r.top1Accuracy >= MATCHING_GOALS.top1Accuracy && r.falseYoursRate <= MATCHING_GOALS.falseYoursRate && r.shownPrecision >= MATCHING_GOALS.shownPrecision;
  });
  const misses = [...report.misses, ...(heldOut?.misses ?? [])].map((m) => `${m.problem.id} (${m.problem.lang}) "${m.problem.description}": expected ${m.problem.expected ?? 'none'}, shown ${m.shown.length > 0 ? m.shown.join(', ') : 'none'}`);
  writeResult('matching', {
    settings: { dist: path.relative(ROOT, DIST) || DIST, issues: issues.length, problems: set.problems.length, now: set.now },
    goals: MATCHING_GOALS, rows, table: table(rows), microsPerProblem, met, misses,
    notes: [
      `Goals: top-1 >= ${pct(MATCHING_GOALS.top1Accuracy)} %, false "yours" <= ${pct(MATCHING_GOALS.falseYoursRate)} %, precision >= ${pct(MATCHING_GOALS.shownPrecision)} % (per language): ${met ? 'met' : 'NOT met'}.`,
      `${issues.length} issues, ${set.problems.length} problems; ${microsPerProblem.toFixed(0)} µs per problem (all issues scored; after a first pass, mean of ${TIMED_PASSES}).`,
      ...misses.map((m) => `miss: ${m}`),
    ],
  });
  console.log(`all: top-1 ${pct(all.top1Accuracy)} %, false "yours" ${pct(all.falseYoursRate)} %, precision ${pct(all.shownPrecision)} %; goals ${met ? 'met' : 'NOT met'}`);
  for (const m of misses) console.log(`  miss: ${m}`);
  process.exit(met ? 0 : 1);
}

main();
