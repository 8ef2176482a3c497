import pino from 'pino';
import { createGraphClients } from '../../../src/cloud/graphClientFactory';
import { GraphRequester } from '../../../src/cloud/graphRequester';
import { gdapGrant, gdapPolicy, rolesPerCustomer, DEFAULT_GDAP_CASE_ROLES, DEFAULT_GDAP_ESCALATION_ROLES } from '../../../src/cases/gdapAccess';
import { GdapSource } from '../../../src/cases/gdapSource';
import { AGENT_ACTIONS } from '../../../src/teams/guard';
import { fixtureText, type FixtureServer, startFixtureServer } from '../fixtureServer';

const logger = pino({ level: 'silent' });
const PARTNER = '0f6c1b2a-9e8d-4c7b-a6f5-e4d3c2b1a090';
/** The one relationship of the published list whose status is active (Contoso Inc, ended 2024-02-10). */
const ACTIVE = '5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836';
const CONTOSO_INC = '52eaad04-13a2-4a2f-9ce8-93a294fadf36';
/** Groups of the published accessAssignments sample: one holds Global Administrator, the other Helpdesk Administrator. */
const GLOBAL_ADMINS = '227a2f44-2682-4831-a021-f8d69a34bcba';
const HELPDESK = '869713c9-0b28-4d08-8949-ae07ae1bf528';

/** The real requester and GdapSource against Microsoft's published delegatedAdminRelationships and accessAssignments samples. */
describe('Microsoft Graph GDAP published samples through the real requester', () => {
  let server: FixtureServer;
  const source = (at: string): GdapSource => new GdapSource(
    new GraphRequester({ clients: createGraphClients({ baseUrl: server.url }), logger, retry: { maxAttempts: 1 } }),
    PARTNER, logger, { refreshMs: 60_000, missRefreshMs: 1_000, now: () => Date.parse(at) },
  );

  beforeAll(async () => {
    server = await startFixtureServer();
    server.serve([
      { method: 'GET', path: '/v1.0/tenantRelationships/delegatedAdminRelationships', status: 200, body: fixtureText(__dirname, 'tenantrelationship-list-delegatedadminrelationships.json') },
      { method: 'GET', path: `/v1.0/tenantRelationships/delegatedAdminRelationships/${ACTIVE}/accessAssignments`, status: 200, body: fixtureText(__dirname, 'delegatedadminrelationship-list-accessassignments.json') },
    ]);
  });
  afterAll(() => server.close());
  beforeEach(() => { server.received.length = 0; });

  it('asks for active relationships, then the assignments of the active one only (terminated and approvalPending are skipped)', async () => {
    const assignments = await source('2023-06-01T00:00:00Z').current();
    const asked = server.received.map((r) => [r.path, r.query.get('$filter'), r.query.get('$top')]);
    expect(asked).toEqual([
      ['/v1.0/tenantRelationships/delegatedAdminRelationships', "status eq 'active'", '300'],
      [`/v1.0/tenantRelationships/delegatedAdminRelationships/${ACTIVE}/accessAssignments`, null, '300'],
    ]);
    expect(assignments.map((a) => [a.customerTenantId, a.customerName, a.groupId])).toEqual([[CONTOSO_INC, 'Contoso Inc', GLOBAL_ADMINS], [CONTOSO_INC, 'Contoso Inc', HELPDESK]]);
    const policy = gdapPolicy(DEFAULT_GDAP_CASE_ROLES, DEFAULT_GDAP_ESCALATION_ROLES);
    expect(gdapGrant(rolesPerCustomer([HELPDESK], assignments), policy, AGENT_ACTIONS.cases, CONTOSO_INC)).toMatchObject({ via: 'gdap', roleName: 'Helpdesk Administrator' });
    expect(gdapGrant(rolesPerCustomer([HELPDESK], assignments), policy, AGENT_ACTIONS.escalation, CONTOSO_INC)).toBeUndefined();
    expect(gdapGrant(rolesPerCustomer([GLOBAL_ADMINS], assignments), policy, AGENT_ACTIONS.escalation, CONTOSO_INC)).toMatchObject({ roleName: 'Global Administrator' });
  });

  it('the sample\'s active relationship ended on 2024-02-10: read after that, it grants nothing', async () => {
    expect(await source('2026-12-02T00:00:00Z').current()).toEqual([]);
    expect(server.received).toHaveLength(1);
  });
});
