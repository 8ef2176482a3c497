import pino from 'pino';
import { createGraphClients } from '../../../src/cloud/graphClientFactory';
import { GraphRequester } from '../../../src/cloud/graphRequester';
import { GDAP_RELATIONSHIPS_PATH, accessAssignmentsPath } from '../../../src/cases/gdapSource';
import { delegatedAdminReply, delegatedAdminSeed, matchDelegatedAdminRoute } from '../../../src/sandbox/graphDelegatedAdmin';
import { startGraphSandbox, type GraphSandbox } from '../../../src/sandbox/graphSandbox';
import { sandboxDelegatedAdmin } from '../../../src/sandbox/sandboxes';

const logger = pino({ level: 'silent' });
const PARTNER = '0f6c1b2a-9e8d-4c7b-a6f5-e4d3c2b1a090';
const CUSTOMERS = [
  { tenantId: '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11', domain: 'fabrikam.example', companyName: 'Fabrikam' },
  { tenantId: '3c9d1e2f-4a5b-46c7-8d9e-0f1a2b3c4d5e', domain: 'contosopharma.example', companyName: 'Contoso Pharma' },
];

describe('Graph stand-in: GDAP routes', () => {
  it('matches the two routes only', () => {
    expect(matchDelegatedAdminRoute('GET', ['tenantrelationships', 'delegatedadminrelationships'], ['tenantRelationships', 'delegatedAdminRelationships'])).toEqual({ route: 'delegatedAdminRelationships' });
    expect(matchDelegatedAdminRoute('GET', ['tenantrelationships', 'delegatedadminrelationships', 'r-1', 'accessassignments'], ['tenantRelationships', 'delegatedAdminRelationships', 'R-1', 'accessAssignments']))
      .toEqual({ route: 'accessAssignments', param: 'R-1' });
    expect(matchDelegatedAdminRoute('POST', ['tenantrelationships', 'delegatedadminrelationships'], [])).toBeUndefined();
  });

  it('refuses a token without DelegatedAdminRelationship.Read.All, and an unsupported filter', () => {
    const request = { pathname: '/v1.0/tenantRelationships/delegatedAdminRelationships', query: new URLSearchParams(), baseUrl: 'https://graph.example' };
    expect(delegatedAdminReply('delegatedAdminRelationships', undefined, request, undefined, ['ServiceHealth.Read.All'])).toMatchObject({ status: 403 });
    expect(delegatedAdminReply('delegatedAdminRelationships', undefined, { ...request, query: new URLSearchParams({ $filter: "customer/tenantId eq 'x'" }) }, undefined, undefined)).toMatchObject({ status: 400 });
  });

  describe('through the real requester', () => {
    let graph: GraphSandbox;
    beforeAll(async () => { graph = await startGraphSandbox({ requireAuth: false, defaultTenantId: PARTNER }); });
    afterAll(() => graph.close());

    it('serves the dev seed: active relationships with both example customers, Fabrikam\'s helpdesk group on Fabrikam only', async () => {
      graph.setDelegatedAdmin(PARTNER, sandboxDelegatedAdmin(CUSTOMERS));
      const requester = new GraphRequester({ clients: createGraphClients({ baseUrl: graph.url }), logger });
      const relationships = await requester.getCollection(PARTNER, GDAP_RELATIONSHIPS_PATH);
      expect(relationships.map((r) => (r as { customer: { displayName: string } }).customer.displayName)).toEqual(['Fabrikam', 'Contoso Pharma']);
      const [fabrikam] = relationships as Array<{ id: string }>;
      const assignments = await requester.getCollection(PARTNER, accessAssignmentsPath(fabrikam?.id ?? ''));
      expect(assignments).toEqual([expect.objectContaining({
        status: 'active', accessContainer: { accessContainerId: 'f1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8', accessContainerType: 'securityGroup' },
      })]);
    });

    it('filters on status and pages with @odata.nextLink', async () => {
      const many = Array.from({ length: 120 }, (_, i) => ({
        relationshipId: `r-${String(i)}`, customer: { tenantId: `t-${String(i)}`, displayName: `C${String(i)}` }, status: i % 2 === 0 ? 'active' : 'terminated', assignments: [],
      }));
      graph.setDelegatedAdmin(PARTNER, delegatedAdminSeed(many));
      const requester = new GraphRequester({ clients: createGraphClients({ baseUrl: graph.url }), logger });
      expect(await requester.getCollection(PARTNER, "tenantRelationships/delegatedAdminRelationships?$filter=status eq 'active'")).toHaveLength(60);
      expect(await requester.getCollection(PARTNER, 'tenantRelationships/delegatedAdminRelationships')).toHaveLength(120);
    });
  });
});
