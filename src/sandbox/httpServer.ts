/** Minimal HTTP(S) plumbing shared by the local stand-ins (node:http / node:https, no framework). */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** PEM key and certificate; when given, the stand-in serves https. */
export interface TlsMaterial {
  key: string | Buffer;
  cert: string | Buffer;
}

export interface ListenOptions {
  https?: TlsMaterial;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Defaults to 0 (any free port). */
  port?: number;
}

/** The listen options among a stand-in's options (only those set). */
export function listenOptionsOf(options: ListenOptions): ListenOptions {
  return { ...(options.https ? { https: options.https } : {}), ...(options.host ? { host: options.host } : {}), ...(options.port === undefined ? {} : { port: options.port }) };
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface RunningServer {
  /** Base URL, e.g. `https://127.0.0.1:54321` (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

/** Starts a server; a handler that throws answers 500 instead of crashing the test process. */
export async function listen(handler: RequestHandler, options: ListenOptions = {}): Promise<RunningServer> {
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'SandboxError', message: String(error) } });
      else res.destroy();
    });
  };
  const server: Server = options.https
    ? createHttpsServer({ key: options.https.key, cert: options.https.cert }, onRequest)
    : createHttpServer(onRequest);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => { resolve(); });
  });
  const { port } = server.address() as AddressInfo;
  const scheme = options.https ? 'https' : 'http';
  return {
    url: `${scheme}://${host}:${String(port)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => { resolve(); });
        server.closeAllConnections();
      }),
  };
}

/** Reads the whole request body as UTF-8. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

/** A wait that does not keep the process alive on its own (a closed stand-in must not hold a test run open). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** First value of a request header. */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
