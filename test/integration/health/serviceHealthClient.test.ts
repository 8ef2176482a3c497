/**
 * The real client (real @azure/identity, real Graph client) against the Entra and Graph stand-ins over https.
 * Run with NODE_EXTRA_CA_CERTS=test/support/certs/cert.pem.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { generate } from 'selfsigned';
import { fault } from '../../../src/sandbox/faults';
import type { SeedIssue } from '../../../src/sandbox/graphSeed';
import { CachedServiceHealthSource } from '../../../src/health/healthCache';
import { HealthUnavailableError } from '../../../src/health/model';
import { GraphServiceHealthClient } from '../../../src/health/serviceHealthClient';
import type { GraphClients } from '../../../src/cloud/graphClientFactory';
import { APP, APP_WITHOUT_ROLE, CONTOSO, FABRIKAM, type HealthSandboxes, silentLogger, startHealthSandboxes } from './healthSandboxes';

const PAGED_TENANT = '5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716';

let sandboxes: HealthSandboxes;
let clients: GraphClients;

function healthClient(graphClients: GraphClients = clients): GraphServiceHealthClient {
  return new GraphServiceHealthClient({ clients: graphClients, logger: silentLogger });
}

async function unavailable(promise: Promise<unknown>): Promise<HealthUnavailableError> {
  const error: unknown = await promise.then(() => undefined, (caught: unknown) => caught);
  if (!(error instanceof HealthUnavailableError)) throw new Error(`expected HealthUnavailableError, got ${String(error)}`);
  return error;
}

function generatedIssue(index: number): SeedIssue {
  return {
    id: `EX${String(900000 + index)}`, title: `Generated issue ${String(index)}`, impactDescription: 'Generated.', classification: 'advisory',
    origin: 'microsoft', status: 'serviceRestored', service: 'Exchange Online', feature: null, featureGroup: null, isResolved: true,
    startDateTime: '2024-05-01T00:00:00Z', endDateTime: '2024-05-01T01:00:00Z', lastModifiedDateTime: '2024-05-01T02:00:00Z',
    details: [], posts: [],
  };
}

beforeAll(async () => {
  sandboxes = await startHealthSandboxes();
  clients = sandboxes.clients();
});

afterAll(async () => {
  await sandboxes.close();
});

beforeEach(() => {
  sandboxes.graph.reset();
  sandboxes.entra.reset();
});

describe('GraphServiceHealthClient against the stand-ins', () => {
  it('reads a tenant snapshot with PascalCase enums normalised and posts reduced to text', async () => {
    const snapshot = await healthClient().getSnapshot(FABRIKAM);

    expect(snapshot.tenantId).toBe(FABRIKAM);
    expect(snapshot.services).toContainEqual({ id: 'Exchange', service: 'Exchange Online', status: 'serviceDegradation' });
    const mail = snapshot.issues.find((issue) => issue.id === 'EX1093214');
    expect(mail).toMatchObject({ classification: 'incident', status: 'serviceDegradation', isResolved: false, service: 'Exchange Online' });
    expect(mail?.latestPost?.text).toMatch(/^Title: Users can't receive email in Outlook User impact:/);
    expect(mail?.latestPost?.text).not.toMatch(/<|&#39;/);
  });

  it('keeps the snapshot when Graph writes its nextLinks on graph.microsoft.com: every page read from GRAPH_BASE_URL', async () => {
    const issues = Array.from({ length: 150 }, (_, index) => generatedIssue(index));
    sandboxes.graph.setTenant(PAGED_TENANT, { services: [{ id: 'Exchange', service: 'Exchange Online', status: 'serviceOperational' }], issues });
    sandboxes.graph.setLinkBaseUrl('https://graph.microsoft.com');
    try {
      const snapshot = await healthClient().getSnapshot(PAGED_TENANT);
      expect(snapshot.issues).toHaveLength(150);
      expect(sandboxes.graph.requests.filter((r) => r.route === 'issues').map((r) => r.path)).toEqual([
        '/v1.0/admin/serviceAnnouncement/issues',
        '/v1.0/admin/serviceAnnouncement/issues?$skip=100',
      ]);
    } finally {
      sandboxes.graph.setLinkBaseUrl(undefined);
    }
  });

  it.each(['pascal', 'camel'] as const)('reads the documented enum values Graph may send (%s casing): thirdParty origin, quick Text post, mitigatedExternal, Identity Service', async (casing) => {
    const issue: SeedIssue = {
      ...generatedIssue(1), id: 'OL1', service: 'Identity Service', origin: 'thirdParty', status: 'mitigatedExternal', isResolved: false, classification: 'incident', endDateTime: null,
      posts: [{ createdDateTime: '2024-05-01T01:00:00Z', postType: 'quick', description: { contentType: 'text', content: 'Sign-ins  <recovering> after a third-party fix.' } }],
    };
    sandboxes.graph.setTenant(PAGED_TENANT, { services: [{ id: 'OrgLiveID', service: 'Identity Service', status: 'mitigatedExternal' }], issues: [issue, { ...issue, id: 'OL2', origin: 'customer', status: 'mitigated' }] });
    sandboxes.graph.setCasing(casing);
    try {
      const snapshot = await healthClient().getSnapshot(PAGED_TENANT);
      expect(snapshot.services).toEqual([{ id: 'OrgLiveID', service: 'Identity Service', status: 'mitigatedExternal' }]);
      expect(snapshot.issues.map((i) => [i.id, i.status, i.isResolved, i.latestPost?.text])).toEqual([
        ['OL1', 'mitigatedExternal', false, 'Sign-ins <recovering> after a third-party fix.'],
        ['OL2', 'mitigated', false, 'Sign-ins <recovering> after a third-party fix.'],
      ]);
    } finally {
      sandboxes.graph.setCasing('pascal');
    }
  });

  it('follows @odata.nextLink until the last page', async () => {
    const issues = Array.from({ length: 250 }, (_, index) => generatedIssue(index));
    sandboxes.graph.setTenant(PAGED_TENANT, { services: [{ id: 'Exchange', service: 'Exchange Online', status: 'serviceOperational' }], issues });

    const snapshot = await healthClient().getSnapshot(PAGED_TENANT);

    expect(snapshot.issues).toHaveLength(250);
    expect(sandboxes.graph.requestCount(PAGED_TENANT, 'issues')).toBe(3);
    expect(sandboxes.graph.requests.filter((r) => r.route === 'issues').map((r) => r.path)).toEqual([
      '/v1.0/admin/serviceAnnouncement/issues',
      '/v1.0/admin/serviceAnnouncement/issues?$skip=100',
      '/v1.0/admin/serviceAnnouncement/issues?$skip=200',
    ]);
  });

  it('retries a 429 after its Retry-After and succeeds', async () => {
    sandboxes.graph.failNext('healthOverviews', fault.throttle('1'));
    const started = Date.now();

    await healthClient().getSnapshot(FABRIKAM);

    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(sandboxes.graph.requestCount(FABRIKAM, 'healthOverviews')).toBe(2);
  });

  it('rounds a fractional Retry-After ("2.5") up to 3 s', async () => {
    sandboxes.graph.failNext('issues', fault.throttle('2.5'));
    const started = Date.now();

    await healthClient().getSnapshot(FABRIKAM);

    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    expect(sandboxes.graph.requestCount(FABRIKAM, 'issues')).toBe(2);
  });

  it('gives up at once when Retry-After ("30,120") exceeds the budget', async () => {
    sandboxes.graph.failNext('healthOverviews', fault.throttle('30,120'));
    const started = Date.now();

    const error = await unavailable(healthClient().getSnapshot(FABRIKAM));

    expect(error.reason).toBe('throttled');
    // Far below the 30 s Retry-After: it did not wait (a loaded machine still answers well within this).
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('reports Graph down (503 everywhere) as unreachable within 12 s, after at most 3 tries per request', async () => {
    sandboxes.graph.failAlways('*', fault.status(503));
    const started = Date.now();

    const error = await unavailable(healthClient().getSnapshot(FABRIKAM));

    expect(error.reason).toBe('unreachable');
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(sandboxes.graph.requestCount(FABRIKAM, 'healthOverviews')).toBeLessThanOrEqual(3);
  });

  it('reports a Graph that never answers as unreachable within its budget, long before Graph would answer', async () => {
    sandboxes.graph.failAlways('*', fault.delay(60_000));
    const started = Date.now();

    const error = await unavailable(healthClient().getSnapshot(FABRIKAM));

    expect(error.reason).toBe('unreachable');
    // The 10 s budget cut the wait: Graph would have answered after 60 s.
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('retries a reset connection', async () => {
    sandboxes.graph.failNext('healthOverviews', fault.destroy());

    const snapshot = await healthClient().getSnapshot(FABRIKAM);

    expect(snapshot.services.length).toBeGreaterThan(0);
    expect(sandboxes.graph.requestCount(FABRIKAM, 'healthOverviews')).toBe(2);
  });

  it('reports a body that is not JSON as malformed', async () => {
    sandboxes.graph.failNext('issues', fault.malformedJson());

    expect((await unavailable(healthClient().getSnapshot(FABRIKAM))).reason).toBe('malformed');
  });

  it('shares one Graph round trip between 50 concurrent callers for one tenant', async () => {
    const cached = new CachedServiceHealthSource(healthClient());
    sandboxes.graph.setLatency(200);
    try {
      const snapshots = await Promise.all(Array.from({ length: 50 }, () => cached.getSnapshot(CONTOSO)));
      expect(new Set(snapshots).size).toBe(1);
    } finally {
      sandboxes.graph.setLatency(0);
    }
    expect(sandboxes.graph.requestCount(CONTOSO, 'healthOverviews')).toBe(1);
    expect(sandboxes.graph.requestCount(CONTOSO, 'issues')).toBe(1);
    expect(sandboxes.entra.tokenRequestCount(CONTOSO)).toBeLessThanOrEqual(1);
  });

  it('never sends a token issued for tenant A to Graph for tenant B', async () => {
    const source = healthClient(sandboxes.clients());
    const [fabrikam, contoso] = await Promise.all([source.getSnapshot(FABRIKAM), source.getSnapshot(CONTOSO)]);

    const issuedA = sandboxes.entra.tokensIssuedFor(FABRIKAM).map((token) => `Bearer ${token}`);
    const issuedB = sandboxes.entra.tokensIssuedFor(CONTOSO).map((token) => `Bearer ${token}`);
    const seenA = sandboxes.graph.authorizationsSeen(FABRIKAM);
    const seenB = sandboxes.graph.authorizationsSeen(CONTOSO);
    expect(issuedA.length).toBeGreaterThan(0);
    expect(issuedB.length).toBeGreaterThan(0);
    expect(seenA.every((header) => issuedA.includes(header))).toBe(true);
    expect(seenB.every((header) => issuedB.includes(header))).toBe(true);
    expect(seenB.filter((header) => issuedA.includes(header))).toEqual([]);
    expect(sandboxes.graph.requests.every((r) => r.tenantId !== undefined)).toBe(true);
    expect(fabrikam.issues.map((issue) => issue.id)).toContain('EX1093214');
    expect(fabrikam.issues.map((issue) => issue.id)).not.toContain('TM1093302');
    expect(contoso.issues.map((issue) => issue.id)).toContain('TM1093302');
    expect(contoso.issues.map((issue) => issue.id)).not.toContain('EX1093214');
  });

  it('maps a refused client secret to unauthorized without calling Graph', async () => {
    const source = healthClient(sandboxes.clients({ clientSecret: 'wrong' }));

    expect((await unavailable(source.getSnapshot(FABRIKAM))).reason).toBe('unauthorized');
    expect(sandboxes.graph.requestCount()).toBe(0);
  });

  it('maps a 401 from Graph to unauthorized', async () => {
    sandboxes.graph.failNext('healthOverviews', fault.status(401));

    expect((await unavailable(healthClient().getSnapshot(FABRIKAM))).reason).toBe('unauthorized');
  });

  it('maps a token without ServiceHealth.Read.All (403) to forbidden', async () => {
    const source = healthClient(sandboxes.clients(APP_WITHOUT_ROLE));

    expect((await unavailable(source.getSnapshot(FABRIKAM))).reason).toBe('forbidden');
    expect(sandboxes.graph.requestCount(FABRIKAM, 'healthOverviews')).toBe(1);
  });

  it('logs the tenant and the retries, never a token', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => { lines.push(line); } });
    sandboxes.graph.failNext('healthOverviews', fault.status(503));
    sandboxes.graph.failNext('issues', fault.status(403));
    const source = new GraphServiceHealthClient({ clients: sandboxes.clients(), logger });

    await unavailable(source.getSnapshot(FABRIKAM));

    const tokens = sandboxes.entra.tokensIssuedFor(FABRIKAM);
    expect(tokens.length).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.includes(FABRIKAM))).toBe(true);
    expect(lines.some((line) => tokens.some((token) => line.includes(token) || line.includes(token.split('.')[1] ?? token)))).toBe(false);
    expect(lines.some((line) => /Bearer|sandbox-secret/.test(line))).toBe(false);
  });

  it('authenticates with a client certificate', async () => {
    const pems = generate([{ name: 'commonName', value: 'support-triage-bot' }], { keySize: 2048, days: 1 });
    const certificatePath = join(mkdtempSync(join(tmpdir(), 'health-cert-')), 'app.pem');
    writeFileSync(certificatePath, `${pems.private}\n${pems.cert}`);
    sandboxes.entra.setClient({ clientId: APP.clientId, certificatePem: pems.cert });
    try {
      const source = healthClient(sandboxes.clients({ clientSecret: undefined, certificatePath }));
      const snapshot = await source.getSnapshot(FABRIKAM);
      expect(snapshot.services.length).toBeGreaterThan(0);
    } finally {
      sandboxes.entra.setClient(APP);
    }
  });
});
