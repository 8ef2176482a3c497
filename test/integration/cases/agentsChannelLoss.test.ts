/**
 * When the agents' channel goes away (channel or team deleted, bot removed, or Teams refusing to post there), new
 * cases wait in the queue instead of vanishing, the customer is promised nothing false, the agents and the log are
 * told, and the waiting cases reach the next channel an agent chooses. Through the real server, over HTTP.
 */
import type { RunningApp } from '../../../src/app';
import { startGraphSandbox, type GraphSandbox } from '../../../src/sandbox/graphSandbox';
import { BOT, channel, personalConversationId, personalInstall, personalMessage, personalSubmit, TENANTS, user, type TeamsChannel, type TeamsUser } from '../../support/activities';
import { AGENT_GROUP } from '../../support/agentGroups';
import { visibleText } from '../../support/chat';
import type { ConnectorFault } from '../../support/fakeConnector';
import { FakeConnector } from '../../support/fakeConnector';
import { chooseAgentsChannel } from '../../support/journeys';
import { post, startTestBot } from '../../support/testBot';
import { captureLogs, type CapturedLogs } from '../../security/logCapture';
import { CHANNEL_DELETED, INSTALLATION_UPDATE_REMOVE, inPartnerTeam, TEAM_DELETED } from './fixtures/conversationEvents';

const EN = jest.requireActual<{ customer: { recorded: string }; agent: { channelLost: string } }>('../../../src/cases/strings.en.json');
const FR = jest.requireActual<{ customer: { recorded: string } }>('../../../src/cases/strings.fr.json');

/** Connector answers of teams-bot-wire.md §2 (error body `{"error":{"code","message"}}`). */
const NOT_IN_ROSTER: ConnectorFault = { status: 403, rawBody: JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } }) };
const CONVERSATION_NOT_FOUND: ConnectorFault = { status: 404, rawBody: JSON.stringify({ error: { code: 'ConversationNotFound', message: 'Conversation not found.' } }) };

describe('cases: the agents\' channel goes away', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;
  let app: RunningApp;
  let logs: CapturedLogs;
  const agent = user(TENANTS.partner, 'Alice Agent', 'en-US');

  const seenIn = (conversationId: string): string => connector.sentTo(conversationId).map(visibleText).join('\n');
  const threadsIn = (c: TeamsChannel): string[] => connector.conversationsCreated.filter((t) => t.id.startsWith(`${c.channelId};messageid=`)).map((t) => JSON.stringify(t.body));

  /** A customer triages and presses "Talk to an agent" (`beforeHandoff` runs just before); resolves to the case id and what they were told. */
  async function askForAgent(customer: TeamsUser, beforeHandoff: () => void = () => undefined): Promise<{ caseId: string; told: string }> {
    await post(app, personalInstall(customer, connector.url));
    for (const text of ['Outlook ne reçoit plus de mails depuis ce matin', 'tout le monde', 'critique']) await post(app, personalMessage(customer, connector.url, text));
    const before = connector.sentTo(personalConversationId(customer)).length;
    beforeHandoff();
    expect((await post(app, personalSubmit(customer, connector.url, { action: 'next.agent' }))).status).toBe(200);
    const told = connector.sentTo(personalConversationId(customer)).slice(before).map(visibleText).join('\n');
    return { caseId: /C-\d+/.exec(told)?.[0] ?? '', told };
  }

  /** The lost-channel notice in the agent's personal chat, and the log line, for `channelId`. */
  function expectLost(agents: TeamsChannel, reason: string): void {
    expect(logs.events('agentsChannel.lost').find((e) => e.channelId === agents.channelId)).toMatchObject({ teamId: agents.teamId, tenantId: TENANTS.partner, reason });
    expect(seenIn(personalConversationId(agent)).split(EN.agent.channelLost).length - 1).toBeGreaterThanOrEqual(1);
  }

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, defaultTenantId: TENANTS.partner });
    graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [AGENT_GROUP]);
    logs = captureLogs('info');
    app = await startTestBot({ GRAPH_BASE_URL: graph.url }, { logger: logs.logger });
    // The agent has used their personal chat with the bot: that is where they are told when the channel is lost.
    await post(app, personalMessage(agent, connector.url, 'queue'));
  }, 30000);
  afterAll(async () => {
    await app.stop();
    await graph.close();
    await connector.close();
  });

  it.each([
    ['the channel is deleted', CHANNEL_DELETED, 'channelDeleted'],
    ['the team is deleted', TEAM_DELETED, 'teamDeleted'],
    ['the bot is uninstalled from the team', INSTALLATION_UPDATE_REMOVE, 'uninstalled'],
  ])('%s: new cases wait in the queue, the customer is told the truth, and the next channel chosen gets them', async (_when, example, reason) => {
    const agents = channel(TENANTS.partner);
    await chooseAgentsChannel(app, connector, agent, agents);
    expect((await post(app, inPartnerTeam(example, agents, connector.url, BOT.id))).status).toBe(200);
    expectLost(agents, reason);

    const customer = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
    const { caseId, told } = await askForAgent(customer);
    expect(told).toContain(FR.customer.recorded.replace('{{id}}', caseId).split(' (')[0]!);
    expect(told).not.toMatch(/répondra ici|will answer here/);
    expect(threadsIn(agents).some((body) => body.includes(caseId))).toBe(false);
    await post(app, personalMessage(agent, connector.url, 'queue'));
    expect(seenIn(personalConversationId(agent))).toMatch(new RegExp(`${caseId} · Fabrikam · [^·]+ · New`));

    const next = channel(TENANTS.partner);
    await chooseAgentsChannel(app, connector, agent, next);
    expect(threadsIn(next).some((body) => body.includes(caseId) && body.includes('case.take'))).toBe(true);
  });

  it.each([
    ['403 BotNotInConversationRoster', NOT_IN_ROSTER, '403 BotNotInConversationRoster'],
    ['404 ConversationNotFound', CONVERSATION_NOT_FOUND, '404 ConversationNotFound'],
  ])('Teams answering %s to a new case thread: the case waits, the customer is told the truth, the channel is forgotten', async (_answer, fault, reason) => {
    const agents = channel(TENANTS.partner);
    await chooseAgentsChannel(app, connector, agent, agents);
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId, told } = await askForAgent(customer, () => connector.failNext(fault));
    expect(told).toContain(EN.customer.recorded.replace('{{id}}', caseId).split(' (')[0]!);
    expect(told).not.toContain('an agent will answer here');
    expectLost(agents, reason);

    const second = user(TENANTS.contoso, 'Ana Lee', 'en-US');
    const { caseId: secondId } = await askForAgent(second);
    expect(threadsIn(agents).some((body) => body.includes(secondId))).toBe(false);
    const next = channel(TENANTS.partner);
    await chooseAgentsChannel(app, connector, agent, next);
    const posted = threadsIn(next);
    expect(posted.some((body) => body.includes(caseId))).toBe(true);
    expect(posted.some((body) => body.includes(secondId))).toBe(true);
  });
});
