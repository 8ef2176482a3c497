/**
 * Who may act as an agent, and where. A partner employee who is no agent creates a team named like the agents'
 * group, installs the bot in their own team, asks for the queue in rooms where guests read: nothing of any customer
 * is revealed, nothing changes, and a `security.*` event is logged.
 */
import type { RunningApp } from '../../src/app';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../src/sandbox/partnerCenterSandbox';
import {
  cardAction, channel, channelConversation, channelMention, personalConversationId, personalMessage, teamInstall, TENANTS, user, type TeamsChannel, type TeamsUser,
} from '../support/activities';
import { AGENT_GROUP } from '../support/agentGroups';
import { visibleText } from '../support/chat';
import { FakeConnector } from '../support/fakeConnector';
import { chooseAgentsChannel, openCase } from '../support/journeys';
import { post, startTestBot } from '../support/testBot';
import { UNIFIED_GROUP_NAMED_ADMIN_AGENTS } from './fixtures/transitiveMemberOf';
import { captureLogs, type CapturedLogs } from './logCapture';

const EN = jest.requireActual<{ refused: { lacksRole: string; closed: string }; agent: { wrongPlace: string } }>('../../src/cases/strings.en.json');

/** A message in a group chat of the partner tenant (guests of other organisations may be members). */
function groupChatMessage(u: TeamsUser, serviceUrl: string, chatId: string, text: string): Record<string, unknown> {
  return { ...personalMessage(u, serviceUrl, text), conversation: { id: chatId, conversationType: 'groupChat', isGroup: true, tenantId: u.tenantId } };
}

describe('agent access: trusted by object id, only in the agents\' places', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;
  let partnerCenter: PartnerCenterSandbox;
  const agent = user(TENANTS.partner, 'Alice Agent', 'en-US');
  const impostor = user(TENANTS.partner, 'Mallory Teams', 'en-US');

  /** Everything the bot said in one conversation, as people there see it. */
  const seenIn = (conversationId: string): string => connector.sentTo(conversationId).map(visibleText).join('\n');

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, defaultTenantId: TENANTS.partner });
    graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [AGENT_GROUP]);
    graph.setUserMemberships(TENANTS.partner, impostor.aadObjectId, [UNIFIED_GROUP_NAMED_ADMIN_AGENTS]);
    partnerCenter = await startPartnerCenterSandbox({ requireAuth: false });
  });
  afterAll(async () => {
    await partnerCenter.close();
    await graph.close();
    await connector.close();
  });

  describe('with the agents\' channel chosen by an agent', () => {
    let app: RunningApp;
    let logs: CapturedLogs;
    let agents: TeamsChannel;

    beforeAll(async () => {
      logs = captureLogs('info');
      app = await startTestBot({ GRAPH_BASE_URL: graph.url, PARTNER_CENTER_BASE_URL: partnerCenter.url }, { logger: logs.logger });
      agents = channel(TENANTS.partner);
      await chooseAgentsChannel(app, connector, agent, agents);
    }, 30000);
    afterAll(async () => {
      await app.stop();
    });

    it('a member of a Microsoft 365 group (team) named AdminAgents cannot take a case, is told why, and it is logged', async () => {
      const customer = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
      const { caseId, threadId } = await openCase(app, connector, customer, agents);
      const before = logs.events('security.roleDenied').length;
      const taken = await post(app, cardAction(impostor, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }));
      expect(JSON.stringify(taken.body)).toContain(EN.refused.lacksRole);
      expect(JSON.stringify(taken.body)).not.toContain('Mallory');
      expect(logs.events('security.roleDenied').length).toBeGreaterThan(before);
      expect(seenIn(personalConversationId(customer))).not.toContain('Mallory');

      expect((await post(app, personalMessage(impostor, connector.url, 'queue'))).status).toBe(200);
      expect(seenIn(personalConversationId(impostor))).toContain(EN.refused.lacksRole);
      expect(seenIn(personalConversationId(impostor))).not.toContain(caseId);

      const byAgent = await post(app, cardAction(agent, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }));
      expect(JSON.stringify(byAgent.body)).toContain('Alice Agent');
    });

    it('an agent\'s queue, case and requests commands in a group chat or another team\'s channel show nothing and say where to use them', async () => {
      const customer = user(TENANTS.fabrikam, 'Élise Secret', 'fr-FR');
      const { caseId } = await openCase(app, connector, customer, agents);
      const otherTeam = channel(TENANTS.partner);
      const chatId = `19:${otherTeam.teamId.slice(3, 15)}@thread.v2`;
      const before = logs.events('security.agentCommandOutOfPlace').length;
      for (const command of ['queue', `case ${caseId}`, 'requests', 'health fabrikam']) {
        expect((await post(app, groupChatMessage(agent, connector.url, chatId, command))).status).toBe(200);
        expect((await post(app, channelMention(agent, connector.url, otherTeam, command))).status).toBe(200);
      }
      for (const where of [chatId, otherTeam.channelId]) {
        const said = seenIn(where);
        expect(said.split(EN.agent.wrongPlace).length - 1).toBe(4);
        for (const secret of [caseId, 'Élise Secret', 'Fabrikam', 'case.take']) expect(said).not.toContain(secret);
      }
      expect(logs.events('security.agentCommandOutOfPlace').length - before).toBe(8);
      expect(logs.events('security.agentCommandOutOfPlace').at(-1)).toMatchObject({ tenantId: TENANTS.partner, conversationId: otherTeam.channelId });

      expect((await post(app, personalMessage(agent, connector.url, `case ${caseId}`))).status).toBe(200);
      expect(seenIn(personalConversationId(agent))).toContain('case.take');
      expect((await post(app, channelMention(agent, connector.url, agents, 'queue'))).status).toBe(200);
      expect(seenIn(agents.channelId)).toContain(caseId);
    });

    it('a replayed "Open Microsoft service request" on a resolved case files nothing and shows the case as it is now', async () => {
      const customer = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
      const { caseId, threadId } = await openCase(app, connector, customer, agents);
      const inThread = channelConversation(agents, threadId);
      await post(app, cardAction(agent, connector.url, inThread, 'case.take', { caseId }));
      expect(JSON.stringify((await post(app, cardAction(agent, connector.url, inThread, 'escalation.propose', { caseId }))).body)).toContain('escalation.submit');
      await post(app, cardAction(agent, connector.url, inThread, 'case.resolve', { caseId, summary: 'Fixed by the customer.' }));
      const filedBefore = partnerCenter.serviceRequests().length;
      const submit = { caseId, supportTopicId: '32444667', severity: 'critical', title: 'Fabrikam: no inbound mail', description: 'Inbound mail stopped for all users.' };
      for (const [verb, data] of [['escalation.submit', submit], ['escalation.propose', { caseId }]] as const) {
        const replay = await post(app, cardAction(agent, connector.url, inThread, verb, data));
        const card = JSON.stringify(replay.body);
        expect(replay.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
        expect(card).toContain(EN.refused.closed);
        expect(card).toContain('{"title":"State","value":"Resolved"}');
        expect(card).not.toContain('escalation.submit');
      }
      expect(partnerCenter.serviceRequests()).toHaveLength(filedBefore);
    });

    it('installing the bot in another team or typing "use this channel" without an agent role does not move the agents\' channel', async () => {
      const theirs = channel(TENANTS.partner);
      expect((await post(app, teamInstall(impostor, connector.url, theirs))).status).toBe(200);
      expect((await post(app, channelMention(impostor, connector.url, theirs, 'use this channel'))).status).toBe(200);
      expect(seenIn(theirs.channelId)).toContain(EN.refused.lacksRole);
      const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
      const { caseId } = await openCase(app, connector, customer, agents);
      expect(connector.conversationsCreated.some((c) => c.id.startsWith(theirs.channelId))).toBe(false);
      expect(seenIn(theirs.channelId)).not.toContain(caseId);
    });
  });

  describe('before any agent chose a channel', () => {
    let app: RunningApp;

    beforeAll(async () => {
      app = await startTestBot({ GRAPH_BASE_URL: graph.url, PARTNER_CENTER_BASE_URL: partnerCenter.url });
    }, 30000);
    afterAll(async () => {
      await app.stop();
    });

    it('the first team the bot is installed in does not become the agents\' channel', async () => {
      const theirs = channel(TENANTS.partner);
      expect((await post(app, teamInstall(impostor, connector.url, theirs))).status).toBe(200);
      const customer = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
      await expect(openCase(app, connector, customer, theirs)).rejects.toThrow('no case or no thread');
      expect(connector.conversationsCreated.some((c) => c.id.startsWith(theirs.channelId))).toBe(false);
      expect((await post(app, personalMessage(agent, connector.url, 'queue'))).status).toBe(200);
      expect(seenIn(personalConversationId(agent))).toMatch(/C-\d+ · Fabrikam/);
    });
  });
});
