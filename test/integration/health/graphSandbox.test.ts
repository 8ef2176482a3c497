/** Wire fidelity of the Graph stand-in (plain fetch), and the no-auth local mode through the real Graph client. */
import { startGraphSandbox, type GraphSandbox } from '../../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed } from '../../../src/sandbox/graphSeed';
import { encodeUnsignedJwt } from '../../../src/sandbox/jwt';
import { createGraphClients } from '../../../src/cloud/graphClientFactory';
import { GraphRequester } from '../../../src/cloud/graphRequester';
import { GraphServiceHealthClient } from '../../../src/health/serviceHealthClient';
import { CONTOSO, FABRIKAM, PARTNER, silentLogger } from './healthSandboxes';

const ISSUES = '/v1.0/admin/serviceAnnouncement/issues';
let open: GraphSandbox;
let secured: GraphSandbox;

function token(tenantId: string, roles: string[], expiresIn = 3600): string {
  return encodeUnsignedJwt({ tid: tenantId, aud: 'https://graph.microsoft.com', roles, exp: Math.floor(Date.now() / 1000) + expiresIn });
}

async function getJson(sandbox: GraphSandbox, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${sandbox.url}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

function values(body: Record<string, unknown>): Record<string, unknown>[] {
  return body.value as Record<string, unknown>[];
}

beforeAll(async () => {
  const seed = loadGraphSandboxSeed();
  open = await startGraphSandbox({ requireAuth: false, seed, defaultTenantId: FABRIKAM });
  secured = await startGraphSandbox({ requireAuth: true, seed });
});

afterAll(async () => {
  await open.close();
  await secured.close();
});

beforeEach(() => {
  open.reset();
  open.setCasing('pascal');
});

describe('Graph stand-in wire format', () => {
  it('emits PascalCase enums by default and camelCase on request, with request ids', async () => {
    const pascal = await getJson(open, `${ISSUES}/EX1093214`, { 'client-request-id': 'abc-123' });
    expect(pascal.body).toMatchObject({ classification: 'Incident', status: 'ServiceDegradation', origin: 'Microsoft' });
    expect(pascal.body['@odata.context']).toBe(`${open.url}/v1.0/$metadata#admin/serviceAnnouncement/issues/$entity`);
    expect(pascal.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(pascal.headers.get('client-request-id')).toBe('abc-123');

    open.setCasing('camel');
    expect((await getJson(open, `${ISSUES}/EX1093214`)).body).toMatchObject({ classification: 'incident', status: 'serviceDegradation' });
  });

  it.each([
    ['isResolved eq false', ['EX1093214', 'TM1093187', 'IT1090321']],
    ["service eq 'Exchange Online'", ['EX1093214']],
    ["classification eq 'INCIDENT' and isResolved eq true", ['MO1091455']],
    ["status eq microsoft.graph.serviceHealthStatus'extendedRecovery'", ['IT1090321']],
  ])('filters issues on %s', async (filter, ids) => {
    const { body } = await getJson(open, `${ISSUES}?$filter=${encodeURIComponent(filter)}`);
    expect(values(body).map((issue) => issue.id)).toEqual(ids);
  });

  it('filters on lastModifiedDateTime ge', async () => {
    const since = new Date(Date.now() - 90 * 60_000).toISOString();
    const { body } = await getJson(open, `${ISSUES}?$filter=lastModifiedDateTime ge ${since}`);
    expect(values(body).map((issue) => issue.id)).toEqual(['EX1093214']);
  });

  it('pages with Prefer: odata.maxpagesize and an absolute nextLink; $top truncates without one', async () => {
    const first = await getJson(open, `${ISSUES}?$filter=isResolved eq false`, { prefer: 'odata.maxpagesize=2' });
    expect(values(first.body)).toHaveLength(2);
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=2');
    const next = String(first.body['@odata.nextLink']);
    expect(next.startsWith(`${open.url}${ISSUES}?`)).toBe(true);
    expect(next).toContain('$skip=2');
    const second = await getJson(open, next.slice(open.url.length), { prefer: 'odata.maxpagesize=2' });
    expect(values(second.body).map((issue) => issue.id)).toEqual(['IT1090321']);
    expect(second.body['@odata.nextLink']).toBeUndefined();

    const top = await getJson(open, `${ISSUES}?$top=1`);
    expect(values(top.body)).toHaveLength(1);
    expect(top.body['@odata.nextLink']).toBeUndefined();
  });

  it('serves healthOverviews with $expand=issues and one service by id or display name', async () => {
    const { body } = await getJson(open, '/v1.0/admin/serviceAnnouncement/healthOverviews?$expand=issues');
    expect(String(body['@odata.context'])).toMatch(/healthOverviews\(issues\(\)\)$/);
    const exchange = values(body).find((service) => service.id === 'Exchange');
    expect((exchange?.issues as unknown[]).length).toBe(1);
    expect((await getJson(open, '/v1.0/admin/serviceAnnouncement/healthOverviews/Microsoft%20365%20suite')).body.id).toBe('OSDPPlatform');
    expect((await getJson(open, '/v1.0/admin/serviceAnnouncement/healthOverviews/osdpplatform')).body.service).toBe('Microsoft 365 suite');
  });

  it('answers 404 with a Graph error body for unknown issues and unpublished incident reports', async () => {
    const missing = await getJson(open, `${ISSUES}/EX0`, { 'client-request-id': 'c-1' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'NotFound', innerError: { 'client-request-id': 'c-1' } } });
    expect((await fetch(`${open.url}${ISSUES}/EX1093214/incidentReport`)).status).toBe(404);
    const report = await fetch(`${open.url}${ISSUES}/MO1091455/incidentReport`);
    expect(report.status).toBe(200);
    expect(await report.text()).toContain('Post-incident review MO1091455');
  });

  it('picks the tenant from x-sandbox-tenant without auth', async () => {
    const { body } = await getJson(open, ISSUES, { 'x-sandbox-tenant': CONTOSO });
    expect(values(body).map((issue) => issue.id)).toContain('TM1093302');
    expect(open.requestCount(CONTOSO, 'issues')).toBe(1);
  });

  it('plays a 429 with Retry-After and a Graph throttling body', async () => {
    open.failNext('issues', { kind: 'status', status: 429, retryAfter: '30,120' });
    const throttled = await getJson(open, ISSUES);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('30,120');
    expect(throttled.body).toMatchObject({ error: { code: 'TooManyRequests', innerError: { status: '429' } } });
  });
});

describe('Graph stand-in authentication', () => {
  it('answers 401 without a token, 401 for an expired one, 403 without ServiceHealth.Read.All', async () => {
    expect((await getJson(secured, ISSUES)).body).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    expect((await getJson(secured, ISSUES, { authorization: `Bearer ${token(FABRIKAM, ['ServiceHealth.Read.All'], -60)}` })).status).toBe(401);
    const forbidden = await getJson(secured, ISSUES, { authorization: `Bearer ${token(FABRIKAM, ['User.Read.All'])}` });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
  });

  it('reads the tenant from the token tid claim', async () => {
    const { body } = await getJson(secured, ISSUES, { authorization: `Bearer ${token(CONTOSO, ['ServiceHealth.Read.All'])}` });
    expect(values(body).map((issue) => issue.id)).toContain('TM1093302');
  });

  it('shows directory roles in full only with a directory permission', async () => {
    const path = '/v1.0/users/any-agent/transitiveMemberOf';
    const full = await getJson(secured, path, { authorization: `Bearer ${token(PARTNER, ['Directory.Read.All'])}` });
    expect(values(full.body)[0]).toMatchObject({ '@odata.type': '#microsoft.graph.directoryRole', roleTemplateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8' });
    const limited = await getJson(secured, path, { authorization: `Bearer ${token(PARTNER, ['User.Read.All'])}` });
    expect(values(limited.body)[0]).toEqual({ '@odata.type': '#microsoft.graph.directoryRole', id: '5b3e8f1a-7c2d-4e9b-a1f0-3d6c8b2e4a17', displayName: null });
    expect((await getJson(secured, path, { authorization: `Bearer ${token(PARTNER, ['ServiceHealth.Read.All'])}` })).status).toBe(403);
  });
});

describe('no-auth local mode through the real Graph client', () => {
  const clients = (): ReturnType<typeof createGraphClients> => createGraphClients({ baseUrl: open.url });

  it('reads a snapshot over plain http, the tenant travelling in x-sandbox-tenant', async () => {
    const snapshot = await new GraphServiceHealthClient({ clients: clients(), logger: silentLogger }).getSnapshot(CONTOSO);
    expect(snapshot.issues.map((issue) => issue.id)).toContain('TM1093302');
    expect(open.requests.every((r) => r.tenantId === CONTOSO && r.authorization === undefined)).toBe(true);
  });

  it('lists a partner user memberships for the handoff feature (unknown users are Helpdesk Administrators)', async () => {
    const requester = new GraphRequester({ clients: clients(), logger: silentLogger });
    const memberships = await requester.getCollection(PARTNER, 'users/4d2c9a71-0000-4000-8000-000000000001/transitiveMemberOf');
    expect(memberships).toContainEqual(expect.objectContaining({ displayName: 'Helpdesk Administrator', roleTemplateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8' }));
    const sales = await requester.getCollection(PARTNER, 'users/b1c2d3e4-f5a6-4b7c-8d9e-0a1b2c3d4e5f/transitiveMemberOf');
    expect(sales).toEqual([expect.objectContaining({ '@odata.type': '#microsoft.graph.group', displayName: 'Sales' })]);
  });

  it('reports an unknown user of a tenant without default memberships as notFound', async () => {
    const requester = new GraphRequester({ clients: clients(), logger: silentLogger });
    await expect(requester.getCollection(FABRIKAM, 'users/nobody/transitiveMemberOf')).rejects.toMatchObject({ reason: 'notFound', status: 404 });
  });
});
