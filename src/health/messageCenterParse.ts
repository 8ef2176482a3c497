/** Pure parsing of Graph serviceUpdateMessage JSON into messageCenterModel.ts types. */
import { isJsonObject } from '../jsonObject';
import { GraphParseError } from '../cloud/graphJson';
import { htmlToText } from './graphParse';
import { MESSAGE_CATEGORIES, type MessageCategory, type MessageCenterPost } from './messageCenterModel';

/** Longest body text kept per post, in characters (Graph bodies run to a few thousand). */
export const MESSAGE_TEXT_MAX = 4_000;

function text(item: Record<string, unknown>, key: string): string {
  const value = item[key];
  return typeof value === 'string' ? value : '';
}

function instant(item: Record<string, unknown>, key: string): string | null {
  const value = item[key];
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null;
}

function strings(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string' && item.length > 0) : [];
}

/** Case-insensitive; `StayInformed` and `stayInformed` are the same member. */
export function parseCategory(raw: unknown): MessageCategory {
  const lower = typeof raw === 'string' ? raw.toLowerCase() : '';
  return MESSAGE_CATEGORIES.find((member) => member.toLowerCase() === lower) ?? 'unknownFutureValue';
}

function details(raw: unknown): Record<string, string> {
  if (!Array.isArray(raw)) return {};
  const pairs = raw.filter(isJsonObject).map((pair) => [text(pair, 'name'), text(pair, 'value')] as const);
  return Object.fromEntries(pairs.filter(([name]) => name.length > 0));
}

function bodyText(raw: unknown): string {
  if (!isJsonObject(raw)) return '';
  const content = text(raw, 'content');
  return text(raw, 'contentType').toLowerCase() === 'text'
    ? content.replace(/\s+/g, ' ').trim().slice(0, MESSAGE_TEXT_MAX)
    : htmlToText(content, MESSAGE_TEXT_MAX);
}

/** One serviceUpdateMessage. Missing fields get neutral defaults; a missing id throws GraphParseError. */
export function parseMessage(raw: unknown): MessageCenterPost {
  if (!isJsonObject(raw) || typeof raw.id !== 'string' || raw.id.length === 0) throw new GraphParseError('serviceUpdateMessage without an id');
  return {
    id: raw.id,
    title: text(raw, 'title'),
    category: parseCategory(raw.category),
    services: strings(raw.services),
    tags: strings(raw.tags),
    isMajorChange: raw.isMajorChange === true,
    startDateTime: instant(raw, 'startDateTime'),
    actionRequiredByDateTime: instant(raw, 'actionRequiredByDateTime'),
    lastModifiedDateTime: instant(raw, 'lastModifiedDateTime'),
    text: bodyText(raw.body),
    details: details(raw.details),
  };
}
