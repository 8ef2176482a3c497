/**
 * The storage contract every store of the bot is written against: keyed JSON items with eTag compare-and-swap.
 *
 * @remarks
 * Structurally the same as botbuilder's `Storage`, so the Teams kernel can hand any of our storages to botbuilder's
 * own state classes, while features and storages depend on this file only.
 * - `read` returns only the keys that exist, each item with the `eTag` the storage gave it.
 * - `write` with an item's current `eTag` replaces it only if nobody wrote it since; a stale `eTag` throws a conflict
 *   (see `isStorageConflict`). An item without an `eTag`, or with `*`, overwrites. `CREATE_IF_ABSENT_ETAG` creates
 *   only if the key is absent.
 * - `delete` is unconditional and ignores missing keys.
 */

/** One stored item: any JSON object, with the `eTag` of its stored version. */
export interface StoreItem {
  [key: string]: unknown;
  /** The stored version, for compare-and-swap; absent (or `*`) on a write means "overwrite". */
  eTag?: string;
}

/** Items by key, as read or to write. */
export interface StoreItems {
  [key: string]: unknown;
}

/** Keyed items with eTag compare-and-swap (see the file comment for the semantics). */
export interface Storage {
  /** The items of the given keys that exist. */
  read(keys: string[]): Promise<StoreItems>;
  /** Writes the items; throws a conflict when an item's `eTag` is stale. */
  write(changes: StoreItems): Promise<void>;
  /** Deletes the keys (unconditionally). */
  delete(keys: string[]): Promise<void>;
}
