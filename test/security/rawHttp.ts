/**
 * A raw TCP client for attacks that fetch() will not send (broken encodings, lying Content-Length, trickled
 * headers, bodies cut off mid-way). Every wait is bounded.
 */
import net from 'node:net';

/** What came back on the socket: the status of the first response, or that the server closed without one. */
export type RawOutcome = { status: number; head: string } | { status: 'closed' };

/** Opens a TCP connection to the bot's URL and resolves once it is connected. */
export function connect(url: string): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => { resolve(socket); });
    socket.once('error', reject);
  });
}

/**
 * Resolves with the first response on `socket` (its status line and headers), or `closed` when the server closes or
 * resets the connection before answering; rejects after `timeoutMs`.
 */
export function firstResponse(socket: net.Socket, timeoutMs: number): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    let received = '';
    const timer = setTimeout(() => { done(); reject(new Error(`no answer and no close within ${String(timeoutMs)} ms`)); }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      done();
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0), head: received.slice(0, end) });
    };
    const onClose = (): void => {
      done();
      resolve({ status: 'closed' });
    };
    const done = (): void => {
      clearTimeout(timer);
      socket.off('data', onData).off('close', onClose).off('error', onClose);
    };
    socket.on('data', onData).on('close', onClose).on('error', onClose);
  });
}

/** A request head (request line and headers) ready to write. */
export function head(method: string, path: string, headers: Record<string, string | number>): string {
  return `${method} ${path} HTTP/1.1\r\nHost: bot\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${String(v)}\r\n`).join('')}\r\n`;
}

/** Sends one request (head, then each body part in turn) on a new connection and resolves with what came back. */
export async function exchange(url: string, requestHead: string, body: Buffer[] = [], timeoutMs = 15_000): Promise<RawOutcome> {
  const socket = await connect(url);
  socket.on('error', () => undefined);
  try {
    const outcome = firstResponse(socket, timeoutMs);
    socket.write(requestHead);
    for (const part of body) socket.write(part);
    return await outcome;
  } finally {
    socket.destroy();
  }
}

/** One HTTP chunk of a `Transfer-Encoding: chunked` body. */
export function chunk(data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
}
