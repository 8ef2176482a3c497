import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { summarizeDeliveries } from '../../../src/notifications';
import { mergeRequest, type Delivery } from '../../../src/notifications/outbox';
import { storageKey, updateItem } from '../../../src/storage';
import { FakeConnector } from '../../support/fakeConnector';
import { issue } from '../../unit/notifications/issueFixture';
import { addPersonalChat, anonymousMessenger, instance, MemoryHealth, STORAGES } from './harness';

const T1 = 'tenant-one';

/** A storage that counts the bytes (JSON) read and written, to see what one operation costs. */
class CountingStorage implements Storage {
  bytes = 0;
  constructor(private readonly inner: Storage) {}
  async read(keys: string[]): Promise<StoreItems> {
    const items = await this.inner.read(keys);
    this.bytes += JSON.stringify(items).length;
    return items;
  }
  async write(changes: StoreItems): Promise<void> {
    this.bytes += JSON.stringify(changes).length;
    await this.inner.write(changes);
  }
  async delete(keys: string[]): Promise<void> {
    await this.inner.delete(keys);
  }
}

describe.each(STORAGES)('subscription storage over %s', (_name, makeStorage) => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await FakeConnector.start();
  });
  afterAll(async () => connector.close());
  beforeEach(() => connector.reset());

  it('LegacySingleItem_IsMigratedOnFirstRead_AndItsSubscribersStillGetTheOutage', async () => {
    const storage = makeStorage();
    const health = new MemoryHealth();
    const bot = instance(storage, health, anonymousMessenger(), connector.url, 'i1');
    const [follower, confirmed, stopped] = await Promise.all(['u1', 'u2', 'u3'].map((u) => addPersonalChat(bot.references, connector.url, T1, u)));
    if (!follower || !confirmed || !stopped) throw new Error('no conversations');
    await storage.write({
      [storageKey('notif-subs', T1)]: {
        subscribers: {
          [follower]: { conversationId: follower, incidentIds: [], services: ['Exchange Online'], all: false },
          [confirmed]: { conversationId: confirmed, incidentIds: ['EX100001'], services: [], all: false },
          [stopped]: { conversationId: stopped, incidentIds: [], services: [], all: false },
        },
      },
      [storageKey('notif-tenants')]: { tenantIds: [T1] },
    });

    await bot.watch.tick();
    health.set(T1, [issue()]);
    await bot.watch.tick();

    expect(connector.sentTo(follower).filter((a) => a.method === 'POST')).toHaveLength(1);
    expect(connector.sentTo(confirmed).filter((a) => a.method === 'POST')).toHaveLength(1);
    expect(connector.sentTo(stopped)).toHaveLength(0);
    expect(await storage.read([storageKey('notif-subs', T1)])).toEqual({});
    expect(await bot.subscriptions.get(T1, stopped)).toMatchObject({ services: [], incidentIds: [], all: false });
    await bot.subscriptions.applyDefaults(T1, stopped, ['Exchange Online']);
    expect((await bot.subscriptions.list(T1)).map((s) => s.conversationId).sort()).toEqual([follower, confirmed].sort());
  });

  it('LegacyQueue_PendingDeliveryIsSentAfterTheUpgrade', async () => {
    const storage = makeStorage();
    const bot = instance(storage, new MemoryHealth(), anonymousMessenger(), connector.url, 'i1');
    const id = await addPersonalChat(bot.references, connector.url, T1, 'u1');
    const reference = (await bot.references.get(T1, id))?.reference ?? {};
    const key = bot.outbox.deliveryKey('customer', T1, 'EX100001', id);
    await updateItem<Delivery>(storage, key, (current) => mergeRequest(current, {
      audience: 'customer', tenantId: T1, conversationId: id, reference, locale: 'en', issue: issue(), issueTenantId: T1, kind: 'new', changes: [],
    }, key, Date.now()));
    await storage.write({ [storageKey('notif-queue')]: { keys: [key] }, [storageKey('notif-incident', 'EX100001')]: { keys: [key] } });

    await bot.watch.tick();

    expect(connector.sentTo(id).filter((a) => a.method === 'POST')).toHaveLength(1);
    expect(summarizeDeliveries('EX100001', await bot.outbox.forIncident('EX100001'))).toMatchObject({ delivered: 1, pending: 0 });
    expect(await bot.outbox.queued()).toEqual([]);
  });
});

describe('subscription storage cost', () => {
  it('an install reads and writes a bounded number of bytes, far below the size of the tenant\'s subscriptions', async () => {
    const storage = new CountingStorage(new MemoryStorage());
    const bot = instance(storage, new MemoryHealth(), anonymousMessenger(), 'http://127.0.0.1:1', 'i1');
    const costs: number[] = [];
    for (let u = 0; u < 1_500; u++) {
      const before = storage.bytes;
      await bot.subscriptions.applyDefaults(T1, `a:${T1}-user-${u}`, ['Exchange Online']);
      costs.push(storage.bytes - before);
    }
    const subscribers = await bot.subscriptions.list(T1);
    expect(subscribers).toHaveLength(1_500);
    // One index page holds at most 64 ids: whatever the number of subscribers, an install stays under this.
    expect(Math.max(...costs)).toBeLessThan(20_000);
    expect(JSON.stringify(subscribers).length).toBeGreaterThan(5 * Math.max(...costs));
  });
});
