import pino from 'pino';
import { createGraphClients } from '../../../src/cloud/graphClientFactory';
import { GraphUserAccountClient } from '../../../src/health/userAccountClient';
import { fixtureText, type FixtureServer, startFixtureServer } from '../fixtureServer';

const logger = pino({ level: 'silent' });
const TENANT = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';
const USER = '87d349ed-44d7-43e1-9a83-5f2406dee5bd';

/** The published sign-ins example, with the one trailing comma that makes it not JSON removed (SOURCES.md). */
function publishedSignIns(): string {
  return fixtureText(__dirname, 'signin-list.example1.txt').replace(/},\s*\]\s*}\s*\]\s*}\s*$/, '}\n              ]\n        }\n    ]\n}\n');
}

/** The real Graph client and GraphUserAccountClient against Microsoft's published users, licenseDetails and signIns samples. */
describe('Microsoft Graph user account published samples through the real client', () => {
  let server: FixtureServer;
  const client = (): GraphUserAccountClient => new GraphUserAccountClient({ clients: createGraphClients({ baseUrl: server.url }), logger, retry: { maxAttempts: 1 } });

  beforeAll(async () => { server = await startFixtureServer(); });
  afterAll(() => server.close());
  beforeEach(() => { server.received.length = 0; });

  function serveSamples(): void {
    server.serve([
      { method: 'GET', path: `/v1.0/users/${USER}`, status: 200, body: fixtureText(__dirname, 'user-get.example1.json') },
      { method: 'GET', path: `/v1.0/users/${USER}/licenseDetails`, status: 200, body: fixtureText(__dirname, 'user-list-licensedetails.json') },
      { method: 'GET', path: '/v1.0/auditLogs/signIns', status: 200, body: publishedSignIns() },
    ]);
  }

  it('the repaired sign-ins sample is JSON, and only that comma was removed', () => {
    const published = fixtureText(__dirname, 'signin-list.example1.txt');
    expect(() => JSON.parse(published) as unknown).toThrow();
    expect(publishedSignIns().replace(/\s/g, '')).toBe(published.replace(/\s/g, '').replace('},]}]}', '}]}]}'));
  });

  it('reads the samples: no Exchange Online plan (MIP_S_Exchange is not a mailbox, EXCHANGE_S_FOUNDATION is company-wide), SharePoint covered', async () => {
    serveSamples();
    const exchange = await client().check(TENANT, USER, 'Exchange Online');
    expect(exchange).toEqual({ checked: true, signInsChecked: true, findings: [{ kind: 'licence', service: 'Exchange Online', gap: 'missing' }] });
    const paths = server.received.map((r) => `${r.path}?${decodeURIComponent(r.query.toString())}`);
    expect(paths).toContain(`/v1.0/users/${USER}?$select=accountEnabled,displayName,userPrincipalName,assignedLicenses`);
    const signIns = server.received.find((r) => r.path === '/v1.0/auditLogs/signIns');
    expect(signIns?.query.get('$filter')).toMatch(new RegExp(`^userId eq '${USER}' and status/errorCode ne 0 and createdDateTime ge \\d{4}-\\d\\d-\\d\\dT[\\d:]+Z$`));
    expect(signIns?.query.get('$top')).toBe('20');
  });

  it('SharePoint Online is served by SHAREPOINTENTERPRISE (Success); the sample sign-in (errorCode 0) is no finding', async () => {
    serveSamples();
    expect(await client().check(TENANT, USER, 'SharePoint Online')).toEqual({ checked: true, signInsChecked: true, findings: [] });
  });

  it('a tenant without Entra ID P1/P2 (403 on signIns, built from the error code, not published) keeps the rest of the check', async () => {
    server.serve([
      { method: 'GET', path: `/v1.0/users/${USER}`, status: 200, body: fixtureText(__dirname, 'user-get.example1.json') },
      { method: 'GET', path: `/v1.0/users/${USER}/licenseDetails`, status: 200, body: fixtureText(__dirname, 'user-list-licensedetails.json') },
      { method: 'GET', path: '/v1.0/auditLogs/signIns', status: 403, body: { error: { code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', message: 'Neither tenant is B2C or tenant doesn\'t have premium license' } } },
    ]);
    expect(await client().check(TENANT, USER, 'Microsoft Teams')).toEqual({ checked: true, signInsChecked: false, findings: [{ kind: 'licence', service: 'Microsoft Teams', gap: 'missing' }] });
  });

  it('a tenant that has not consented User.Read.All (403 on users) is skipped, not an error', async () => {
    server.serve([
      { method: 'GET', path: `/v1.0/users/${USER}`, status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } },
      { method: 'GET', path: `/v1.0/users/${USER}/licenseDetails`, status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } },
      { method: 'GET', path: '/v1.0/auditLogs/signIns', status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } },
    ]);
    expect(await client().check(TENANT, USER, 'Exchange Online')).toEqual({ checked: false, reason: 'notConsented' });
  });

  it('Graph unavailable skips the check without keeping the failure: the next triage asks again', async () => {
    const account = client();
    server.serve([{ method: 'GET', path: `/v1.0/users/${USER}`, status: 503, body: { error: { code: 'ServiceNotAvailable', message: 'The service is temporarily unavailable.' } } }]);
    expect(await account.check(TENANT, USER, 'Exchange Online')).toEqual({ checked: false, reason: 'unavailable' });
    serveSamples();
    expect(await account.check(TENANT, USER, 'Exchange Online')).toMatchObject({ checked: true });
  });

  it('one user read per tenant and user while cached, whatever the service asked about; no read for a Teams user without an Entra id', async () => {
    const account = client();
    serveSamples();
    await Promise.all([account.check(TENANT, USER, 'Exchange Online'), account.check(TENANT, USER, 'Microsoft Teams')]);
    await account.check(TENANT, USER, 'SharePoint Online');
    expect(server.received.filter((r) => r.path === `/v1.0/users/${USER}`)).toHaveLength(1);
    expect(await account.check(TENANT, undefined, 'Exchange Online')).toEqual({ checked: false, reason: 'noUser' });
    expect(server.received.filter((r) => r.path === `/v1.0/users/${USER}`)).toHaveLength(1);
  });
});
