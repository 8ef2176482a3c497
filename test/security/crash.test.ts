import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed, type GraphSandboxSeed } from '../../src/sandbox/graphSeed';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../src/sandbox/partnerCenterSandbox';
import {
  cardAction, channel, channelConversation, channelMention, channelMessage, personalConversationId, personalMessage, TENANTS, user,
  type TeamsChannel, type TeamsUser,
} from '../support/activities';
import { buildIfStale, post, startBot, waitUntil, type BotProcess } from '../support/botProcess';
import { Chat, visibleText } from '../support/chat';
import { FakeConnector } from '../support/fakeConnector';
import { chooseAgentsChannel, announceIncident, nextHealthPoll, openCase, postsShowing, subscribeToIncidents, type OpenedCase } from '../support/journeys';
import { AGENT_GROUP as HELPDESK } from '../support/agentGroups';

/**
 * `kill -9` of the bot process in the middle of what a person is doing, then a restart on the same SQLite file,
 * judged by what people see: the customer's triage, outage notifications, messages relayed between a customer and
 * an agent. The stand-ins (Bot Connector, Graph, Partner Center) live in this process and outlive the bot; the
 * FakeConnector holds chosen sends unanswered so that the kill lands while they are in flight.
 *
 * The five scenarios run concurrently, each with its own bot process, stand-ins and SQLite file, so the file takes
 * about as long as its slowest scenario (the fan-out, bounded by the outbox claim of 60 s).
 */

/** OutageWatch's tick and lease TTL (src/notifications/outageWatch.ts). */
const TICK_MS = 5_000;
const LEASE_TTL_MS = 30_000;
/**
 * How long an outbox claim lasts (src/notifications/sender.ts, `claimMs`, default 60 s; no environment variable sets
 * it): a delivery claimed by the killed process is sent again only after it.
 */
const CLAIM_MS = 60_000;
/** The relay retry interval given to the bot (RELAY_RETRY_INTERVAL_SECONDS). */
const RELAY_RETRY_SECONDS = 1;
/**
 * A relay interrupted by the kill reaches its reader once its turn grace (15 s after it was stored, RELAY_TURN_GRACE_MS) and the dead process.s relay lease (2 intervals + 5 s) are over: within ~15 s of the restart
 * behaviour), +5 s for a loaded 2-core machine.
 */
const RELAY_REDELIVERY_MS = 20_000;
/** After the first copy arrived, how long to watch for a second one (several relay retry intervals). */
const QUIET_MS = 5_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every rig started, closed after all scenarios. */
const rigs: Rig[] = [];

/** One scenario's world: stand-ins in this process, a SQLite file in a temp dir, and the bot process on it. */
class Rig {
  private current: BotProcess | undefined;
  private startedAt = 0;

  private constructor(
    readonly connector: FakeConnector,
    readonly graph: GraphSandbox,
    /** What the Graph stand-in was started with. */
    readonly seed: GraphSandboxSeed,
    private readonly partnerCenter: PartnerCenterSandbox,
    private readonly dir: string,
  ) {}

  static async start(): Promise<Rig> {
    const seed = loadGraphSandboxSeed();
    const [connector, graph, partnerCenter] = await Promise.all([
      FakeConnector.start(),
      startGraphSandbox({ requireAuth: false, seed }),
      startPartnerCenterSandbox({ requireAuth: false }),
    ]);
    const rig = new Rig(connector, graph, seed, partnerCenter, fs.mkdtempSync(path.join(os.tmpdir(), 'crash-')));
    rigs.push(rig);
    await rig.restart();
    return rig;
  }

  /** The same environment for every process of the rig: same SQLite file, same stand-ins, short timers. */
  private get env(): Record<string, string> {
    return {
      STORAGE: 'sqlite', SQLITE_PATH: path.join(this.dir, 'bot.sqlite'),
      GRAPH_BASE_URL: this.graph.url, PARTNER_CENTER_BASE_URL: this.partnerCenter.url,
      OUTAGE_POLL_INTERVAL_SECONDS: '1', HEALTH_CACHE_TTL_SECONDS: '1', RELAY_RETRY_INTERVAL_SECONDS: String(RELAY_RETRY_SECONDS),
    };
  }

  /** The URL of the bot process running now (what Teams would post to after the restart, too). */
  get url(): string {
    if (!this.current) throw new Error('no bot process is running');
    return this.current.url;
  }

  /**
   * `kill -9` of the bot process. The Connector then drops what it was holding: those connections died with the
   * process and were never answered, so none of them counts as delivered.
   */
  async crash(): Promise<void> {
    await this.current?.crash();
    this.current = undefined;
    this.connector.dropHeld();
  }

  /** Starts a new bot process on the same storage and stand-ins. */
  async restart(): Promise<void> {
    const bot = await startBot(this.env);
    expect(bot.storage).toBe('sqlite');
    this.current = bot;
    this.startedAt = Date.now();
  }

  /**
   * Lets the bot process run a few relay retry periods, so that it holds the relay retry's lease when it is killed,
   * as a process that has been up for a while does (the whole setup of a scenario takes about a second).
   */
  async upForAWhile(): Promise<void> {
    await sleep(Math.max(0, this.startedAt + 3 * RELAY_RETRY_SECONDS * 1000 - Date.now()));
  }

  /** Tears down with a kill too: a graceful stop would wait for sends the Connector may still be holding. */
  async close(): Promise<void> {
    await this.crash();
    await Promise.all([this.connector.close(), this.graph.close(), this.partnerCenter.close()]);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Posts a message the bot will be handling when it is killed; resolves to its HTTP status, or `'no answer'`. */
function inFlight(rig: Rig, activity: unknown): Promise<number | 'no answer'> {
  return post(rig, activity).then((res) => res.status, () => 'no answer');
}

/**
 * Someone writes `text` (`activity`); the Connector holds its relay to conversation `to`; the bot is killed while
 * it is held, then restarted. Resolves with what `to` shows of `text` once it arrived and the relay retry had time
 * to send it again.
 */
async function relayAcrossAKill(rig: Rig, to: string, text: string, activity: unknown): Promise<string[]> {
  await rig.upForAWhile();
  rig.connector.hold((request) => request.method === 'POST' && request.conversationId === to);
  const interrupted = inFlight(rig, activity);
  await waitUntil(() => rig.connector.held.some((request) => JSON.stringify(request.body).includes(text)), 15_000, `the relay to ${to} to be in flight`);
  await rig.crash();
  expect(await interrupted).toBe('no answer');
  expect(postsShowing(rig.connector, to, text)).toBe(0);
  await rig.restart();
  await waitUntil(() => postsShowing(rig.connector, to, text) > 0, RELAY_REDELIVERY_MS, `the message relayed to ${to} to arrive after the restart`);
  await sleep(QUIET_MS);
  return rig.connector.sentTo(to).map(visibleText).filter((said) => said.includes(text));
}

/** The bot is in a partner team whose channel is the agents' channel, and `agent` holds an agent role. */
async function agentsTeam(rig: Rig): Promise<{ agentsChannel: TeamsChannel; agent: TeamsUser }> {
  const agentsChannel = channel(TENANTS.partner);
  const agent = user(TENANTS.partner, 'Alice Agent', 'en-US');
  rig.graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [HELPDESK]);
  await chooseAgentsChannel(rig, rig.connector, agent, agentsChannel);
  return { agentsChannel, agent };
}

/** A customer's case, opened after triage and taken by an agent in its thread. */
async function takenCase(rig: Rig): Promise<{ customer: TeamsUser; agent: TeamsUser; agentsChannel: TeamsChannel; opened: OpenedCase }> {
  const { agentsChannel, agent } = await agentsTeam(rig);
  const customer = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
  const opened = await openCase(rig, rig.connector, customer, agentsChannel);
  const take = await post(rig, cardAction(agent, rig.connector.url, channelConversation(agentsChannel, opened.threadId), 'case.take', { caseId: opened.caseId }));
  expect(take.status).toBe(200);
  expect(take.body).toContain('Alice Agent');
  const told = `Alice Agent s'occupe maintenant de votre cas ${opened.caseId}`;
  await waitUntil(() => postsShowing(rig.connector, personalConversationId(customer), told) === 1, 10_000, 'the customer to be told the case is taken');
  return { customer, agent, agentsChannel, opened };
}

describe('kill -9 of the bot and a restart on the same storage', () => {
  beforeAll(async () => {
    await buildIfStale();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(rigs.map((rig) => rig.close()));
  }, 30_000);

  it.concurrent('mid-dialog, between two answers: the next answer continues the triage at the next question', async () => {
    const rig = await Rig.start();
    const chat = new Chat(rig, rig.connector, user(TENANTS.fabrikam, 'Sam Lee', 'en-US'));
    expect(await chat.say('delays when joining meetings')).toContain('Which service is affected?');
    expect(await chat.say('Microsoft Teams')).toContain('Since when?');

    await rig.crash();
    await rig.restart();

    const next = await chat.say('Today');
    expect(next).toContain('How many users are affected?');
    expect(next).not.toContain("Let's look at this together");
    expect(next).not.toContain('Which service is affected?');
    expect(await chat.say('Several users')).toContain('What is the impact on your work?');
    const outcome = await chat.say('Moderate: work slowed down');
    for (const text of ['Your request', 'Microsoft Teams', 'delays when joining meetings', 'Several users', 'Moderate: work slowed down', 'Talk to an agent']) {
      expect(outcome).toContain(text);
    }
  }, 90_000);

  it.concurrent('mid-dialog, during a turn waiting on a slow Graph: the customer repeating their answer gets the triage outcome, and can go on', async () => {
    const rig = await Rig.start();
    const chat = new Chat(rig, rig.connector, user(TENANTS.fabrikam, 'Sam Lee', 'en-US'));
    expect(await chat.say('delays when joining meetings')).toContain('Which service is affected?');
    const healthReadAt = Date.now();
    expect(await chat.say('Microsoft Teams')).toContain('Since when?');
    expect(await chat.say('Today')).toContain('How many users are affected?');
    expect(await chat.say('Several users')).toContain('What is the impact on your work?');

    // The last answer ends the triage, which reads the health again once the 1 s cache has expired: Graph hangs.
    await sleep(Math.max(0, healthReadAt + 1_200 - Date.now()));
    rig.graph.setLatency(15_000);
    const graphCalls = rig.graph.requestCount(TENANTS.fabrikam);
    const interrupted = inFlight(rig, personalMessage(chat.user, rig.connector.url, 'Moderate: work slowed down'));
    await waitUntil(() => rig.graph.requestCount(TENANTS.fabrikam) > graphCalls, 20_000, 'the last turn to wait on Graph');
    expect(rig.connector.sentTo(chat.conversationId).map(visibleText).join('\n')).toContain("I'm checking the health of your Microsoft 365 services");

    await rig.crash();
    expect(await interrupted).toBe('no answer');
    rig.graph.setLatency(0);
    await rig.restart();

    const outcome = await chat.say('Moderate: work slowed down');
    for (const text of ['Your request', 'Microsoft Teams', 'delays when joining meetings', 'Microsoft 365 service health for Fabrikam', 'Talk to an agent']) {
      expect(outcome).toContain(text);
    }
    expect(outcome).not.toContain('Which service is affected?');
    expect(outcome).not.toContain("I can't check the Microsoft 365 service health");
    // No agents' channel in this rig: the case is recorded and waits in the queue.
    expect(await chat.submit({ action: 'next.agent' })).toMatch(/Your case C-\d+ is recorded/);
  }, 90_000);

  it.concurrent('mid-fan-out: every subscriber and the agents get the outage card exactly once', async () => {
    const rig = await Rig.start();
    const { agentsChannel, agent } = await agentsTeam(rig);
    const customers = Array.from({ length: 4 }, (_, i) => user(TENANTS.fabrikam, `Customer ${i + 1}`, 'en-US'));
    for (const customer of customers) await subscribeToIncidents(rig.connector, customer, ['Exchange Online'], rig);
    await nextHealthPoll(rig.graph, TENANTS.fabrikam, TICK_MS * 4);

    const incident = { id: 'EX2000001', title: 'Mail stuck in queues' };
    const recipients = [...customers.map(personalConversationId), agentsChannel.channelId];
    const cards = (): number[] => recipients.map((conversationId) => postsShowing(rig.connector, conversationId, incident.title));
    const heldFor = new Set(customers.slice(0, 2).map(personalConversationId));
    rig.connector.hold((request) => request.method === 'POST' && heldFor.has(request.conversationId ?? '') && JSON.stringify(request.body).includes(incident.title));
    /** What an agent reads when asking the bot for the incident's delivery report. */
    const report = async (): Promise<string> => {
      expect((await post(rig, channelMention(agent, rig.connector.url, agentsChannel, `outage ${incident.id}`))).status).toBe(200);
      const replies = rig.connector.sentTo(agentsChannel.channelId).map(visibleText).filter((text) => text.includes(`Notifications for ${incident.id}`));
      return replies.at(-1) ?? '';
    };

    announceIncident(rig.graph, TENANTS.fabrikam, incident, rig.seed);
    await waitUntil(() => rig.connector.held.length === 2 && cards().join() === '0,0,1,1,1', TICK_MS * 4,
      () => `two cards held and three delivered (held ${rig.connector.held.length}, delivered ${cards().join()})`);
    // The three cards the Connector accepted are recorded as delivered before the kill, the two held ones are not.
    await waitUntil(async () => (await report()).includes('Delivered: 3 · Pending: 2 · Failed: 0'), TICK_MS * 2, 'the report before the kill');

    await rig.crash();
    expect(rig.connector.abandoned).toHaveLength(2);
    await rig.restart();

    // The new process takes the poller lease once the dead one's expires, and the held cards once their claims do.
    await waitUntil(() => cards().every((n) => n > 0), CLAIM_MS + TICK_MS * 6, 'every recipient to get the card after the restart');
    await waitUntil(async () => (await report()).includes('Delivered: 5 · Pending: 0 · Failed: 0'), TICK_MS * 3, 'the report after the restart');
    expect(cards()).toEqual([1, 1, 1, 1, 1]);
  }, CLAIM_MS + LEASE_TTL_MS + 90_000);

  it.concurrent('mid-relay, agent to customer: the agent\'s message held by Teams when the bot dies reaches the customer exactly once', async () => {
    const rig = await Rig.start();
    const { customer, agent, agentsChannel, opened } = await takenCase(rig);
    const text = 'Please restart Outlook and tell me what you see.';
    const seen = await relayAcrossAKill(rig, personalConversationId(customer), text, channelMessage(agent, rig.connector.url, agentsChannel, text, opened.threadId));
    expect(seen).toEqual([`Alice Agent : ${text}`]); // in French, as the customer's chat is: a space before the colon
  }, 90_000);

  it.concurrent('mid-relay, customer to agent: the customer\'s message held by Teams when the bot dies reaches the case thread exactly once', async () => {
    const rig = await Rig.start();
    const { customer, opened } = await takenCase(rig);
    const text = 'Toujours rien depuis 7h, même sur le téléphone.';
    const seen = await relayAcrossAKill(rig, opened.threadConversationId, text, personalMessage(customer, rig.connector.url, text));
    expect(seen).toEqual([`Élise Martin (Fabrikam): ${text}`]);
  }, 90_000);
});
