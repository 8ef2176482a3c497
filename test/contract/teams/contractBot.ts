/**
 * The real bot (src/app.ts through startTestBot, SQLite storage) with its stand-ins, installed in the partner's team
 * by Microsoft's published team-install payload; and the steps the contract tests share: a customer, in the envelope
 * of a published payload, triages and asks for an agent, and an agent takes the case.
 */
import type { RunningApp } from '../../../src/app';
import { startGraphSandbox, type GraphSandbox } from '../../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed } from '../../../src/sandbox/graphSeed';
import { AGENT_GROUP } from '../../support/agentGroups';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../../src/sandbox/partnerCenterSandbox';
import { cardAction, channelConversation, channelMention, TENANTS, user, type TeamsChannel, type TeamsUser } from '../../support/activities';
import { visibleText } from '../../support/chat';
import { FakeConnector } from '../../support/fakeConnector';
import { post, startTestBot, tempSqlitePath } from '../../support/testBot';
import { asDelivered, nextFrom, published } from './published';

type Json = Record<string, unknown>;

/** The published team install: the bot added to the partner's team, where an agent then chooses the agents' channel. */
const TEAM_INSTALL = 'conversationUpdate-teamMemberAdded-bot';

/** The agents' channel the published team install is in (an agent chooses it with `use this channel`). */
export function agentsChannel(): TeamsChannel {
  const install = published(TEAM_INSTALL) as { conversation: { id: string }; channelData: { team: { id: string } } };
  return { teamId: install.channelData.team.id, channelId: install.conversation.id, tenantId: TENANTS.partner };
}

/** A case opened, and where its thread is. */
export interface TakenCase {
  caseId: string;
  threadId: string;
  threadConversationId: string;
}

/**
 * Registers the hooks of a contract suite: the stand-ins for the whole suite, a new deployment for each test.
 * Returns the bot, usable inside the tests.
 */
export function contractSuite(): ContractBot {
  const bot = new ContractBot();
  beforeAll(() => bot.start());
  beforeEach(() => bot.deploy());
  afterEach(() => bot.app.stop());
  afterAll(() => bot.close());
  return bot;
}

export class ContractBot {
  app!: RunningApp;
  env: Record<string, string> = {};
  connector!: FakeConnector;
  /** An agent of the partner with the helpdesk role (no published channel message sample: our own builders). */
  readonly agent: TeamsUser = user(TENANTS.partner, 'Alice Agent', 'en-US');
  private graph!: GraphSandbox;
  private partnerCenter!: PartnerCenterSandbox;

  /** Starts the stand-ins: the fake Connector, and the Graph (the agent has the helpdesk role) and Partner Center sandboxes. */
  async start(): Promise<void> {
    this.connector = await FakeConnector.start();
    this.graph = await startGraphSandbox({ requireAuth: false, seed: loadGraphSandboxSeed() });
    this.partnerCenter = await startPartnerCenterSandbox({ requireAuth: false });
    this.graph.setUserMemberships(TENANTS.partner, this.agent.aadObjectId, [AGENT_GROUP]);
  }

  /**
   * A new deployment on its own SQLite file, installed in the partner's team (the published conversation ids are
   * the same in every test, so each test gets one).
   */
  async deploy(): Promise<void> {
    this.connector.reset();
    this.env = { GRAPH_BASE_URL: this.graph.url, PARTNER_CENTER_BASE_URL: this.partnerCenter.url, STORAGE: 'sqlite', SQLITE_PATH: tempSqlitePath() };
    this.app = await startTestBot(this.env);
    await this.send(asDelivered(published(TEAM_INSTALL), this.connector.url, TENANTS.partner));
    await this.send(channelMention(this.agent, this.connector.url, agentsChannel(), 'use this channel'));
  }

  /** Stops the bot and starts a new instance on the same SQLite file. */
  async restart(): Promise<void> {
    await this.app.stop();
    await this.startAgain();
  }

  /** Starts a new instance on the SQLite file of the stopped one. */
  async startAgain(): Promise<void> {
    this.app = await startTestBot(this.env);
  }

  async close(): Promise<void> {
    await this.partnerCenter.close();
    await this.graph.close();
    await this.connector.close();
  }

  /** POSTs an activity as Teams does; resolves with the HTTP answer's body after checking its status. */
  async send(activity: unknown, status = 200): Promise<unknown> {
    const res = await post(this.app, activity);
    expect(res.status).toBe(status);
    return res.body;
  }

  /** What a conversation shows, one entry per message or card sent to it. */
  seen(conversationId: string): string[] {
    return this.connector.sentTo(conversationId).map(visibleText);
  }

  /**
   * The customer of a published 1:1 payload (its envelope: sender, conversation, tenant where the sample has it)
   * describes a problem (`first`, by default a message saying Outlook cannot send mail), answers the triage and asks
   * for an agent; the agent takes the case.
   */
  async openAndTakeCase(customerEnvelope: Json, first?: Json): Promise<TakenCase> {
    const opened = await this.openCase(customerEnvelope, first);
    const taken = await this.send(cardAction(this.agent, this.connector.url, channelConversation(agentsChannel(), opened.threadId), 'case.take', { caseId: opened.caseId }));
    expect(JSON.stringify(taken)).toContain('Alice Agent');
    return opened;
  }

  /** {@link openAndTakeCase} without the take: the case waits in the agents' channel. */
  async openCase(customerEnvelope: Json, first: Json = nextFrom(customerEnvelope, { type: 'message', text: 'Outlook cannot send mail' })): Promise<TakenCase> {
    const conversationId = (customerEnvelope.conversation as { id: string }).id;
    await this.send(first);
    for (const text of ['today', 'everyone', 'critical']) await this.send(nextFrom(customerEnvelope, { type: 'message', text }));
    await this.send(nextFrom(customerEnvelope, { type: 'message', value: { action: 'next.agent' } }));
    const caseId = /C-\d+/.exec(this.seen(conversationId).join('\n'))?.[0];
    const thread = this.connector.conversationsCreated.find((c) => caseId !== undefined && JSON.stringify(c.body).includes(caseId));
    if (!caseId || !thread) throw new Error(`no case opened; the customer saw:\n${this.seen(conversationId).join('\n')}`);
    return { caseId, threadId: thread.id.split(';messageid=')[1] ?? '', threadConversationId: thread.id };
  }
}

/** The published payload as the harness sends it, for a customer tenant of the test directory. */
export function customerPayload(name: string, serviceUrl: string): Json {
  return asDelivered(published(name), serviceUrl, TENANTS.fabrikam);
}
