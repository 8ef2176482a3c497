/**
 * The agents' tab over HTTP through the real server: Teams SSO tokens signed by the Entra stand-in (a v2 access
 * token for the app's `webApplicationInfo.resource`, checked against the stand-in's JWKS), the refusals of the
 * contract (401 unauthenticated, 403 forbidden), the read API on a case opened through the normal Teams flow, the
 * development sign-in only with the sandbox, and the static tab (CSP, no traversal).
 *
 * Token shape: Microsoft identity platform access token claims reference (v2.0: aud, iss
 * `https://login.microsoftonline.com/{tid}/v2.0`, tid, oid, name, scp, ver), see SOURCES.md in test/contract/entra.
 */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningApp } from '../../../src/app';
import { LOCAL_DASHBOARD_APP_ID } from '../../../src/config';
import { startEntraSandbox, type EntraSandbox } from '../../../src/sandbox/entraSandbox';
import { TENANTS, user, type TeamsUser } from '../../support/activities';
import { startAgentsDesk, type AgentsDesk } from '../../support/agentsDesk';
import { newSigningKey, signJwt } from '../../support/identityProvider';
import { openCase } from '../../support/journeys';
import { seedDashboardFile, type DashboardSeed } from '../../support/dashboardSeed';
import { startTestBot, tempSqlitePath } from '../../support/testBot';

/** The tab's Application ID URI: the audience of v1 tokens (v2 tokens carry the app id). */
const RESOURCE = `api://localhost/${LOCAL_DASHBOARD_APP_ID}`;

interface QueuePage {
  items: Array<{ caseId: string; slaDueAt: string; openedAt: string }>;
  page: number;
  nextPage: number | null;
}

/** A GET with a raw path (no client-side normalization of `..`), answering status, headers and body. */
function rawGet(base: string, rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: rawPath, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the agents\' tab API', () => {
  let entra: EntraSandbox;
  let desk: AgentsDesk;
  let app: RunningApp;
  let agent: TeamsUser;
  let tabDir: string;

  const tokenFor = (who: Pick<TeamsUser, 'tenantId' | 'aadObjectId' | 'name'>, claims: Record<string, unknown> = {}, audience = LOCAL_DASHBOARD_APP_ID): string =>
    entra.issueUserToken({ user: { tenantId: who.tenantId, aadObjectId: who.aadObjectId, name: who.name }, audience, claims });

  async function get(pathAndQuery: string, token?: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${app.url}${pathAndQuery}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, body: await res.json() };
  }

  beforeAll(async () => {
    entra = await startEntraSandbox({ clients: [] });
    tabDir = mkdtempSync(path.join(tmpdir(), 'tab-'));
    mkdirSync(path.join(tabDir, 'assets'));
    writeFileSync(path.join(tabDir, 'index.html'), '<!doctype html><title>tab</title><script src="assets/app.js"></script>');
    writeFileSync(path.join(tabDir, 'assets', 'app.js'), 'console.log("tab")');
    desk = await startAgentsDesk({ AZURE_AUTHORITY_HOST: entra.url }, { dashboardDir: tabDir });
    ({ app, agent } = desk);
  });
  afterAll(async () => {
    await desk.stop();
    await entra.close();
  });

  describe('refuses', () => {
    it('NoToken_401', async () => {
      expect(await get('/api/dashboard/me')).toEqual({ status: 401, body: { error: { code: 'unauthenticated' } } });
    });

    it('TokenForAnotherAudience_401', async () => {
      const res = await get('/api/dashboard/me', tokenFor(agent, {}, 'api://localhost/11111111-2222-4333-8444-555555555555'));
      expect(res).toEqual({ status: 401, body: { error: { code: 'unauthenticated' } } });
    });

    it('ExpiredToken_401', async () => {
      const past = Math.floor(Date.now() / 1000) - 7200;
      const res = await get('/api/dashboard/me', tokenFor(agent, { iat: past, nbf: past, exp: past + 3600 }));
      expect(res).toEqual({ status: 401, body: { error: { code: 'unauthenticated' } } });
    });

    it('TokenSignedByAnotherKey_SameKid_401', async () => {
      const genuine = tokenFor(agent);
      const [header, payload] = genuine.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
      const forged = signJwt(header!, payload!, newSigningKey());
      expect(await get('/api/dashboard/me', forged)).toEqual({ status: 401, body: { error: { code: 'unauthenticated' } } });
    });

    it('TokenOfAnotherIssuer_401', async () => {
      const res = await get('/api/dashboard/me', tokenFor(agent, { iss: `https://login.microsoftonline.com/${TENANTS.contoso}/v2.0` }));
      expect(res.status).toBe(401);
    });

    it('CustomerTenantUser_403', async () => {
      const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
      expect(await get('/api/dashboard/queue', tokenFor(customer))).toEqual({ status: 403, body: { error: { code: 'forbidden' } } });
    });

    it('PartnerUserWithoutRole_403', async () => {
      const clerk = user(TENANTS.partner, 'Bob Sales', 'en-US');
      desk.graph.setUserMemberships(TENANTS.partner, clerk.aadObjectId, []);
      expect(await get('/api/dashboard/stats', tokenFor(clerk))).toEqual({ status: 403, body: { error: { code: 'forbidden' } } });
    });

    it('DevToken_IsNotFound_WithoutTheSandbox', async () => {
      expect((await get('/api/dashboard/dev-token')).status).toBe(404);
      expect((await get('/api/dashboard/config')).body).toEqual({ sandbox: false, locale: 'en' });
    });

    it('BadFilter_400', async () => {
      expect((await get('/api/dashboard/queue?severity=urgent', tokenFor(agent))).status).toBe(400);
      expect((await get('/api/dashboard/stats?days=91', tokenFor(agent))).status).toBe(400);
    });
  });

  describe('answers an agent', () => {
    it('V1TokenForTheApplicationIdUri_IsAccepted', async () => {
      const v1 = tokenFor(agent, { ver: '1.0', iss: `https://sts.windows.net/${TENANTS.partner}/`, preferred_username: undefined, unique_name: 'alice@partner.example' }, RESOURCE);
      expect((await get('/api/dashboard/me', v1)).status).toBe(200);
    });

    it('V2Token_IsAccepted_AndMeListsTheCustomers', async () => {
      const res = await get('/api/dashboard/me', tokenFor(agent));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: agent.name, aadObjectId: agent.aadObjectId });
      expect((res.body as { customers: unknown[] }).customers).toEqual(expect.arrayContaining([{ tenantId: TENANTS.fabrikam, name: expect.any(String) }, { tenantId: TENANTS.contoso, name: expect.any(String) }]));
    });

    it('CaseOpenedInTeams_IsInTheQueue_Stats_AndTheOutageMap', async () => {
      const customer = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
      const { caseId } = await openCase(app, desk.connector, customer, desk.agents);
      const token = tokenFor(agent);

      const queue = await get(`/api/dashboard/queue?customer=${TENANTS.fabrikam}&state=new&owner=unassigned&severity=critical`, token);
      expect(queue.status).toBe(200);
      expect(queue.body).toMatchObject({ page: 1, nextPage: null });
      const item = (queue.body as QueuePage).items.find((i) => i.caseId === caseId);
      expect(item).toMatchObject({
        caseId, tenantId: TENANTS.fabrikam, severity: 'critical', state: 'new', ownerName: null, slaBreached: false,
        threadUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/message\//),
      });
      expect(Date.parse(item?.slaDueAt ?? '')).toBeGreaterThan(Date.parse(item?.openedAt ?? ''));
      expect(((await get('/api/dashboard/queue?state=taken', token)).body as QueuePage).items.map((i) => i.caseId)).not.toContain(caseId);

      const stats = await get('/api/dashboard/stats?days=7', token);
      expect(stats.status).toBe(200);
      const { days, csat } = stats.body as { days: Array<{ date: string; opened: number }>; csat: unknown };
      expect(days).toHaveLength(7);
      expect(days[6]).toMatchObject({ date: new Date().toISOString().slice(0, 10), opened: expect.any(Number) });
      expect(days[6]?.opened).toBeGreaterThanOrEqual(1);
      expect(csat).toMatchObject({ distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } });

      const outages = await get('/api/dashboard/outages', token);
      expect(outages.status).toBe(200);
      const { incidents } = outages.body as { incidents: Array<{ issueId: string; customers: Array<{ tenantId: string; openCaseIds: string[] }> }> };
      const exchange = incidents.find((i) => i.issueId === 'EX1093214');
      expect(exchange).toMatchObject({ service: 'Exchange Online' });
      expect(exchange?.customers.find((c) => c.tenantId === TENANTS.fabrikam)).toMatchObject({ notified: expect.any(Number), openCaseIds: [caseId] });

      expect(await get('/api/dashboard/escalations', token)).toEqual({ status: 200, body: { items: [], page: 1, nextPage: null } });
    });
  });

  describe('the tab\'s static files', () => {
    it('ServesThePage_WithTheTeamsFrameAncestorsOnly', async () => {
      const page = await rawGet(app.url, '/tab');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
      expect(page.headers['content-security-policy']).toContain('frame-ancestors teams.microsoft.com *.teams.microsoft.com *.office.com *.cloud.microsoft');
      const script = await rawGet(app.url, '/tab/assets/app.js');
      expect(script).toMatchObject({ status: 200, body: 'console.log("tab")' });
      expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    });

    it.each([
      '/tab/../package.json', '/tab/..%2fpackage.json', '/tab/%2e%2e/%2e%2e/package.json', '/tab/assets/..%5c..%5cpackage.json',
      '/tab/%2e%2e%2f%2e%2e%2fpackage.json', '/tab/assets%00.js', '/tab/%E0%A4%A', '/tab/assets',
    ])('RefusesTraversal_%s', async (rawPath) => {
      const res = await rawGet(app.url, rawPath);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('"name": "support-triage-bot"');
    });
  });
});

describe('the development sign-in with the sandbox on, on a seeded run', () => {
  let app: RunningApp;
  let seed: DashboardSeed;
  beforeAll(async () => {
    const sqlitePath = tempSqlitePath();
    seed = await seedDashboardFile(sqlitePath);
    app = await startTestBot({ SANDBOX: 'on', AGENT_GROUP_IDS: '', STORAGE: 'sqlite', SQLITE_PATH: sqlitePath });
  });
  afterAll(() => app.stop());

  async function read(pathAndQuery: string): Promise<unknown> {
    const { token } = await (await fetch(`${app.url}/api/dashboard/dev-token`)).json() as { token: string };
    const res = await fetch(`${app.url}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return res.json();
  }

  it('EveryEndpoint_AnswersFromTheSeededStores', async () => {
    const queue = await read('/api/dashboard/queue') as { items: Array<{ caseId: string; slaDueAt: string; state: string; slaBreached: boolean }> };
    expect(queue.items.map((i) => i.caseId).sort()).toEqual([...seed.openCaseIds].sort());
    expect(queue.items.map((i) => i.slaDueAt)).toEqual(queue.items.map((i) => i.slaDueAt).sort());
    expect(new Set(queue.items.map((i) => i.state))).toEqual(new Set(['new', 'taken', 'waitingForCustomer']));
    expect(queue.items.some((i) => i.slaBreached)).toBe(true);

    const stats = await read('/api/dashboard/stats?days=7') as { days: Array<{ opened: number; resolved: number }>; firstResponse: { count: number }; csat: unknown };
    expect(stats.days.reduce((n, d) => n + d.resolved, 0)).toBe(seed.resolvedCaseIds.length);
    expect(stats.days.reduce((n, d) => n + d.opened, 0)).toBe(7);
    expect(stats.firstResponse.count).toBe(4);
    expect(stats.csat).toEqual({ count: 2, average: 4, distribution: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 1 } });

    expect(await read('/api/dashboard/escalations')).toEqual({
      items: [{ caseId: seed.escalatedCaseId, tenantId: TENANTS.fabrikam, customerName: 'Fabrikam', provider: 'partnerCenter', requestId: '2601020010000123', status: 'open', severity: 'moderate', updatedAt: expect.any(String) }],
      page: 1, nextPage: null,
    });

    const { incidents } = await read('/api/dashboard/outages') as { incidents: Array<{ issueId: string; customers: Array<{ tenantId: string; notified: number; openCaseIds: string[] }> }> };
    const exchange = incidents.find((i) => i.issueId === seed.incidentId);
    expect(exchange?.customers).toEqual([{ tenantId: TENANTS.fabrikam, customerName: 'Fabrikam', notified: 2, openCaseIds: seed.openCaseIds.slice(0, 2) }]);
    expect(incidents.map((i) => i.issueId)).toContain('TM1093302');
  });

  it('IssuesAnAgentToken_ThatTheApiAccepts', async () => {
    expect(await (await fetch(`${app.url}/api/dashboard/config`)).json()).toEqual({ sandbox: true, locale: 'en' });
    const { token } = await (await fetch(`${app.url}/api/dashboard/dev-token`)).json() as { token: string };
    const me = await fetch(`${app.url}/api/dashboard/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ name: 'Sandbox Agent', aadObjectId: 'd7e3c0a1-2b4f-4e6a-8c9d-1f2e3a4b5c6d' });
  });

  it('DevToken_RefusesAnAgentThatIsNoObjectId', async () => {
    expect((await fetch(`${app.url}/api/dashboard/dev-token?agent=admin`)).status).toBe(400);
  });
});

describe('the authority\'s keys out of reach', () => {
  it('Answers503_NotA401_WhenTheJwksCannotBeFetched', async () => {
    const entra = await startEntraSandbox({ clients: [] });
    const app = await startTestBot({ AZURE_AUTHORITY_HOST: 'http://127.0.0.1:9' });
    try {
      const token = entra.issueUserToken({ user: { tenantId: TENANTS.partner, aadObjectId: user(TENANTS.partner).aadObjectId, name: 'A' }, audience: LOCAL_DASHBOARD_APP_ID });
      const res = await fetch(`${app.url}/api/dashboard/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: { code: 'unavailable' } });
    } finally {
      await app.stop();
      await entra.close();
    }
  });
});
