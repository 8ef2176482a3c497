/**
 * The dashboard's HTTP routes on the bot's server: the tab's static files at `/tab`, the unauthenticated
 * `/api/dashboard/config`, the sandbox-only development sign-in, and the read API, where every call carries a
 * Teams SSO token (401 when it is missing or invalid, 403 when its user may not read, 503 when the authority's
 * keys are out of reach). Contract: README, "The agents' tab".
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { CustomerDirectory } from '../directory/customerDirectory';
import type { Authorizer } from '../teams/guard';
import { DEFAULT_STATS_DAYS, MAX_STATS_DAYS } from './aggregation';
import { dashboardReader, readableCustomers, type DashboardReader } from './dashboardAccess';
import { CASE_STATES, SEVERITIES } from './contract';
import type { DashboardData } from './dashboardData';
import { readStaticFile, resolveAsset, TAB_INDEX } from './staticFiles';
import { KeysUnavailableError, type SignedInUser, type TokenVerifier } from './tokenVerifier';

/** The sandbox's development sign-in: a token for an agent of the partner tenant (absent in production). */
export type DevSignIn = (aadObjectId: string | undefined) => string;

export interface DashboardRoutesDeps {
  data: DashboardData;
  directory: Pick<CustomerDirectory, 'all'>;
  verify: TokenVerifier;
  authorizer: Authorizer;
  partnerTenantId: string;
  /** The folder of the built tab (`dist/web/dashboard`). */
  staticRoot: string;
  sandbox: boolean;
  locale: string;
  devSignIn?: DevSignIn;
  logger: Logger;
  now?: () => Date;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A query parameter that is not one of the allowed values. */
class BadQuery extends Error {}

function queryOf(req: Request): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

function oneOf<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new BadQuery(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function guidOr(query: URLSearchParams, name: string, extra?: string): string | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!GUID.test(value) && value !== extra) throw new BadQuery(`${name} must be an object id${extra ? ` or ${extra}` : ''}`);
  return value.toLowerCase();
}

function integer(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const value = query.get(name);
  if (value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new BadQuery(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

const page = (query: URLSearchParams): number => integer(query, 'page', 1, 1, 1_000_000);

function bearer(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

function sendJson(res: Response, status: number, body: unknown): void {
  res.header('cache-control', 'no-store');
  res.send(status, body);
}

export function registerDashboardRoutes(server: Server, deps: DashboardRoutesDeps): void {
  const { logger } = deps;
  const now = deps.now ?? (() => new Date());

  const serveTab = async (res: Response, urlPath: string): Promise<void> => {
    const file = resolveAsset(deps.staticRoot, urlPath);
    const found = file ? await readStaticFile(file) : undefined;
    if (!found) {
      if (!file) logger.warn({ event: 'security.dashboardPathRefused', path: urlPath.slice(0, 200) }, 'tab asset path refused');
      res.send(404, { error: { code: 'notFound' } });
      return;
    }
    res.writeHead(200, { ...found.headers, 'content-length': String(found.body.length) });
    res.end(found.body);
  };
  server.get('/tab', async (_req, res) => serveTab(res, TAB_INDEX));
  server.get('/tab/*', async (req, res) => {
    const rawPath = (req.url ?? '').split('?')[0] ?? '';
    await serveTab(res, rawPath.slice('/tab/'.length) || TAB_INDEX);
  });

  server.get('/api/dashboard/config', async (_req, res) => {
    sendJson(res, 200, { sandbox: deps.sandbox, locale: deps.locale });
  });

  const { devSignIn } = deps;
  if (devSignIn) {
    server.get('/api/dashboard/dev-token', async (req, res) => {
      try {
        sendJson(res, 200, { token: devSignIn(guidOr(queryOf(req), 'agent')) });
      } catch (err) {
        if (!(err instanceof BadQuery)) throw err;
        sendJson(res, 400, { error: { code: 'badRequest', message: err.message } });
      }
    });
  }

  /** An authorized read: the token checked, the reader decided, the answer computed. */
  const read = (path: string, answer: (reader: DashboardReader, query: URLSearchParams) => Promise<unknown>): void => {
    server.get(path, async (req, res) => {
      const token = bearer(req);
      let user: SignedInUser | undefined;
      try {
        user = token ? await deps.verify(token) : undefined;
      } catch (err) {
        if (!(err instanceof KeysUnavailableError)) throw err;
        logger.error({ err, event: 'dashboard.keysUnavailable', path }, 'the authority\'s signing keys are unavailable');
        sendJson(res, 503, { error: { code: 'unavailable' } });
        return;
      }
      if (!user) {
        logger.info({ event: 'security.dashboardUnauthenticated', path, token: token ? 'invalid' : 'missing' }, 'dashboard call without a valid token');
        res.header('www-authenticate', 'Bearer');
        sendJson(res, 401, { error: { code: 'unauthenticated' } });
        return;
      }
      const reader = await dashboardReader(user, deps);
      if (reader === 'forbidden') {
        logger.warn({ event: 'security.dashboardForbidden', path, tenantId: user.tenantId, aadObjectId: user.aadObjectId }, 'dashboard read refused');
        sendJson(res, 403, { error: { code: 'forbidden' } });
        return;
      }
      try {
        sendJson(res, 200, await answer(reader, queryOf(req)));
      } catch (err) {
        if (!(err instanceof BadQuery)) {
          logger.error({ err, event: 'dashboard.readFailed', path }, 'dashboard read failed');
          sendJson(res, 500, { error: { code: 'internal' } });
          return;
        }
        sendJson(res, 400, { error: { code: 'badRequest', message: err.message } });
      }
    });
  };

  read('/api/dashboard/me', async (reader) => ({ ...reader.agent, customers: await readableCustomers(reader, deps.directory) }));
  read('/api/dashboard/queue', (reader, query) => deps.data.queue(reader, {
    customer: guidOr(query, 'customer'),
    severity: oneOf(query, 'severity', SEVERITIES),
    state: oneOf(query, 'state', CASE_STATES),
    owner: guidOr(query, 'owner', 'unassigned'),
  }, page(query), now()));
  read('/api/dashboard/stats', (reader, query) => deps.data.stats(reader, integer(query, 'days', DEFAULT_STATS_DAYS, 1, MAX_STATS_DAYS), now()));
  read('/api/dashboard/escalations', (reader, query) => deps.data.escalations(reader, page(query)));
  read('/api/dashboard/outages', (reader) => deps.data.outages(reader));
}
