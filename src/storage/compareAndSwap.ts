/**
 * Read-modify-write with eTag compare-and-swap, and leases built on it, over any {@link Storage}.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Storage, StoreItem } from './storage';
import { StorageConflictError, isStorageConflict } from './storageErrors';
import { storageKey } from './storageKeys';

/**
 * The eTag a writer presents to mean "create this item only if the key is absent" (HTTP `If-None-Match: *`).
 *
 * @remarks
 * The `Storage` contract (like botbuilder's) has no create-if-absent operation, and a write without an eTag (or `*`)
 * overwrites. So creation uses this reserved eTag, which no storage ever generates, and each storage gives it
 * create-only semantics:
 * - **MemoryStorage** (botbuilder): natively. A write with any eTag to a missing key creates it; to an existing key
 *   it compares eTags (numeric strings, never equal to this value) and throws. Check and set happen synchronously
 *   inside one `write` call, so creation is atomic, and MemoryStorage lives in one process anyway.
 * - **SqliteStorage**: explicitly. It inserts only if the key is absent, inside a `BEGIN IMMEDIATE` transaction,
 *   so creation is atomic across processes sharing the file.
 * - **BlobsStorage** (botbuilder-azure-blobs): NOT by itself. It sends any non-`*` eTag as `If-Match`, which fails
 *   on a missing blob, so creation would never succeed. The blob storage must wrap it and upload items carrying
 *   this eTag with `conditions: { ifNoneMatch: '*' }`, mapping the "already exists" answer to a conflict.
 * The storage contract test suite checks this behaviour for every storage it runs against.
 */
export const CREATE_IF_ABSENT_ETAG = 'if-none-match:*';

/** Attempts {@link updateItem} makes by default before giving up on conflicts. */
export const DEFAULT_MAX_ATTEMPTS = 10;

/** What a mutation returns: the new value, `undefined` to delete the item, or `'abort'` to leave it as it is. */
export type MutationResult<T> = T | undefined | 'abort';

/** Options of {@link updateItem}. */
export interface UpdateOptions {
  /** Read-mutate-write attempts before the last conflict is thrown (default {@link DEFAULT_MAX_ATTEMPTS}). */
  maxAttempts?: number;
}

/** Outcome of {@link updateItem}. */
export interface UpdateResult<T> {
  /** The value now stored as far as this call knows (without `eTag`); `undefined` if absent or deleted. */
  value: T | undefined;
  /** Whether this call wrote or deleted the item. */
  changed: boolean;
}

function backoffMs(attempt: number): number {
  return Math.random() * Math.min(100, 2 ** attempt);
}

function splitStoredItem(key: string, stored: StoreItem | undefined): { current?: object; eTag?: string } {
  if (stored === undefined) {
    return {};
  }
  const { eTag, ...current } = stored;
  if (typeof eTag !== 'string' || eTag === '' || eTag === '*') {
    throw new TypeError(`updateItem: "${key}" was read without an eTag; compare-and-swap needs a storage with eTags`);
  }
  return { current, eTag };
}

/**
 * Reads an item, lets `mutate` compute its next value, and writes it back only if nobody wrote it in between
 * (eTag compare-and-swap); on a conflict it reads again and retries, with a tiny random backoff.
 *
 * @remarks
 * - An existing item is written with the eTag it was read with; a missing item is created with
 *   {@link CREATE_IF_ABSENT_ETAG}, so of several concurrent creators exactly one wins and the others retry
 *   and see its value.
 * - `mutate` may run several times: keep it pure and fast, and return a new object.
 * - Returning `undefined` deletes the item. `Storage.delete` takes no eTag, so a deletion is not
 *   compare-and-swap: an update landing between this read and the delete is lost. When that matters,
 *   mark the item (e.g. `status: 'closed'`) instead of deleting it.
 *
 * @param storage - Any storage with eTag support (see {@link CREATE_IF_ABSENT_ETAG} for BlobsStorage).
 * @param key - The item's key (build it with `storageKey`).
 * @param mutate - Receives the current value (without `eTag`) or `undefined`, returns a {@link MutationResult}.
 * @param options - See {@link UpdateOptions}.
 * @returns The resulting value and whether this call changed storage.
 * @throws StorageConflictError when every attempt conflicted; any non-conflict error at once.
 */
export async function updateItem<T extends object>(
  storage: Storage,
  key: string,
  mutate: (current: T | undefined) => MutationResult<T>,
  options: UpdateOptions = {},
): Promise<UpdateResult<T>> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`updateItem: maxAttempts must be a positive integer, got ${maxAttempts}`);
  }
  for (let attempt = 1; ; attempt++) {
    const items = await storage.read([key]);
    const split = splitStoredItem(key, items[key] as StoreItem | undefined);
    const current = split.current as T | undefined;
    const { eTag } = split;
    const next = mutate(current);
    if (next === 'abort') {
      return { value: current, changed: false };
    }
    if (next === undefined) {
      if (current !== undefined) {
        await storage.delete([key]);
      }
      return { value: undefined, changed: current !== undefined };
    }
    try {
      await storage.write({ [key]: { ...next, eTag: eTag ?? CREATE_IF_ABSENT_ETAG } });
      return { value: next, changed: true };
    } catch (err) {
      if (!isStorageConflict(err)) {
        throw err;
      }
      if (attempt >= maxAttempts) {
        throw new StorageConflictError(key, `Gave up after ${maxAttempts} attempts.`, { cause: err });
      }
      await delay(backoffMs(attempt));
    }
  }
}

/** The stored form of a lease. `holder` is `''` once released. */
export interface LeaseRecord {
  holder: string;
  /** Epoch milliseconds after which anyone may take the lease. */
  expiresAt: number;
}

/** A named lease (e.g. "outage-watch leader") as seen by one would-be holder. */
export interface Lease {
  /** The storage key of the lease item. */
  readonly key: string;
  /** Takes the lease if it is free, expired or already ours, and extends it by the TTL. Resolves to whether we hold it. */
  acquire(): Promise<boolean>;
  /** Extends the lease only if we still hold it (even past expiry, as long as nobody took it). Resolves to whether we hold it. */
  renew(): Promise<boolean>;
  /** Frees the lease if we hold it, so another holder can take it at once. Resolves to whether it was ours. */
  release(): Promise<boolean>;
}

/** Options of {@link createLease}. */
export interface LeaseOptions extends UpdateOptions {
  /** Clock in epoch milliseconds (default `Date.now`); injectable for tests. */
  now?: () => number;
}

/**
 * Creates a lease handle: at most one holder at a time across every process sharing `storage`,
 * settled by compare-and-swap on the item `storageKey('lease', name)` holding a {@link LeaseRecord}.
 *
 * @remarks
 * Expiry compares wall clocks of different machines: a holder should stop acting as holder a little before
 * the `now + ttlMs` it last wrote (renew well within the TTL), to absorb clock skew and pauses.
 * Release writes an expired record rather than deleting it, because a delete cannot be conditional.
 *
 * @param storage - The shared storage.
 * @param name - Lease name (any non-empty string; escaped into the key).
 * @param holderId - This holder's unique, non-empty id (e.g. instance id).
 * @param ttlMs - How long an acquisition or renewal lasts, in milliseconds (> 0).
 * @param options - See {@link LeaseOptions}.
 * @returns The {@link Lease} handle.
 */
export function createLease(storage: Storage, name: string, holderId: string, ttlMs: number, options: LeaseOptions = {}): Lease {
  if (holderId === '') {
    throw new RangeError('createLease: holderId must not be empty');
  }
  if (!(ttlMs > 0)) {
    throw new RangeError(`createLease: ttlMs must be positive, got ${ttlMs}`);
  }
  const key = storageKey('lease', name);
  const now = options.now ?? Date.now;
  const claimIf = async (mayClaim: (current: LeaseRecord | undefined, at: number) => boolean): Promise<boolean> => {
    const result = await updateItem<LeaseRecord>(
      storage,
      key,
      (current) => {
        const at = now();
        return mayClaim(current, at) ? { holder: holderId, expiresAt: at + ttlMs } : 'abort';
      },
      options,
    );
    return result.changed;
  };
  return {
    key,
    acquire: () => claimIf((current, at) => !current || current.holder === holderId || current.expiresAt <= at),
    renew: () => claimIf((current) => current?.holder === holderId),
    release: async () => {
      const result = await updateItem<LeaseRecord>(
        storage,
        key,
        (current) => (current?.holder === holderId ? { holder: '', expiresAt: 0 } : 'abort'),
        options,
      );
      return result.changed;
    },
  };
}
