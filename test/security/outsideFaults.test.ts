/**
 * Outside faults: Microsoft Graph, Partner Center and the Bot Connector failing (429, 5xx, slow, malformed JSON,
 * connection closed). Retries stay bounded, the user gets a clear localized message where one is due, and the
 * case or the service request is kept for a later retry.
 */
import pino from 'pino';
import type { RunningApp } from '../../src/app';
import { PartnerCenterClient } from '../../src/escalation/partnerCenter/client';
import { PartnerCenterError } from '../../src/cloud/microsoftApiError';
import { fault, type SandboxFault } from '../../src/sandbox/faults';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed } from '../../src/sandbox/graphSeed';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../src/sandbox/partnerCenterSandbox';
import {
  cardAction, channel, channelConversation, channelMention, channelMessage, personalInstall, TENANTS, user, type TeamsChannel,
} from '../support/activities';
import { Chat, visibleText } from '../support/chat';
import { FakeConnector } from '../support/fakeConnector';
import { post, startTestBot } from '../support/testBot';
import { captureLogs, type CapturedLogs } from './logCapture';
import { AGENT_GROUP as HELPDESK } from '../support/agentGroups';
import { chooseAgentsChannel } from '../support/journeys';

const HEALTH_UNAVAILABLE_EN = "I can't check the Microsoft 365 service health of your organisation right now";
const HEALTH_UNAVAILABLE_FR = 'Je ne peux pas';

/** One running bot with its stand-ins; each scenario gets its own, so faults and caches never leak between them. */
interface Rig {
  connector: FakeConnector;
  graph: GraphSandbox;
  partnerCenter: PartnerCenterSandbox;
  app: RunningApp;
  agents: TeamsChannel;
  close(): Promise<void>;
}

const agent = user(TENANTS.partner, 'Alice Agent', 'en-US');

async function startRig(env: Record<string, string> = {}, logger?: CapturedLogs['logger']): Promise<Rig> {
  const connector = await FakeConnector.start();
  const graph = await startGraphSandbox({ requireAuth: false, seed: loadGraphSandboxSeed() });
  graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [HELPDESK]);
  const partnerCenter = await startPartnerCenterSandbox({ requireAuth: false });
  const app = await startTestBot({ GRAPH_BASE_URL: graph.url, PARTNER_CENTER_BASE_URL: partnerCenter.url, HEALTH_REQUEST_TIMEOUT_MS: '400', ...env }, logger ? { logger } : {});
  const agents = channel(TENANTS.partner);
  await chooseAgentsChannel(app, connector, agent, agents);
  return {
    connector, graph, partnerCenter, app, agents,
    close: async () => {
      await app.stop();
      await partnerCenter.close();
      await graph.close();
      await connector.close();
    },
  };
}

async function triage(rig: Rig, locale: 'en-US' | 'fr-FR'): Promise<{ chat: Chat; answers: string }> {
  const chat = new Chat(rig.app, rig.connector, user(TENANTS.fabrikam, locale === 'en-US' ? 'Eve Customer' : 'Élise Martin', locale));
  await post(rig.app, personalInstall(chat.user, rig.connector.url));
  const lines = locale === 'en-US' ? ['Outlook does not receive mail since this morning', 'everyone', 'critical'] : ['Outlook ne reçoit plus de mails depuis ce matin', 'tout le monde', 'critique'];
  const answers: string[] = [];
  for (const line of lines) answers.push(await chat.say(line));
  return { chat, answers: answers.join('\n') };
}

async function openCase(rig: Rig, chat: Chat): Promise<string> {
  const opened = await chat.submit({ action: 'next.agent' });
  const id = /C-\d+/.exec(opened)?.[0];
  expect(id).toBeDefined();
  return id!;
}

describe('Microsoft Graph failing during triage', () => {
  const faults: Array<[string, SandboxFault]> = [
    ['throttles (429, Retry-After 1)', fault.throttle('1')],
    ['fails (500)', fault.status(500)],
    ['is unavailable (503)', fault.status(503)],
    ['is slower than the request timeout', fault.delay(3000)],
    ['answers malformed JSON', fault.malformedJson()],
    ['closes the connection', fault.destroy()],
  ];

  it.each(faults)('Graph %s: bounded retries, a clear message, and the customer can still reach an agent', async (_name, standing) => {
    const rig = await startRig();
    try {
      rig.graph.failAlways('*', standing);
      const started = Date.now();
      const { chat, answers } = await triage(rig, 'en-US');
      expect(answers).toContain(HEALTH_UNAVAILABLE_EN);
      expect(answers).not.toContain('EX1093214');
      // Bounded: at most 3 tries per Graph call, within the 10 s budget of an operation; the other reads of the
      // diagnosis (Message center, the user's account) are bounded the same way, each on its own route.
      const callsByRoute = new Map<string, number>();
      for (const { route } of rig.graph.requests) if (route !== 'transitiveMemberOf') callsByRoute.set(route, (callsByRoute.get(route) ?? 0) + 1);
      const healthCalls = (callsByRoute.get('healthOverviews') ?? 0) + (callsByRoute.get('issues') ?? 0);
      expect(healthCalls).toBeGreaterThanOrEqual(1);
      expect(healthCalls).toBeLessThanOrEqual(6);
      for (const calls of callsByRoute.values()) expect(calls).toBeLessThanOrEqual(6);
      expect(Date.now() - started).toBeLessThan(20000);
      // Nothing lost: the triage goes on and a case can be opened and is queued for the agents.
      rig.graph.failAlways('*', undefined);
      const caseId = await openCase(rig, chat);
      await post(rig.app, channelMention(agent, rig.connector.url, rig.agents, 'queue'));
      expect(rig.connector.sentTo(rig.agents.channelId).map(visibleText).join('\n')).toContain(caseId);
    } finally {
      await rig.close();
    }
  }, 30000);

  it('tells a French customer in French', async () => {
    const rig = await startRig();
    try {
      rig.graph.failAlways('*', fault.status(503));
      const { answers } = await triage(rig, 'fr-FR');
      expect(answers).toContain(HEALTH_UNAVAILABLE_FR);
      expect(answers).not.toContain(HEALTH_UNAVAILABLE_EN);
    } finally {
      await rig.close();
    }
  }, 30000);
});

describe('Partner Center failing when an agent files a Microsoft service request', () => {
  let rig: Rig;
  let caseId: string;
  let threadId: string;
  const submit = (): ReturnType<typeof post> => post(rig.app, cardAction(agent, rig.connector.url, channelConversation(rig.agents, threadId), 'escalation.submit', {
    caseId, supportTopicId: '32444667', severity: 'critical', title: 'Fabrikam: no inbound mail', description: 'Inbound mail stopped for all users since 07:00 UTC.',
  }));
  const creates = (): Array<{ requestId?: string }> => rig.partnerCenter.requests.filter((r) => r.route === 'createRequest');

  beforeAll(async () => {
    rig = await startRig();
    const { chat } = await triage(rig, 'en-US');
    caseId = await openCase(rig, chat);
    const thread = rig.connector.conversationsCreated.find((c) => c.id.startsWith(`${rig.agents.channelId};messageid=`))!;
    threadId = thread.id.split(';messageid=')[1]!;
    await post(rig.app, cardAction(agent, rig.connector.url, channelConversation(rig.agents, threadId), 'case.take', { caseId }));
  }, 30000);
  afterAll(async () => { await rig.close(); });

  it('keeps the request when Partner Center stays down (503), says so to the agent, and files it once on retry with the same MS-RequestId', async () => {
    rig.partnerCenter.failAlways('createRequest', fault.status(503));
    const failed = await submit();
    expect(failed.status).toBe(200);
    expect(JSON.stringify(failed.body)).toContain('Partner Center did not answer. The request was kept: try again shortly; it will not be filed twice');
    const attempts = creates();
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts.length).toBeLessThanOrEqual(4);
    const requestIds = new Set(attempts.map((a) => a.requestId));
    expect(requestIds.size).toBe(1);
    expect(JSON.stringify(failed.body)).toContain([...requestIds][0]!);

    rig.partnerCenter.failAlways('createRequest', undefined);
    rig.partnerCenter.failNext('createRequest', fault.throttle('1'));
    const retried = await submit();
    expect(retried.status).toBe(200);
    expect(JSON.stringify(retried.body)).not.toContain('did not answer');
    const all = creates();
    expect(new Set(all.map((a) => a.requestId)).size).toBe(1);
    // Filed exactly once: one successful create (the 429 and the 503s did not create anything).
    const again = await submit();
    expect(JSON.stringify(again.body)).not.toContain('did not answer');
    expect(creates().length).toBe(all.length);
  }, 45000);

  it('gives up a Partner Center call that keeps answering 429 after 4 tries, honouring Retry-After, as "throttled"', async () => {
    const pc = new PartnerCenterClient({ baseUrl: rig.partnerCenter.url, logger: pino({ level: 'silent' }), retry: { baseDelayMs: 10, maxDelayMs: 20 } });
    rig.partnerCenter.failAlways('supportTopics', fault.throttle('1'));
    const before = rig.partnerCenter.requests.length;
    const error = await pc.listSupportTopics().catch((e: unknown) => e);
    rig.partnerCenter.failAlways('supportTopics', undefined);
    expect(error).toBeInstanceOf(PartnerCenterError);
    expect((error as PartnerCenterError).kind).toBe('throttled');
    expect(rig.partnerCenter.requests.length - before).toBe(4);
  }, 20000);

  it('gives up a timed-out Partner Center call after bounded tries and keeps the same MS-RequestId', async () => {
    const pc = new PartnerCenterClient({ baseUrl: rig.partnerCenter.url, logger: pino({ level: 'silent' }), timeoutMs: 200, retry: { baseDelayMs: 10, maxDelayMs: 20 } });
    rig.partnerCenter.failAlways('supportTopics', fault.delay(10_000));
    const before = rig.partnerCenter.requests.length;
    const started = Date.now();
    const error = await pc.listSupportTopics().catch((e: unknown) => e);
    rig.partnerCenter.failAlways('supportTopics', undefined);
    expect(error).toBeInstanceOf(PartnerCenterError);
    expect((error as PartnerCenterError).kind).toBe('unavailable');
    const tries = rig.partnerCenter.requests.slice(before);
    expect(tries.length).toBe(4);
    expect(new Set(tries.map((t) => t.requestId)).size).toBe(1);
    // Four tries cut at 200 ms each: far less than one 10 s answer would have taken.
    expect(Date.now() - started).toBeLessThan(8000);
  }, 20000);
});

describe('the Bot Connector failing', () => {
  let rig: Rig;
  const logs = captureLogs('info');
  beforeAll(async () => { rig = await startRig({ RELAY_RETRY_INTERVAL_SECONDS: '1' }, logs.logger); }, 30000);
  afterAll(async () => { await rig.close(); });

  it.each([
    ['429 with Retry-After', { status: 429, code: 'Throttled', retryAfter: '1' }],
    ['502', { status: 502, code: 'BadGateway' }],
    ['503', { status: 503, code: 'ServiceUnavailable' }],
  ] as const)('a reply hit by %s still reaches the customer', async (_name, connectorFault) => {
    const chat = new Chat(rig.app, rig.connector, user(TENANTS.fabrikam, 'Connector Victim', 'en-US'));
    rig.connector.failNext({ ...connectorFault });
    const requestsBefore = rig.connector.requests.length;
    const answer = await chat.say('help');
    expect(answer).not.toBe('');
    const tries = rig.connector.requests.slice(requestsBefore).filter((r) => r.method === 'POST');
    expect(tries[0]!.status).toBe(connectorFault.status);
    expect(tries.length).toBeLessThanOrEqual(4);
  }, 20000);

  it('keeps the case when the agents\' thread cannot be created (503): it is in the queue for the agents', async () => {
    const { chat } = await triage(rig, 'en-US');
    rig.connector.failNext({ status: 503, code: 'ServiceUnavailable' }, { status: 503, code: 'ServiceUnavailable' }, { status: 503, code: 'ServiceUnavailable' }, { status: 503, code: 'ServiceUnavailable' });
    const opened = await chat.submit({ action: 'next.agent' });
    rig.connector.reset();
    const caseId = /C-\d+/.exec(opened)?.[0] ?? /C-\d+/.exec(rig.connector.activities.map(visibleText).join('\n'))?.[0];
    await post(rig.app, channelMention(agent, rig.connector.url, rig.agents, 'queue'));
    const queue = rig.connector.sentTo(rig.agents.channelId).map(visibleText).join('\n');
    expect(queue).toMatch(/C-\d+ · Fabrikam/);
    if (caseId) expect(queue).toContain(caseId);
  }, 30000);

  it('an agent\'s relayed message hit by a Connector outage beyond botbuilder\'s retries: kept on the case, the agent told, delivered once Teams is back (finding F5, fixed)', async () => {
    const { chat } = await triage(rig, 'en-US');
    const caseId = await openCase(rig, chat);
    const thread = rig.connector.conversationsCreated.find((c) => c.id.startsWith(`${rig.agents.channelId};messageid=`) && rig.connector.sentTo(c.id).map(visibleText).join().includes(caseId))!;
    const threadId = thread.id.split(';messageid=')[1]!;
    await post(rig.app, cardAction(agent, rig.connector.url, channelConversation(rig.agents, threadId), 'case.take', { caseId }));
    rig.connector.failNext(...Array.from({ length: 4 }, () => ({ status: 503, code: 'ServiceUnavailable' })));
    const res = await post(rig.app, channelMessage(agent, rig.connector.url, rig.agents, 'Please restart Outlook now.', threadId));
    expect(res.status).toBe(200);
    expect(rig.connector.requests.filter((r) => r.status === 503).length).toBe(4);
    expect(logs.events('cases.customerSendFailed').length).toBeGreaterThan(0);
    expect(rig.connector.sentTo(chat.conversationId).map(visibleText).join('\n')).not.toContain('restart Outlook');
    expect(rig.connector.sentTo(thread.id).map(visibleText).join('\n')).toContain('will be sent again automatically');
    await rig.connector.waitFor((a) => a.conversationId === chat.conversationId && visibleText(a).includes('restart Outlook'), 15000);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(rig.connector.sentTo(chat.conversationId).map(visibleText).filter((text) => text.includes('restart Outlook'))).toHaveLength(1);
    expect(logs.events('cases.relayRetried').length).toBeGreaterThan(0);
  }, 40000);
});
