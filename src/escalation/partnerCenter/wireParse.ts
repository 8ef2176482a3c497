/**
 * Tolerant readers for Partner Center JSON: property names in camelCase or PascalCase (any case),
 * enums as strings in any case/style (`attention_needed`, `AttentionNeeded`) or as integers 0–3.
 */
import { SR_SEVERITIES, SR_STATUSES, type ServiceRequest, type SrNote, type SrSeverity, type SrStatus, type SupportTopic } from './model';
import { prop, propText } from '../../cloud/caseInsensitiveJson';
import { isJsonObject } from '../../jsonObject';
import { malformedAnswer, type MicrosoftApi } from '../../cloud/microsoftApiError';

/** The body is not the shape documented for the call (Partner Center or ARM). */
export class WireParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireParseError';
  }
}

type JsonObject = Record<string, unknown>;

/** Runs a reader of an API's answer; a {@link WireParseError} becomes that API's `malformed` error. */
export function readAnswer<T>(api: MicrosoftApi, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof WireParseError) throw malformedAnswer(api, error);
    throw error;
  }
}


function requiredText(source: JsonObject, name: string, what: string): string {
  const value = propText(source, name);
  if (value === undefined) throw new WireParseError(`${what} has no ${name}`);
  return value;
}

/**
 * A Partner Center date: unset (`0001-01-01T00:00:00`) reads as undefined; a date-time without a zone (the notes of
 * the published samples, `2017-01-09T23:31:15.373`) is UTC and gets its `Z`, so it is never read as local time.
 */
function date(source: JsonObject, name: string): string | undefined {
  const value = propText(source, name);
  if (value === undefined || value.startsWith('0001-01-01')) return undefined;
  return /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? `${value}Z` : value;
}

/** Reads an enum member from a string in any case/style or its integer index; `fallback` otherwise. */
export function parseEnum<T extends string>(members: readonly T[], value: unknown, fallback: T): T {
  if (typeof value === 'number') return Number.isInteger(value) ? members[value] ?? fallback : fallback;
  if (typeof value !== 'string') return fallback;
  const folded = value.replace(/[_\s-]/g, '').toLowerCase();
  if (/^\d+$/.test(folded)) return members[Number(folded)] ?? fallback;
  return members.find((m) => m.replace(/_/g, '').toLowerCase() === folded) ?? fallback;
}

export const parseSeverity = (value: unknown): SrSeverity => parseEnum(SR_SEVERITIES, value, 'unknown');
export const parseStatus = (value: unknown): SrStatus => parseEnum(SR_STATUSES, value, 'none');

function parseNote(value: unknown): SrNote | undefined {
  if (!isJsonObject(value)) return undefined;
  return { createdByName: propText(value, 'createdByName') ?? '', createdDate: date(value, 'createdDate') ?? '', text: propText(value, 'text') ?? '' };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** Reads a ServiceRequest resource. */
export function parseServiceRequest(body: unknown): ServiceRequest {
  if (!isJsonObject(body)) throw new WireParseError('service request is not an object');
  const notes = prop(body, 'notes');
  return {
    id: requiredText(body, 'id', 'service request'),
    title: propText(body, 'title') ?? '',
    description: propText(body, 'description') ?? '',
    severity: parseSeverity(prop(body, 'severity')),
    status: parseStatus(prop(body, 'status')),
    supportTopicId: propText(body, 'supportTopicId') ?? '',
    notes: Array.isArray(notes) ? notes.map(parseNote).filter((n): n is SrNote => n !== undefined) : [],
    ...optional('supportTopicName', propText(body, 'supportTopicName')),
    ...optional('createdDate', date(body, 'createdDate')),
    ...optional('lastModifiedDate', date(body, 'lastModifiedDate')),
    ...optional('lastClosedDate', date(body, 'lastClosedDate')),
  };
}

/** Reads a SupportTopic (its id is a JSON number on the wire). */
export function parseSupportTopic(body: unknown): SupportTopic {
  if (!isJsonObject(body)) throw new WireParseError('support topic is not an object');
  return { id: requiredText(body, 'id', 'support topic'), name: propText(body, 'name') ?? '', description: propText(body, 'description') ?? '' };
}

/** One page of a collection: its items and the continuation of `links.next`, if any. */
export interface CollectionPage {
  items: unknown[];
  next?: { uri: string; headers: Record<string, string> };
}

/** Reads a Collection resource. */
export function parseCollection(body: unknown): CollectionPage {
  if (!isJsonObject(body)) throw new WireParseError('collection is not an object');
  const items = prop(body, 'items');
  if (!Array.isArray(items)) throw new WireParseError('collection has no items array');
  const links = prop(body, 'links');
  const next = isJsonObject(links) ? prop(links, 'next') : undefined;
  const uri = isJsonObject(next) ? propText(next, 'uri') : undefined;
  if (!isJsonObject(next) || uri === undefined) return { items };
  const rawHeaders = prop(next, 'headers');
  const headers: Record<string, string> = {};
  for (const h of Array.isArray(rawHeaders) ? rawHeaders : []) {
    const key = isJsonObject(h) ? propText(h, 'key') : undefined;
    const value = isJsonObject(h) ? propText(h, 'value') : undefined;
    if (key !== undefined && value !== undefined) headers[key] = value;
  }
  return { items, next: { uri, headers } };
}
