/** Per-tenant TTL cache with single flight in front of a MessageCenterSource (the policy of healthCache.ts). */
import type { MessageCenterSnapshot, MessageCenterSource } from './messageCenterModel';

export interface MessageCenterCacheOptions {
  /** How long a snapshot (an unavailable one included) is served, ms. Defaults to 15 minutes: posts change daily. */
  ttlMs?: number;
  /** How long a failure is replayed before Graph is asked again, ms (0 = not at all). Defaults to 5 000. */
  failureTtlMs?: number;
  /** Entries kept before settled ones are evicted, oldest first. Defaults to 1 000. */
  maxTenants?: number;
  now?: () => number;
}

interface Entry {
  promise: Promise<MessageCenterSnapshot>;
  /** Undefined while in flight. */
  expiresAt?: number;
}

/** Concurrent callers for one tenant share one request; snapshots are shared: treat them as read-only. */
export class CachedMessageCenterSource implements MessageCenterSource {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;
  private readonly maxTenants: number;
  private readonly now: () => number;

  constructor(private readonly source: MessageCenterSource, options: MessageCenterCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 900_000;
    this.failureTtlMs = options.failureTtlMs ?? 5_000;
    this.maxTenants = options.maxTenants ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  getMessages(tenantId: string): Promise<MessageCenterSnapshot> {
    const current = this.entries.get(tenantId);
    if (current && (current.expiresAt === undefined || current.expiresAt > this.now())) return current.promise;
    const entry: Entry = { promise: this.source.getMessages(tenantId) };
    this.entries.delete(tenantId);
    this.entries.set(tenantId, entry);
    this.evict();
    const settle = (ttl: number) => (): void => {
      if (this.entries.get(tenantId) !== entry) return;
      if (ttl > 0) entry.expiresAt = this.now() + ttl;
      else this.entries.delete(tenantId);
    };
    entry.promise.then(settle(this.ttlMs), settle(this.failureTtlMs));
    return entry.promise;
  }

  private evict(): void {
    for (const [tenantId, entry] of this.entries) {
      if (this.entries.size <= this.maxTenants) return;
      if (entry.expiresAt !== undefined) this.entries.delete(tenantId);
    }
  }
}
