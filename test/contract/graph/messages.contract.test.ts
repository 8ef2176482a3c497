import pino from 'pino';
import { createGraphClients } from '../../../src/cloud/graphClientFactory';
import { GraphMessageCenterClient } from '../../../src/health/messageCenterClient';
import { parseMessage } from '../../../src/health/messageCenterParse';
import { type SeedMessage } from '../../../src/sandbox/graphMessageRoutes';
import { startGraphSandbox } from '../../../src/sandbox/graphSandbox';
import { fixture, fixtureText, type FixtureServer, startFixtureServer } from '../fixtureServer';

const logger = pino({ level: 'silent' });
const TENANT = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';
const MESSAGES = '/v1.0/admin/serviceAnnouncement/messages';
const FIXTURE = 'serviceannouncement-list-messages.json';

/** The real Graph client and GraphMessageCenterClient against Microsoft's published messages example (SOURCES.md). */
describe('Microsoft Graph Message center published sample through the real client', () => {
  let server: FixtureServer;
  const client = (baseUrl: string): GraphMessageCenterClient => new GraphMessageCenterClient({ clients: createGraphClients({ baseUrl }), logger, retry: { maxAttempts: 1 } });

  beforeAll(async () => { server = await startFixtureServer(); });
  afterAll(() => server.close());

  it('reads the published list, following its graph.microsoft.com nextLink on its own host', async () => {
    server.serve([
      { method: 'GET', path: MESSAGES, status: 200, body: fixtureText(__dirname, FIXTURE) },
      // Not published: the page the sample's nextLink names; an empty last page.
      { method: 'GET', path: MESSAGES, query: '$skip=100', status: 200, body: { value: [] } },
    ]);
    const snapshot = await client(server.url).getMessages(TENANT);
    expect(server.received.map((r) => decodeURIComponent(r.query.toString()))).toEqual(['', '$skip=100']);
    expect(snapshot).toMatchObject({ tenantId: TENANT, available: true });
    expect(snapshot.posts).toEqual([expect.objectContaining({
      id: 'MC172851', category: 'stayInformed', services: ['SharePoint Online', 'OneDrive for Business'], isMajorChange: true, actionRequiredByDateTime: null,
    })]);
  });

  it('a tenant that has not granted ServiceMessage.Read.All (403) is skipped quietly: an unavailable, empty snapshot', async () => {
    server.serve([{ method: 'GET', path: MESSAGES, status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } }]);
    expect(await client(server.url).getMessages(TENANT)).toMatchObject({ available: false, posts: [] });
  });

  it('the Graph stand-in, seeded with the published message, serves the published shape', async () => {
    const published = fixture(__dirname, FIXTURE) as { value: Record<string, unknown>[] };
    const wire = published.value[0] ?? {};
    const seed = { ...wire, category: 'stayInformed', severity: 'normal', body: { ...(wire.body as SeedMessage['body']), contentType: 'html' } } as unknown as SeedMessage;
    const graph = await startGraphSandbox({ requireAuth: false, seed: { tenants: {} }, messages: { all: [seed] } });
    try {
      const response = await fetch(`${graph.url}${MESSAGES}`, { headers: { 'x-sandbox-tenant': TENANT } });
      const served = (await response.json()) as { value: Record<string, unknown>[] };
      expect(Object.keys(served.value[0] ?? {}).sort()).toEqual(Object.keys(wire).sort());
      expect(served.value[0]).toEqual(wire);
      const snapshot = await client(graph.url).getMessages(TENANT);
      expect(snapshot.posts).toEqual([parseMessage(wire)]);
    } finally {
      await graph.close();
    }
  });
});
