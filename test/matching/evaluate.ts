/**
 * Scores an incident matcher on the labelled evaluation set (evalSet.json): top-1 accuracy on problems an issue
 * explains, false "looks like yours" rate on problems none explains, and precision of everything shown as yours,
 * per language. Pure and free of imports from src (the matcher is passed in), so `npm run bench -- matching`
 * runs this same file against the built code.
 */

export type EvalLanguage = 'en' | 'fr';

export interface EvalProblem {
  id: string;
  lang: EvalLanguage;
  /** What triage recorded; absent: read from the description. */
  service?: string;
  description: string;
  since: { kind: 'justNow' } | { kind: 'today' } | { kind: 'moreThanDay' } | { kind: 'date'; date: string };
  /** The issue that explains the problem, or null when none does. */
  expected: string | null;
}

export interface EvalSet {
  now: string;
  /** serviceHealthIssue objects as Graph returns them. */
  issues: unknown[];
  problems: EvalProblem[];
  /**
   * Problems written after the matcher was tuned on `problems` and never tuned on: their scores estimate how the
   * matcher does on wording it has not seen. Reported by the bench, not pinned by the floor test.
   */
  heldOut?: EvalProblem[];
}

/** The ids a matcher presents as "looks like yours" for a problem, best first. */
export type Matcher = (problem: EvalProblem) => readonly string[];

export interface EvalScores {
  /** Problems an issue explains, and how many of them had it shown first. */
  withIssue: number;
  top1: number;
  /** Problems no issue explains, and how many of them were shown an issue as theirs anyway. */
  noIssue: number;
  falseYours: number;
  /** Issues shown as "yours" in all, and how many of them were the expected one. */
  shown: number;
  shownRight: number;
}

export interface EvalMiss {
  problem: EvalProblem;
  shown: readonly string[];
}

export interface EvalReport {
  scores: Record<EvalLanguage | 'all', EvalScores>;
  /** Problems whose first shown issue is not the expected one (or that were shown one when none fits). */
  misses: EvalMiss[];
}

function emptyScores(): EvalScores {
  return { withIssue: 0, top1: 0, noIssue: 0, falseYours: 0, shown: 0, shownRight: 0 };
}

function add(scores: EvalScores, problem: EvalProblem, shown: readonly string[]): void {
  if (problem.expected === null) {
    scores.noIssue += 1;
    if (shown.length > 0) scores.falseYours += 1;
  } else {
    scores.withIssue += 1;
    if (shown[0] === problem.expected) scores.top1 += 1;
  }
  scores.shown += shown.length;
  scores.shownRight += shown.filter((id) => id === problem.expected).length;
}

/** Runs `matcher` on every problem of the set. */
export function evaluate(set: EvalSet, matcher: Matcher): EvalReport {
  const scores = { en: emptyScores(), fr: emptyScores(), all: emptyScores() };
  const misses: EvalMiss[] = [];
  for (const problem of set.problems) {
    const shown = matcher(problem);
    add(scores[problem.lang], problem, shown);
    add(scores.all, problem, shown);
    if ((shown[0] ?? null) !== problem.expected) misses.push({ problem, shown });
  }
  return { scores, misses };
}

/** Top-1 accuracy, false "yours" rate and shown-as-yours precision, as fractions (precision is 1 when nothing was shown). */
export function rates(scores: EvalScores): { top1Accuracy: number; falseYoursRate: number; shownPrecision: number } {
  return {
    top1Accuracy: scores.withIssue === 0 ? 1 : scores.top1 / scores.withIssue,
    falseYoursRate: scores.noIssue === 0 ? 0 : scores.falseYours / scores.noIssue,
    shownPrecision: scores.shown === 0 ? 1 : scores.shownRight / scores.shown,
  };
}

/** The goals of issue 18. */
export const MATCHING_GOALS = { top1Accuracy: 0.95, falseYoursRate: 0.05, shownPrecision: 0.9 } as const;
