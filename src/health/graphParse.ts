/** Pure parsing of Graph service-communications JSON into model.ts types. */
import {
  HEALTH_STATUSES, type HealthIssue, type HealthStatus, type IssueClassification, type IssuePost, isMitigatedStatus, isResolvedStatus, type ServiceHealthEntry,
} from './model';
import { GraphParseError } from '../cloud/graphJson';
import { isJsonObject } from '../jsonObject';
import { decodeEntities } from '../text/htmlEntities';

type Json = Record<string, unknown>;

function text(item: Json, key: string): string {
  const value = item[key];
  return typeof value === 'string' ? value : '';
}

function nullableText(item: Json, key: string): string | null {
  const value = item[key];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** Case-insensitive match against `members`; anything else becomes `unknownFutureValue`. */
function enumValue<T extends string>(members: readonly T[], raw: unknown): T | 'unknownFutureValue' {
  if (typeof raw !== 'string') return 'unknownFutureValue';
  const lower = raw.toLowerCase();
  return members.find((member) => member.toLowerCase() === lower) ?? 'unknownFutureValue';
}

export function parseStatus(raw: unknown): HealthStatus {
  return enumValue(HEALTH_STATUSES, raw);
}

export function parseClassification(raw: unknown): IssueClassification {
  return enumValue(['incident', 'advisory'] as const, raw);
}

/** Default cap of `htmlToText`, in characters. */
export const POST_TEXT_MAX = 300;

/** Cuts at a word boundary and appends an ellipsis when `value` is longer than `max`. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** HTML → short plain text: drops scripts/styles and tags, decodes entities, collapses whitespace, caps the length. */
export function htmlToText(html: string, max: number = POST_TEXT_MAX): string {
  const withoutTags = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6]|tr)>/gi, ' ')
    .replace(/<[^>]*>/g, '');
  return truncate(decodeEntities(withoutTags).replace(/\s+/g, ' ').trim(), max);
}

function parsePost(raw: unknown): IssuePost | null {
  if (!isJsonObject(raw)) return null;
  const description = isJsonObject(raw.description) ? raw.description : {};
  const content = text(description, 'content');
  const isHtml = text(description, 'contentType').toLowerCase() !== 'text';
  return {
    createdDateTime: text(raw, 'createdDateTime'),
    text: isHtml ? htmlToText(content) : truncate(content.replace(/\s+/g, ' ').trim(), POST_TEXT_MAX),
  };
}

/** The post with the latest createdDateTime (the last one on ties or unparsable dates). */
function latestPost(raw: unknown): IssuePost | null {
  if (!Array.isArray(raw)) return null;
  const posts = raw.map(parsePost).filter((post): post is IssuePost => post !== null);
  const time = (post: IssuePost): number => Date.parse(post.createdDateTime) || 0;
  return posts.reduce<IssuePost | null>((latest, post) => (latest === null || time(post) >= time(latest) ? post : latest), null);
}

function requireId(item: unknown, what: string): Json & { id: string } {
  if (!isJsonObject(item) || typeof item.id !== 'string' || item.id.length === 0) {
    throw new GraphParseError(`${what} without an id`);
  }
  return item as Json & { id: string };
}

/**
 * One serviceHealthIssue. Missing fields get neutral defaults; a missing id throws GraphParseError. `isResolved` is
 * Graph's (derived from the status when absent), except that a mitigated issue is never resolved (see model.ts).
 */
export function parseIssue(raw: unknown): HealthIssue {
  const item = requireId(raw, 'serviceHealthIssue');
  const status = parseStatus(item.status);
  return {
    id: item.id,
    title: text(item, 'title'),
    impactDescription: text(item, 'impactDescription'),
    classification: parseClassification(item.classification),
    status,
    service: text(item, 'service'),
    feature: nullableText(item, 'feature'),
    featureGroup: nullableText(item, 'featureGroup'),
    isResolved: !isMitigatedStatus(status) && (typeof item.isResolved === 'boolean' ? item.isResolved : isResolvedStatus(status)),
    startDateTime: text(item, 'startDateTime'),
    endDateTime: nullableText(item, 'endDateTime'),
    lastModifiedDateTime: text(item, 'lastModifiedDateTime'),
    latestPost: latestPost(item.posts),
  };
}

/** One serviceHealth; its `issues` (present with `$expand=issues`) are returned alongside. */
export function parseService(raw: unknown): { service: ServiceHealthEntry; issues: HealthIssue[] } {
  const item = requireId(raw, 'serviceHealth');
  const issues = Array.isArray(item.issues) ? item.issues.map(parseIssue) : [];
  return { service: { id: item.id, service: text(item, 'service') || item.id, status: parseStatus(item.status) }, issues };
}
