/**
 * Channel and tenant trust: only Teams is served. A Web Chat or Direct Line client of the same Azure Bot writes its
 * own `channelData`, so it could name any customer's tenant; an activity whose two tenant fields disagree names two
 * tenants at once. Both are refused before anything runs and logged as security events, while the bot's own
 * proactive turns (case thread, relay), built from stored Teams conversation references, still go through.
 */
import type { RunningApp } from '../../src/app';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed } from '../../src/sandbox/graphSeed';
import { AGENT_GROUP } from '../support/agentGroups';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../src/sandbox/partnerCenterSandbox';
import {
  cardAction, channel, channelConversation, personalConversation, personalConversationId, personalInstall, personalMessage, TENANTS, user, type TeamsChannel,
} from '../support/activities';
import { Chat, visibleText } from '../support/chat';
import { FakeConnector } from '../support/fakeConnector';
import { chooseAgentsChannel, openCase } from '../support/journeys';
import { post, startTestBot } from '../support/testBot';
import { captureLogs, type CapturedLogs } from './logCapture';

const ONLY_TEAMS_EN = 'only available in Microsoft Teams';
const ONLY_TEAMS_FR = "n'est disponible que dans Microsoft Teams";

describe('only Teams is served, and an activity naming two tenants is refused', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;
  let partnerCenter: PartnerCenterSandbox;
  let app: RunningApp;
  let logs: CapturedLogs;
  let agents: TeamsChannel;
  const agent = user(TENANTS.partner, 'Alice Agent', 'en-US');

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, seed: loadGraphSandboxSeed() });
    graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [AGENT_GROUP]);
    partnerCenter = await startPartnerCenterSandbox({ requireAuth: false });
    logs = captureLogs('info');
    app = await startTestBot({ GRAPH_BASE_URL: graph.url, PARTNER_CENTER_BASE_URL: partnerCenter.url }, { logger: logs.logger });
    agents = channel(TENANTS.partner);
    await chooseAgentsChannel(app, connector, agent, agents);
  });
  afterAll(async () => {
    await app.stop();
    await partnerCenter.close();
    await graph.close();
    await connector.close();
  });

  /** Everything the bot sent to a conversation, as the person there sees it. */
  const seenIn = (conversationId: string): string => connector.sentTo(conversationId).map(visibleText).join('\n');

  it.each(['webchat', 'directline', 'emulator', 'MSTEAMS', undefined])(
    'refuses a message from channel %s that poses as a customer tenant: one refusal, no triage, a security event',
    async (channelId) => {
      const poser = user(TENANTS.fabrikam, 'Web Chat Poser', 'fr-FR');
      const graphCalls = graph.requests.length;
      const before = logs.events('security.channelRefused').length;
      for (const text of ['Outlook ne reçoit plus de mails depuis ce matin', 'agent']) {
        const activity = { ...personalMessage(poser, connector.url, text), channelId };
        expect((await post(app, activity)).status).toBe(200);
      }
      const seen = connector.sentTo(personalConversationId(poser)).map(visibleText);
      expect(seen).toHaveLength(2);
      expect(seen.every((said) => said.includes(ONLY_TEAMS_FR))).toBe(true);
      expect(graph.requests.length).toBe(graphCalls);
      const events = logs.events('security.channelRefused').slice(before);
      expect(events).toHaveLength(2);
      expect(events[0]).toMatchObject({ tenantId: TENANTS.fabrikam, conversationId: personalConversationId(poser), fromId: poser.id, aadObjectId: poser.aadObjectId });
      expect(events[0]!.channelId).toBe(channelId);
    },
  );

  it('refuses a card action from Direct Line with an error, in English for an English user, and runs nothing', async () => {
    const poser = user(TENANTS.fabrikam, 'Direct Line Poser', 'en-US');
    const res = await post(app, { ...cardAction(poser, connector.url, personalConversation(poser), 'notify.save', { services: ['Exchange Online'], all: 'false' }), channelId: 'directline' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, value: { code: 'Forbidden' } });
    expect(JSON.stringify(res.body)).toContain(ONLY_TEAMS_EN);
    expect(logs.events('security.channelRefused').some((e) => e.fromId === poser.id)).toBe(true);
  });

  it('refuses a Teams message whose channelData names one tenant and conversation another, logging both ids', async () => {
    const forger = user(TENANTS.fabrikam, 'Tenant Forger', 'en-US');
    const activity = personalMessage(forger, connector.url, 'agent');
    activity.conversation = { ...personalConversation(forger), tenantId: TENANTS.contoso };
    expect((await post(app, activity)).status).toBe(200);
    expect(seenIn(personalConversationId(forger))).toContain('could not tell which organisation this message comes from');
    const event = logs.events('security.tenantMismatch').find((e) => e.fromId === forger.id);
    expect(event).toMatchObject({ channelDataTenantId: TENANTS.fabrikam, conversationTenantId: TENANTS.contoso, conversationId: personalConversationId(forger) });
  });

  it('serves a Teams message whose two tenant fields differ only in letter case, or where only one is present', async () => {
    const upper = user(TENANTS.fabrikam, 'Upper Case', 'en-US');
    const activity = personalMessage(upper, connector.url, 'help');
    activity.conversation = { ...personalConversation(upper), tenantId: TENANTS.fabrikam.toUpperCase() };
    await post(app, activity);
    const onlyConversation = user(TENANTS.fabrikam, 'Only Conversation', 'en-US');
    const bare = personalMessage(onlyConversation, connector.url, 'help');
    bare.channelData = {};
    await post(app, bare);
    for (const u of [upper, onlyConversation]) {
      const seen = seenIn(personalConversationId(u));
      expect(seen).not.toBe('');
      expect(seen).not.toMatch(/could not tell|only available in Microsoft Teams|not registered/);
    }
  });

  it('still runs the bot\'s own proactive turns: a case thread in the agents\' channel, the customer told who took it, messages relayed', async () => {
    const customer = user(TENANTS.fabrikam, 'Élise Cliente', 'en-US');
    const opened = await openCase(app, connector, customer, agents);
    const take = await post(app, cardAction(agent, connector.url, channelConversation(agents, opened.threadId), 'case.take', { caseId: opened.caseId }));
    expect(take.status).toBe(200);
    expect(seenIn(personalConversationId(customer))).toContain(`Alice Agent is now handling your case ${opened.caseId}`);
    await new Chat(app, connector, customer).say('It also affects Teams');
    expect(seenIn(opened.threadConversationId)).toContain('It also affects Teams');
    expect(logs.events('security.').filter((e) => JSON.stringify(e).includes(customer.id) || e.conversationId === opened.threadConversationId)).toEqual([]);
  });

  it('logs a refused case action with the tenant the gate read, also when conversation.tenantId is absent', async () => {
    const outsider = user(TENANTS.contoso, 'Oscar Outsider', 'en-US');
    await post(app, personalInstall(outsider, connector.url));
    const activity = cardAction(outsider, connector.url, { ...personalConversation(outsider), tenantId: undefined }, 'case.take', { caseId: 'C-1' });
    expect((await post(app, activity)).status).toBe(200);
    const event = logs.events('security.caseActionFromOutside').find((e) => e.aadObjectId === outsider.aadObjectId);
    expect(event).toMatchObject({ tenantId: TENANTS.contoso, verb: 'case.take' });
  });
});
