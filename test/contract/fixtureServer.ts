/**
 * A local HTTP server that answers with Microsoft's published example payloads verbatim, and records what the
 * client sent, for the contract tests under test/contract/{arm,graph,partnerCenter}.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listen, readBody, sendJson } from '../../src/sandbox/httpServer';

/**
 * One answer: for `method` on `path` (compared case-insensitively), `status` with `body` and `headers`. With `query`
 * (the decoded query string without `?`, e.g. `$skip=100`) only that query matches, and it wins over a route without.
 */
export interface FixtureRoute {
  method: string;
  path: string;
  query?: string;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request as received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface FixtureServer {
  url: string;
  received: ReceivedRequest[];
  /** Replaces the answers. */
  serve(routes: FixtureRoute[]): void;
  close(): Promise<void>;
}

/** Reads a published example (JSON) beside the test: `fixture(__dirname, 'Example.json')`. */
export function fixture(dir: string, name: string): unknown {
  return JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
}

/** The text of a published example (an HTTP body copied from a docs page). */
export function fixtureText(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

/** Starts the server; an unknown route answers 404 so a wrong path fails the test visibly. */
export async function startFixtureServer(routes: FixtureRoute[] = []): Promise<FixtureServer> {
  let answers = routes;
  const received: ReceivedRequest[] = [];
  const server = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    const raw = await readBody(req);
    const method = req.method ?? 'GET';
    received.push({ method, path: url.pathname, query: url.searchParams, headers: req.headers, body: raw === '' ? undefined : JSON.parse(raw) as unknown });
    const query = decodeURIComponent(url.search.slice(1));
    const candidates = answers.filter((r) => r.method === method && r.path.toLowerCase() === url.pathname.toLowerCase() && (r.query === undefined || r.query === query));
    const route = candidates.find((r) => r.query !== undefined) ?? candidates[0];
    if (!route) {
      sendJson(res, 404, { error: { code: 'NoFixture', message: `no fixture for ${method} ${url.pathname}` } });
      return;
    }
    if (route.body === undefined) {
      res.writeHead(route.status, route.headers ?? {});
      res.end();
      return;
    }
    if (typeof route.body === 'string') {
      res.writeHead(route.status, { 'Content-Type': 'application/json; charset=utf-8', ...route.headers });
      res.end(route.body);
      return;
    }
    sendJson(res, route.status, route.body, route.headers);
  });
  return {
    url: server.url,
    received,
    serve: (next) => { answers = next; },
    close: () => server.close(),
  };
}
