import { PartnerCenterTransport } from '../../../src/cloud/partnerCenterTransport';
import { PartnerCenterCustomerList } from '../../../src/directory/partnerCenterCustomers';
import { startPartnerCenterSandbox } from '../../../src/sandbox/partnerCenterSandbox';
import pino from 'pino';
import { fixture, fixtureText, type FixtureServer, startFixtureServer } from '../fixtureServer';

const logger = pino({ level: 'silent' });

/** Every key path of a JSON value (`items.0.companyProfile.domain`), array indexes collapsed to `*`. */
function shape(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((item) => shape(item, `${prefix}*.`)))];
  if (typeof value !== 'object' || value === null) return [`${prefix.slice(0, -1)}:${typeof value}`];
  return Object.entries(value).flatMap(([key, item]) => shape(item, `${prefix}${key}.`));
}

/**
 * The directory's customer list client against Microsoft's published "Get a list of customers" answer, served
 * verbatim (SOURCES.md), and the Partner Center stand-in answering in the same shape.
 */
describe('Partner Center customer list: published sample through the directory client', () => {
  let server: FixtureServer;
  const list = (baseUrl: string, pageSize?: number): PartnerCenterCustomerList =>
    new PartnerCenterCustomerList(new PartnerCenterTransport({ baseUrl, logger, retry: { baseDelayMs: 1, maxDelayMs: 2 } }), pageSize);

  beforeAll(async () => { server = await startFixtureServer(); });
  afterAll(() => server.close());

  it('reads the published page: the customers keyed on id (companyProfile.tenantId is a placeholder), no next page', async () => {
    server.serve([{ method: 'GET', path: '/v1/customers', status: 200, body: fixtureText(__dirname, 'get-a-list-of-customers.response.json') }]);
    expect(await list(server.url, 40).list()).toEqual([
      { tenantId: 'b44bb1fb-c595-45b0-9e09-d657365580bf', companyName: 'companyName', domain: 'domain' },
      { tenantId: '45c44870-ef77-4fdd-b6fe-3dacb075cff2', companyName: 'companyName', domain: 'domain' },
    ]);
    const sent = server.received[0];
    expect(sent?.query.get('size')).toBe('40');
    expect(sent?.headers).toMatchObject({ accept: 'application/json', 'ms-requestid': expect.any(String) as string, 'ms-correlationid': expect.any(String) as string });
  });

  it('the stand-in lists customers in the published shape, pages them, and follows additions and removals', async () => {
    const customers = [1, 2, 3].map((n) => ({ tenantId: `0000000${String(n)}-0000-4000-8000-000000000000`, domain: `c${String(n)}.onmicrosoft.com`, companyName: `Customer ${String(n)}` }));
    const sandbox = await startPartnerCenterSandbox({ requireAuth: false, customers });
    try {
      const raw = await (await fetch(`${sandbox.url}/v1/customers?size=40`)).json() as { items: unknown[] };
      const published = fixture(__dirname, 'get-a-list-of-customers.response.json') as { items: unknown[] };
      expect(shape(raw.items[0]).sort()).toEqual(shape(published.items[0]).sort());
      expect(Object.keys(raw).sort()).toEqual(Object.keys(published).sort());

      expect((await list(sandbox.url, 2).list()).map((c) => c.companyName)).toEqual(['Customer 1', 'Customer 2', 'Customer 3']);
      expect(sandbox.requests.filter((r) => r.route === 'customers').length).toBe(1 + 2);

      sandbox.customers.remove(customers[1]!.tenantId);
      sandbox.customers.add({ tenantId: '0000000a-0000-4000-8000-000000000000', domain: 'new.onmicrosoft.com', companyName: 'Newcomer' });
      expect((await list(sandbox.url, 2).list()).map((c) => c.companyName)).toEqual(['Customer 1', 'Customer 3', 'Newcomer']);
    } finally {
      await sandbox.close();
    }
  });
});
