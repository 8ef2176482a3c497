/**
 * Who may act as an agent, and where. A partner employee who is no agent creates a team named like the agents'
 * group, asks for the queue in rooms where guests read, replays buttons on closed cases: nothing of any customer is
 * revealed, nothing changes, and a `security.*` event is logged.
 */
import type { RunningApp } from '../../src/app';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../src/sandbox/partnerCenterSandbox';
import { cardAction, channel, channelConversation, channelMention, personalConversationId, personalMessage, teamInstall, TENANTS, user, type TeamsChannel } from '../support/activities';
import { AGENT_GROUP } from '../support/agentGroups';
import { visibleText } from '../support/chat';
import { FakeConnector } from '../support/fakeConnector';
import { openCase } from '../support/journeys';
import { post, startTestBot } from '../support/testBot';
import { UNIFIED_GROUP_NAMED_ADMIN_AGENTS } from './fixtures/transitiveMemberOf';
import { captureLogs, type CapturedLogs } from './logCapture';

const EN = jest.requireActual<{ refused: Record<string, string> }>('../../src/cases/strings.en.json');

describe('agent access: trusted by object id, only in the agents\' places', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;
  let partnerCenter: PartnerCenterSandbox;
  let app: RunningApp;
  let logs: CapturedLogs;
  let agents: TeamsChannel;
  const agent = user(TENANTS.partner, 'Alice Agent', 'en-US');
  const impostor = user(TENANTS.partner, 'Mallory Teams', 'en-US');

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, defaultTenantId: TENANTS.partner });
    graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [AGENT_GROUP]);
    graph.setUserMemberships(TENANTS.partner, impostor.aadObjectId, [UNIFIED_GROUP_NAMED_ADMIN_AGENTS]);
    partnerCenter = await startPartnerCenterSandbox({ requireAuth: false });
    logs = captureLogs('info');
    app = await startTestBot({ GRAPH_BASE_URL: graph.url, PARTNER_CENTER_BASE_URL: partnerCenter.url }, { logger: logs.logger });
    agents = channel(TENANTS.partner);
    expect((await post(app, teamInstall(agent, connector.url, agents))).status).toBe(200);
    expect((await post(app, channelMention(agent, connector.url, agents, 'use this channel'))).status).toBe(200);
  }, 30000);
  afterAll(async () => {
    await app.stop();
    await partnerCenter.close();
    await graph.close();
    await connector.close();
  });

  it('a member of a Microsoft 365 group (team) named AdminAgents cannot take a case, is told why, and it is logged', async () => {
    const customer = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
    const { caseId, threadId } = await openCase(app, connector, customer, agents);
    const before = logs.events('security.roleDenied').length;
    const taken = await post(app, cardAction(impostor, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }));
    expect(JSON.stringify(taken.body)).toContain(EN.refused.lacksRole);
    expect(JSON.stringify(taken.body)).not.toContain('Mallory');
    expect(logs.events('security.roleDenied').length).toBeGreaterThan(before);
    expect(connector.sentTo(personalConversationId(customer)).map(visibleText).join('\n')).not.toContain('Mallory');

    const queue = await post(app, personalMessage(impostor, connector.url, 'queue'));
    expect(queue.status).toBe(200);
    const answer = connector.sentTo(personalConversationId(impostor)).map(visibleText).join('\n');
    expect(answer).toContain(EN.refused.lacksRole);
    expect(answer).not.toContain(caseId);

    const byAgent = await post(app, cardAction(agent, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }));
    expect(JSON.stringify(byAgent.body)).toContain('Alice Agent');
  });
});
