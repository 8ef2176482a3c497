/**
 * The storage contract: what every botbuilder `Storage` of this project must do, as a reusable jest suite.
 */
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { CREATE_IF_ABSENT_ETAG, createLease, isStorageConflict, storageKey, updateItem } from '../../../src/storage';
import type { StorageHandle, UpdateOptions } from '../../../src/storage';

/** Documented differences between storages; everything else must behave the same. */
export interface Traits {
  /** A write with an unknown eTag to a missing key fails (SqliteStorage, BlobsStorage) instead of creating it (MemoryStorage). */
  strictOnMissingKey: boolean;
  /** A multi-key write with one conflicting item writes none of them. */
  atomicMultiKeyWrite: boolean;
}

type Counter = { n: number };

/** Increments the item `counter` by compare-and-swap. */
export const increment = (storage: Storage, options?: UpdateOptions): Promise<unknown> =>
  updateItem<Counter>(storage, 'counter', (current) => ({ n: (current?.n ?? 0) + 1 }), options);

/** Reads one item. */
export const readOne = async (storage: Storage, key: string): Promise<StoreItem | undefined> => (await storage.read([key]))[key] as StoreItem | undefined;

async function expectConflict(promise: Promise<unknown>): Promise<void> {
  expect(isStorageConflict(await promise.then(() => 'resolved', (err: unknown) => err))).toBe(true);
}

/** Wraps a storage so that someone else writes each key just before every write: every CAS must conflict. */
function withInterference(storage: Storage): Storage & { writes: number } {
  const wrapper = {
    writes: 0,
    read: (keys: string[]) => storage.read(keys),
    delete: (keys: string[]) => storage.delete(keys),
    write: async (changes: StoreItems) => {
      wrapper.writes++;
      await storage.write(Object.fromEntries(Object.keys(changes).map((key) => [key, { n: -1 }])));
      await storage.write(changes);
    },
  };
  return wrapper;
}

export function describeStorageContract(name: string, open: () => StorageHandle, traits: Traits): void {
  describe(`${name} satisfies the storage contract`, () => {
    let subject: StorageHandle;
    let storage: Storage;
    beforeEach(() => {
      subject = open();
      storage = subject.storage;
    });
    afterEach(() => subject.close());

    it('reads only the keys it finds, each with its eTag', async () => {
      await storage.write({ a: { v: 1 }, b: { v: 2 } });
      const items = await storage.read(['a', 'missing', 'b']);
      expect(Object.keys(items).sort()).toEqual(['a', 'b']);
      expect(items.a).toEqual({ v: 1, eTag: expect.any(String) });
      expect(await storage.read([])).toEqual({});
    });

    it('gives every write a fresh eTag and leaves the caller object untouched', async () => {
      const item = { v: 1 };
      await storage.write({ k: item });
      const first = await readOne(storage, 'k');
      await storage.write({ k: { v: 2, eTag: first?.eTag } });
      const second = await readOne(storage, 'k');
      expect(item).toEqual({ v: 1 });
      expect(second).toEqual({ v: 2, eTag: expect.any(String) });
      expect(second?.eTag).not.toBe(first?.eTag);
    });

    it('overwrites when the eTag is absent or *', async () => {
      await storage.write({ k: { v: 1 } });
      await storage.write({ k: { v: 2 } });
      await storage.write({ k: { v: 3, eTag: '*' } });
      expect((await readOne(storage, 'k'))?.v).toBe(3);
    });

    it('refuses a stale eTag with a conflict and keeps the stored value', async () => {
      await storage.write({ k: { v: 1 } });
      const stale = await readOne(storage, 'k');
      await storage.write({ k: { v: 2, eTag: stale?.eTag } });
      await expectConflict(storage.write({ k: { v: 3, eTag: stale?.eTag } }));
      expect((await readOne(storage, 'k'))?.v).toBe(2);
    });

    it(`${traits.strictOnMissingKey ? 'refuses' : 'accepts'} an unknown eTag on a missing key`, async () => {
      const write = storage.write({ k: { v: 1, eTag: 'no-such-etag' } });
      if (traits.strictOnMissingKey) {
        await expectConflict(write);
        expect(await readOne(storage, 'k')).toBeUndefined();
      } else {
        await write;
        expect((await readOne(storage, 'k'))?.v).toBe(1);
      }
    });

    it('creates with CREATE_IF_ABSENT_ETAG only while the key is absent', async () => {
      await storage.write({ k: { v: 1, eTag: CREATE_IF_ABSENT_ETAG } });
      await expectConflict(storage.write({ k: { v: 2, eTag: CREATE_IF_ABSENT_ETAG } }));
      expect((await readOne(storage, 'k'))?.v).toBe(1);
    });

    it('lets exactly one of 20 concurrent raw creators win', async () => {
      const writes = Array.from({ length: 20 }, (_, i) => storage.write({ k: { owner: i, eTag: CREATE_IF_ABSENT_ETAG } }));
      const outcomes = await Promise.allSettled(writes);
      const winners = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(outcomes.every((o) => o.status === 'fulfilled' || isStorageConflict(o.reason))).toBe(true);
      expect((await readOne(storage, 'k'))?.owner).toBe(winners[0]);
    });

    it('deletes items and ignores missing keys', async () => {
      await storage.write({ a: { v: 1 }, b: { v: 2 } });
      await storage.delete(['a', 'never-written']);
      expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
    });

    it('round-trips JSON values under unicode and odd keys', async () => {
      const keys = ['ключ/🙂', 'a b', '%2F', "'; DROP TABLE items; --", 'x'.repeat(1000), storageKey('case', 'tenant:1', 'é')];
      const value = { text: 'héllo 🙂 \u0000 "quoted"', nested: { list: [1, null, true, 'x'], n: -1.5 } };
      await storage.write(Object.fromEntries(keys.map((key) => [key, { ...value, key }])));
      const items = await storage.read(keys);
      for (const key of keys) {
        expect(items[key]).toEqual({ ...value, key, eTag: expect.any(String) });
      }
    });

    it('stores a 200 KB value', async () => {
      const blob = 'é🙂x'.repeat(200 * 256);
      await storage.write({ big: { blob } });
      expect((await readOne(storage, 'big'))?.blob).toBe(blob);
    });

    it('counts 50 concurrent compare-and-swap increments exactly', async () => {
      // 50 writers on one key: over HTTP (blobs) races last longer, so allow the attempts the app gives its hot keys (caseStore).
      await Promise.all(Array.from({ length: 50 }, () => increment(storage, { maxAttempts: 50 })));
      expect((await readOne(storage, 'counter'))?.n).toBe(50);
    });

    it('lets exactly one of 20 concurrent updateItem creators create the item', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => updateItem<{ owner: number }>(storage, 'k', (c) => (c ? 'abort' : { owner: i }))),
      );
      const winners = results.filter((r) => r.changed);
      expect(winners).toHaveLength(1);
      expect(results.every((r) => r.value?.owner === winners[0]?.value?.owner)).toBe(true);
    });

    it('leaves the item on abort and deletes it on undefined', async () => {
      await increment(storage);
      expect(await updateItem<Counter>(storage, 'counter', () => 'abort')).toEqual({ value: { n: 1 }, changed: false });
      expect(await updateItem<Counter>(storage, 'counter', () => undefined)).toEqual({ value: undefined, changed: true });
      expect(await readOne(storage, 'counter')).toBeUndefined();
    });

    it('gives up with a conflict after maxAttempts lost races', async () => {
      const contested = withInterference(storage);
      await expectConflict(updateItem<Counter>(contested, 'counter', () => ({ n: 1 }), { maxAttempts: 3 }));
      expect(contested.writes).toBe(3);
    });

    if (traits.atomicMultiKeyWrite) {
      it('writes all items of a multi-key write or none', async () => {
        await storage.write({ a: { v: 1 }, b: { v: 1 } });
        await expectConflict(storage.write({ a: { v: 2 }, b: { v: 2, eTag: 'stale' }, c: { v: 2 } }));
        const items = await storage.read(['a', 'b', 'c']);
        expect([items.a?.v, items.b?.v, items.c]).toEqual([1, 1, undefined]);
      });
    }

    it('grants a lease to exactly one of 10 concurrent holders', async () => {
      const leases = Array.from({ length: 10 }, (_, i) => createLease(storage, 'outage-watch', `holder-${i}`, 60_000));
      const acquired = await Promise.all(leases.map((lease) => lease.acquire()));
      expect(acquired.filter(Boolean)).toHaveLength(1);
    });

    it('keeps a lease exclusive until it expires or is released', async () => {
      let clock = 1_000;
      const now = (): number => clock;
      const a = createLease(storage, 'outage-watch', 'A', 100, { now });
      const b = createLease(storage, 'outage-watch', 'B', 100, { now });
      expect([await a.acquire(), await b.acquire(), await b.renew(), await a.renew()]).toEqual([true, false, false, true]);
      clock += 99;
      expect(await b.acquire()).toBe(false);
      clock += 101;
      expect([await b.acquire(), await a.renew(), await a.acquire(), await a.release()]).toEqual([true, false, false, false]);
      expect([await b.release(), await a.acquire()]).toEqual([true, true]);
    });
  });
}
