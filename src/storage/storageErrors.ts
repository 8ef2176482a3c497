/**
 * The one error check for eTag conflicts, whichever `Storage` raised them.
 */

/** The message botbuilder's MemoryStorage (and BlobsStorage, after mapping HTTP 412) throws on an eTag conflict. */
const BOTBUILDER_CONFLICT_MESSAGE = /^Storage: error writing ".*" due to eTag conflict\./s;

/**
 * Thrown when a write loses an optimistic-concurrency race: the item's stored eTag is not the one the
 * writer presented (or the item exists when the writer asked to create it only if absent).
 *
 * @remarks
 * The message starts with the same text botbuilder's own storages use, so logs read the same whichever
 * storage is configured. Check for conflicts with {@link isStorageConflict}, not `instanceof`.
 */
export class StorageConflictError extends Error {
  override readonly name = 'StorageConflictError';

  /**
   * @param key - The storage key whose write conflicted.
   * @param detail - Optional extra sentence appended to the message.
   * @param options - Standard error options (e.g. `cause`).
   */
  constructor(
    readonly key: string,
    detail?: string,
    options?: ErrorOptions,
  ) {
    super(`Storage: error writing "${key}" due to eTag conflict.${detail ? ` ${detail}` : ''}`, options);
  }
}

/**
 * Tells whether `err` is an eTag conflict from any storage this project uses.
 *
 * @remarks
 * Recognises:
 * - {@link StorageConflictError} (SqliteStorage, compare-and-swap helpers), also across module copies (by name);
 * - botbuilder MemoryStorage's `Error('Storage: error writing "key" due to eTag conflict.')`;
 * - botbuilder-azure-blobs BlobsStorage, which rethrows HTTP 412 with that same message;
 * - a raw Azure SDK `RestError` for a failed precondition (`statusCode` 412 or `code` `ConditionNotMet`).
 *
 * @param err - Anything caught.
 * @returns `true` when retrying after a fresh read is the right reaction.
 */
export function isStorageConflict(err: unknown): boolean {
  if (err instanceof StorageConflictError) {
    return true;
  }
  if (typeof err !== 'object' || err === null) {
    return false;
  }
  const { name, message, statusCode, code } = err as Record<string, unknown>;
  return (
    name === 'StorageConflictError' ||
    (typeof message === 'string' && BOTBUILDER_CONFLICT_MESSAGE.test(message)) ||
    statusCode === 412 ||
    code === 'ConditionNotMet'
  );
}
