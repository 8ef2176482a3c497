import type { Storage } from 'botbuilder';
import type { Messenger } from '../../../src/teams/teamsMessenger';
import { summarizeDeliveries } from '../../../src/notifications';
import { FakeConnector } from '../../support/fakeConnector';
import { issue } from '../../unit/notifications/issueFixture';
import { addPersonalChat, AGENTS_CONVERSATION, anonymousMessenger, instance, MemoryHealth, STORAGES } from './harness';

const T1 = 'tenant-one';
const T2 = 'tenant-two';
const T3 = 'tenant-three';

function cardText(body: Record<string, unknown>): string {
  return JSON.stringify(body.attachments ?? []);
}

describe.each(STORAGES)('outage notifications over %s storage', (_name, makeStorage) => {
  let connector: FakeConnector;
  let storage: Storage;
  let health: MemoryHealth;
  let messenger: Messenger;

  beforeAll(async () => {
    connector = await FakeConnector.start();
    messenger = anonymousMessenger();
  });
  afterAll(async () => connector.close());
  beforeEach(() => {
    connector.reset();
    storage = makeStorage();
    health = new MemoryHealth();
  });

  it('NewIncident_InTwoOfThreeTenants_ReachesExactlyTheirSubscribers_AndUpdatesInPlace', async () => {
    const bot = instance(storage, health, messenger, connector.url, 'i1');
    const conversations: Record<string, string[]> = {};
    for (const tenant of [T1, T2, T3]) {
      conversations[tenant] = [];
      for (const u of ['u1', 'u2']) {
        const id = await addPersonalChat(bot.references, connector.url, tenant, u);
        await bot.subscriptions.setServices(tenant, id, ['Exchange Online'], false);
        conversations[tenant]?.push(id);
      }
    }
    const other = await addPersonalChat(bot.references, connector.url, T1, 'sharepoint-only');
    await bot.subscriptions.setServices(T1, other, ['SharePoint Online'], false);
    await bot.watch.tick();
    expect(connector.activities).toHaveLength(0);

    health.set(T1, [issue()]);
    health.set(T2, [issue()]);
    await bot.watch.tick();
    const notified = [...(conversations[T1] ?? []), ...(conversations[T2] ?? [])];
    for (const id of notified) {
      const sent = connector.sentTo(id);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.body.summary).toEqual(expect.any(String));
      expect(cardText(sent[0]?.body ?? {})).toContain('Users cannot send mail');
    }
    for (const id of [...(conversations[T3] ?? []), other]) expect(connector.sentTo(id)).toHaveLength(0);
    const agentCard = connector.sentTo(AGENTS_CONVERSATION);
    expect(agentCard).toHaveLength(1);
    expect(cardText(connector.store.get(agentCard[0]?.activityId ?? '')?.body ?? {})).toContain(T2);

    const firstIds = new Map(notified.map((id) => [id, connector.sentTo(id)[0]?.activityId]));
    const resolved = issue({ isResolved: true, status: 'serviceRestored', lastModifiedDateTime: '2026-11-25T11:00:00Z',
      latestPost: { createdDateTime: '2026-11-25T11:00:00Z', text: 'Fixed.' } });
    health.set(T1, [resolved]);
    health.set(T2, [resolved]);
    await bot.watch.tick();
    for (const id of notified) {
      const sent = connector.sentTo(id);
      expect(sent.map((a) => a.method)).toEqual(['POST', 'PUT', 'POST']);
      expect(sent[1]?.pathActivityId).toBe(firstIds.get(id));
      expect(cardText(sent[1]?.body ?? {})).toContain('Fixed.');
      expect(sent[2]?.body.text).toEqual(expect.any(String));
      expect(sent[2]?.body.attachments ?? []).toHaveLength(0);
    }
    expect(connector.sentTo(AGENTS_CONVERSATION).filter((a) => a.method === 'POST')).toHaveLength(1);
    const report = summarizeDeliveries('EX100001', await bot.outbox.forIncident('EX100001'));
    expect(report).toMatchObject({ delivered: notified.length + 1, pending: 0, failed: 0 });
  });

  it('Restart_WithTheSameStorage_DoesNotReannounce', async () => {
    const first = instance(storage, health, messenger, connector.url, 'i1');
    const id = await addPersonalChat(first.references, connector.url, T1, 'u1');
    await first.subscriptions.subscribeIncident(T1, id, 'EX100001');
    await first.watch.tick();
    health.set(T1, [issue()]);
    await first.watch.tick();
    expect(connector.sentTo(id)).toHaveLength(1);
    await first.watch.stop();

    const second = instance(storage, health, messenger, connector.url, 'i2');
    second.watch.start();
    await second.watch.tick();
    expect(second.watch.isLeader()).toBe(true);
    await second.watch.stop();
    expect(second.watch.isLeader()).toBe(false);
    expect(connector.sentTo(id)).toHaveLength(1);
  });

  it('TwoInstances_OnOneStorage_OnePollerAndNoDuplicates', async () => {
    const a = instance(storage, health, messenger, connector.url, 'a');
    const b = instance(storage, health, messenger, connector.url, 'b');
    const id = await addPersonalChat(a.references, connector.url, T1, 'u1');
    await a.subscriptions.setServices(T1, id, [], true);
    await Promise.all([a.watch.tick(), b.watch.tick()]);
    expect([a.watch.isLeader(), b.watch.isLeader()].filter(Boolean)).toHaveLength(1);
    health.set(T1, [issue()]);
    await Promise.all([a.watch.tick(), b.watch.tick(), a.sender.drain(), b.sender.drain()]);
    expect(connector.sentTo(id)).toHaveLength(1);
    expect(connector.sentTo(AGENTS_CONVERSATION)).toHaveLength(1);
  });

  it('CrashMidFanOut_ThenRestart_NothingLostNothingTwice', async () => {
    const crashed = instance(storage, health, messenger, connector.url, 'crashed');
    const ids: string[] = [];
    for (const u of ['u1', 'u2', 'u3', 'u4']) {
      const id = await addPersonalChat(crashed.references, connector.url, T1, u);
      await crashed.subscriptions.setServices(T1, id, [], true);
      ids.push(id);
    }
    await crashed.watch.pollTenant(T1);
    health.set(T1, [issue()]);
    await crashed.watch.pollTenant(T1);
    const keys = await crashed.outbox.queued();
    const [first = '', second = ''] = keys;
    const delivery = await crashed.outbox.claim(first, 'crashed', 50);
    await messenger.send(delivery?.reference ?? {}, { type: 'message', text: 'card' }).then((id) => crashed.outbox.cardShown(first, 1, id ?? ''));
    await crashed.outbox.claim(second, 'crashed', 50);

    const restarted = instance(storage, health, messenger, connector.url, 'restarted');
    await restarted.watch.tick();
    for (const id of ids) expect(connector.sentTo(id)).toHaveLength(1);
    const report = summarizeDeliveries('EX100001', await restarted.outbox.forIncident('EX100001'));
    expect(report).toMatchObject({ delivered: ids.length + 1, pending: 0, failed: 0 });
  });

  it('BlockedRecipient_FailsWithReason_AndIsUnsubscribed', async () => {
    const bot = instance(storage, health, messenger, connector.url, 'i1');
    const id = await addPersonalChat(bot.references, connector.url, T1, 'u1');
    await bot.subscriptions.setServices(T1, id, ['Exchange Online'], false);
    await bot.watch.tick();
    health.set(T1, [issue()]);
    connector.failNext({ status: 403, code: 'ConversationBlockedByUser' });
    await bot.watch.tick();
    const report = summarizeDeliveries('EX100001', await bot.outbox.forIncident('EX100001'));
    expect(report.failed).toBe(1);
    expect(report.reasons[0]?.reason).toContain('403');
    expect(await bot.subscriptions.list(T1)).toHaveLength(0);
    expect(await bot.references.get(T1, id)).toBeUndefined();
  });
});
