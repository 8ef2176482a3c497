import { headerRefusal, jsonDepth, MAX_JSON_DEPTH, parseJsonBody } from '../../../src/http/jsonBody';

const LIMITS = { maxBytes: 1024, maxDepth: MAX_JSON_DEPTH };
const JSON_TYPE = 'application/json; charset=utf-8';

describe('the bounded JSON body reader', () => {
  it('accepts what the Bot Connector sends: uncompressed UTF-8 JSON, with or without a charset or an identity encoding', () => {
    for (const headers of [{ 'content-type': JSON_TYPE }, { 'content-type': 'application/json' }, { 'content-type': 'Application/JSON; charset="UTF-8"', 'content-encoding': 'identity' }]) {
      expect(headerRefusal({ ...headers, 'content-length': '100' }, LIMITS)).toBeUndefined();
    }
  });

  it('refuses compression, other media types and charsets (415) and a declared length over the limit (413)', () => {
    expect(headerRefusal({ 'content-type': JSON_TYPE, 'content-encoding': 'gzip' }, LIMITS)?.status).toBe(415);
    expect(headerRefusal({ 'content-type': 'text/json' }, LIMITS)?.status).toBe(415);
    expect(headerRefusal({}, LIMITS)?.status).toBe(415);
    expect(headerRefusal({ 'content-type': 'application/json; charset=utf-16' }, LIMITS)?.status).toBe(415);
    expect(headerRefusal({ 'content-type': JSON_TYPE, 'content-length': '1025' }, LIMITS)).toMatchObject({ status: 413, code: 'PayloadTooLarge' });
  });

  it('counts only the brackets of the JSON structure, not those a person typed in a message', () => {
    expect(jsonDepth('{"a":[{"b":[]}]}')).toBe(4);
    expect(jsonDepth(JSON.stringify({ text: '[[[[{{{{ ((( "quoted [[[" \\ ]]]]' }))).toBe(1);
    const typed = JSON.stringify({ type: 'message', text: '['.repeat(500) });
    expect(parseJsonBody(Buffer.from(typed), LIMITS)).toEqual({ kind: 'json', value: JSON.parse(typed) });
  });

  it('parses strict JSON only, drops a leading BOM, and refuses invalid UTF-8, deep nesting and __proto__ keys with 400', () => {
    expect(parseJsonBody(Buffer.from('\ufeff{"a":1}'), LIMITS)).toEqual({ kind: 'json', value: { a: 1 } });
    for (const bad of [Buffer.from([0x7b, 0xff, 0x7d]), Buffer.from("{'a':1}"), Buffer.from('{"a":1,}'), Buffer.from(`${'['.repeat(65)}${']'.repeat(65)}`), Buffer.from('{"a":{"__proto__":{}}}')]) {
      const result = parseJsonBody(bad, LIMITS);
      expect(result.kind === 'refused' && result.refusal.status).toBe(400);
    }
    expect(parseJsonBody(Buffer.from(`${'['.repeat(64)}${']'.repeat(64)}`), LIMITS).kind).toBe('json');
  });
});
