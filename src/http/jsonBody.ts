import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/**
 * A bounded, strict JSON body reader for POST /api/messages, in place of restify's bodyParser (which inflated
 * `Content-Encoding: gzip` without limit before authentication, and crashed the process on a broken gzip stream).
 *
 * The Bot Connector posts small, uncompressed JSON activities. Anything else is refused before it costs memory:
 * a compressed body (415), another media type or charset (415), a declared length over the limit (413, nothing
 * read), a streamed body that grows past the limit (413, nothing more kept), bytes that are not UTF-8, JSON that
 * does not parse, nests deeper than any activity or carries a `__proto__` key (400).
 */

/** Why a body was refused: the HTTP status, a stable code and a short message for the client and the log. */
export interface BodyRefusal {
  status: 400 | 413 | 415;
  code: 'UnsupportedMediaType' | 'PayloadTooLarge' | 'BadArgument';
  message: string;
}

export type BodyResult = { kind: 'json'; value: unknown } | { kind: 'refused'; refusal: BodyRefusal } | { kind: 'aborted' };

export interface JsonBodyLimits {
  /** Most bytes of body accepted (as received: no encoding is accepted). */
  maxBytes: number;
  /** Deepest nesting of objects and arrays accepted; an activity needs about ten levels. */
  maxDepth: number;
}

/** Default nesting bound: far above any Teams activity (Adaptive Card submits included), far below a stack overflow. */
export const MAX_JSON_DEPTH = 64;

const refusal = (status: BodyRefusal['status'], message: string): BodyRefusal => ({
  status,
  code: status === 415 ? 'UnsupportedMediaType' : status === 413 ? 'PayloadTooLarge' : 'BadArgument',
  message,
});

/** What the headers alone rule out, before a byte of body is read. */
export function headerRefusal(headers: IncomingHttpHeaders, limits: JsonBodyLimits): BodyRefusal | undefined {
  const encoding = (headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') return refusal(415, 'Content-Encoding is not supported: send the body uncompressed');
  const [mediaType = '', ...parameters] = (headers['content-type'] ?? '').toLowerCase().split(';').map((p) => p.trim());
  if (mediaType !== 'application/json') return refusal(415, 'Content-Type must be application/json');
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/^"|"$/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return refusal(415, 'the charset must be utf-8');
  const declared = headers['content-length'];
  if (declared !== undefined && Number(declared) > limits.maxBytes) return refusal(413, `the body is larger than ${String(limits.maxBytes)} bytes`);
  return undefined;
}

/** Deepest nesting of objects and arrays in JSON text (brackets inside strings do not count). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
  }
  return deepest;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses received bytes as strict UTF-8 JSON (a leading BOM is dropped, as RFC 8259 §8.1 allows). */
export function parseJsonBody(bytes: Buffer, limits: JsonBodyLimits): BodyResult {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { kind: 'refused', refusal: refusal(400, 'the body is not valid UTF-8') };
  }
  if (jsonDepth(text) > limits.maxDepth) return { kind: 'refused', refusal: refusal(400, `the JSON nests deeper than ${String(limits.maxDepth)} levels`) };
  let protoKey = false;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => {
      if (key === '__proto__') protoKey = true;
      return v;
    });
  } catch {
    return { kind: 'refused', refusal: refusal(400, 'the body is not valid JSON') };
  }
  if (protoKey) return { kind: 'refused', refusal: refusal(400, 'the JSON has a __proto__ key') };
  return { kind: 'json', value };
}

/**
 * Reads the body, keeping at most `maxBytes`: past that it resolves `tooLarge` at once and keeps nothing more.
 * `aborted` when the client went away (or the server's request timeout cut it off) first.
 */
function readBounded(req: IncomingMessage, maxBytes: number): Promise<{ kind: 'bytes'; bytes: Buffer } | { kind: 'tooLarge' } | { kind: 'aborted' }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      finish();
      resolve({ kind: 'tooLarge' });
    };
    const onEnd = (): void => {
      finish();
      resolve({ kind: 'bytes', bytes: Buffer.concat(chunks, received) });
    };
    const onGone = (): void => {
      finish();
      resolve({ kind: 'aborted' });
    };
    const finish = (): void => {
      req.off('data', onData).off('end', onEnd).off('close', onGone).off('error', onGone);
      req.pause();
    };
    req.on('data', onData).on('end', onEnd).on('close', onGone).on('error', onGone);
  });
}

/**
 * After a refusal, the rest of the body is read and dropped (nothing kept) for at most `budgetBytes` more, so that
 * the client, still sending, reads the answer instead of a connection reset; past the budget the socket is closed.
 */
export function discardRest(req: IncomingMessage, budgetBytes: number): void {
  if (req.complete) return;
  let dropped = 0;
  req.on('error', () => undefined);
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > budgetBytes) req.socket.destroy();
  });
  req.resume();
}

/** Reads and parses the JSON body of a request within `limits`; never inflates, never buffers past the limit. */
export async function readJsonBody(req: IncomingMessage, limits: JsonBodyLimits): Promise<BodyResult> {
  const early = headerRefusal(req.headers, limits);
  if (early) return { kind: 'refused', refusal: early };
  const read = await readBounded(req, limits.maxBytes);
  if (read.kind === 'aborted') return read;
  if (read.kind === 'tooLarge') return { kind: 'refused', refusal: refusal(413, `the body is larger than ${String(limits.maxBytes)} bytes`) };
  return parseJsonBody(read.bytes, limits);
}
