/** Per-tenant TTL cache with single flight in front of any ServiceHealthSource. */
import { SingleFlightCache } from '../cloud/singleFlightCache';
import type { HealthSnapshot, ServiceHealthSource } from './model';

export interface HealthCacheOptions {
  /** How long a snapshot is served, ms. Defaults to 60 000. */
  ttlMs?: number;
  /** How long a failure is replayed before Graph is asked again, ms (0 = not at all). Defaults to 5 000. */
  failureTtlMs?: number;
  /** Entries kept before settled ones are evicted, oldest first. Defaults to 1 000. */
  maxTenants?: number;
  now?: () => number;
}

/**
 * Concurrent callers for one tenant share one in-flight request; a snapshot is then served for `ttlMs`,
 * a failure for `failureTtlMs`. Keyed strictly by tenant id. Snapshots are shared: treat them as read-only.
 */
export class CachedServiceHealthSource implements ServiceHealthSource {
  private readonly cache: SingleFlightCache<HealthSnapshot>;

  constructor(
    private readonly source: ServiceHealthSource,
    options: HealthCacheOptions = {},
  ) {
    this.cache = new SingleFlightCache({
      ttlMs: options.ttlMs ?? 60_000, failureTtlMs: options.failureTtlMs ?? 5_000, maxEntries: options.maxTenants ?? 1_000,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  getSnapshot(tenantId: string): Promise<HealthSnapshot> {
    return this.cache.get(tenantId, () => this.source.getSnapshot(tenantId));
  }

  /** Forgets a tenant's snapshot (an in-flight request still completes for its callers). */
  invalidate(tenantId: string): void {
    this.cache.invalidate(tenantId);
  }
}
