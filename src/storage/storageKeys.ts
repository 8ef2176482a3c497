/**
 * Storage keys built from parts, so that user input can never escape its prefix or collide with
 * another key (ours or botbuilder's).
 */
import { createHash } from 'node:crypto';

/** Longest key {@link storageKey} returns: BlobsStorage and Cosmos DB both accept keys of this length. */
export const MAX_STORAGE_KEY_LENGTH = 1024;

/** An escaped part longer than this is replaced by its sha256 digest. */
export const MAX_KEY_PART_LENGTH = 255;

/** Joins the escaped parts. Escaping always encodes it, so it only ever appears between parts. */
export const KEY_SEPARATOR = ':';

/** Starts a hashed part. Escaping always encodes it, so a hashed part never equals an escaped one. */
const HASH_MARKER = '~';

const HASHED_PART_LENGTH = HASH_MARKER.length + 64;

/** Most parts a key can have and still fit {@link MAX_STORAGE_KEY_LENGTH} with every part hashed. */
const MAX_PARTS = Math.floor((MAX_STORAGE_KEY_LENGTH + KEY_SEPARATOR.length) / (HASHED_PART_LENGTH + KEY_SEPARATOR.length));

const UNSAFE_CHAR = /[^A-Za-z0-9_-]/gu;

function percentEncode(char: string): string {
  const code = char.charCodeAt(0);
  if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
    // A lone surrogate has no UTF-8 form; `%u` cannot start a UTF-8 escape, so this stays unambiguous.
    return `%u${code.toString(16).toUpperCase()}`;
  }
  return Array.from(Buffer.from(char, 'utf8'), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/**
 * Escapes one key part: every character outside `[A-Za-z0-9_-]` becomes its UTF-8 bytes percent-encoded
 * (like `encodeURIComponent`, but also `.`, `!`, `~`, `*`, `'`, `(`, `)`, and lone surrogates as `%uXXXX`).
 *
 * @param part - Any string.
 * @returns An ASCII string that never contains {@link KEY_SEPARATOR} or `~`; distinct inputs give distinct outputs.
 */
export function escapeKeyPart(part: string): string {
  return part.replace(UNSAFE_CHAR, percentEncode);
}

function hashPart(escaped: string): string {
  return HASH_MARKER + createHash('sha256').update(escaped).digest('hex');
}

function joinedLength(parts: readonly string[]): number {
  return parts.reduce((total, part) => total + part.length, 0) + (parts.length - 1) * KEY_SEPARATOR.length;
}

/**
 * Builds a storage key from its parts, e.g. `storageKey('case', tenantId, caseId)` → `case:<tenant>:<case>`.
 *
 * @remarks
 * - Every part is escaped with {@link escapeKeyPart}, so a part can never contain the separator: the first
 *   part (the prefix) is always exactly what the code passed, and two different part lists never give the same key.
 * - Keys never contain `/`, so they cannot collide with botbuilder's state keys (`channel/conversations/id`).
 * - An escaped part longer than {@link MAX_KEY_PART_LENGTH} is replaced by `~` + its sha256 (hex); if the key
 *   is still longer than {@link MAX_STORAGE_KEY_LENGTH}, the longest remaining parts are hashed too.
 *   Hashing is one-way: keep the original values inside the stored item if you need them back.
 *
 * @param parts - The prefix, then the identifying values (user input is fine). None may be empty.
 * @returns A key of at most {@link MAX_STORAGE_KEY_LENGTH} characters.
 * @throws RangeError when there are no parts, too many parts (more than 15), or an empty part.
 */
export function storageKey(...parts: string[]): string {
  if (parts.length === 0 || parts.length > MAX_PARTS) {
    throw new RangeError(`storageKey: expected 1 to ${MAX_PARTS} parts, got ${parts.length}`);
  }
  const encoded = parts.map((part, index) => {
    if (part.length === 0) {
      throw new RangeError(`storageKey: part ${index} is empty`);
    }
    const escaped = escapeKeyPart(part);
    return escaped.length > MAX_KEY_PART_LENGTH ? hashPart(escaped) : escaped;
  });
  while (joinedLength(encoded) > MAX_STORAGE_KEY_LENGTH) {
    const longest = encoded.reduce((best, part, index) => (part.length > (encoded[best] ?? '').length ? index : best), 0);
    encoded[longest] = hashPart(encoded[longest] ?? '');
  }
  return encoded.join(KEY_SEPARATOR);
}
