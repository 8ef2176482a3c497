/**
 * A keyed TTL cache with single flight, in front of every per-tenant read of Microsoft's clouds (service health, the
 * Message center, the user's account, Azure Service Health): concurrent callers for one key share one read; a value is
 * served for `ttlMs`, a failure for `failureTtlMs`. Keys must carry the tenant: nothing is shared across keys. Values
 * are shared: treat them as read-only.
 */
export interface SingleFlightCacheOptions {
  ttlMs: number;
  /** 0 = a failure is not replayed. */
  failureTtlMs?: number;
  /** Entries kept before settled ones are evicted, oldest first. Defaults to 5 000. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry<V> {
  promise: Promise<V>;
  /** Undefined while in flight. */
  expiresAt?: number;
}

export class SingleFlightCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly now: () => number;

  constructor(private readonly options: SingleFlightCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get(key: string, read: () => Promise<V>): Promise<V> {
    const current = this.entries.get(key);
    if (current && (current.expiresAt === undefined || current.expiresAt > this.now())) return current.promise;
    const entry: Entry<V> = { promise: read() };
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.evict();
    const settle = (ttl: number) => (): void => {
      if (this.entries.get(key) !== entry) return;
      if (ttl > 0) entry.expiresAt = this.now() + ttl;
      else this.entries.delete(key);
    };
    entry.promise.then(settle(this.options.ttlMs), settle(this.options.failureTtlMs ?? 0));
    return entry.promise;
  }

  /** Forgets a key's value (a read in flight still completes for its callers). */
  invalidate(key: string): void {
    this.entries.delete(key);
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= (this.options.maxEntries ?? 5_000)) return;
      if (entry.expiresAt !== undefined) this.entries.delete(key);
    }
  }
}
