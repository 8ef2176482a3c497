/**
 * The HTTP edge under attack, before any authentication: compressed-body bombs, broken encodings, lying lengths,
 * bodies past the limit, deep JSON. The bot runs as a child process (the build, `node dist/src/index.js`), so that
 * its memory is measured apart from jest's and a crash shows as a dead process, not as a failed assertion.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { buildIfStale, startBot, type BotProcess } from '../support/botProcess';
import { chunk, exchange, head } from './rawHttp';

/** The body limit of src/config.ts (256 KB). */
const MAX_BODY_BYTES = 256 * 1024;
const JSON_TYPE = 'application/json; charset=utf-8';

/** Resident memory of a process, in bytes (Linux /proc). */
function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${String(pid)}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

/** A gzip body of `megabytes` MB of spaces: about 1,000 times smaller than what it inflates to. */
async function gzipBomb(megabytes: number): Promise<Buffer> {
  const gzip = zlib.createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  const ended = once(gzip, 'end');
  const mb = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < megabytes; i += 1) if (!gzip.write(mb)) await once(gzip, 'drain');
  gzip.end();
  await ended;
  return Buffer.concat(out);
}

describe('the HTTP edge: bounded bodies, no inflation, no input that stops the process', () => {
  let bot: BotProcess;
  /** 240 MB of spaces, gzipped: about 240 KB, under the body limit. */
  let bomb: Buffer;

  const alive = async (): Promise<void> => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    await buildIfStale();
    [bot, bomb] = await Promise.all([startBot({ STORAGE: 'memory', SANDBOX: 'on' }), gzipBomb(240)]);
  }, 120_000);
  afterAll(async () => {
    await bot.stop();
  });

  it('refuses four parallel gzip bombs with 415 without inflating them: the bot\'s memory stays flat', async () => {
    expect(bomb.length).toBeLessThan(MAX_BODY_BYTES);
    await alive();
    const before = rssOf(bot.pid);
    let peak = before;
    const sampler = setInterval(() => { peak = Math.max(peak, rssOf(bot.pid)); }, 20);
    try {
      const statuses = await Promise.all(Array.from({ length: 4 }, async () => {
        const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': JSON_TYPE, 'content-encoding': 'gzip' }, body: bomb });
        return res.status;
      }));
      expect(statuses).toEqual([415, 415, 415, 415]);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, rssOf(bot.pid));
    expect(peak - before).toBeLessThan(100 * 1024 * 1024);
    await alive();
  }, 60_000);

  const gzipped = zlib.gzipSync(Buffer.from('{"type":"message"}'));
  const deep = (levels: number): string => `{"type":"message","value":${'['.repeat(levels)}${']'.repeat(levels)}}`;
  const malformed: Array<{ name: string; headers: Record<string, string | number>; body: Buffer; status: number }> = [
    { name: '16 bytes that are not gzip, sent as gzip', headers: { 'content-encoding': 'gzip' }, body: Buffer.from('0123456789abcdef'), status: 415 },
    { name: 'a gzip stream cut in the middle', headers: { 'content-encoding': 'gzip' }, body: gzipped.subarray(0, 12), status: 415 },
    { name: 'a deflate body', headers: { 'content-encoding': 'deflate' }, body: zlib.deflateSync('{"type":"message"}'), status: 415 },
    { name: 'a brotli body', headers: { 'content-encoding': 'br' }, body: zlib.brotliCompressSync('{"type":"message"}'), status: 415 },
    { name: 'gzip applied twice', headers: { 'content-encoding': 'gzip, gzip' }, body: zlib.gzipSync(gzipped), status: 415 },
    { name: 'an unknown encoding', headers: { 'content-encoding': 'x-compress-9000' }, body: Buffer.from('{}'), status: 415 },
    { name: 'text/plain', headers: { 'content-type': 'text/plain' }, body: Buffer.from('{}'), status: 415 },
    { name: 'a form', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from('type=message'), status: 415 },
    { name: 'a latin-1 charset', headers: { 'content-type': 'application/json; charset=iso-8859-1' }, body: Buffer.from('{}'), status: 415 },
    { name: 'bytes that are not UTF-8', headers: {}, body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), status: 400 },
    { name: 'a BOM before a non-activity', headers: {}, body: Buffer.from('\ufeff{}'), status: 400 },
    { name: 'an empty body', headers: {}, body: Buffer.alloc(0), status: 400 },
    { name: 'half a JSON object', headers: {}, body: Buffer.from('{"type":"mess'), status: 400 },
    { name: 'JSON nested 100,000 levels deep', headers: {}, body: Buffer.from(deep(100_000)), status: 400 },
    { name: 'JSON nested 65 levels deep', headers: {}, body: Buffer.from(deep(64)), status: 400 },
    { name: 'a __proto__ key', headers: {}, body: Buffer.from('{"type":"message","__proto__":{"isAdmin":true}}'), status: 400 },
    { name: 'duplicate keys', headers: {}, body: Buffer.from('{"type":"message","type":"invoke"}'), status: 400 },
    { name: 'a JSON array', headers: {}, body: Buffer.from('[{"type":"message"}]'), status: 400 },
    { name: 'a JSON string', headers: {}, body: Buffer.from('"message"'), status: 400 },
    { name: 'JSON null', headers: {}, body: Buffer.from('null'), status: 400 },
    { name: 'a Content-Length of 10 MB with 10 bytes sent', headers: { 'content-length': 10 * 1024 * 1024 }, body: Buffer.from('{"type":1}'), status: 413 },
  ];

  it.each(malformed)('answers $name with $status, and the process keeps serving', async ({ headers, body, status }) => {
    const outcome = await exchange(bot.url, head('POST', '/api/messages', { 'content-type': JSON_TYPE, 'content-length': body.length, ...headers }), [body]);
    expect(outcome.status).toBe(status);
    await alive();
  });

  it('stops reading a chunked body as soon as it passes the limit (413), and the process keeps serving', async () => {
    const part = Buffer.alloc(64 * 1024, 0x20);
    const parts = Array.from({ length: 6 }, () => chunk(part));
    const outcome = await exchange(bot.url, head('POST', '/api/messages', { 'content-type': JSON_TYPE, 'transfer-encoding': 'chunked' }), parts);
    expect(outcome.status).toBe(413);
    await alive();
  });

  it('refuses a chunked gzip body cut off at the size limit with 415, and the process keeps serving', async () => {
    const outcome = await exchange(bot.url, head('POST', '/api/messages', { 'content-type': JSON_TYPE, 'content-encoding': 'gzip', 'transfer-encoding': 'chunked' }),
      [chunk(Buffer.concat([bomb, bomb]).subarray(0, MAX_BODY_BYTES + 1))]);
    expect(outcome.status).toBe(415);
    await alive();
  });

  it('refuses a huge Authorization header, other methods and other paths with a 4xx, serves an Upgrade request as a plain one, and keeps serving', async () => {
    // Node answers 431 and closes; the close may reset the connection before the answer is read.
    const hugeAuthorization = await exchange(bot.url, head('POST', '/api/messages', { 'content-type': JSON_TYPE, authorization: `Bearer ${'a'.repeat(64 * 1024)}`, 'content-length': 2 }), [Buffer.from('{}')]);
    expect([431, 'closed']).toContain(hugeAuthorization.status);
    expect((await fetch(`${bot.url}/api/messages`, { method: 'PUT', headers: { 'content-type': JSON_TYPE }, body: '{}' })).status).toBe(405);
    expect((await fetch(`${bot.url}/api/messages`, { method: 'GET' })).status).toBe(405);
    expect((await fetch(`${bot.url}/../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${bot.url}/api/messages/%00`, { method: 'POST', headers: { 'content-type': JSON_TYPE }, body: '{}' })).status).toBe(404);
    // An Upgrade request is served as a plain one, not handed over (and held) outside the server's timeouts.
    expect((await exchange(bot.url, head('GET', '/healthz', { upgrade: 'websocket', connection: 'Upgrade' }), [], 5_000)).status).toBe(200);
    expect((await exchange(bot.url, `POST /api/messages HTTP/1.1\r\nHost: bot\r\nContent-Type: ${JSON_TYPE}\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n`)).status).toBeGreaterThanOrEqual(400);
    await alive();
  });
});
