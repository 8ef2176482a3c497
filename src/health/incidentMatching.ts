/** Ranks a tenant's health issues against what the customer described. Pure. */
import { OTHER_SERVICE, type SinceWhen } from '../problem/triageModel';
import type { HealthIssue } from './model';
import { resolveService } from './serviceAliases';
import { keywords } from './textFold';

export interface RankedIssue {
  issue: HealthIssue;
  score: number;
  /** Why it matched, strongest first, e.g. "same service", "words: outlook, receive". */
  reasons: string[];
}

export interface MatchQuery {
  /** Graph display name; when absent it is read from the description; OTHER_SERVICE = none. */
  service?: string;
  description: string;
  since?: SinceWhen;
  /** ISO instant or Date of the triage. */
  now: string | Date;
}

/** Score weights and thresholds; exported so tests and tuning read the same numbers. */
export const MATCH_WEIGHTS = {
  sameService: 50,
  suiteWide: 20,
  unresolved: 10,
  /** Per matching word, by where it was found (the best place counts once). */
  title: 8,
  feature: 6,
  impact: 5,
  post: 3,
  wordsCap: 40,
  startedInWindow: 15,
  activeInWindow: 5,
  outsideWindow: -15,
  /** Below this an issue is not shown. */
  minimum: 40,
  limit: 3,
} as const;

const SUITE = 'microsoft 365 suite';
const HOUR = 3_600_000;

/** [from, to] in epoch ms of when the customer says the problem started. */
export function sinceWindow(since: SinceWhen, now: number): { from: number; to: number } {
  switch (since.kind) {
    case 'justNow':
      return { from: now - 2 * HOUR, to: Number.POSITIVE_INFINITY };
    case 'today':
      return { from: now - 24 * HOUR, to: Number.POSITIVE_INFINITY };
    case 'moreThanDay':
      return { from: Number.NEGATIVE_INFINITY, to: now - 24 * HOUR };
    case 'date': {
      const day = Date.parse(`${since.date}T00:00:00Z`);
      return { from: day - 12 * HOUR, to: day + 36 * HOUR };
    }
  }
}

function timeScore(issue: HealthIssue, since: SinceWhen | undefined, now: number): [number, string] | undefined {
  const start = Date.parse(issue.startDateTime);
  if (!since || Number.isNaN(start)) return undefined;
  const { from, to } = sinceWindow(since, now);
  if (start >= from && start <= to) return [MATCH_WEIGHTS.startedInWindow, 'started when the problem began'];
  const end = issue.endDateTime ? Date.parse(issue.endDateTime) : now;
  if (start <= to && end >= from) return [MATCH_WEIGHTS.activeInWindow, 'active when the problem began'];
  return [MATCH_WEIGHTS.outsideWindow, 'timing does not fit'];
}

/** A resolved issue that ended before the reported start cannot be the cause, whatever else matches. */
function endedBeforeProblem(issue: HealthIssue, since: SinceWhen | undefined, now: number): boolean {
  const end = issue.endDateTime ? Date.parse(issue.endDateTime) : Number.NaN;
  return since !== undefined && issue.isResolved && end < sinceWindow(since, now).from;
}

function wordScore(issue: HealthIssue, words: readonly string[]): [number, string] | undefined {
  const places: [Set<string>, number][] = [
    [new Set(keywords(issue.title)), MATCH_WEIGHTS.title],
    [new Set(keywords(`${issue.feature ?? ''} ${issue.featureGroup ?? ''}`)), MATCH_WEIGHTS.feature],
    [new Set(keywords(issue.impactDescription)), MATCH_WEIGHTS.impact],
    [new Set(keywords(issue.latestPost?.text ?? '')), MATCH_WEIGHTS.post],
  ];
  const matched = words.filter((word) => places.some(([set]) => set.has(word)));
  if (matched.length === 0) return undefined;
  const total = matched.reduce((sum, word) => sum + Math.max(...places.map(([set, weight]) => (set.has(word) ? weight : 0))), 0);
  return [Math.min(total, MATCH_WEIGHTS.wordsCap), `words: ${matched.join(', ')}`];
}

function serviceScore(issue: HealthIssue, service: string | undefined): [number, string] | undefined {
  if (!service) return undefined;
  const issueService = issue.service.toLowerCase();
  if (issueService === service.toLowerCase()) return [MATCH_WEIGHTS.sameService, 'same service'];
  return issueService === SUITE ? [MATCH_WEIGHTS.suiteWide, 'affects all Microsoft 365 services'] : undefined;
}

/** Scores one issue; every part that applied is listed in `reasons`, largest first. A resolved issue that ended before the problem began scores 0. */
export function scoreIssue(issue: HealthIssue, query: MatchQuery, words: readonly string[], service: string | undefined): RankedIssue {
  const now = new Date(query.now).getTime();
  if (endedBeforeProblem(issue, query.since, now)) return { issue, score: 0, reasons: ['ended before the problem began'] };
  const parts = [
    serviceScore(issue, service),
    wordScore(issue, words),
    timeScore(issue, query.since, now),
    issue.isResolved ? undefined : ([MATCH_WEIGHTS.unresolved, 'still ongoing'] as [number, string]),
  ].filter((part): part is [number, string] => part !== undefined);
  parts.sort((a, b) => b[0] - a[0]);
  return { issue, score: parts.reduce((sum, [points]) => sum + points, 0), reasons: parts.map(([, reason]) => reason) };
}

function compareRanked(a: RankedIssue, b: RankedIssue): number {
  return b.score - a.score
    || Number(a.issue.isResolved) - Number(b.issue.isResolved)
    || Number(b.issue.classification === 'incident') - Number(a.issue.classification === 'incident')
    || (Date.parse(b.issue.lastModifiedDateTime) || 0) - (Date.parse(a.issue.lastModifiedDateTime) || 0);
}

/**
 * The best issues (at most 3) for what the customer said: same service counts most, then shared words,
 * then timing; unresolved above resolved, incidents above advisories on ties. Issues under the minimum are dropped.
 */
export function matchIssues(issues: readonly HealthIssue[], query: MatchQuery): RankedIssue[] {
  const service = query.service === OTHER_SERVICE ? undefined : query.service ?? resolveService(query.description, []);
  const words = [...new Set(keywords(query.description))];
  return issues
    .map((issue) => scoreIssue(issue, query, words, service))
    .filter((ranked) => ranked.score >= MATCH_WEIGHTS.minimum)
    .sort(compareRanked)
    .slice(0, MATCH_WEIGHTS.limit);
}
