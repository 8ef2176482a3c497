/**
 * Ranks a tenant's health issues against what the customer described. Pure.
 *
 * Precision before recall: an issue is presented as "looks like yours" only with evidence beyond sharing the
 * service (symptom words, the issue's feature named, timing that fits). The rest of that service's active issues
 * are returned apart, to be listed as "other known issues", never as a match.
 */
import { OTHER_SERVICE, type SinceWhen } from '../problem/triageModel';
import type { HealthIssue } from './model';
import { resolveService } from './serviceAliases';
import { keywords, typedWords } from './textFold';

/** When an issue started, relative to the moment the problem is placed at (see {@link problemAnchor}). */
export interface StartEvidence {
  /** Minutes from the issue's start to the anchor; negative when the issue started after it. */
  minutesBefore: number;
  /** What the anchor is: the problem's start (just now), the report (today, more than a day) or the given date. */
  anchor: 'problem' | 'report' | 'date';
  /** The anchor, ISO. */
  anchorAt: string;
  /** Whether the issue started in the window the customer gave, or was already active in it. */
  fit: 'started' | 'active';
}

/** Why an issue is presented as the customer's. */
export interface MatchEvidence {
  /** `same`: the issue is of the problem's service; `suite`: it affects every Microsoft 365 service. */
  service?: 'same' | 'suite';
  /** The customer's words (as typed, lower case) found in the issue, strongest place first (title, feature, impact, latest post). */
  words: string[];
  /** The issue's feature or feature group, when the problem names it. */
  feature?: string;
  /** When the issue started; absent when the timing says nothing (no usable start). */
  started?: StartEvidence;
}

export interface RankedIssue {
  issue: HealthIssue;
  score: number;
  evidence: MatchEvidence;
  /** The evidence as short English phrases, strongest first, for logs and tests. */
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

/** What the matcher found for one problem. */
export interface IssueMatches {
  /** Issues shown as "looks like yours", best first (at most MATCH_WEIGHTS.limit). */
  matches: RankedIssue[];
  /** The problem's service's other unresolved issues, most recent first: listed compactly, never as a match. */
  others: HealthIssue[];
  /** The Graph service the problem was matched against, if any. */
  service?: string;
}

/** Score weights and thresholds; exported so tests and tuning read the same numbers. */
export const MATCH_WEIGHTS = {
  sameService: 8,
  suiteWide: 4,
  unresolved: 3,
  /** Per matching word, by where it was found (the best place counts once). */
  title: 8,
  feature: 6,
  impact: 5,
  post: 3,
  /** A generic word ("open", "new", "see") counts this fraction of its place's weight. */
  weakWord: 0.5,
  /** The problem names the issue's feature or feature group (when its words did not already count). */
  featureNamed: 8,
  startedInWindow: 6,
  activeInWindow: 2,
  outsideWindow: -15,
  /** Hours by which a start may miss the customer's window before the timing rules the issue out (customers round). */
  graceHours: 6,
  /** Evidence needed beyond the service: word points, a feature named and a start in the window, at least this. */
  evidence: 12,
  /** A runner-up is shown only with at least this share of the best score. */
  runnerUpShare: 0.85,
  limit: 3,
  /** Other known issues listed at most. */
  othersLimit: 5,
} as const;

const SUITE = 'microsoft 365 suite';
const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * Product names (stems): they say which service, not what is wrong, so they are never evidence on their own
 * ("my Outlook signature" shares "outlook" with every Outlook issue).
 */
const SERVICE_WORDS = new Set([
  'exchange', 'outlook', 'owa', 'mail', 'teams', 'team', 'sharepoint', 'spo', 'onedrive', 'drive', 'entra', 'azure', 'intune',
  'excel', 'word', 'powerpoint', 'power', 'planner', 'forms', 'bookings', 'microsoft', 'office', 'online', 'web',
  'client', 'desktop', 'windows', 'mobile',
]);

/** Words too common in service health text to tell one issue from another: they count {@link MATCH_WEIGHTS.weakWord}. */
const WEAK_WORDS = new Set([
  'access', 'open', 'load', 'work', 'see', 'appear', 'new', 'change', 'update', 'time', 'use', 'find', 'view', 'app',
  'message', 'file', 'document', 'site', 'account', 'service', 'impossible', 'working', 'marche', 'fonctionne', 'external',
  'delay', 'slow', 'block', 'fail', 'share', 'signin', 'device', 'link', 'report', 'status', 'create',
]);

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

/** The moment an issue's start is told relative to: the problem itself (just now), the given date, else the report. */
export function problemAnchor(since: SinceWhen, now: number): { at: number; anchor: StartEvidence['anchor'] } {
  if (since.kind === 'justNow') return { at: now, anchor: 'problem' };
  if (since.kind === 'date') return { at: Date.parse(`${since.date}T00:00:00Z`), anchor: 'date' };
  return { at: now, anchor: 'report' };
}

type Part = [points: number, reason: string];

function timing(issue: HealthIssue, since: SinceWhen | undefined, now: number): { part: Part; started?: StartEvidence } | undefined {
  const start = Date.parse(issue.startDateTime);
  if (!since || Number.isNaN(start)) return undefined;
  const { from, to } = sinceWindow(since, now);
  const { at, anchor } = problemAnchor(since, now);
  const relative = { minutesBefore: Math.round((at - start) / MINUTE), anchor, anchorAt: new Date(at).toISOString() };
  if (start >= from && start <= to) {
    return { part: [MATCH_WEIGHTS.startedInWindow, 'started when the problem began'], started: { ...relative, fit: 'started' } };
  }
  const end = issue.endDateTime ? Date.parse(issue.endDateTime) : now;
  const grace = MATCH_WEIGHTS.graceHours * HOUR;
  if (start <= to + grace && end >= from - grace) {
    return { part: [MATCH_WEIGHTS.activeInWindow, 'active when the problem began'], started: { ...relative, fit: 'active' } };
  }
  return { part: [MATCH_WEIGHTS.outsideWindow, 'timing does not fit'] };
}

/** A resolved issue that ended before the reported start cannot be the cause, whatever else matches. */
function endedBeforeProblem(issue: HealthIssue, since: SinceWhen | undefined, now: number): boolean {
  const end = issue.endDateTime ? Date.parse(issue.endDateTime) : Number.NaN;
  return since !== undefined && issue.isResolved && end < sinceWindow(since, now).from;
}

/** An issue's word stems by place, with the place's weight, strongest first; its feature and feature group with their stems. */
interface IssuePlaces {
  places: ReadonlyArray<[stems: ReadonlySet<string>, weight: number]>;
  features: ReadonlyArray<{ name: string; stems: readonly string[] }>;
}

/**
 * Places of each issue, kept while the issue object lives: a tenant's snapshot is cached and read by every
 * triage, so its issues are folded and stemmed once, not once per problem.
 */
const placesByIssue = new WeakMap<HealthIssue, IssuePlaces>();

function issuePlaces(issue: HealthIssue): IssuePlaces {
  let places = placesByIssue.get(issue);
  if (!places) {
    const service = issue.service.toLowerCase();
    places = {
      places: [
        [new Set(keywords(issue.title)), MATCH_WEIGHTS.title],
        [new Set(keywords(`${issue.feature ?? ''} ${issue.featureGroup ?? ''}`)), MATCH_WEIGHTS.feature],
        [new Set(keywords(issue.impactDescription)), MATCH_WEIGHTS.impact],
        [new Set(keywords(issue.latestPost?.text ?? '')), MATCH_WEIGHTS.post],
      ],
      features: [issue.feature, issue.featureGroup]
        .filter((name): name is string => name !== null && name !== '' && name.toLowerCase() !== service)
        .map((name) => ({ name, stems: keywords(name) })),
    };
    placesByIssue.set(issue, places);
  }
  return places;
}

/** Shared words, each at the weight of the best place it was found in; product names listed but worth nothing. */
function wordEvidence(issue: HealthIssue, words: readonly string[]): { points: number; matched: string[] } {
  const { places } = issuePlaces(issue);
  const found = words
    .map((word) => ({ word, weight: Math.max(0, ...places.map(([set, weight]) => (set.has(word) ? weight : 0))) }))
    .filter(({ weight }) => weight > 0)
    .sort((a, b) => b.weight - a.weight);
  const points = found.reduce((sum, { word, weight }) => {
    if (SERVICE_WORDS.has(word)) return sum;
    return sum + (WEAK_WORDS.has(word) ? weight * MATCH_WEIGHTS.weakWord : weight);
  }, 0);
  return { points, matched: found.map(({ word }) => word) };
}

/** The issue's feature (or feature group) when every one of its words is in the problem; a feature named like the service says nothing. */
function featureNamed(issue: HealthIssue, words: ReadonlySet<string>): { name: string; stems: readonly string[] } | undefined {
  return issuePlaces(issue).features.find(({ stems }) => stems.length > 0 && stems.every((stem) => words.has(stem)));
}

function serviceRelation(issue: HealthIssue, service: string | undefined): MatchEvidence['service'] {
  if (!service) return undefined;
  const issueService = issue.service.toLowerCase();
  if (issueService === service.toLowerCase()) return 'same';
  return issueService === SUITE ? 'suite' : undefined;
}

interface Scored extends RankedIssue {
  /** Whether there is evidence beyond the service and the timing does not rule the issue out. */
  eligible: boolean;
}

/** What is read once from the problem for scoring every issue. */
interface Problem {
  /** Its word stems, each once, in order and as a set. */
  words: readonly string[];
  wordSet: ReadonlySet<string>;
  /** Each stem with the word the customer typed. */
  typed: ReadonlyMap<string, string>;
  service: string | undefined;
}

/** Scores one issue; `reasons` lists every part that applied, largest first. */
function scoreIssue(issue: HealthIssue, query: MatchQuery, problem: Problem): Scored {
  const { words, service } = problem;
  const now = new Date(query.now).getTime();
  const relation = serviceRelation(issue, service);
  if (endedBeforeProblem(issue, query.since, now)) {
    return { issue, score: 0, eligible: false, evidence: { ...(relation ? { service: relation } : {}), words: [] }, reasons: ['ended before the problem began'] };
  }
  const { points, matched } = wordEvidence(issue, words);
  const feature = featureNamed(issue, problem.wordSet);
  // Naming the feature ranks the issue unless its words already counted (a product name such as "Outlook" counts
  // nothing as a word, so it ranks here); it is evidence only with a word that is neither counted nor a product name.
  const featurePoints = feature?.stems.some((stem) => !matched.includes(stem) || SERVICE_WORDS.has(stem)) ? MATCH_WEIGHTS.featureNamed : 0;
  const featureEvidence = feature?.stems.some((stem) => !matched.includes(stem) && !SERVICE_WORDS.has(stem)) ? MATCH_WEIGHTS.featureNamed : 0;
  const time = timing(issue, query.since, now);
  const parts: Part[] = [];
  if (relation === 'same') parts.push([MATCH_WEIGHTS.sameService, 'same service']);
  if (relation === 'suite') parts.push([MATCH_WEIGHTS.suiteWide, 'affects all Microsoft 365 services']);
  if (matched.length > 0) parts.push([points, `words: ${matched.join(', ')}`]);
  if (feature) parts.push([featurePoints, `feature: ${feature.name}`]);
  if (time) parts.push(time.part);
  if (!issue.isResolved) parts.push([MATCH_WEIGHTS.unresolved, 'still ongoing']);
  parts.sort((a, b) => b[0] - a[0]);
  const evidencePoints = points + featureEvidence + (time?.started?.fit === 'started' ? MATCH_WEIGHTS.startedInWindow : 0);
  return {
    issue,
    score: parts.reduce((sum, [part]) => sum + part, 0),
    eligible: evidencePoints >= MATCH_WEIGHTS.evidence && time?.part[0] !== MATCH_WEIGHTS.outsideWindow,
    evidence: {
      ...(relation ? { service: relation } : {}),
      words: matched.map((stem) => problem.typed.get(stem) ?? stem),
      ...(feature ? { feature: feature.name } : {}),
      ...(time?.started ? { started: time.started } : {}),
    },
    reasons: parts.map(([, reason]) => reason),
  };
}

function compareRanked(a: RankedIssue, b: RankedIssue): number {
  return b.score - a.score
    || Number(a.issue.isResolved) - Number(b.issue.isResolved)
    || Number(b.issue.classification === 'incident') - Number(a.issue.classification === 'incident')
    || (Date.parse(b.issue.lastModifiedDateTime) || 0) - (Date.parse(a.issue.lastModifiedDateTime) || 0);
}

function byLatestStart(a: HealthIssue, b: HealthIssue): number {
  return (Date.parse(b.startDateTime) || 0) - (Date.parse(a.startDateTime) || 0);
}

/**
 * The issues that look like the customer's problem, with their evidence, and the problem's service's other
 * active issues. An issue is a match only with evidence beyond the service (see MATCH_WEIGHTS.evidence) and timing
 * that does not rule it out; runners-up close to the best (MATCH_WEIGHTS.runnerUpShare) are shown with it.
 * Ties: unresolved above resolved, incidents above advisories, most recently updated first.
 */
export function matchIssues(issues: readonly HealthIssue[], query: MatchQuery): IssueMatches {
  const service = query.service === OTHER_SERVICE ? undefined : query.service ?? resolveService(query.description, []);
  const wordSet = new Set(keywords(query.description));
  const problem = { words: [...wordSet], wordSet, typed: typedWords(query.description), service };
  const ranked = issues.map((issue) => scoreIssue(issue, query, problem)).filter((scored) => scored.eligible).sort(compareRanked);
  const best = ranked[0]?.score ?? 0;
  const matches = ranked
    .filter((scored) => scored.score >= best * MATCH_WEIGHTS.runnerUpShare)
    .slice(0, MATCH_WEIGHTS.limit)
    .map(({ issue, score, evidence, reasons }) => ({ issue, score, evidence, reasons }));
  const shown = new Set(matches.map((match) => match.issue.id));
  const others = service === undefined ? [] : issues
    .filter((issue) => !issue.isResolved && !shown.has(issue.id) && issue.service.toLowerCase() === service.toLowerCase())
    .sort(byLatestStart)
    .slice(0, MATCH_WEIGHTS.othersLimit);
  return { matches, others, ...(service ? { service } : {}) };
}
