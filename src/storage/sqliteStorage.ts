/**
 * {@link Storage} on a SQLite file, safe to share between processes.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Storage, StoreItems } from './storage';
import { CREATE_IF_ABSENT_ETAG } from './compareAndSwap';
import { StorageConflictError } from './storageErrors';

/** Options of {@link SqliteStorage}. */
export interface SqliteStorageOptions {
  /** How long a write waits for another connection's write lock before failing with SQLITE_BUSY (default 5000). */
  busyTimeoutMs?: number;
}

interface ItemRow {
  key: string;
  value: string;
  etag: string;
}

interface PendingWrite {
  key: string;
  value: string;
  eTag: string | undefined;
}

function toPendingWrite(key: string, item: unknown): PendingWrite {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new TypeError(`SqliteStorage: the item for "${key}" must be an object`);
  }
  const { eTag, ...value } = item as Record<string, unknown>;
  if (eTag !== undefined && typeof eTag !== 'string') {
    throw new TypeError(`SqliteStorage: the eTag of "${key}" must be a string`);
  }
  return { key, value: JSON.stringify(value), eTag };
}

function mayWrite(requested: string | undefined, stored: string | undefined): boolean {
  if (!requested || requested === '*') {
    return true;
  }
  if (requested === CREATE_IF_ABSENT_ETAG) {
    return stored === undefined;
  }
  return requested === stored;
}

/**
 * A {@link Storage} kept in one SQLite table, `items(key, value, etag)`, in WAL mode.
 *
 * @remarks
 * Same semantics as botbuilder's storages:
 * - `read` returns only the keys found, each item with its `eTag`;
 * - `write` with no eTag or `*` overwrites; with another eTag it succeeds only if it equals the stored one,
 *   else it throws {@link StorageConflictError} (so does a write to a missing key with such an eTag, as in
 *   BlobsStorage); every write stores a fresh eTag, read it back with `read` (like botbuilder's storages,
 *   the caller's `changes` object is left untouched);
 * - {@link CREATE_IF_ABSENT_ETAG} writes only if the key is absent;
 * - `delete` ignores missing keys.
 *
 * Beyond them: a multi-key `write` is one transaction (all or nothing), and each write compares and sets
 * inside a `BEGIN IMMEDIATE` transaction, so processes sharing the file are safe. Durability is
 * `synchronous=NORMAL` (WAL): a process crash loses nothing, a power loss may lose the last commits.
 * better-sqlite3 is synchronous: each call blocks the event loop for its (short) duration.
 */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly selectItems: Database.Statement<[string], ItemRow>;
  private readonly selectETag: Database.Statement<[string], Pick<ItemRow, 'etag'>>;
  private readonly upsertItem: Database.Statement<[string, string, string]>;
  private readonly deleteItems: Database.Statement<[string]>;
  private readonly writeAll: Database.Transaction<(writes: PendingWrite[]) => void>;

  /**
   * Opens (or creates) the database file, creating its parent directory if needed.
   *
   * @param filePath - Path of the SQLite file (or `:memory:` for a private in-memory database).
   * @param options - See {@link SqliteStorageOptions}.
   */
  constructor(filePath: string, options: SqliteStorageOptions = {}) {
    if (filePath !== ':memory:') {
      fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
    }
    this.db = new Database(filePath, { timeout: options.busyTimeoutMs ?? 5000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS items (key TEXT PRIMARY KEY, value TEXT NOT NULL, etag TEXT NOT NULL)');
    this.selectItems = this.db.prepare('SELECT key, value, etag FROM items WHERE key IN (SELECT value FROM json_each(?))');
    this.selectETag = this.db.prepare('SELECT etag FROM items WHERE key = ?');
    this.upsertItem = this.db.prepare(
      'INSERT INTO items (key, value, etag) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag',
    );
    this.deleteItems = this.db.prepare('DELETE FROM items WHERE key IN (SELECT value FROM json_each(?))');
    this.writeAll = this.db.transaction((writes: PendingWrite[]) => {
      for (const { key, value, eTag } of writes) {
        if (!mayWrite(eTag, this.selectETag.get(key)?.etag)) {
          throw new StorageConflictError(key);
        }
        this.upsertItem.run(key, value, randomUUID());
      }
    });
  }

  /**
   * Reads items; keys not found are absent from the result.
   *
   * @param keys - Keys to read.
   * @returns The found items by key, each with its `eTag`.
   */
  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) {
      throw new ReferenceError('Keys are required when reading.');
    }
    const items: StoreItems = {};
    for (const row of this.selectItems.all(JSON.stringify(keys))) {
      items[row.key] = { ...(JSON.parse(row.value) as object), eTag: row.etag };
    }
    return items;
  }

  /**
   * Writes items in one transaction: all of them, or none if any eTag check fails.
   *
   * @param changes - Items by key; each item's `eTag` selects overwrite, compare-and-swap or create-if-absent.
   * @throws StorageConflictError when an eTag check fails (nothing is written).
   */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) {
      throw new ReferenceError('Changes are required when writing.');
    }
    const writes = Object.entries(changes).map(([key, item]) => toPendingWrite(key, item));
    this.writeAll.immediate(writes);
  }

  /**
   * Deletes items; missing keys are ignored.
   *
   * @param keys - Keys to delete.
   */
  async delete(keys: string[]): Promise<void> {
    if (!keys) {
      throw new ReferenceError('Keys are required when deleting.');
    }
    this.deleteItems.run(JSON.stringify(keys));
  }

  /** Closes the database connection; the instance cannot be used afterwards. */
  close(): void {
    this.db.close();
  }
}
