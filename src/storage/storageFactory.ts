/**
 * Builds the configured {@link Storage} (botbuilder's MemoryStorage for `memory`): the one place that knows which storage kinds exist.
 */
import { MemoryStorage } from 'botbuilder';
import { BlobStorage } from './blobStorage';
import type { BlobStorageConfig } from './blobStorage';
import { SqliteStorage } from './sqliteStorage';
import type { Storage } from './storage';

/** Storage kinds this build supports. */
export type StorageKind = 'sqlite' | 'memory' | 'blob';

/** What {@link createStorage} needs. */
export interface StorageConfig {
  kind: StorageKind;
  /** SQLite file path, used when `kind` is `sqlite`; its directory is created if missing. */
  sqlitePath: string;
  /** Azure Blob Storage settings, required when `kind` is `blob`. */
  blob?: BlobStorageConfig;
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
 * @throws RangeError for an unknown kind, or `blob` without its settings.
 */
export function createStorage(config: StorageConfig): StorageHandle {
  switch (config.kind) {
    case 'sqlite': {
      const storage = new SqliteStorage(config.sqlitePath);
      return { storage, close: async () => storage.close() };
    }
    case 'memory':
      return { storage: new MemoryStorage(), close: async () => undefined };
    case 'blob': {
      if (!config.blob) {
        throw new RangeError('createStorage: blob settings are required when kind is "blob"');
      }
      return { storage: new BlobStorage(config.blob), close: async () => undefined };
    }
    default: {
      const unsupported: never = config.kind;
      throw new RangeError(`createStorage: unsupported storage kind "${String(unsupported)}"`);
    }
  }
}
