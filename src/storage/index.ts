/**
 * Storage: our `Storage` contract and its implementations, the factory, keys, conflicts and compare-and-swap.
 */
export type { Storage, StoreItem, StoreItems } from './storage';
export { BlobStorage } from './blobStorage';
export type { BlobStorageConfig } from './blobStorage';
export { SqliteStorage } from './sqliteStorage';
export type { SqliteStorageOptions } from './sqliteStorage';
export { StorageConflictError, isStorageConflict } from './storageErrors';
export { KEY_SEPARATOR, MAX_KEY_PART_LENGTH, MAX_STORAGE_KEY_LENGTH, escapeKeyPart, storageKey } from './storageKeys';
export { CREATE_IF_ABSENT_ETAG, DEFAULT_MAX_ATTEMPTS, createLease, updateItem } from './compareAndSwap';
export type { Lease, LeaseOptions, LeaseRecord, MutationResult, UpdateOptions, UpdateResult } from './compareAndSwap';
export { createStorage } from './storageFactory';
export type { StorageConfig, StorageHandle, StorageKind } from './storageFactory';
