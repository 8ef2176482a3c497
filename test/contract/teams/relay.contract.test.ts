/**
 * A customer whose activities carry the tenant only in `channelData.tenant.id` (Microsoft's published 1:1 message)
 * talks to an agent through the real server, before and after a restart on the same SQLite file.
 */
import type { RunningApp } from '../../../src/app';
import { startGraphSandbox, type GraphSandbox } from '../../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed, type DirectoryObject } from '../../../src/sandbox/graphSeed';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../../src/sandbox/partnerCenterSandbox';
import { storageKey, SqliteStorage } from '../../../src/storage';
import { cardAction, channelConversation, channelMessage, TENANTS, user, type TeamsChannel } from '../../support/activities';
import { visibleText } from '../../support/chat';
import { FakeConnector } from '../../support/fakeConnector';
import { post, startTestBot, tempSqlitePath } from '../../support/testBot';
import { asDelivered, nextFrom, published } from './published';

const HELPDESK: DirectoryObject = { '@odata.type': '#microsoft.graph.group', id: 'g1', displayName: 'HelpdeskAgents' };

describe('contract: relay with a customer whose tenant is only in channelData (published 1:1 message)', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;
  let partnerCenter: PartnerCenterSandbox;
  let app: RunningApp;
  let env: Record<string, string>;
  const agent = user(TENANTS.partner, 'Alice Agent', 'en-US');
  // The published team install, with the partner's tenant (the sample's is not in the test directory).
  const teamInstall = () => asDelivered(published('conversationUpdate-teamMemberAdded-bot'), connector.url, TENANTS.partner);
  // The published 1:1 message, with a customer tenant of the test directory in channelData (where the sample has it).
  const customerMessage = () => asDelivered(published('message-personal'), connector.url, TENANTS.fabrikam);
  const customerConversationId = (published('message-personal').conversation as { id: string }).id;
  const agentsChannel = (): TeamsChannel => {
    const install = published('conversationUpdate-teamMemberAdded-bot') as { conversation: { id: string }; channelData: { team: { id: string } } };
    return { teamId: install.channelData.team.id, channelId: install.conversation.id, tenantId: TENANTS.partner };
  };
  const customerSees = () => connector.sentTo(customerConversationId).map(visibleText);

  async function postOk(activity: unknown): Promise<unknown> {
    const res = await post(app, activity);
    expect(res.status).toBe(200);
    return res.body;
  }

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, seed: loadGraphSandboxSeed() });
    graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [HELPDESK]);
    partnerCenter = await startPartnerCenterSandbox({ requireAuth: false });
  });
  // Each test is a new deployment (its own SQLite file): the published conversation ids are the same in every test.
  beforeEach(async () => {
    connector.reset();
    env = { GRAPH_BASE_URL: graph.url, PARTNER_CENTER_BASE_URL: partnerCenter.url, STORAGE: 'sqlite', SQLITE_PATH: tempSqlitePath() };
    app = await startTestBot(env);
    await postOk(teamInstall());
  });
  afterEach(async () => {
    await app.stop();
  });
  afterAll(async () => {
    await partnerCenter.close();
    await graph.close();
    await connector.close();
  });

  /** The customer (published envelope) triages and asks for an agent; the agent takes the case. */
  async function openAndTakeCase(): Promise<{ caseId: string; threadId: string }> {
    const first = customerMessage();
    await postOk(first);
    for (const text of ['today', 'everyone', 'critical']) await postOk(nextFrom(first, { text }));
    await postOk(nextFrom(first, { text: undefined, textFormat: undefined, value: { action: 'next.agent' } }));
    const caseId = /C-\d+/.exec(customerSees().join('\n'))?.[0];
    const thread = connector.conversationsCreated.find((c) => caseId !== undefined && JSON.stringify(c.body).includes(caseId));
    if (!caseId || !thread) throw new Error(`no case opened; the customer saw:\n${customerSees().join('\n')}`);
    const threadId = thread.id.split(';messageid=')[1] ?? '';
    const taken = await postOk(cardAction(agent, connector.url, channelConversation(agentsChannel(), threadId), 'case.take', { caseId }));
    expect(JSON.stringify(taken)).toContain('Alice Agent');
    return { caseId, threadId };
  }

  async function restart(): Promise<void> {
    await app.stop();
    app = await startTestBot(env);
  }

  it('AgentRepliesReachTheCustomer_AndTheCustomerReachesTheAgent_BeforeAndAfterARestart', async () => {
    const { caseId, threadId } = await openAndTakeCase();
    const threadConversationId = `${agentsChannel().channelId};messageid=${threadId}`;
    await connector.waitFor((a) => a.conversationId === customerConversationId && visibleText(a) === `Alice Agent is now handling your case ${caseId}. Write here to talk to them.`);

    await postOk(channelMessage(agent, connector.url, agentsChannel(), 'Please restart Outlook.', threadId));
    expect(customerSees()).toContain('Alice Agent: Please restart Outlook.');
    await postOk(nextFrom(customerMessage(), { text: 'Restarted, still broken.' }));
    expect(connector.sentTo(threadConversationId).map(visibleText)).toContain('Megan Bowen (Fabrikam): Restarted, still broken.');

    await restart();
    await postOk(channelMessage(agent, connector.url, agentsChannel(), 'Clear the cache, then.', threadId));
    expect(customerSees()).toContain('Alice Agent: Clear the cache, then.');
    await postOk(nextFrom(customerMessage(), { text: 'Works now, thanks!' }));
    expect(connector.sentTo(threadConversationId).map(visibleText)).toContain('Megan Bowen (Fabrikam): Works now, thanks!');
  });

  it('AReferenceStoredWithoutItsTenant_ByAnEarlierVersion_StillCarriesAgentReplies', async () => {
    const { threadId } = await openAndTakeCase();
    await app.stop();
    // What earlier versions stored: the reference exactly as botbuilder took it from the published message.
    const storage = new SqliteStorage(env.SQLITE_PATH!);
    const key = storageKey('ref', TENANTS.fabrikam, customerConversationId);
    const stored = (await storage.read([key]))[key] as { reference: { conversation: Record<string, unknown> } };
    const { tenantId: _dropped, ...conversation } = stored.reference.conversation;
    await storage.write({ [key]: { ...stored, reference: { ...stored.reference, conversation }, eTag: '*' } });
    storage.close();
    app = await startTestBot(env);

    await postOk(channelMessage(agent, connector.url, agentsChannel(), 'Reply after the upgrade.', threadId));
    expect(customerSees()).toContain('Alice Agent: Reply after the upgrade.');
  });

  it('ARelayTeamsRefuses_TellsTheAgentItWasNotDelivered', async () => {
    const { threadId } = await openAndTakeCase();
    const threadConversationId = `${agentsChannel().channelId};messageid=${threadId}`;
    connector.failNext({ status: 403, code: 'ConversationBlockedByUser' });
    await postOk(channelMessage(agent, connector.url, agentsChannel(), 'Are you there?', threadId));
    expect(customerSees()).not.toContain('Alice Agent: Are you there?');
    expect(connector.sentTo(threadConversationId).map(visibleText).join('\n')).toContain('Not delivered to the customer yet');
  });
});
