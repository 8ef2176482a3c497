import { createHash } from 'node:crypto';
import {
  KEY_SEPARATOR,
  MAX_KEY_PART_LENGTH,
  MAX_STORAGE_KEY_LENGTH,
  escapeKeyPart,
  storageKey,
} from '../../../src/storage/storageKeys';

const SAFE_KEY = /^[A-Za-z0-9_%~-]+(:[A-Za-z0-9_%~-]+)*$/;

describe('storageKey', () => {
  it('joins plain parts with the separator', () => {
    expect(storageKey('case', 'tenant-1', 'CASE_42')).toBe('case:tenant-1:CASE_42');
  });

  it('percent-encodes every character outside [A-Za-z0-9_-], including the separator', () => {
    expect(storageKey('case', 'a:b', 'c/d', 'x.y')).toBe('case:a%3Ab:c%2Fd:x%2Ey');
    expect(escapeKeyPart("!~*'()% ")).toBe('%21%7E%2A%27%28%29%25%20');
  });

  it('keeps the prefix: user input cannot inject a separator or a path', () => {
    const key = storageKey('case', 'evil:case:other-tenant', '../../lease:x');
    expect(key.startsWith(`case${KEY_SEPARATOR}`)).toBe(true);
    expect(key.split(KEY_SEPARATOR)).toHaveLength(3);
    expect(key).not.toContain('/');
  });

  it.each<[string[], string[]]>([
    [['a', 'b:c'], ['a:b', 'c']],
    [['a', 'b%3Ac'], ['a', 'b:c']],
    [['a', 'b', 'c'], ['a', 'b:c']],
    [['a', '\uD800'], ['a', '\uFFFD']],
    [['a', '\uD800'], ['a', '%uD800']],
  ])('never collides: %j vs %j', (left, right) => {
    expect(storageKey(...left)).not.toBe(storageKey(...right));
  });

  it('round-trips unicode parts through decodeURIComponent', () => {
    const parts = ['conv', 'ключ 🙂', 'テナント', 'a:1Tz/x@thread.v2'];
    const decoded = storageKey(...parts).split(KEY_SEPARATOR).map(decodeURIComponent);
    expect(decoded).toEqual(parts);
  });

  it('escapes lone surrogates without throwing', () => {
    expect(storageKey('x', '\uD83D')).toBe('x:%uD83D');
  });

  it('only ever produces key-safe ASCII', () => {
    const key = storageKey('ref', "'; DROP TABLE items; --", '\u0000\n\t', '🙂');
    expect(key).toMatch(SAFE_KEY);
  });

  it('hashes a part whose escaped form is longer than the part limit', () => {
    const long = 'é'.repeat(100);
    const escaped = escapeKeyPart(long);
    expect(escaped.length).toBeGreaterThan(MAX_KEY_PART_LENGTH);
    const digest = createHash('sha256').update(escaped).digest('hex');
    expect(storageKey('case', 't', long)).toBe(`case:t:~${digest}`);
  });

  it('keeps a part exactly at the limit as it is', () => {
    const part = 'a'.repeat(MAX_KEY_PART_LENGTH);
    expect(storageKey('p', part)).toBe(`p:${part}`);
  });

  it('is deterministic and distinguishes long parts that differ only at the end', () => {
    const a = 'x'.repeat(5000) + 'a';
    const b = 'x'.repeat(5000) + 'b';
    expect(storageKey('p', a)).toBe(storageKey('p', a));
    expect(storageKey('p', a)).not.toBe(storageKey('p', b));
  });

  it('keeps every key within the length limit, hashing the longest parts as needed', () => {
    const parts = Array.from({ length: 15 }, (_, i) => `${i}`.padEnd(MAX_KEY_PART_LENGTH, 'z'));
    const key = storageKey(...parts);
    expect(key.length).toBeLessThanOrEqual(MAX_STORAGE_KEY_LENGTH);
    expect(key.split(KEY_SEPARATOR)).toHaveLength(15);
    expect(key).toMatch(SAFE_KEY);
  });

  it('rejects no parts, too many parts and empty parts', () => {
    expect(() => storageKey()).toThrow(RangeError);
    expect(() => storageKey(...Array.from({ length: 16 }, () => 'p'))).toThrow(RangeError);
    expect(() => storageKey('case', '', 'id')).toThrow(/part 1 is empty/);
  });
});
