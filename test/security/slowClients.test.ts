/**
 * Slow and greedy clients against the bot process: trickled headers and bodies are cut off by the configured
 * timeouts, and the connection cap refuses one connection too many while the connections already open keep working.
 * Short timeouts are configured so that bounded waits (never timing assertions) decide.
 */
import type net from 'node:net';
import { buildIfStale, startBot, waitUntil, type BotProcess } from '../support/botProcess';
import { connect, firstResponse, head, type RawOutcome } from './rawHttp';

/** How long a cut-off may take: the 2 s request timeout, Node's check period, and a loaded machine. */
const CUT_OFF_WAIT_MS = 15_000;

/** Writes `bytes` one at a time every `everyMs` until the socket closes; resolves with what the server answered. */
async function trickle(url: string, start: string, bytes: string, everyMs: number): Promise<RawOutcome> {
  const socket = await connect(url);
  socket.on('error', () => undefined);
  const outcome = firstResponse(socket, CUT_OFF_WAIT_MS);
  socket.write(start);
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed) return;
    socket.write(bytes[i % bytes.length]!);
    i += 1;
  }, everyMs);
  try {
    return await outcome;
  } finally {
    clearInterval(timer);
    socket.destroy();
  }
}

/** Sends `GET /healthz` on an open keep-alive socket and resolves with the status. */
async function healthzOn(socket: net.Socket): Promise<RawOutcome> {
  const outcome = firstResponse(socket, 10_000);
  socket.write(head('GET', '/healthz', {}));
  return outcome;
}

describe('slow clients are cut off by the server timeouts', () => {
  let bot: BotProcess;

  beforeAll(async () => {
    await buildIfStale();
    bot = await startBot({ STORAGE: 'memory', SANDBOX: 'on', HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000' });
  }, 120_000);
  afterAll(async () => {
    await bot.stop();
  });

  it('answers slow-loris headers and a trickled body with 408 or a close, never a turn, and keeps serving', async () => {
    const headers = 'POST /api/messages HTTP/1.1\r\nHost: bot\r\n';
    const outcomes = await Promise.all([
      ...Array.from({ length: 4 }, () => trickle(bot.url, headers, 'X-Slow: y\r\n', 100)),
      trickle(bot.url, head('POST', '/api/messages', { 'content-type': 'application/json', 'content-length': 1000 }), '{"type":"message"}', 100),
    ]);
    for (const outcome of outcomes) expect([408, 'closed']).toContain(outcome.status);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  }, 60_000);
});

describe('the connection cap', () => {
  const CAP = 4;
  let bot: BotProcess;
  const sockets: net.Socket[] = [];

  beforeAll(async () => {
    await buildIfStale();
    bot = await startBot({ STORAGE: 'memory', SANDBOX: 'on', HTTP_MAX_CONNECTIONS: String(CAP), HTTP_KEEP_ALIVE_TIMEOUT_MS: '60000' });
  }, 120_000);
  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    await bot.stop();
  });

  it('refuses connection N+1 while an open keep-alive connection still gets /healthz, and accepts again once one closes', async () => {
    const keepAlive = await connect(bot.url);
    sockets.push(keepAlive);
    expect((await healthzOn(keepAlive)).status).toBe(200);
    for (let i = 1; i < CAP; i += 1) sockets.push(await connect(bot.url));
    const oneTooMany = await connect(bot.url);
    sockets.push(oneTooMany);
    oneTooMany.on('error', () => undefined);
    expect((await firstResponse(oneTooMany, 10_000)).status).toBe('closed');
    expect((await healthzOn(keepAlive)).status).toBe(200);
    sockets[1]!.destroy();
    // The server may see the close a moment later: a new connection is tried until one is served (bounded).
    await waitUntil(async () => {
      const socket = await connect(bot.url);
      sockets.push(socket);
      socket.on('error', () => undefined);
      return (await healthzOn(socket)).status === 200;
    }, 10_000, 'a new connection served after one of the capped connections closed');
  }, 60_000);
});
