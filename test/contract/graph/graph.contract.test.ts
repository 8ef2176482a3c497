import pino from 'pino';
import { createGraphClients } from '../../../src/cloud/graphClientFactory';
import { parseIssue } from '../../../src/health/graphParse';
import { GraphRequester } from '../../../src/cloud/graphRequester';
import { resolveService } from '../../../src/health/serviceAliases';
import { GraphServiceHealthClient } from '../../../src/health/serviceHealthClient';
import { startGraphSandbox } from '../../../src/sandbox/graphSandbox';
import type { SeedIssue } from '../../../src/sandbox/graphSeed';
import { fixture, fixtureText, type FixtureServer, startFixtureServer } from '../fixtureServer';

const logger = pino({ level: 'silent' });
const TENANT = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';
const OVERVIEWS = '/v1.0/admin/serviceAnnouncement/healthOverviews';
const ISSUES = '/v1.0/admin/serviceAnnouncement/issues';

/**
 * The real Graph client and GraphServiceHealthClient against the responses of Microsoft Graph's v1.0 service
 * communications pages, served verbatim (SOURCES.md), and the Graph stand-in read the same way.
 */
describe('Microsoft Graph service health published samples through the real client', () => {
  let server: FixtureServer;
  const healthClient = (baseUrl = server.url): GraphServiceHealthClient => new GraphServiceHealthClient({ clients: createGraphClients({ baseUrl }), logger, retry: { maxAttempts: 1 } });

  beforeAll(async () => { server = await startFixtureServer(); });
  afterAll(() => server.close());
  beforeEach(() => { server.received.length = 0; });

  it('reads healthOverviews with $expand=issues and the issues list, following the published graph.microsoft.com nextLink on its own host', async () => {
    server.serve([
      { method: 'GET', path: OVERVIEWS, status: 200, body: fixtureText(__dirname, 'serviceannouncement-list-healthoverviews.expand-issues.json') },
      { method: 'GET', path: ISSUES, status: 200, body: fixtureText(__dirname, 'serviceannouncement-list-issues.json') },
      // Not published: the page the sample's nextLink names; an empty last page.
      { method: 'GET', path: ISSUES, query: '$skip=100', status: 200, body: { value: [] } },
    ]);

    const snapshot = await healthClient().getSnapshot(TENANT);

    expect(server.received.map((r) => `${r.path}?${decodeURIComponent(r.query.toString())}`).sort()).toEqual([
      `${OVERVIEWS}?$expand=issues`, `${ISSUES}?`, `${ISSUES}?$skip=100`,
    ]);
    expect(snapshot.services).toEqual([{ id: 'Exchange', service: 'Exchange Online', status: 'serviceOperational' }]);
    expect(snapshot.issues.map((i) => i.id).sort()).toEqual(['EX226574', 'EX226792']);
    expect(snapshot.issues.find((i) => i.id === 'EX226792')).toMatchObject({
      classification: 'incident', status: 'serviceRestored', isResolved: true, feature: 'Mailflow - delayed delivery from Internet',
      latestPost: { createdDateTime: '2020-11-12T07:07:38.97Z', text: expect.stringMatching(/^Title: Limited number of users .* User Impact: Users may be unable/) as string },
    });
    expect(snapshot.issues.find((i) => i.id === 'EX226574')).toMatchObject({ classification: 'advisory', status: 'serviceRestored', isResolved: true });
  });

  it('reads the healthOverviews example with the "Identity Service" name, known as Microsoft Entra', async () => {
    server.serve([{ method: 'GET', path: OVERVIEWS, status: 200, body: fixtureText(__dirname, 'serviceannouncement-list-healthoverviews.example1.json') }, { method: 'GET', path: ISSUES, status: 200, body: { value: [] } }]);
    const snapshot = await healthClient().getSnapshot(TENANT);
    expect(snapshot.services).toEqual([
      { id: 'Exchange', service: 'Exchange Online', status: 'serviceOperational' },
      { id: 'OrgLiveID', service: 'Identity Service', status: 'serviceRestored' },
      { id: 'OSDPPlatform', service: 'Microsoft 365 suite', status: 'serviceOperational' },
    ]);
    expect(resolveService('Sign-in to Microsoft Entra fails for everyone', snapshot.services.map((s) => s.service))).toBe('Identity Service');
  });

  it('reads one issue (servicehealthissue-get) through the real requester', async () => {
    server.serve([{ method: 'GET', path: `${ISSUES}/MO226784`, status: 200, body: fixtureText(__dirname, 'servicehealthissue-get.json') }]);
    const requester = new GraphRequester({ clients: createGraphClients({ baseUrl: server.url }), logger });
    expect(parseIssue(await requester.getJson(TENANT, 'admin/serviceAnnouncement/issues/MO226784'))).toMatchObject({
      id: 'MO226784', classification: 'advisory', status: 'serviceRestored', service: 'Microsoft 365 suite', feature: 'Access', featureGroup: 'Portal', isResolved: true,
      latestPost: { text: expect.stringContaining('Title: Intermittently unable to invite partners') as string },
    });
  });

  it('the Graph stand-in, seeded with the published issue, is read exactly like the published answer', async () => {
    const published = fixture(__dirname, 'servicehealthissue-get.json') as Record<string, unknown>;
    const { '@odata.context': _context, ...wire } = published;
    const seed = { ...wire, classification: 'advisory', origin: 'microsoft', status: 'serviceRestored', posts: [{ ...(wire.posts as SeedIssue['posts'])[0], postType: 'regular', description: { ...(wire.posts as SeedIssue['posts'])[0]?.description, contentType: 'html' } }] } as SeedIssue;
    const graph = await startGraphSandbox({ requireAuth: false, seed: { tenants: { [TENANT]: { services: [{ id: 'OSDPPlatform', service: 'Microsoft 365 suite', status: 'serviceOperational' }], issues: [seed] } } } });
    try {
      const requester = new GraphRequester({ clients: createGraphClients({ baseUrl: graph.url }), logger });
      const served = await requester.getJson(TENANT, 'admin/serviceAnnouncement/issues/MO226784') as Record<string, unknown>;
      expect(Object.keys(served).sort()).toEqual(Object.keys(published).sort());
      expect([served.classification, served.origin, served.status]).toEqual([published.classification, published.origin, published.status]);
      expect(parseIssue(served)).toEqual(parseIssue(published));
      const snapshot = await healthClient(graph.url).getSnapshot(TENANT);
      expect(snapshot.issues).toEqual([parseIssue(published)]);
    } finally {
      await graph.close();
    }
  });
});
