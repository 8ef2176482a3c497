import pino from 'pino';
import {
  activeAssignments, activeRelationships, customersAllowed, DEFAULT_GDAP_CASE_ROLES, DEFAULT_GDAP_ESCALATION_ROLES, gdapGrant, gdapPolicy, GDAP_ROLES, rolesPerCustomer,
  type GdapAssignment,
} from '../../../src/cases/gdapAccess';
import { GdapAuthorizer } from '../../../src/cases/gdapAuthorizer';
import { GdapSource } from '../../../src/cases/gdapSource';
import { AGENT_ACTIONS } from '../../../src/teams/guard';

const silent = pino({ level: 'silent' });
const X = 'aaaaaaaa-0000-4000-8000-000000000001';
const Y = 'bbbbbbbb-0000-4000-8000-000000000002';
const HELPDESK_X = '11111111-0000-4000-8000-00000000000a';
const SUPPORT_Y = '22222222-0000-4000-8000-00000000000b';
const LEGACY = '33333333-0000-4000-8000-00000000000c';
const POLICY = gdapPolicy(DEFAULT_GDAP_CASE_ROLES, DEFAULT_GDAP_ESCALATION_ROLES);

const ASSIGNMENTS: GdapAssignment[] = [
  { relationshipId: 'r1', customerTenantId: X, customerName: 'X', groupId: HELPDESK_X, roleIds: [GDAP_ROLES.helpdeskAdministrator] },
  { relationshipId: 'r2', customerTenantId: Y, customerName: 'Y', groupId: SUPPORT_Y, roleIds: [GDAP_ROLES.serviceSupportAdministrator] },
];

describe('GDAP decision (pure)', () => {
  it('keeps active relationships not past their end, and active security-group assignments only', () => {
    const now = new Date('2026-12-02T00:00:00Z');
    const relationships = activeRelationships([
      { id: 'r1', status: 'active', customer: { tenantId: X.toUpperCase(), displayName: 'X' }, endDateTime: '2027-01-01T00:00:00Z' },
      { id: 'r2', status: 'active', customer: { tenantId: Y, displayName: 'Y' }, endDateTime: '2026-12-01T00:00:00Z' },
      { id: 'r3', status: 'terminated', customer: { tenantId: Y, displayName: 'Y' } },
      { id: 'r4', status: 'expired', customer: { tenantId: Y, displayName: 'Y' } },
    ], now);
    expect(relationships).toEqual([{ id: 'r1', customerTenantId: X, customerName: 'X' }]);
    const [r1] = relationships;
    if (!r1) throw new Error('no relationship');
    const assignments = activeAssignments([
      { status: 'active', accessContainer: { accessContainerId: HELPDESK_X, accessContainerType: 'securityGroup' }, accessDetails: { unifiedRoles: [{ roleDefinitionId: GDAP_ROLES.helpdeskAdministrator.toUpperCase() }] } },
      { status: 'deleted', accessContainer: { accessContainerId: SUPPORT_Y, accessContainerType: 'securityGroup' }, accessDetails: { unifiedRoles: [{ roleDefinitionId: GDAP_ROLES.globalAdministrator }] } },
      { status: 'pending', accessContainer: { accessContainerId: LEGACY, accessContainerType: 'securityGroup' }, accessDetails: { unifiedRoles: [] } },
    ], r1);
    expect(assignments).toEqual([{ relationshipId: 'r1', customerTenantId: X, customerName: 'X', groupId: HELPDESK_X, roleIds: [GDAP_ROLES.helpdeskAdministrator] }]);
  });

  it('Helpdesk Administrator for X works X\'s cases, not Y\'s, and files no Microsoft request', () => {
    const roles = rolesPerCustomer([HELPDESK_X.toUpperCase()], ASSIGNMENTS);
    expect(gdapGrant(roles, POLICY, AGENT_ACTIONS.cases, X)).toEqual({ via: 'gdap', roleId: GDAP_ROLES.helpdeskAdministrator, roleName: 'Helpdesk Administrator' });
    expect(gdapGrant(roles, POLICY, AGENT_ACTIONS.cases, Y)).toBeUndefined();
    expect(gdapGrant(roles, POLICY, AGENT_ACTIONS.escalation, X)).toBeUndefined();
    expect([...customersAllowed(roles, POLICY, AGENT_ACTIONS.cases)]).toEqual([X]);
    expect([...customersAllowed(roles, POLICY, AGENT_ACTIONS.customers)]).toEqual([X]);
  });

  it('Service Support Administrator files Microsoft requests and works cases; roles outside the policy allow nothing', () => {
    const roles = rolesPerCustomer([SUPPORT_Y], ASSIGNMENTS);
    expect(gdapGrant(roles, POLICY, AGENT_ACTIONS.escalation, Y)).toMatchObject({ roleName: 'Service Support Administrator' });
    expect(gdapGrant(roles, POLICY, AGENT_ACTIONS.cases, Y)).toMatchObject({ roleName: 'Service Support Administrator' });
    const strict = gdapPolicy([GDAP_ROLES.globalAdministrator], [GDAP_ROLES.globalAdministrator]);
    expect(customersAllowed(roles, strict, AGENT_ACTIONS.cases).size).toBe(0);
  });
});

describe('GdapSource and GdapAuthorizer', () => {
  const assignment = (groupId: string, roleId: string): unknown => ({ status: 'active', accessContainer: { accessContainerId: groupId, accessContainerType: 'securityGroup' }, accessDetails: { unifiedRoles: [{ roleDefinitionId: roleId }] } });

  function setup(): { graph: { getCollection: jest.Mock }; now: { t: number }; authorizer: GdapAuthorizer; y: unknown[]; x: { status: string } } {
    const y: unknown[] = [];
    const x = { status: 'active' };
    const relationships = (): unknown[] => [
      { id: 'r1', status: x.status, customer: { tenantId: X, displayName: 'X' } },
      { id: 'r2', status: 'active', customer: { tenantId: Y, displayName: 'Y' } },
    ];
    const graph = { getCollection: jest.fn(async (_tenant: string, path: string) => (path.includes('/r1/') ? [assignment(HELPDESK_X, GDAP_ROLES.helpdeskAdministrator)] : path.includes('/r2/') ? y : relationships())) };
    const now = { t: 0 };
    const source = new GdapSource(graph, 'partner', silent, { refreshMs: 60_000, missRefreshMs: 10_000, now: () => now.t });
    const members = { memberships: async (id: string) => ({ allowed: false, groupIds: id === 'legacy' ? [LEGACY] : id === 'a' ? [HELPDESK_X] : [] }) };
    const authorizer = new GdapAuthorizer({ members, assignments: source, policy: POLICY, legacyGroupIds: [LEGACY], logger: silent });
    return { graph, now, authorizer, y, x };
  }

  it('a flood of refusals makes one read in flight, and at most one per missRefreshMs', async () => {
    const { graph, now, authorizer } = setup();
    await authorizer.authorize('a', { action: AGENT_ACTIONS.cases, customerTenantId: X });
    const reads = graph.getCollection.mock.calls.length;
    const refusals = await Promise.all(Array.from({ length: 50 }, () => authorizer.authorize('a', { action: AGENT_ACTIONS.cases, customerTenantId: Y })));
    expect(refusals.every((d) => d === 'refused')).toBe(true);
    expect(graph.getCollection.mock.calls.length - reads).toBe(3);
    now.t += 5_000;
    await authorizer.authorize('a', { action: AGENT_ACTIONS.cases, customerTenantId: Y });
    expect(graph.getCollection.mock.calls.length - reads).toBe(3);
  });

  it('a role granted for Y works on the next refusal-driven read; legacy DAP members act for everyone; without a customer, any customer will do', async () => {
    const { now, authorizer, y } = setup();
    expect(await authorizer.authorize('a', { action: AGENT_ACTIONS.cases, customerTenantId: Y })).toBe('refused');
    y.push(assignment(HELPDESK_X, GDAP_ROLES.userAdministrator));
    now.t += 10_000;
    expect(await authorizer.grantOf('a', { action: AGENT_ACTIONS.cases, customerTenantId: Y })).toMatchObject({ roleName: 'User Administrator' });
    expect(await authorizer.authorize('legacy', { action: AGENT_ACTIONS.escalation, customerTenantId: Y })).toBe('allowed');
    expect(await authorizer.customersFor('legacy', AGENT_ACTIONS.cases)).toBe('all');
    expect(await authorizer.authorize('a', { action: AGENT_ACTIONS.cases })).toBe('allowed');
    expect(await authorizer.authorize('nobody', { action: AGENT_ACTIONS.cases })).toBe('refused');
    expect(await authorizer.authorize(undefined, { action: AGENT_ACTIONS.cases })).toBe('refused');
  });

  it('a terminated relationship stops access at the next interval read; a failing Graph keeps the last list for two intervals, then refuses', async () => {
    const { graph, now, authorizer, x } = setup();
    expect(await authorizer.authorize('a', { action: AGENT_ACTIONS.cases, customerTenantId: X })).toBe('allowed');
    x.status = 'terminated';
    now.t += 60_000;
    expect(await authorizer.authorize('a', { action: AGENT_ACTIONS.cases, customerTenantId: X })).toBe('refused');
    x.status = 'active';
    now.t += 60_000;
    expect(await authorizer.authorize('a', { action: AGENT_ACTIONS.cases, customerTenantId: X })).toBe('allowed');
    graph.getCollection.mockRejectedValue(new Error('Graph down'));
    now.t += 60_000;
    expect(await authorizer.authorize('a', { action: AGENT_ACTIONS.cases, customerTenantId: X })).toBe('allowed');
    now.t += 60_000;
    expect(await authorizer.authorize('a', { action: AGENT_ACTIONS.cases, customerTenantId: X })).toBe('refused');
  });
});
