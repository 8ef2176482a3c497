/**
 * Which Message center posts explain an "it changed / it stopped working since…" problem. Pure.
 * Precision first: a post is shown only with evidence beyond sharing the service: a known change topic named on
 * both sides (e.g. a scanner that cannot send mail ↔ SMTP AUTH basic authentication retirement), or specific
 * shared words when the customer says something changed; and its dates must fit when the problem began.
 */
import { OTHER_SERVICE, type SinceWhen } from '../problem/triageModel';
import { sinceWindow } from './incidentMatching';
import type { MessageCenterPost } from './messageCenterModel';
import { resolveService, SERVICE_ALIASES } from './serviceAliases';
import { foldText, keywords } from './textFold';

export interface PostMatchQuery {
  /** Graph display name; when absent it is read from the description; OTHER_SERVICE = none. */
  service?: string;
  description: string;
  since?: SinceWhen;
  /** ISO instant or Date of the triage. */
  now: string | Date;
}

export interface RankedPost {
  post: MessageCenterPost;
  score: number;
  /** The evidence, strongest first, e.g. "topic: SMTP AUTH / basic authentication", "words: scanner, smtp". */
  reasons: string[];
}

/** A change Microsoft announces that customers describe in their own words: what they say (folded) and what the post says. */
export interface ChangeTopic {
  label: string;
  /** Every pattern must be found in the folded problem. */
  problem: readonly RegExp[];
  post: RegExp;
}

export const CHANGE_TOPICS: readonly ChangeTopic[] = [
  {
    label: 'SMTP AUTH / basic authentication',
    problem: [
      /\b(scanners?|imprimantes?|printers?|copieurs?|photocopieurs?|multifonctions?|mfps?|numeris\w*|scan\w*|smtp|relais|relay|logiciel metier|application metier)\b/,
      /\b(e ?mails?|courriels?|mails?|messagerie|send\w*|envo\w*|smtp)\b/,
    ],
    post: /\bsmtp auth\w*|\bbasic auth\w*|\bauthentification de base\b|\bclient submission\b/,
  },
  {
    label: 'POP, IMAP, EWS and legacy mail clients',
    problem: [/\b(pop3?|imap|ews|activesync|thunderbird|apple mail|iphone mail|application mail|mail app|outlook 20(10|13|16))\b/],
    post: /\bpop3?\b|\bimap\b|\bexchange web services\b|\bews\b|\bactivesync\b|\blegacy auth\w*/,
  },
  {
    label: 'classic Teams and the new Teams app',
    problem: [/\b(classic teams|teams classique|ancien teams|old teams|new teams|nouveau teams|nouvelle version de teams|nouvelle application teams)\b/],
    post: /\bclassic teams\b|\bnew teams\b/,
  },
  {
    label: 'Office 365 connectors and webhooks',
    problem: [/\b(webhooks?|connecteurs?|connectors?)\b/],
    post: /\bconnectors?\b|\bwebhooks?\b|\bworkflows app\b/,
  },
  {
    label: 'new Outlook and add-ins',
    problem: [/\b(new outlook|nouvel outlook|nouveau outlook|complements?|add ?ins?|plug ?ins?)\b/],
    post: /\bnew outlook\b|\badd ins?\b|\bcom add\b/,
  },
];

/** What customers write when something worked before (folded text). */
const CHANGE_CUES = /\b(no longer|not anymore|anymore|stopped|stop working|doesnt work since|used to|since|changed|suddenly|disappeared|moved|gone|ne \w+ plus|n \w+ plus|plus possible|plus moyen|depuis|a change|changement|disparu|du jour au lendemain|soudainement)\b/;

/** Words too common in posts to count as evidence on their own (stems as `keywords` returns them). */
const GENERIC = new Set(['mail', 'send', 'receive', 'file', 'access', 'signin', 'account', 'change', 'new', 'update', 'feature', 'service',
  'message', 'work', 'team', 'teams', 'outlook', 'exchange', 'online', 'sharepoint', 'onedrive', 'admin', 'tenant', 'organization', 'app',
  'application', 'support', 'rollout', 'use', 'using', 'will', 'now', 'time', 'day', 'week', 'month', 'customer']);

/** Score weights and thresholds; exported so tests and tuning read the same numbers. */
export const POST_MATCH_WEIGHTS = {
  topic: 60,
  sameService: 20,
  changeCue: 10,
  titleWord: 10,
  bodyWord: 3,
  wordsCap: 30,
  /** Specific (non-generic) shared words needed when no topic matches, one of them in the title. */
  specificWords: 2,
  limit: 2,
} as const;

const DAY = 86_400_000;
/** A post whose change dates are all older than this before the problem began is not its cause. */
const STALE_MS = 365 * DAY;
/** A change starting after the problem began (with this slack) is not its cause. */
const START_SLACK_MS = DAY;

function canonicalService(name: string): string {
  const folded = foldText(name);
  const alias = SERVICE_ALIASES.find((entry) => [entry.service, ...(entry.formerNames ?? [])].some((known) => foldText(known) === folded));
  return alias ? foldText(alias.service) : folded;
}

const SUITE = canonicalService('Microsoft 365 suite');

/** `same`, `suite` (the post concerns every service), `other`, or `unknown` when the problem names none. */
function serviceFit(post: MessageCenterPost, service: string | undefined): 'same' | 'suite' | 'other' | 'unknown' {
  if (!service) return 'unknown';
  const wanted = canonicalService(service);
  const services = post.services.map(canonicalService);
  if (services.includes(wanted)) return 'same';
  return services.includes(SUITE) ? 'suite' : 'other';
}

/** Why the dates rule the post out, or undefined when they fit. */
function timingMismatch(post: MessageCenterPost, since: SinceWhen | undefined, now: number): string | undefined {
  const window = sinceWindow(since ?? { kind: 'today' }, now);
  const latestStart = Number.isFinite(window.to) ? window.to : now;
  const start = post.startDateTime ? Date.parse(post.startDateTime) : Number.NaN;
  if (start > latestStart + START_SLACK_MS) return 'the change starts after the problem began';
  const dates = [post.startDateTime, post.actionRequiredByDateTime, post.lastModifiedDateTime].filter((d): d is string => d !== null).map(Date.parse);
  if (Number.isFinite(window.from) && dates.length > 0 && Math.max(...dates) < window.from - STALE_MS) return 'the change is more than a year older than the problem';
  return undefined;
}

function sharedWords(post: MessageCenterPost, words: readonly string[]): { title: string[]; body: string[] } {
  const title = new Set(keywords(`${post.title} ${post.tags.join(' ')}`));
  const body = new Set(keywords(`${post.text} ${post.details.Summary ?? ''}`));
  return { title: words.filter((word) => title.has(word)), body: words.filter((word) => !title.has(word) && body.has(word)) };
}

/** Scores one post; 0 with the reason when the service or the dates rule it out. */
export function scorePost(post: MessageCenterPost, query: PostMatchQuery, problem: { folded: string; words: readonly string[]; service: string | undefined }): RankedPost {
  const now = new Date(query.now).getTime();
  const fit = serviceFit(post, problem.service);
  if (fit === 'other') return { post, score: 0, reasons: ['other service'] };
  const mismatch = timingMismatch(post, query.since, now);
  if (mismatch) return { post, score: 0, reasons: [mismatch] };
  const postText = foldText(`${post.title} ${post.text}`);
  const topics = CHANGE_TOPICS.filter((topic) => topic.problem.every((pattern) => pattern.test(problem.folded)) && topic.post.test(postText));
  const shared = sharedWords(post, problem.words);
  const specific = [...shared.title, ...shared.body].filter((word) => !GENERIC.has(word));
  const changed = CHANGE_CUES.test(problem.folded);
  const wordEvidence = changed && specific.length >= POST_MATCH_WEIGHTS.specificWords && shared.title.some((word) => !GENERIC.has(word));
  if (topics.length === 0 && !wordEvidence) return { post, score: 0, reasons: ['no evidence beyond the service'] };
  const wordPoints = Math.min(POST_MATCH_WEIGHTS.wordsCap, shared.title.length * POST_MATCH_WEIGHTS.titleWord + shared.body.length * POST_MATCH_WEIGHTS.bodyWord);
  const parts: [number, string][] = [
    ...topics.map((topic): [number, string] => [POST_MATCH_WEIGHTS.topic, `topic: ${topic.label}`]),
    ...(fit === 'same' ? [[POST_MATCH_WEIGHTS.sameService, 'same service'] as [number, string]] : []),
    ...(shared.title.length + shared.body.length > 0 ? [[wordPoints, `words: ${[...shared.title, ...shared.body].join(', ')}`] as [number, string]] : []),
    ...(changed ? [[POST_MATCH_WEIGHTS.changeCue, 'the customer says it changed'] as [number, string]] : []),
  ];
  parts.sort((a, b) => b[0] - a[0]);
  return { post, score: parts.reduce((sum, [points]) => sum + points, 0), reasons: parts.map(([, reason]) => reason) };
}

/** The posts (at most 2) that explain the problem, best first; the action-required date breaks ties, soonest first. */
export function matchPosts(posts: readonly MessageCenterPost[], query: PostMatchQuery): RankedPost[] {
  const service = query.service === OTHER_SERVICE ? undefined : query.service ?? resolveService(query.description, []);
  const problem = { folded: foldText(query.description), words: [...new Set(keywords(query.description))], service };
  const due = (ranked: RankedPost): number => (ranked.post.actionRequiredByDateTime ? Date.parse(ranked.post.actionRequiredByDateTime) : Number.POSITIVE_INFINITY);
  return posts
    .map((post) => scorePost(post, query, problem))
    .filter((ranked) => ranked.score > 0)
    .sort((a, b) => b.score - a.score || due(a) - due(b))
    .slice(0, POST_MATCH_WEIGHTS.limit);
}
