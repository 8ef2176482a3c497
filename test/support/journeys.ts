/**
 * Steps of a person's journey through a running bot (in-process or a bot process), shared by the tests that drive
 * the bot over HTTP: opening a case for agents, subscribing to outage notifications, Microsoft announcing an
 * incident in the Graph stand-in, and what a conversation received about it.
 */
import type { GraphSandbox } from '../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed, type GraphSandboxSeed } from '../../src/sandbox/graphSeed';
import {
  cardAction, channelMention, personalConversation, personalConversationId, personalInstall, personalMessage, personalSubmit, teamInstall,
  type TeamsChannel, type TeamsUser,
} from './activities';
import { post, waitUntil } from './botProcess';
import { visibleText } from './chat';
import type { FakeConnector } from './fakeConnector';

/** Anything with the bot's URL: a bot process, or an in-process app. */
type Bot = { url: string };

/** A case opened by a customer and the thread its card started in the agents' channel. */
export interface OpenedCase {
  caseId: string;
  /** Root activity id of the case thread. */
  threadId: string;
  /** Conversation id of the case thread (`<channel>;messageid=<root>`). */
  threadConversationId: string;
}

/**
 * The bot is installed in the partner's team, and `agent` (who must hold an agent role) makes `agentsChannel` the
 * agents' channel with `use this channel`: installing the bot alone chooses no channel.
 */
export async function chooseAgentsChannel(bot: Bot, connector: FakeConnector, agent: TeamsUser, agentsChannel: TeamsChannel): Promise<void> {
  expect((await post(bot, teamInstall(agent, connector.url, agentsChannel))).status).toBe(200);
  expect((await post(bot, channelMention(agent, connector.url, agentsChannel, 'use this channel'))).status).toBe(200);
}

/**
 * A French-speaking customer installs the bot, triages "Outlook ne reçoit plus de mails depuis ce matin"
 * (everyone, critical) and presses "Talk to an agent". The bot must already be installed in the agents' team.
 */
export async function openCase(bot: Bot, connector: FakeConnector, customer: TeamsUser, agentsChannel: TeamsChannel): Promise<OpenedCase> {
  await post(bot, personalInstall(customer, connector.url));
  for (const text of ['Outlook ne reçoit plus de mails depuis ce matin', 'tout le monde', 'critique']) {
    expect((await post(bot, personalMessage(customer, connector.url, text))).status).toBe(200);
  }
  expect((await post(bot, personalSubmit(customer, connector.url, { action: 'next.agent' }))).status).toBe(200);
  const said = connector.sentTo(personalConversationId(customer)).map(visibleText).join('\n');
  const caseId = /C-\d+/.exec(said)?.[0];
  const thread = caseId === undefined ? undefined
    : connector.conversationsCreated.find((c) => c.id.startsWith(`${agentsChannel.channelId};messageid=`) && JSON.stringify(c.body).includes(caseId));
  if (!caseId || !thread) throw new Error(`no case or no thread; the customer saw:\n${said}`);
  return { caseId, threadId: thread.id.split(';messageid=')[1]!, threadConversationId: thread.id };
}

/**
 * A customer installs the bot (through `installVia`) and saves, on the `notify` card (through `saveVia`), that
 * they want to hear about incidents of `services`.
 */
export async function subscribeToIncidents(connector: FakeConnector, customer: TeamsUser, services: string[], installVia: Bot, saveVia: Bot = installVia): Promise<void> {
  expect((await post(installVia, personalInstall(customer, connector.url))).status).toBe(200);
  const toggles = Object.fromEntries(services.map((_, i) => [`svc${i}`, 'true']));
  const save = cardAction(customer, connector.url, personalConversation(customer), 'notify.save', { services, ...toggles, all: 'false' });
  expect((await post(saveVia, save)).status).toBe(200);
}

/**
 * Resolves once the tenant's health has been read again from Graph (both the services and the issues requested
 * after this call): the outage watch has taken a snapshot that a change made now is not part of.
 */
export async function nextHealthPoll(graph: GraphSandbox, tenantId: string, timeoutMs: number): Promise<void> {
  const overviews = graph.requestCount(tenantId, 'healthOverviews');
  const issues = graph.requestCount(tenantId, 'issues');
  await waitUntil(() => graph.requestCount(tenantId, 'healthOverviews') > overviews && graph.requestCount(tenantId, 'issues') > issues,
    timeoutMs, `a health poll of ${tenantId}`);
}

/**
 * Microsoft reports a new incident for the tenant: a copy of its first seeded issue, started a minute ago. Pass the
 * seed the sandbox was started with to change nothing else; by default the seed is loaded again, and its relative
 * times ("now-2h") then resolve later, so the tenant's seeded issues look updated too.
 */
export function announceIncident(graph: GraphSandbox, tenantId: string, incident: { id: string; title: string }, seed: GraphSandboxSeed = loadGraphSandboxSeed()): void {
  const seeded = seed.tenants[tenantId]!;
  graph.setTenant(tenantId, { ...seeded, issues: [...seeded.issues, { ...seeded.issues[0]!, ...incident, startDateTime: 'now-1m', lastModifiedDateTime: 'now-1m' }] });
}

/** How many messages or cards the Connector accepted (new posts, not updates) for a conversation that show `text`. */
export function postsShowing(connector: FakeConnector, conversationId: string, text: string): number {
  return connector.sentTo(conversationId).filter((a) => a.method === 'POST' && visibleText(a).includes(text)).length;
}
