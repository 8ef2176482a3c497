import { AppCatalogClient } from '../../../src/rollout/appCatalogClient';
import { startGraphSandbox } from '../../../src/sandbox/graphSandbox';
import { fixture, fixtureText, type FixtureServer, startFixtureServer } from '../fixtureServer';

// rolloutKit builds the real package through @microsoft/app-manifest, which requires strip-bom 5 (an ES module
// Jest's CommonJS runtime on Node 20 cannot require): the same stand-in as test/integration/appPackage.test.ts.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
}));

const TEAMS_APPS = '/v1.0/appCatalogs/teamsApps';
const TENANT = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';

/** Keys of an object and of its nested objects and first array items, as dotted paths. */
function shape(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.length > 0 ? shape(value[0], `${prefix}[]`) : [`${prefix}[]`];
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => shape(inner, prefix ? `${prefix}.${key}` : key));
}

/**
 * The rollout's app catalog client against Graph's published teamsApp samples served verbatim (SOURCES.md), and the
 * Graph stand-in's catalog and installation answers compared with the same samples.
 */
describe('Microsoft Graph Teams app catalog published samples', () => {
  let server: FixtureServer;
  beforeAll(async () => { server = await startFixtureServer(); });
  afterAll(() => server.close());

  const client = (): AppCatalogClient => new AppCatalogClient({ graphBaseUrl: server.url, token: () => Promise.resolve('token'), retry: { maxAttempts: 1 } });

  it('reads the app and its definitions\' versions from the published $expand=appDefinitions answer, and the id of a published app', async () => {
    server.serve([
      { method: 'GET', path: TEAMS_APPS, status: 200, body: fixtureText(__dirname, 'appcatalogs-list-teamsapps.expand-appdefinitions.json') },
      { method: 'POST', path: TEAMS_APPS, status: 201, body: fixtureText(__dirname, 'teamsapp-publish.example1.json') },
    ]);
    expect(await client().find('f31b1263-ba99-435a-a679-911d24850d7c')).toEqual({ id: '876df28f-2e78-423b-94a5-44181bd0e225', versions: ['1.0.1'] });
    expect(server.received[0]?.query.get('$filter')).toBe("externalId eq 'f31b1263-ba99-435a-a679-911d24850d7c'");
    expect(server.received[0]?.query.get('$expand')).toBe('appDefinitions');
    // The fixture server records bodies as JSON: any JSON bytes stand for the zip here.
    expect(await client().publish(Buffer.from('{}'))).toBe('e3e29acb-8c79-412b-b746-e6c39ff4cd22');
  });

  it('reads the published $filter=externalId answer without definitions as an app with no known version', async () => {
    server.serve([{ method: 'GET', path: TEAMS_APPS, status: 200, body: fixtureText(__dirname, 'appcatalogs-list-teamsapps.filter-externalid.json') }]);
    expect(await client().find('cf1ba4c7-f94e-4d80-ba90-5594b641a8ee')).toEqual({ id: '22f73bbe-f67a-4dea-bd54-54cac718cb2b', versions: [] });
  });

  it('the stand-in answers in the published shapes (catalog list, publish, installed apps, chat)', async () => {
    const graph = await startGraphSandbox({ requireAuth: false, defaultTenantId: TENANT });
    try {
      const { appPackageZip } = await import('../../support/rolloutKit');
      const pkg = await appPackageZip('1.0.1');
      const published = await fetch(`${graph.url}${TEAMS_APPS}`, { method: 'POST', headers: { 'content-type': 'application/zip' }, body: new Uint8Array(pkg.zip) });
      expect(published.status).toBe(201);
      const { '@odata.context': _context, ...entity } = await published.json() as Record<string, unknown>;
      expect(shape(entity).sort()).toEqual(shape(fixture(__dirname, 'teamsapp-publish.example1.json')).sort());

      const listed = await (await fetch(`${graph.url}${TEAMS_APPS}?$filter=externalId eq '${pkg.externalId}'&$expand=appDefinitions`)).json() as Record<string, unknown>;
      const published0 = shape(fixture(__dirname, 'appcatalogs-list-teamsapps.expand-appdefinitions.json')).filter((key) => !key.includes('.authorization.'));
      expect(shape({ value: listed.value }).sort()).toEqual(published0.sort());

      const catalogId = String(entity.id);
      const userId = 'f32b83bb-4fc8-4db7-b7f5-76cdbbb8aa1c';
      const install = (): Promise<Response> => fetch(`${graph.url}/v1.0/users/${userId}/teamwork/installedApps`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${catalogId}` }),
      });
      expect((await install()).status).toBe(201);
      expect((await install()).status).toBe(409);
      const installed = await (await fetch(`${graph.url}/v1.0/users/${userId}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/externalId eq '${pkg.externalId}'`)).json() as { value: Array<{ id: string }> };
      const publishedInstalled = fixture(__dirname, 'userteamwork-list-installedapps.filter-externalid.json') as { value: Array<Record<string, unknown>> };
      const { teamsAppDefinition: _definition, ...installation } = publishedInstalled.value[0] ?? {};
      expect(shape(installed).sort()).toEqual(shape({ '@odata.count': 1, value: [installation] }).sort());

      const chat = await (await fetch(`${graph.url}/v1.0/users/${userId}/teamwork/installedApps/${encodeURIComponent(installed.value[0]?.id ?? '')}/chat`)).json() as Record<string, unknown>;
      expect(shape(chat).sort()).toEqual(shape(fixture(__dirname, 'userscopeteamsappinstallation-get-chat.json')).sort());
      expect(String(chat.id)).toMatch(/^19:.+_f32b83bb-4fc8-4db7-b7f5-76cdbbb8aa1c@unq\.gbl\.spaces$/);
    } finally {
      await graph.close();
    }
  });
});
