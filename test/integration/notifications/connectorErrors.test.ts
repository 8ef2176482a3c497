/**
 * What a subscriber sees when Teams refuses an outage card, per Microsoft's table "Status codes from bot
 * conversational APIs": MicrosoftDocs/msteams-docs, msteams-platform/bots/build-conversational-capability.md
 * (version dated ms.date 05/11/2026, read 2026-12-02 through the library; the commit it indexes as
 * 35f23aa39401eb0fa20b347a5382484976da6de3 predates the table). Bodies are the Bot Framework error shape
 * `{"error":{"code","message"}}` with the code and message the table gives; the MessageWritesBlocked body is the one
 * recorded in /work/shared/reference/teams-bot-wire.md §2 (docs: "Teams returns a 403 response code with a subCode:
 * MessageWritesBlocked").
 */
import type { Storage } from 'botbuilder';
import { ConversationReferenceStore } from '../../../src/teams/conversationReferences';
import { CustomerDirectory } from '../../../src/directory/customerDirectory';
import { createNotifications, summarizeDeliveries, type Notifications } from '../../../src/notifications';
import { FakeConnector, type ConnectorFault } from '../../support/fakeConnector';
import { issue } from '../../unit/notifications/issueFixture';
import { addPersonalChat, anonymousMessenger, MemoryHealth, STORAGES } from './harness';

type Bot = Notifications & { references: ConversationReferenceStore };

/** The feature with no agents' channel, so the customer's card is the only request a fault can hit. */
function customerOnly(storage: Storage, health: MemoryHealth): Bot {
  const references = new ConversationReferenceStore(storage);
  const built = createNotifications({
    storage, health, messenger: anonymousMessenger(), references, directory: new CustomerDirectory([]), instanceId: 'i1',
    agentsChannel: async () => undefined, pollIntervalMs: 0, leaseTtlMs: 60_000,
    sender: { backoffBaseMs: 20, backoffMaxMs: 200, maxRetryWaitMs: 3_000 },
    onError: (tenantId, err) => { throw Object.assign(new Error(`watch error for ${tenantId}`), { cause: err }); },
  });
  return { ...built, references };
}

const T1 = 'tenant-one';

const documented = (status: number, code: string, message: string): ConnectorFault => ({ status, rawBody: JSON.stringify({ error: { code, message } }) });
const BOT_DISABLED = documented(403, 'BotDisabledByAdmin', 'The tenant admin disabled this bot');
const BLOCKED = documented(403, 'ConversationBlockedByUser', 'User blocked the conversation with the bot.');
const NOT_FOUND = documented(404, 'ConversationNotFound', 'Conversation not found.');
const TOO_BIG = documented(413, 'MessageSizeTooBig', 'Message size too large.');
const WRITES_BLOCKED: ConnectorFault = { status: 403, rawBody: JSON.stringify({ errorCode: 209, message: JSON.stringify({ subCode: 'MessageWritesBlocked', message: 'Thread is blocked from message writes.' }) }) };
const TRANSIENT: ConnectorFault[] = [
  documented(412, 'PreconditionFailed', 'Precondition failed, please try again.'),
  { ...documented(429, 'Throttled', 'Too many requests.'), retryAfter: '0' },
  documented(502, 'ServiceError', 'Service dependency issue.'),
  { status: 503, rawBody: '' },
  { status: 504, rawBody: '' },
];

describe.each(STORAGES)('Connector errors over %s storage', (_name, makeStorage) => {
  let connector: FakeConnector;
  let storage: Storage;
  let health: MemoryHealth;
  beforeAll(async () => {
    connector = await FakeConnector.start();
  });
  afterAll(async () => connector.close());
  beforeEach(() => {
    connector.reset();
    storage = makeStorage();
    health = new MemoryHealth();
  });

  /** A subscriber to Exchange Online; the first outage card sent to it is answered with `faults`. */
  async function firstCardAnswered(...faults: ConnectorFault[]): Promise<{ bot: Bot; id: string }> {
    const bot = customerOnly(storage, health);
    const id = await addPersonalChat(bot.references, connector.url, T1, 'u1');
    await bot.subscriptions.setServices(T1, id, ['Exchange Online'], false);
    await bot.watch.tick();
    health.set(T1, [issue()]);
    connector.failNext(...faults);
    await bot.watch.tick();
    return { bot, id };
  }

  async function secondIncident(bot: Bot): Promise<void> {
    health.set(T1, [issue(), issue({ id: 'EX100002', title: 'Mailbox moves are delayed', lastModifiedDateTime: '2026-11-25T09:00:00Z' })]);
    await bot.watch.tick();
  }

  it('BotDisabledByAdmin_PausesTheSubscription_KeptButNothingSentUntilResumed', async () => {
    const { bot, id } = await firstCardAnswered(BOT_DISABLED);
    const report = summarizeDeliveries('EX100001', await bot.outbox.forIncident('EX100001'));
    expect(report.reasons).toEqual([{ reason: '403 BotDisabledByAdmin', count: 1 }]);
    expect(await bot.subscriptions.get(T1, id)).toMatchObject({ services: ['Exchange Online'], paused: true });
    expect(await bot.references.get(T1, id)).toBeDefined();

    await secondIncident(bot);
    expect(connector.sentTo(id).filter((a) => JSON.stringify(a.body).includes('Mailbox moves are delayed'))).toHaveLength(0);

    expect(await bot.subscriptions.resume(T1, id)).toBe(true);
    health.set(T1, [issue({ lastModifiedDateTime: '2026-11-25T10:00:00Z', status: 'serviceRestored' })]);
    await bot.watch.tick();
    expect(connector.sentTo(id).filter((a) => a.method === 'POST' || a.method === 'PUT').length).toBeGreaterThan(0);
  });

  it.each([
    ['403 ConversationBlockedByUser', BLOCKED],
    ['403 MessageWritesBlocked', WRITES_BLOCKED],
    ['404 ConversationNotFound', NOT_FOUND],
  ])('%s_RemovesTheSubscriptionAndReference', async (reason, fault) => {
    const { bot, id } = await firstCardAnswered(fault);
    const report = summarizeDeliveries('EX100001', await bot.outbox.forIncident('EX100001'));
    expect(report.reasons).toEqual([{ reason, count: 1 }]);
    expect(await bot.subscriptions.get(T1, id)).toBeUndefined();
    expect(await bot.references.get(T1, id)).toBeUndefined();
    await secondIncident(bot);
    expect(connector.sentTo(id)).toHaveLength(0);
  });

  it('TransientErrors_412_429_502_503_504_AreRetried_AndTheCardArrivesOnce', async () => {
    const { bot, id } = await firstCardAnswered(...TRANSIENT);
    for (let round = 0; round < 10 && (await bot.outbox.queued()).length > 0; round++) await bot.watch.drain();
    expect(connector.sentTo(id).filter((a) => a.method === 'POST')).toHaveLength(1);
    expect(summarizeDeliveries('EX100001', await bot.outbox.forIncident('EX100001'))).toMatchObject({ delivered: 1, failed: 0 });
    expect(await bot.subscriptions.get(T1, id)).toMatchObject({ services: ['Exchange Online'] });
  });

  it('413MessageSizeTooBig_IsReported_AndTheSubscriptionKept', async () => {
    const { bot, id } = await firstCardAnswered(TOO_BIG);
    const report = summarizeDeliveries('EX100001', await bot.outbox.forIncident('EX100001'));
    expect(report.reasons).toEqual([{ reason: '413 MessageSizeTooBig', count: 1 }]);
    expect(await bot.subscriptions.list(T1)).toHaveLength(1);
    expect(await bot.references.get(T1, id)).toBeDefined();
  });
});
