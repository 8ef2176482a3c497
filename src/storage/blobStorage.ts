/**
 * {@link Storage} on Azure Blob Storage: botbuilder-azure-blobs' BlobsStorage, plus create-if-absent.
 */
import { DefaultAzureCredential } from '@azure/identity';
import { ContainerClient } from '@azure/storage-blob';
import type { BlockBlobUploadOptions } from '@azure/storage-blob';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import { CREATE_IF_ABSENT_ETAG } from './compareAndSwap';
import type { Storage, StoreItems } from './storage';
import { StorageConflictError } from './storageErrors';

/** Where the blobs live and how to authenticate: a connection string, or an account URL and Entra ID. */
export interface BlobStorageConfig {
  /** Storage account connection string (shared key, SAS or Azurite); wins over `accountUrl`. */
  connectionString?: string;
  /** Blob endpoint of the account, e.g. `https://contoso.blob.core.windows.net`; authenticated with DefaultAzureCredential. */
  accountUrl?: string;
  /** Client id of the user-assigned managed identity to use with `accountUrl` (default: DefaultAzureCredential's choice). */
  managedIdentityClientId?: string;
  /** Container name; created on first use if missing. */
  container: string;
}

const JSON_HEADERS = { blobContentType: 'application/json' };

function errorStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) {
    return undefined;
  }
  const { statusCode } = err as { statusCode?: unknown };
  return typeof statusCode === 'number' ? statusCode : undefined;
}

/** Upload conditions for an item's eTag: overwrite, compare-and-swap (`If-Match`) or create-if-absent (`If-None-Match: *`). */
function uploadConditions(eTag: unknown): BlockBlobUploadOptions['conditions'] {
  if (eTag === CREATE_IF_ABSENT_ETAG) {
    return { ifNoneMatch: '*' };
  }
  return typeof eTag === 'string' && eTag !== '' && eTag !== '*' ? { ifMatch: eTag } : {};
}

/**
 * A {@link Storage} on one blob container, one JSON blob per key.
 *
 * @remarks
 * Reads and deletes go through botbuilder-azure-blobs' `BlobsStorage`. Writes use the same blob names
 * (`sanitizeBlobKey`) through the same container, because BlobsStorage cannot create only if absent:
 * - {@link CREATE_IF_ABSENT_ETAG} uploads with `If-None-Match: *`; "already exists" (409) and a failed
 *   precondition (412) become a {@link StorageConflictError};
 * - a stale or unknown eTag (`If-Match`) is a {@link StorageConflictError} whether the blob exists (412) or not (404),
 *   the same error type as SqliteStorage's.
 *
 * Same semantics as the other storages otherwise; a multi-key write is not atomic (each blob is written on its own).
 */
export class BlobStorage implements Storage {
  private readonly container: ContainerClient;
  private readonly blobs: BlobsStorage;
  private ready: Promise<unknown> | undefined;

  /**
   * @param config - See {@link BlobStorageConfig}.
   * @throws RangeError when neither a connection string nor an account URL is given.
   */
  constructor(config: BlobStorageConfig) {
    if (config.connectionString) {
      this.container = new ContainerClient(config.connectionString, config.container);
      this.blobs = new BlobsStorage(config.connectionString, config.container);
    } else if (config.accountUrl) {
      const credential = new DefaultAzureCredential(
        config.managedIdentityClientId ? { managedIdentityClientId: config.managedIdentityClientId } : {},
      );
      const containerUrl = `${config.accountUrl.replace(/\/+$/, '')}/${encodeURIComponent(config.container)}`;
      this.container = new ContainerClient(containerUrl, credential);
      this.blobs = new BlobsStorage('', config.container, undefined, containerUrl, credential);
    } else {
      throw new RangeError('BlobStorage: a connection string or an account URL is required');
    }
  }

  /**
   * Reads items; keys not found are absent from the result.
   *
   * @param keys - Keys to read.
   * @returns The found items by key, each with its `eTag`.
   */
  read(keys: string[]): Promise<StoreItems> {
    return this.blobs.read(keys);
  }

  /**
   * Writes items, each blob on its own (not atomic across keys).
   *
   * @param changes - Items by key; each item's `eTag` selects overwrite, compare-and-swap or create-if-absent.
   * @throws StorageConflictError when an eTag check fails for any item (the others may have been written).
   */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) {
      throw new ReferenceError('Changes are required when writing.');
    }
    await this.ensureContainer();
    await Promise.all(Object.entries(changes).map(([key, item]) => this.writeOne(key, item)));
  }

  /**
   * Deletes items; missing keys are ignored.
   *
   * @param keys - Keys to delete.
   */
  delete(keys: string[]): Promise<void> {
    return this.blobs.delete(keys);
  }

  private ensureContainer(): Promise<unknown> {
    this.ready ??= this.container.createIfNotExists().catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  private async writeOne(key: string, item: unknown): Promise<void> {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new TypeError(`BlobStorage: the item for "${key}" must be an object`);
    }
    const { eTag, ...value } = item as Record<string, unknown>;
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    try {
      await this.container.getBlockBlobClient(sanitizeBlobKey(key)).upload(body, body.length, {
        conditions: uploadConditions(eTag),
        blobHTTPHeaders: JSON_HEADERS,
      });
    } catch (err) {
      const status = errorStatus(err);
      const conflict = status === 412 || (status === 409 && eTag === CREATE_IF_ABSENT_ETAG) || (status === 404 && uploadConditions(eTag)?.ifMatch !== undefined);
      if (conflict) {
        throw new StorageConflictError(key, undefined, { cause: err });
      }
      throw err;
    }
  }
}
