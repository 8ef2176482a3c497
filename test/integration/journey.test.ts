import type { RunningApp } from '../../src/app';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed, type DirectoryObject } from '../../src/sandbox/graphSeed';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../src/sandbox/partnerCenterSandbox';
import {
  cardAction, channel, channelConversation, channelMessage, personalInstall, personalMessage, TENANTS, user, type TeamsChannel,
} from '../support/activities';
import { Chat, visibleText } from '../support/chat';
import { FakeConnector } from '../support/fakeConnector';
import { post, startTestBot } from '../support/testBot';
import { AGENT_GROUP as HELPDESK } from '../support/agentGroups';
import { chooseAgentsChannel } from '../support/journeys';

const SALES: DirectoryObject = { '@odata.type': '#microsoft.graph.group', id: 'g2', displayName: 'Sales' };

/**
 * The whole product through the real server: a customer triages, asks for an agent, an agent takes the case
 * in the agents' channel, they talk through the bot, the agent files a Microsoft service request, Microsoft
 * moves it, and the agent resolves the case.
 */
describe('customer journey: triage → agent → Microsoft service request → resolution', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;
  let partnerCenter: PartnerCenterSandbox;
  let app: RunningApp;
  let agents: TeamsChannel;
  const agent = user(TENANTS.partner, 'Alice Agent', 'en-US');
  const stranger = user(TENANTS.partner, 'Mallory Sales', 'en-US');

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, seed: loadGraphSandboxSeed() });
    graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [HELPDESK]);
    graph.setUserMemberships(TENANTS.partner, stranger.aadObjectId, [SALES]);
    partnerCenter = await startPartnerCenterSandbox({ requireAuth: false });
    app = await startTestBot({ GRAPH_BASE_URL: graph.url, PARTNER_CENTER_BASE_URL: partnerCenter.url, SR_TRACKER_INTERVAL_SECONDS: '1' });
    agents = channel(TENANTS.partner);
    await chooseAgentsChannel(app, connector, agent, agents);
  });
  afterAll(async () => {
    await app.stop();
    await partnerCenter.close();
    await graph.close();
    await connector.close();
  });

  it('goes from a French triage to a resolved case, with the case card updated in place and nothing leaking', async () => {
    const customer = new Chat(app, connector, user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR'));
    await post(app, personalInstall(customer.user, connector.url));
    await customer.say('Outlook ne reçoit plus de mails depuis ce matin');
    await customer.say('tout le monde');
    expect(await customer.say('critique')).toContain('EX1093214');

    const opened = await customer.submit({ action: 'next.agent' });
    const caseId = /C-\d+/.exec(opened)?.[0];
    expect(caseId).toBeDefined();
    const thread = connector.conversationsCreated.find((c) => c.id.startsWith(`${agents.channelId};messageid=`));
    expect(thread).toBeDefined();
    const threadId = thread!.id.split(';messageid=')[1]!;
    const rootCard = connector.store.get(threadId)!;
    expect(visibleText(rootCard)).toContain('Fabrikam');

    const refused = await post(app, cardAction(stranger, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }));
    expect(JSON.stringify(refused.body)).not.toContain('"Taken"');
    const taken = await post(app, cardAction(agent, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }));
    expect(taken.status).toBe(200);
    expect(JSON.stringify(taken.body)).toContain('Alice Agent');
    expect(connector.store.get(threadId)!.method).toBe('PUT');

    await customer.say('Bonjour, toujours rien depuis 7h');
    expect(connector.sentTo(thread!.id).map(visibleText).join('\n')).toContain('Bonjour, toujours rien depuis 7h');
    await post(app, channelMessage(agent, connector.url, agents, 'We are looking at your mail flow now.', threadId));
    await post(app, channelMessage(agent, connector.url, agents, '/note customer is on E3', threadId));
    const customerSees = connector.sentTo(customer.conversationId).map(visibleText).join('\n');
    expect(customerSees).toContain('We are looking at your mail flow now.');
    expect(customerSees).not.toContain('customer is on E3');

    const edit = personalMessage(customer.user, connector.url, 'Bonjour, toujours rien depuis 6h');
    await post(app, { ...edit, type: 'messageUpdate', channelData: { ...(edit.channelData as object), eventType: 'editMessage' } });
    expect(connector.sentTo(thread!.id).map(visibleText).join('\n')).toContain('(modifié) Bonjour, toujours rien depuis 6h');
    const noteEdit = channelMessage(agent, connector.url, agents, '/note customer is on E5', threadId);
    await post(app, { ...noteEdit, type: 'messageUpdate', channelData: { ...(noteEdit.channelData as object), eventType: 'editMessage' } });
    expect(connector.sentTo(customer.conversationId).map(visibleText).join('\n')).not.toContain('E5');

    const proposal = await post(app, cardAction(agent, connector.url, channelConversation(agents, threadId), 'escalation.propose', { caseId }));
    expect(JSON.stringify(proposal.body)).toContain('Fabrikam');
    const submitted = await post(app, cardAction(agent, connector.url, channelConversation(agents, threadId), 'escalation.submit', {
      caseId, supportTopicId: '32444667', severity: 'critical', title: 'Fabrikam: no inbound mail', description: 'Inbound mail stopped for all users since 07:00 UTC.',
    }));
    expect(submitted.status).toBe(200);
    expect(partnerCenter.requests.filter((r) => r.method === 'POST').length).toBeGreaterThanOrEqual(1);

    const resolved = await post(app, cardAction(agent, connector.url, channelConversation(agents, threadId), 'case.resolve', { caseId, summary: 'Mail flow restored after Microsoft fixed EX1093214.' }));
    expect(resolved.status).toBe(200);
    const finalCustomerView = connector.sentTo(customer.conversationId).map(visibleText).join('\n');
    expect(finalCustomerView).toContain('Mail flow restored');
  });
});
