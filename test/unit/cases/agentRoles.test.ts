import pino from 'pino';
import { GraphAgentRoleChecker, grantsAgentRole, type AgentTrust } from '../../../src/cases/agentRoles';

const AGENTS_ID = '3f0b9a7e-52c1-4d8e-a6b4-9c2d1e0f7a63';
const role = (roleTemplateId: string): Record<string, string> => ({ '@odata.type': '#microsoft.graph.directoryRole', id: 'r', displayName: 'x', roleTemplateId });
const group = (id: string, displayName = 'HelpdeskAgents'): Record<string, string> => ({ '@odata.type': '#microsoft.graph.group', id, displayName });
const TRUST: AgentTrust = { groupIds: [AGENTS_ID], directoryRoles: true };
const silent = pino({ level: 'silent' });

describe('agent roles', () => {
  it.each([
    ['Global admin', [role('62e90394-69f5-4237-9190-012177145e10')], true],
    ['User admin', [role('FE930BE7-5E62-47DB-91AF-98C3A49A38B1')], true],
    ['Helpdesk admin', [role('729827e3-9c14-49f7-bb1b-9608f156bbb8')], true],
    ['the configured group', [group('11111111-2222-3333-4444-555555555555', 'Sales'), group(AGENTS_ID.toUpperCase(), 'Renamed')], true],
    ['another group named HelpdeskAgents', [group('11111111-2222-3333-4444-555555555555')], false],
    ['another group named AdminAgents', [group('11111111-2222-3333-4444-555555555555', 'AdminAgents')], false],
    ['another role', [role('f2ef992c-3afb-46b9-b7cf-a126ee74c451')], false],
    ['a group whose id is an allowed role template', [group('62e90394-69f5-4237-9190-012177145e10')], false],
    ['a role whose id is the configured group', [{ ...role('x'), id: AGENTS_ID }], false],
    ['an object without type', [{ id: AGENTS_ID, displayName: 'AdminAgents' }], false],
    ['nothing', [], false],
  ])('GrantsAgentRole_%s', (_name, memberships, allowed) => {
    expect(grantsAgentRole(memberships, TRUST)).toBe(allowed);
  });

  it('GrantsAgentRole_DirectoryRolesOff_TrustsOnlyTheGroups', () => {
    const groupsOnly: AgentTrust = { groupIds: [AGENTS_ID], directoryRoles: false };
    expect(grantsAgentRole([role('62e90394-69f5-4237-9190-012177145e10')], groupsOnly)).toBe(false);
    expect(grantsAgentRole([group(AGENTS_ID)], groupsOnly)).toBe(true);
  });

  it('Checker_CachesPerUserAtMostFiveMinutes', async () => {
    let now = 0;
    const getCollection = jest.fn(async () => [group(AGENTS_ID)]);
    const checker = new GraphAgentRoleChecker({ getCollection }, 'partner', TRUST, silent, { ttlMs: 60 * 60_000, now: () => now });
    expect(await checker.isAllowedAgent('u1')).toBe(true);
    now = 4 * 60_000;
    expect(await checker.isAllowedAgent('u1')).toBe(true);
    expect(getCollection).toHaveBeenCalledTimes(1);
    expect(getCollection).toHaveBeenCalledWith('partner', 'users/u1/transitiveMemberOf');
    now = 5 * 60_000;
    await checker.isAllowedAgent('u1');
    expect(getCollection).toHaveBeenCalledTimes(2);
  });

  it('Checker_GraphFailure_FailsClosedAndDoesNotCache', async () => {
    const getCollection = jest.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValueOnce([group(AGENTS_ID)]);
    const checker = new GraphAgentRoleChecker({ getCollection }, 'partner', TRUST, silent);
    expect(await checker.isAllowedAgent('u1')).toBe(false);
    expect(await checker.isAllowedAgent('u1')).toBe(true);
  });

  it('Checker_NoObjectId_IsNotAllowed', async () => {
    const getCollection = jest.fn();
    expect(await new GraphAgentRoleChecker({ getCollection }, 'partner', TRUST, silent).isAllowedAgent('')).toBe(false);
    expect(getCollection).not.toHaveBeenCalled();
  });
});
