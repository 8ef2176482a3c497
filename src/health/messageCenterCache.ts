/** Per-tenant TTL cache with single flight in front of a MessageCenterSource (the policy of healthCache.ts). */
import { SingleFlightCache } from '../cloud/singleFlightCache';
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

/** Concurrent callers for one tenant share one request; snapshots are shared: treat them as read-only. */
export class CachedMessageCenterSource implements MessageCenterSource {
  private readonly cache: SingleFlightCache<MessageCenterSnapshot>;

  constructor(private readonly source: MessageCenterSource, options: MessageCenterCacheOptions = {}) {
    this.cache = new SingleFlightCache({
      ttlMs: options.ttlMs ?? 900_000, failureTtlMs: options.failureTtlMs ?? 5_000, maxEntries: options.maxTenants ?? 1_000,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  getMessages(tenantId: string): Promise<MessageCenterSnapshot> {
    return this.cache.get(tenantId, () => this.source.getMessages(tenantId));
  }
}
