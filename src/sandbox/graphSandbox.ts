/**
 * A local stand-in for Microsoft Graph's service communications API (plus `users/{id}/transitiveMemberOf`, and the
 * users, licence details and sign-ins of graphUserAccounts.ts),
 * per tenant, with fault injection and request recording. Wire format: /work/shared/reference/graph-service-health.md.
 *
 * Tenant of a request: the `tid` claim of its bearer token (tokens from the Entra stand-in are unsigned JWTs);
 * without a token and with `requireAuth: false`, the `x-sandbox-tenant` header, else `defaultTenantId`.
 * A tenant without data has no services and no issues. The request log keeps the latest 10 000 requests.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultQueue, playFault, type SandboxFault } from './faults';
import { isMessageRoute, loadMessageSeed, type MessageSeed, messagesFor, messagesReply } from './graphMessageRoutes';
import { canReadMemberships, type GraphReply, type GraphRoute, healthReply, matchRoute, membershipReply } from './graphRoutes';
import { isTeamsAppRoute, SandboxTeamsApps } from './graphTeamsApps';
import { isUserAccountRoute, SANDBOX_ACCOUNTS, type SandboxTenantAccounts, userAccountReply } from './graphUserAccounts';
import type { DirectoryObject, EnumCasing, GraphSandboxSeed, TenantDirectory, TenantHealthData } from './graphSeed';
import { header, listen, listenOptionsOf, sleep, type TlsMaterial } from './httpServer';
import { bearerToken, decodeJwtPayload } from './jwt';
import { ODataQueryError, preferredPageSize } from './odataQuery';

export interface GraphSandboxOptions {
  /** Serve https (needed for the real Graph client to attach tokens). */
  https?: TlsMaterial;
  /** true: 401 without a bearer token, 403 without the needed app role. Defaults to true. */
  requireAuth?: boolean;
  seed?: GraphSandboxSeed;
  /** Message center posts; defaults to config/sandbox-messages.json. */
  messages?: MessageSeed;
  /** Tenant of unauthenticated requests without `x-sandbox-tenant`; defaults to the seed's first tenant. */
  defaultTenantId?: string;
  /** Enum casing on the wire; Graph's samples are PascalCase (the default). */
  casing?: EnumCasing;
  /** Artificial latency added to every response. */
  latencyMs?: number;
  /** Origin written in `@odata.nextLink` and `@odata.context`; defaults to the stand-in's own URL. */
  linkBaseUrl?: string;
  /** Users, licences and sign-ins per tenant; defaults to SANDBOX_ACCOUNTS. */
  accounts?: Record<string, SandboxTenantAccounts>;
  host?: string;
  port?: number;
}

export interface GraphRequestRecord {
  at: string;
  method: string;
  route: GraphRoute | 'notFound';
  /** Undefined when the request could not be attributed (no or bad token). */
  tenantId?: string;
  /** Path and query as received. */
  path: string;
  authorization?: string;
  clientRequestId?: string;
}

export interface GraphSandbox {
  /** Base URL without `/v1.0`, e.g. `https://127.0.0.1:54321`. */
  readonly url: string;
  readonly requests: readonly GraphRequestRecord[];
  setTenant(tenantId: string, data: TenantHealthData): void;
  setDirectory(tenantId: string, directory: TenantDirectory): void;
  setUserMemberships(tenantId: string, userId: string, memberOf: DirectoryObject[]): void;
  setAccounts(tenantId: string, accounts: SandboxTenantAccounts): void;
  setCasing(casing: EnumCasing): void;
  setLatency(ms: number): void;
  /** Origin of the links it writes (`https://graph.microsoft.com`, as Graph behind a proxy would); undefined: its own URL. */
  setLinkBaseUrl(url: string | undefined): void;
  /** Queues faults for the next requests to `route` (`*` = any route). */
  failNext(route: GraphRoute | '*', ...faults: SandboxFault[]): void;
  /** Every request to `route` fails with `standing` until called again with undefined. */
  failAlways(route: GraphRoute | '*', standing: SandboxFault | undefined): void;
  requestCount(tenantId?: string, route?: GraphRoute): number;
  /** Authorization header values received for requests attributed to `tenantId`. */
  authorizationsSeen(tenantId: string): string[];
  /** Per-tenant Teams app catalogs and per-user installations (graphTeamsApps.ts). */
  readonly teamsApps: SandboxTeamsApps;
  /** Clears faults and the request log (not the data). */
  reset(): void;
  close(): Promise<void>;
}

const GRAPH_AUDIENCES = ['https://graph.microsoft.com', 'https://graph.microsoft.com/', '00000003-0000-0000-c000-000000000000'];
const HEALTH_PERMISSION = 'ServiceHealth.Read.All';
const ERROR_CODES: Record<number, string> = { 400: 'BadRequest', 401: 'InvalidAuthenticationToken', 403: 'Authorization_RequestDenied', 404: 'NotFound', 429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceNotAvailable' };
const ERROR_MESSAGES: Record<number, string> = { 429: 'Please retry again later.', 503: 'The service is temporarily unavailable.' };
const MAX_LOGGED_REQUESTS = 10_000;
const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

interface Caller {
  tenantId: string;
  /** App roles and scopes of the token; undefined for unauthenticated sandbox requests. */
  permissions?: string[];
  /** The signed-in user (`upn`) of a delegated token. */
  user?: string;
}

function graphError(status: number, code: string, message: string, requestId: string, clientRequestId: string): unknown {
  const date = new Date().toISOString().slice(0, 19);
  const innerError = status === 429
    ? { code: '429', date, message: 'Please retry after', 'request-id': requestId, status: '429' }
    : { date, 'request-id': requestId, 'client-request-id': clientRequestId };
  return { error: { code, message, innerError } };
}

function identify(req: IncomingMessage, requireAuth: boolean, defaultTenantId: string): Caller | GraphReply {
  const unauthorized = (message: string): GraphReply => ({ status: 401, error: { code: 'InvalidAuthenticationToken', message } });
  const token = bearerToken(header(req, 'authorization'));
  if (!token) {
    return requireAuth ? unauthorized('Access token is empty.') : { tenantId: header(req, 'x-sandbox-tenant') ?? defaultTenantId };
  }
  const claims = decodeJwtPayload(token);
  const tid = claims?.tid;
  if (!claims || typeof tid !== 'string') return unauthorized('IDX14100: JWT is not well formed.');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return unauthorized('Lifetime validation failed, the token is expired.');
  if (!GRAPH_AUDIENCES.includes(String(claims.aud))) return unauthorized('Invalid audience.');
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [];
  const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ') : [];
  return { tenantId: tid, permissions: [...roles, ...scopes], ...(typeof claims.upn === 'string' ? { user: claims.upn } : {}) };
}

async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/** Starts the stand-in. */
export async function startGraphSandbox(options: GraphSandboxOptions = {}): Promise<GraphSandbox> {
  const tenants = new Map<string, TenantHealthData>(Object.entries(options.seed?.tenants ?? {}));
  const directories = new Map<string, TenantDirectory>(Object.entries(options.seed?.directories ?? {}));
  const accounts = new Map<string, SandboxTenantAccounts>(Object.entries(options.accounts ?? SANDBOX_ACCOUNTS));
  const requireAuth = options.requireAuth ?? true;
  const defaultTenantId = options.defaultTenantId ?? [...tenants.keys()][0] ?? '00000000-0000-0000-0000-000000000000';
  const faults = new FaultQueue<GraphRoute>();
  const messageSeed = options.messages ?? loadMessageSeed();
  const requests: GraphRequestRecord[] = [];
  const teamsApps = new SandboxTeamsApps();
  let casing: EnumCasing = options.casing ?? 'pascal';
  let latencyMs = options.latencyMs ?? 0;
  let baseUrl = '';
  let linkBaseUrl = options.linkBaseUrl;

  const reply = (caller: Caller, route: GraphRoute, param: string | undefined, req: IncomingMessage, url: URL, body: Buffer): GraphReply => {
    if (isTeamsAppRoute(route)) return teamsApps.reply({ route, segments: url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent), query: url.searchParams, body, baseUrl: linkBaseUrl ?? baseUrl }, caller);
    const request = { route, pathname: url.pathname, query: url.searchParams, baseUrl: linkBaseUrl ?? baseUrl, casing, ...(param === undefined ? {} : { param }), ...(header(req, 'prefer') === undefined ? {} : { prefer: header(req, 'prefer') }) };
    const forbidden: GraphReply = { status: 403, error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } };
    if (route === 'transitiveMemberOf') {
      return canReadMemberships(caller.permissions) ? membershipReply(request, directories.get(caller.tenantId), caller.permissions) : forbidden;
    }
    if (isMessageRoute(route)) return messagesReply({ ...request, route }, messagesFor(messageSeed, caller.tenantId), caller.permissions);
    if (isUserAccountRoute(route)) return userAccountReply(route, param, url.searchParams, accounts.get(caller.tenantId), caller.permissions, request.baseUrl);
    if (caller.permissions && !caller.permissions.includes(HEALTH_PERMISSION)) return forbidden;
    try {
      return healthReply(request, tenants.get(caller.tenantId) ?? { services: [], issues: [] });
    } catch (error) {
      if (error instanceof ODataQueryError) return { status: 400, error: { code: 'BadRequest', message: error.message } };
      throw error;
    }
  };

  const send = (res: ServerResponse, answer: GraphReply, requestId: string, clientRequestId: string, prefer: string | undefined): void => {
    const common = { 'request-id': requestId, 'client-request-id': clientRequestId, 'cache-control': 'no-cache' };
    if ('bytes' in answer) {
      res.writeHead(answer.status, { ...common, 'content-type': answer.contentType, 'content-length': answer.bytes.length });
      res.end(answer.bytes);
      return;
    }
    const body = 'json' in answer ? answer.json : graphError(answer.status, answer.error.code, answer.error.message, requestId, clientRequestId);
    const pageSize = preferredPageSize(prefer);
    const applied = answer.status === 200 && pageSize !== undefined ? { 'preference-applied': `odata.maxpagesize=${String(pageSize)}` } : {};
    const payload = JSON.stringify(body);
    res.writeHead(answer.status, { ...common, ...applied, 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(payload) });
    res.end(payload);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', baseUrl);
    const method = req.method ?? 'GET';
    const { route, param } = matchRoute(method, url.pathname);
    const requestId = randomUUID();
    const clientRequestId = header(req, 'client-request-id') ?? randomUUID();
    const caller = identify(req, requireAuth, defaultTenantId);
    const authorization = header(req, 'authorization');
    requests.push({
      at: new Date().toISOString(), method, route, path: req.url ?? '/',
      ...('tenantId' in caller ? { tenantId: caller.tenantId } : {}),
      ...(authorization === undefined ? {} : { authorization }),
      ...(header(req, 'client-request-id') === undefined ? {} : { clientRequestId }),
    });
    if (requests.length > MAX_LOGGED_REQUESTS) requests.splice(0, requests.length - MAX_LOGGED_REQUESTS);
    if (latencyMs > 0) await sleep(latencyMs);
    const played = route === 'notFound' ? undefined : faults.take(route);
    const errorBody = (status: number, code: string | undefined): unknown =>
      graphError(status, code ?? ERROR_CODES[status] ?? 'UnknownError', ERROR_MESSAGES[status] ?? 'Injected fault.', requestId, clientRequestId);
    res.setHeader('request-id', requestId);
    res.setHeader('client-request-id', clientRequestId);
    if (played && (await playFault(res, played, errorBody))) return;
    const answer: GraphReply = !('tenantId' in caller)
      ? caller
      : route === 'notFound'
        ? { status: 400, error: { code: 'BadRequest', message: `Resource not found for the segment '${url.pathname}'.` } }
        : reply(caller, route, param, req, url, method === 'POST' ? await readBytes(req) : Buffer.alloc(0));
    send(res, answer, requestId, clientRequestId, header(req, 'prefer'));
  };

  const server = await listen(handle, listenOptionsOf(options));
  baseUrl = server.url;
  return {
    url: server.url,
    requests,
    teamsApps,
    setTenant: (tenantId, data) => { tenants.set(tenantId, data); },
    setDirectory: (tenantId, directory) => { directories.set(tenantId, directory); },
    setUserMemberships: (tenantId, userId, memberOf) => {
      const directory = directories.get(tenantId) ?? { users: {} };
      directories.set(tenantId, { ...directory, users: { ...directory.users, [userId]: memberOf } });
    },
    setAccounts: (tenantId, data) => { accounts.set(tenantId, data); },
    setCasing: (next) => { casing = next; },
    setLatency: (ms) => { latencyMs = ms; },
    setLinkBaseUrl: (url) => { linkBaseUrl = url; },
    failNext: (route, ...queued) => { faults.push(route, queued); },
    failAlways: (route, standing) => { faults.always(route, standing); },
    requestCount: (tenantId, route) => requests.filter((r) => (tenantId === undefined || r.tenantId === tenantId) && (route === undefined || r.route === route)).length,
    authorizationsSeen: (tenantId) => requests.filter((r) => r.tenantId === tenantId && r.authorization !== undefined).map((r) => r.authorization ?? ''),
    reset: () => {
      faults.clear();
      requests.length = 0;
    },
    close: () => server.close(),
  };
}
