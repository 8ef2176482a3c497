/**
 * A local Microsoft Entra token endpoint for tests and local runs: client credentials, plus the device code and
 * refresh token grants of the Secure Application Model consent (see entraDelegatedGrants.ts).
 * Works with `new ClientSecretCredential(tenantId, clientId, secret, { authorityHost: sandbox.url, disableInstanceDiscovery: true })`
 * when served over https and trusted through NODE_EXTRA_CA_CERTS.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultQueue, playFault, type SandboxFault } from './faults';
import { header, listen, readBody, sendJson, type TlsMaterial } from './httpServer';
import { encodeUnsignedJwt } from './jwt';
import { verifyClientAssertion } from './clientAssertion';
import { DelegatedGrants, DEVICE_CODE_GRANT, type SignedInUser } from './entraDelegatedGrants';
import { createUserTokenIssuer, isJwksPath, type UserTokenRequest } from './entraUserTokens';

/** An app registration the stand-in knows. */
export interface EntraClient {
  clientId: string;
  clientSecret?: string;
  /** PEM certificate whose key signs client assertions (ClientCertificateCredential). */
  certificatePem?: string;
  /** App roles put in issued tokens; defaults to ["ServiceHealth.Read.All"]. */
  roles?: string[];
  /** Tenants where the app is consented; absent = every tenant. */
  tenants?: string[];
}

export interface EntraSandboxOptions {
  https?: TlsMaterial;
  clients: EntraClient[];
  /** Seconds; defaults to 3599 like Entra. */
  tokenLifetimeSeconds?: number;
  /** Polling interval a device code flow asks for, seconds; defaults to 5 like Entra. */
  deviceCodeIntervalSeconds?: number;
}

export type EntraRoute = 'token' | 'deviceCode' | 'openidConfiguration' | 'instanceDiscovery' | 'keys';

export interface EntraRequest {
  at: string;
  route: EntraRoute | 'notFound';
  tenantId: string;
  method: string;
  path: string;
}

export interface IssuedToken {
  tenantId: string;
  clientId: string;
  accessToken: string;
}

export interface EntraSandbox {
  /** Authority host, e.g. `https://127.0.0.1:54321` (pass as `authorityHost`). */
  readonly url: string;
  readonly requests: readonly EntraRequest[];
  readonly issued: readonly IssuedToken[];
  /** Number of token requests received for `tenantId` (all tenants when omitted). */
  tokenRequestCount(tenantId?: string): number;
  /** Access tokens issued for a tenant, oldest first. */
  tokensIssuedFor(tenantId: string): string[];
  setClient(client: EntraClient): void;
  /** Plays the person who enters a device code and signs in; false when no pending flow has that code. */
  approveDeviceCode(userCode: string, user: SignedInUser): boolean;
  /** Whether a refresh token was issued by a delegated grant and not yet redeemed. */
  isLiveRefreshToken(token: string): boolean;
  /** A signed v2 access token for a user, verifiable with the JWKS this authority publishes (Teams SSO tokens). */
  issueUserToken(request: Omit<UserTokenRequest, 'authorityHost'>): string;
  failNext(route: EntraRoute | '*', ...faults: SandboxFault[]): void;
  failAlways(route: EntraRoute | '*', standing: SandboxFault | undefined): void;
  reset(): void;
  close(): Promise<void>;
}

const GRAPH_RESOURCE = 'https://graph.microsoft.com';
const DEFAULT_ROLES = ['ServiceHealth.Read.All'];

function oauthError(status: number, error: string, aadsts: number, description: string): { status: number; body: unknown } {
  const traceId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${String(aadsts)}: ${description} Trace ID: ${traceId} Correlation ID: ${randomUUID()} Timestamp: ${timestamp}`,
      error_codes: [aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: randomUUID(),
      error_uri: `https://login.microsoftonline.com/error?code=${String(aadsts)}`,
    },
  };
}

function routeOf(method: string, segments: string[]): EntraRoute | 'notFound' {
  const rest = segments.slice(1).join('/').toLowerCase();
  if (method === 'POST' && rest === 'oauth2/v2.0/token') return 'token';
  if (method === 'POST' && rest === 'oauth2/v2.0/devicecode') return 'deviceCode';
  if (method === 'GET' && rest === 'v2.0/.well-known/openid-configuration') return 'openidConfiguration';
  if (method === 'GET' && rest === 'discovery/instance') return 'instanceDiscovery';
  if (method === 'GET' && isJwksPath(rest)) return 'keys';
  return 'notFound';
}

function openIdConfiguration(base: string, tenantId: string): unknown {
  const tenantBase = `${base}/${tenantId}`;
  return {
    token_endpoint: `${tenantBase}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${tenantBase}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${tenantBase}/v2.0`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${tenantBase}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${tenantBase}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${tenantBase}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid'],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
  };
}

function instanceDiscovery(base: string, tenantId: string): unknown {
  const host = new URL(base).host;
  return {
    tenant_discovery_endpoint: `${base}/${tenantId}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}

/** Starts the stand-in. */
export async function startEntraSandbox(options: EntraSandboxOptions): Promise<EntraSandbox> {
  const clients = new Map(options.clients.map((client) => [client.clientId, client]));
  const faults = new FaultQueue<EntraRoute>();
  const requests: EntraRequest[] = [];
  const issued: IssuedToken[] = [];
  const lifetime = options.tokenLifetimeSeconds ?? 3599;
  let baseUrl = '';
  const userTokens = createUserTokenIssuer();

  const delegated = new DelegatedGrants(lifetime, options.deviceCodeIntervalSeconds ?? 5, oauthError);
  const knownClient = (form: URLSearchParams, tenantId: string): EntraClient | undefined => {
    const client = clients.get(form.get('client_id') ?? '');
    return client && (!client.tenants || client.tenants.includes(tenantId)) ? client : undefined;
  };

  /** Delegated grants: a secret, when sent, must be the client's (the consent app may be confidential). */
  const redeemDelegated = (form: URLSearchParams, tenantId: string, grant: 'device' | 'refresh'): { status: number; body: unknown } => {
    const client = knownClient(form, tenantId);
    const secret = form.get('client_secret');
    if (!client) return oauthError(400, 'unauthorized_client', 700016, `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory '${tenantId}'.`);
    if (secret !== null && secret !== client.clientSecret) return oauthError(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    return grant === 'device' ? delegated.redeemDeviceCode(form, tenantId) : delegated.redeemRefreshToken(form, tenantId);
  };

  const authenticate = (form: URLSearchParams, tenantId: string, tokenUrl: string): { status: number; body: unknown } => {
    const grantType = form.get('grant_type');
    if (grantType === DEVICE_CODE_GRANT) return redeemDelegated(form, tenantId, 'device');
    if (grantType === 'refresh_token') return redeemDelegated(form, tenantId, 'refresh');
    if (grantType !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    }
    const clientId = form.get('client_id') ?? '';
    const client = knownClient(form, tenantId);
    if (!client) {
      return oauthError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenantId}'.`);
    }
    const scope = form.get('scope') ?? '';
    if (!scope.endsWith('/.default')) {
      return oauthError(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`);
    }
    const assertion = form.get('client_assertion');
    const secretOk = client.clientSecret !== undefined && form.get('client_secret') === client.clientSecret;
    const assertionOk = assertion !== null && client.certificatePem !== undefined
      && verifyClientAssertion(assertion, client.certificatePem, clientId, tokenUrl);
    if (!secretOk && !assertionOk) {
      return assertion === null
        ? oauthError(401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.')
        : oauthError(401, 'invalid_client', 700027, 'The certificate with identifier used to sign the client assertion is not registered on application.');
    }
    const now = Math.floor(Date.now() / 1000);
    const accessToken = encodeUnsignedJwt({
      aud: scope.slice(0, -'/.default'.length) || GRAPH_RESOURCE,
      iss: `https://sts.windows.net/${tenantId}/`,
      iat: now, nbf: now, exp: now + lifetime,
      appid: clientId, appidacr: assertion === null ? '1' : '2', idtyp: 'app',
      oid: randomUUID(), sub: randomUUID(), tid: tenantId, uti: randomUUID(), ver: '1.0',
      roles: client.roles ?? DEFAULT_ROLES,
    });
    issued.push({ tenantId, clientId, accessToken });
    return { status: 200, body: { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken } };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', baseUrl);
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const tenantId = segments[0] ?? '';
    const method = req.method ?? 'GET';
    const route = routeOf(method, segments);
    requests.push({ at: new Date().toISOString(), route, tenantId, method, path: url.pathname });
    const correlation = header(req, 'client-request-id') ?? randomUUID();
    res.setHeader('x-ms-request-id', randomUUID());
    res.setHeader('client-request-id', correlation);
    if (route === 'notFound') {
      sendJson(res, 404, oauthError(404, 'invalid_request', 90002, `Route ${method} ${url.pathname} does not exist.`).body);
      return;
    }
    const played = faults.take(route);
    if (played && (await playFault(res, played, (status) => oauthError(status, 'temporarily_unavailable', 50000, 'Injected fault.').body))) {
      return;
    }
    if (route === 'openidConfiguration') {
      sendJson(res, 200, openIdConfiguration(baseUrl, tenantId));
    } else if (route === 'keys') {
      sendJson(res, 200, userTokens.jwks);
    } else if (route === 'instanceDiscovery') {
      sendJson(res, 200, instanceDiscovery(baseUrl, url.searchParams.get('tenant') ?? tenantId));
    } else if (route === 'deviceCode') {
      const form = new URLSearchParams(await readBody(req));
      const result = delegated.start(form, tenantId, baseUrl, knownClient(form, tenantId) !== undefined);
      sendJson(res, result.status, result.body, { 'cache-control': 'no-store, no-cache' });
    } else {
      const result = authenticate(new URLSearchParams(await readBody(req)), tenantId, `${baseUrl}${url.pathname}`);
      sendJson(res, result.status, result.body, { 'cache-control': 'no-store, no-cache' });
    }
  };

  const server = await listen(handle, options.https ? { https: options.https } : {});
  baseUrl = server.url;
  return {
    url: server.url,
    requests,
    issued,
    tokenRequestCount: (tenantId) => requests.filter((r) => r.route === 'token' && (tenantId === undefined || r.tenantId === tenantId)).length,
    tokensIssuedFor: (tenantId) => issued.filter((t) => t.tenantId === tenantId).map((t) => t.accessToken),
    setClient: (client) => { clients.set(client.clientId, client); },
    approveDeviceCode: (userCode, user) => delegated.approve(userCode, user),
    isLiveRefreshToken: (token) => delegated.isLiveRefreshToken(token),
    issueUserToken: (request) => userTokens.issue({ ...request, authorityHost: baseUrl }),
    failNext: (route, ...queued) => { faults.push(route, queued); },
    failAlways: (route, standing) => { faults.always(route, standing); },
    reset: () => {
      faults.clear();
      requests.length = 0;
      issued.length = 0;
    },
    close: () => server.close(),
  };
}
