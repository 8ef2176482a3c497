
import { MemoryStorage } from 'botbuilder';
import { startGraphSandbox, type GraphSandbox } from '../../../src/sandbox/graphSandbox';
import type { DirectoryObject } from '../../../src/sandbox/graphSeed';
import {
  cardAction, channel, channelConversation, channelMention, channelMessage, personalConversation, personalConversationId, personalMessage,
  TENANTS, user, type TeamsChannel, type TeamsUser,
} from '../../support/activities';
import { FakeConnector, type ReceivedActivity } from '../../support/fakeConnector';
import { waitUntil } from '../../support/botProcess';
import { startCaseBot, type CaseBot } from './caseHarness';
import { AGENT_GROUP as HELPDESK_GROUP } from '../../support/agentGroups';
import { chooseAgentsChannel } from '../../support/journeys';

const EN = jest.requireActual<{ refused: Record<string, string>; agent: { noteKept: string } }>('../../../src/cases/strings.en.json');
const GLOBAL_ADMIN: DirectoryObject = { '@odata.type': '#microsoft.graph.directoryRole', id: 'r1', displayName: 'Global Administrator', roleTemplateId: '62e90394-69f5-4237-9190-012177145e10' };
const SALES_GROUP: DirectoryObject = { '@odata.type': '#microsoft.graph.group', id: 'g2', displayName: 'Sales' };
/** Wednesday 2026-11-25 16:00 UTC: 11:00 in New York, 17:00 in Paris; both plans are open. */
const OPEN_HOURS = new Date('2026-11-25T16:00:00Z');

async function post(bot: CaseBot, activity: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function textOf(a: ReceivedActivity): string {
  return typeof a.body.text === 'string' ? a.body.text : JSON.stringify(a.body);
}

/** Plain-text messages posted (not updated) to a conversation, in order. */
function textsIn(connector: FakeConnector, conversationId: string): string[] {
  return connector.sentTo(conversationId).filter((a) => a.method === 'POST' && typeof a.body.text === 'string').map(textOf);
}

describe('cases: handoff to partner agents through the HTTP edge', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;
  let bot: CaseBot;
  let clock = OPEN_HOURS;
  let agents: TeamsChannel;
  const alice = user(TENANTS.partner, 'Alice Agent', 'en-US');
  const bob = user(TENANTS.partner, 'Bob Helpdesk', 'en-US');
  const mallory = user(TENANTS.partner, 'Mallory Sales', 'en-US');

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, defaultTenantId: TENANTS.partner });
    graph.setUserMemberships(TENANTS.partner, alice.aadObjectId, [GLOBAL_ADMIN]);
    graph.setUserMemberships(TENANTS.partner, bob.aadObjectId, [SALES_GROUP, HELPDESK_GROUP]);
    graph.setUserMemberships(TENANTS.partner, mallory.aadObjectId, [SALES_GROUP]);
    bot = await startCaseBot(new MemoryStorage(), graph.url, () => clock);
    agents = channel(TENANTS.partner);
    await chooseAgentsChannel(bot, connector, alice, agents);
  });
  afterAll(async () => {
    await bot.stop();
    await graph.close();
    await connector.close();
  });
  beforeEach(() => {
    clock = OPEN_HOURS;
    connector.reset();
  });

  /** A customer asks for an agent; resolves to the case id and the thread's root activity id. */
  async function openCase(customer: TeamsUser): Promise<{ caseId: string; threadId: string }> {
    await post(bot, personalMessage(customer, connector.url, 'talk to an agent'));
    const reply = await connector.waitFor((a) => a.conversationId === personalConversationId(customer));
    const caseId = /C-\d+/.exec(textOf(reply))?.[0] ?? '';
    const created = connector.conversationsCreated.find((c) => JSON.stringify(c.body).includes(caseId));
    const threadId = created?.id.split(';messageid=')[1] ?? '';
    return { caseId, threadId };
  }

  it('AgentRequest_CreatesAThreadWithTheCaseCard_AndTellsTheCustomerTheirNumber', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId, threadId } = await openCase(customer);
    expect(caseId).toMatch(/^C-\d{4}$/);
    const created = connector.conversationsCreated.find((c) => c.id.endsWith(`;messageid=${threadId}`));
    expect(created?.body).toMatchObject({ isGroup: true, channelData: { channel: { id: agents.channelId } } });
    const card = JSON.stringify(created?.body);
    expect(card).toContain(`Case ${caseId}: Contoso Pharma`);
    expect(card).toContain('Outlook cannot send mail');
    expect(card).toContain('EX1093214');
    expect(card).toContain('case.take');
    expect(card).toContain('escalation.propose');
    expect(card).toContain('"verb":"case.refresh"');
    const reply = connector.sentTo(personalConversationId(customer))[0];
    expect(reply && textOf(reply)).toMatch(new RegExp(`Your case ${caseId} is open\\. You are number \\d+ in the queue`));
    expect(reply && textOf(reply)).not.toContain('away');
  });

  it('Take_ByAgentWithRole_UpdatesTheCardInPlace_AndTellsTheCustomer', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId, threadId } = await openCase(customer);
    const res = await post(bot, cardAction(alice, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }));
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(res.body)).toContain('Alice Agent');
    const update = await connector.waitFor((a) => a.method === 'PUT' && a.activityId === threadId);
    expect(JSON.stringify(update.body)).toContain('Taken');
    const told = await connector.waitFor((a) => a.conversationId === personalConversationId(customer) && textOf(a).includes('is now handling'));
    expect(textOf(told)).toBe(`Alice Agent is now handling your case ${caseId}. Write here to talk to them.`);
  });

  it('Assign_OffersAgentsByName_AndTheCustomerIsToldWhoHasTheirCase', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId, threadId } = await openCase(customer);
    const where = channelConversation(agents, threadId);
    await post(bot, channelMention(bob, connector.url, agents, 'queue'));
    const taken = await post(bot, cardAction(alice, connector.url, where, 'case.take', { caseId }));
    expect(JSON.stringify(taken.body)).toContain(`{"title":"Bob Helpdesk","value":"${bob.aadObjectId}"}`);
    const denied = await post(bot, cardAction(alice, connector.url, where, 'case.assign', { caseId, assignTo: mallory.aadObjectId }));
    expect(JSON.stringify(denied.body)).toContain('Pick an agent from the list');
    const assigned = await post(bot, cardAction(alice, connector.url, where, 'case.assign', { caseId, assignTo: bob.aadObjectId }));
    expect(JSON.stringify(assigned.body)).toContain('"value":"Bob Helpdesk"');
    expect((await bot.store.get(caseId))?.owner).toEqual({ aadObjectId: bob.aadObjectId, name: 'Bob Helpdesk' });
    await connector.waitFor((a) => a.conversationId === personalConversationId(customer) && textOf(a) === `Bob Helpdesk is now handling your case ${caseId}. Write here to talk to them.`);
  });

  it('WaitingForCustomer_ShowsOnTheCard_TellsTheCustomer_AndTheirReplyMovesItBack', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId, threadId } = await openCase(customer);
    const where = channelConversation(agents, threadId);
    await post(bot, cardAction(alice, connector.url, where, 'case.take', { caseId }));
    const waiting = await post(bot, cardAction(alice, connector.url, where, 'case.wait', { caseId }));
    expect(JSON.stringify(waiting.body)).toContain('Waiting for the customer');
    expect(JSON.stringify(waiting.body)).not.toContain('"verb":"case.wait"');
    await connector.waitFor((a) => a.conversationId === personalConversationId(customer) && textOf(a) === `Alice Agent is waiting for your reply about case ${caseId}. Answer here when you can.`);
    await post(bot, personalMessage(customer, connector.url, 'Here is the screenshot you asked for'));
    expect((await bot.store.get(caseId))?.state).toBe('taken');
  });

  it('RelayRefusedByTeams_ThenCaseResolved_IsStillDeliveredOnce_AndTheCaseSettles', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId, threadId } = await openCase(customer);
    const where = channelConversation(agents, threadId);
    await post(bot, cardAction(alice, connector.url, where, 'case.take', { caseId }));
    connector.failNext(...Array.from({ length: 4 }, () => ({ status: 503, code: 'ServiceUnavailable' })));
    await post(bot, channelMessage(alice, connector.url, agents, 'Last step: clear the Outlook cache.', threadId));
    await post(bot, cardAction(alice, connector.url, where, 'case.resolve', { caseId, summary: 'cache cleared' }));
    const relayed = () => connector.sentTo(personalConversationId(customer)).map(textOf).filter((text) => text.includes('clear the Outlook cache'));
    expect(relayed()).toEqual([]);
    const later = new Date(Date.now() + 10 * 60_000);
    expect(await bot.desk.retryRelays(later)).toBe(1);
    expect(relayed()).toEqual(['Alice Agent: Last step: clear the Outlook cache.']);
    expect((await bot.store.casesWithRelays()).map((c) => c.id)).not.toContain(caseId);
    expect(await bot.desk.retryRelays(new Date(later.getTime() + 10 * 60_000))).toBe(0);
    expect(relayed()).toHaveLength(1);
  });

  it('RelayRetry_PassesOverlappingASlowSend_SendItOnce', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId, threadId } = await openCase(customer);
    const where = channelConversation(agents, threadId);
    await post(bot, cardAction(alice, connector.url, where, 'case.take', { caseId }));
    connector.failNext(...Array.from({ length: 4 }, () => ({ status: 503, code: 'ServiceUnavailable' })));
    await post(bot, channelMessage(alice, connector.url, agents, 'Restart Outlook in safe mode.', threadId));
    const relayed = () => connector.sentTo(personalConversationId(customer)).map(textOf).filter((text) => text.includes('safe mode'));
    expect(relayed()).toEqual([]);
    connector.hold((request) => request.conversationId === personalConversationId(customer));
    const later = new Date(Date.now() + 10 * 60_000);
    const first = bot.desk.retryRelays(later);
    await waitUntil(() => connector.held.length > 0, 10_000, 'the relay retry to be sending');
    expect(await bot.desk.retryRelays(new Date(later.getTime() + 1_000))).toBe(0);
    connector.releaseHeld();
    expect(await first).toBe(1);
    expect(relayed()).toEqual(['Alice Agent: Restart Outlook in safe mode.']);
  });

  it('Take_ByUserWithoutRole_IsRefusedAndChangesNothing', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId, threadId } = await openCase(customer);
    connector.reset();
    const res = await post(bot, cardAction(mallory, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }));
    expect(JSON.stringify(res.body)).toContain(EN.refused.lacksRole);
    expect((await bot.store.get(caseId))?.state).toBe('new');
    expect(connector.activities).toHaveLength(0);
    const refresh = await post(bot, cardAction(mallory, connector.url, channelConversation(agents, threadId), 'case.refresh', { caseId }));
    expect(refresh.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: EN.refused.lacksRole });
  });

  it('TwentyConcurrentTakes_LeaveExactlyOneOwner', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId, threadId } = await openCase(customer);
    const contenders = Array.from({ length: 20 }, (_, i) => user(TENANTS.partner, `Agent ${String(i)}`, 'en-US'));
    for (const c of contenders) graph.setUserMemberships(TENANTS.partner, c.aadObjectId, [HELPDESK_GROUP]);
    const answers = await Promise.all(contenders.map((c) => post(bot, cardAction(c, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }))));
    const stored = await bot.store.get(caseId);
    const owner = stored?.owner?.name ?? '';
    expect(contenders.map((c) => c.name)).toContain(owner);
    const refused = answers.filter((a) => JSON.stringify(a.body).includes(`Already taken by ${owner}`));
    expect(refused).toHaveLength(19);
    expect(stored?.history.filter((h) => h.action === 'take')).toHaveLength(1);
  });

  it('Relay_FlowsBothWaysInOrder_AndNotesStayInternal', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId, threadId } = await openCase(customer);
    await post(bot, cardAction(bob, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }));
    const thread = `${agents.channelId};messageid=${threadId}`;
    for (const text of ['first', 'second', 'third']) await post(bot, personalMessage(customer, connector.url, text));
    await post(bot, channelMention(bob, connector.url, agents, 'Please restart Outlook', threadId));
    await post(bot, channelMessage(bob, connector.url, agents, '/note tenant has a stale connector', threadId));
    await post(bot, channelMessage(bob, connector.url, agents, 'Is it better now?', threadId));
    const inThread = textsIn(connector, thread);
    expect(inThread).toEqual(['Sam Lee (Contoso Pharma): first', 'Sam Lee (Contoso Pharma): second', 'Sam Lee (Contoso Pharma): third', EN.agent.noteKept]);
    const toCustomer = connector.sentTo(personalConversationId(customer)).map(textOf).filter((t) => t.startsWith('Bob Helpdesk:'));
    expect(toCustomer).toEqual(['Bob Helpdesk: Please restart Outlook', 'Bob Helpdesk: Is it better now?']);
    const transcript = (await bot.store.get(caseId))?.transcript ?? [];
    expect(transcript.map((e) => [e.from, e.text, e.internal ?? false])).toEqual([
      ['customer', 'first', false], ['customer', 'second', false], ['customer', 'third', false],
      ['agent', 'Please restart Outlook', false], ['agent', 'tenant has a stale connector', true], ['agent', 'Is it better now?', false],
    ]);
  });

  it('ThreadMessage_FromUserWithoutRole_IsNotRelayed', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId, threadId } = await openCase(customer);
    await post(bot, cardAction(alice, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }));
    await post(bot, channelMessage(mallory, connector.url, agents, 'hello from sales', threadId));
    expect(connector.sentTo(personalConversationId(customer)).map(textOf).join('\n')).not.toContain('hello from sales');
    expect((await bot.store.get(caseId))?.transcript).toEqual([]);
  });

  it('CaseActionWithAnotherTenantsCaseId_RevealsNothing', async () => {
    const contosoUser = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId } = await openCase(contosoUser);
    const intruder = user(TENANTS.fabrikam, 'Élise Martin', 'en-US');
    for (const verb of ['case.take', 'case.refresh', 'case.rate']) {
      const res = await post(bot, cardAction(intruder, connector.url, personalConversation(intruder), verb, { caseId, score: '5' }));
      expect(res.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: "I can't find that case." });
    }
    await post(bot, personalMessage(intruder, connector.url, `case ${caseId}`));
    await post(bot, personalMessage(intruder, connector.url, 'status'));
    const seen = connector.sentTo(personalConversationId(intruder)).map((a) => JSON.stringify(a.body)).join('\n');
    expect(seen).not.toContain(caseId);
    expect(seen).not.toContain('Contoso');
    expect((await bot.store.get(caseId))?.state).toBe('new');
  });

  it('OutOfHours_TellsTheNextOpeningInThePlansTimeZone', async () => {
    clock = new Date('2026-11-26T15:00:00Z'); // Thanksgiving, a holiday of Contoso's plan
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    await openCase(customer);
    const reply = connector.sentTo(personalConversationId(customer))[0];
    expect(reply && textOf(reply)).toMatch(/Our agents are away now\. We are back Friday, November 27.*09:00 \(America\/New_York\)\./);
  });

  it('CustomerCancel_WithdrawsTheCase_AndUpdatesTheThreadCard', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId, threadId } = await openCase(customer);
    await post(bot, personalMessage(customer, connector.url, 'cancel'));
    expect((await bot.store.get(caseId))?.state).toBe('withdrawn');
    const update = await connector.waitFor((a) => a.method === 'PUT' && a.activityId === threadId);
    expect(JSON.stringify(update.body)).toContain('Withdrawn');
    const queue = await bot.store.openCases();
    expect(queue.map((c) => c.id)).not.toContain(caseId);
  });

  it('Resolve_NeedsASummary_ThenSendsTheSatisfactionCard_AndRecordsTheRating', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId, threadId } = await openCase(customer);
    const where = channelConversation(agents, threadId);
    await post(bot, cardAction(alice, connector.url, where, 'case.take', { caseId }));
    const empty = await post(bot, cardAction(alice, connector.url, where, 'case.resolve', { caseId, summary: ' ' }));
    expect(JSON.stringify(empty.body)).toContain(EN.refused.summaryRequired);
    await post(bot, cardAction(alice, connector.url, where, 'case.resolve', { caseId, summary: 'Connector re-created, see [details](http://evil.example)' }));
    // The summary is shown to the customer as typed: no link made of it.
    const told = await connector.waitFor((a) => a.conversationId === personalConversationId(customer) && textOf(a).includes(`Your case ${caseId} is resolved`));
    expect(textOf(told)).toContain('Connector re-created, see \\[details\\]\\(http://evil.example)');
    const rating = await connector.waitFor((a) => a.conversationId === personalConversationId(customer) && JSON.stringify(a.body).includes('case.rate'));
    expect(JSON.stringify(rating.body)).toContain(`How did we do on case ${caseId}?`);
    // The card's input stops at 1,000 characters; a tampered submit past it is refused on the server and nothing is kept.
    const tooLong = await post(bot, cardAction(customer, connector.url, personalConversation(customer), 'case.rate', { caseId, score: '1', comment: 'x'.repeat(1_001) }));
    expect(JSON.stringify(tooLong.body)).toContain('Your comment is too long: keep it under 1000 characters.');
    expect((await bot.store.get(caseId))?.satisfaction).toBeUndefined();
    const rated = await post(bot, cardAction(customer, connector.url, personalConversation(customer), 'case.rate', { caseId, score: '4', comment: 'quick' }));
    expect(rated.body).toMatchObject({ value: `Thank you for your feedback on case ${caseId}.` });
    expect((await bot.store.get(caseId))?.satisfaction).toMatchObject({ score: 4, comment: 'quick' });
  });

  it('QueueAndCaseCommands_NeedARole_AndUseThisChannelMovesNewThreads', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId } = await openCase(customer);
    await post(bot, channelMention(mallory, connector.url, agents, 'queue'));
    await post(bot, channelMention(alice, connector.url, agents, 'queue'));
    const replies = connector.sentTo(agents.channelId).map(textOf);
    expect(replies[0]).toBe(EN.refused.lacksRole);
    expect(replies[1]).toContain(`${caseId} · Contoso Pharma · Critical · New`);
    const other = channel(TENANTS.partner);
    await post(bot, channelMention(alice, connector.url, other, 'use this channel'));
    connector.reset();
    await openCase(user(TENANTS.contoso, 'Kim Park', 'en-US'));
    expect(connector.conversationsCreated[0]?.body).toMatchObject({ channelData: { channel: { id: other.channelId } } });
    await post(bot, channelMention(alice, connector.url, agents, 'use this channel'));
  });

  it('CheckSla_PostsAReminderThenABreachOnce', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId, threadId } = await openCase(customer);
    const due = Date.parse((await bot.store.get(caseId))?.slaDueAt ?? '');
    const thread = `${agents.channelId};messageid=${threadId}`;
    await bot.desk.checkSla(new Date(due - 10 * 60_000));
    await bot.desk.checkSla(new Date(due + 60_000));
    await bot.desk.checkSla(new Date(due + 120_000));
    const posts = textsIn(connector, thread);
    expect(posts).toEqual([expect.stringContaining(`Case ${caseId}: first response due`), expect.stringContaining(`Case ${caseId} breached`)]);
  });
});
