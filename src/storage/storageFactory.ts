/**
 * Builds the configured botbuilder `Storage`: the one place that knows which storage kinds exist.
 */
import { MemoryStorage } from 'botbuilder';
import type { Storage } from 'botbuilder';
import { SqliteStorage } from './sqliteStorage';

/** Storage kinds this build supports (`blob` comes later). */
export type StorageKind = 'sqlite' | 'memory';

/** What {@link createStorage} needs. */
export interface StorageConfig {
  kind: StorageKind;
  /** SQLite file path, used when `kind` is `sqlite`; its directory is created if missing. */
  sqlitePath: string;
}

/** A storage and the way to release its resources at shutdown. */
export interface StorageHandle {
  storage: Storage;
  close(): Promise<void>;
}

/**
 * Creates the storage selected by `config.kind`.
 *
 * @param config - See {@link StorageConfig}.
 * @returns The storage and its `close`.
 */
export function createStorage(config: StorageConfig): StorageHandle {
  switch (config.kind) {
    case 'sqlite': {
      const storage = new SqliteStorage(config.sqlitePath);
      return { storage, close: async () => storage.close() };
    }
    case 'memory':
      return { storage: new MemoryStorage(), close: async () => undefined };
    default: {
      const unsupported: never = config.kind;
      throw new RangeError(`createStorage: unsupported storage kind "${String(unsupported)}"`);
    }
  }
}
