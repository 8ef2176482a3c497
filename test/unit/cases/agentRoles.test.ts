import pino from 'pino';
import { GraphAgentRoleChecker, grantsAgentRole } from '../../../src/cases/agentRoles';

const role = (roleTemplateId: string): Record<string, string> => ({ '@odata.type': '#microsoft.graph.directoryRole', id: 'r', displayName: 'x', roleTemplateId });
const group = (displayName: string): Record<string, string> => ({ '@odata.type': '#microsoft.graph.group', id: 'g', displayName });
const silent = pino({ level: 'silent' });

describe('agent roles', () => {
  it.each([
    ['Global admin', [role('62e90394-69f5-4237-9190-012177145e10')], true],
    ['User admin', [role('FE930BE7-5E62-47DB-91AF-98C3A49A38B1')], true],
    ['Helpdesk admin', [role('729827e3-9c14-49f7-bb1b-9608f156bbb8')], true],
    ['AdminAgents', [group('AdminAgents')], true],
    ['HelpdeskAgents', [group('Sales'), group('HelpdeskAgents')], true],
    ['another role', [role('f2ef992c-3afb-46b9-b7cf-a126ee74c451')], false],
    ['a group named like a role id', [group('62e90394-69f5-4237-9190-012177145e10')], false],
    ['a role named AdminAgents', [{ ...role('x'), displayName: 'AdminAgents' }], false],
    ['an object without type', [{ displayName: 'AdminAgents' }], false],
    ['nothing', [], false],
  ])('GrantsAgentRole_%s', (_name, memberships, allowed) => {
    expect(grantsAgentRole(memberships)).toBe(allowed);
  });

  it('Checker_CachesPerUserAtMostFiveMinutes', async () => {
    let now = 0;
    const getCollection = jest.fn(async () => [group('AdminAgents')]);
    const checker = new GraphAgentRoleChecker({ getCollection }, 'partner', silent, { ttlMs: 60 * 60_000, now: () => now });
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
    const getCollection = jest.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValueOnce([group('HelpdeskAgents')]);
    const checker = new GraphAgentRoleChecker({ getCollection }, 'partner', silent);
    expect(await checker.isAllowedAgent('u1')).toBe(false);
    expect(await checker.isAllowedAgent('u1')).toBe(true);
  });

  it('Checker_NoObjectId_IsNotAllowed', async () => {
    const getCollection = jest.fn();
    expect(await new GraphAgentRoleChecker({ getCollection }, 'partner', silent).isAllowedAgent('')).toBe(false);
    expect(getCollection).not.toHaveBeenCalled();
  });
});
