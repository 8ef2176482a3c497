import { CachedServiceHealthSource } from '../../../src/health/healthCache';
import { type HealthSnapshot, HealthUnavailableError, type ServiceHealthSource } from '../../../src/health/model';

const A = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';
const B = '3c9d1e2f-4a5b-46c7-8d9e-0f1a2b3c4d5e';

class ScriptedSource implements ServiceHealthSource {
  readonly calls: string[] = [];
  private readonly pending: { tenantId: string; resolve: (snapshot: HealthSnapshot) => void; reject: (error: unknown) => void }[] = [];

  getSnapshot(tenantId: string): Promise<HealthSnapshot> {
    this.calls.push(tenantId);
    return new Promise((resolve, reject) => this.pending.push({ tenantId, resolve, reject }));
  }

  succeed(): void {
    const next = this.pending.shift();
    next?.resolve({ tenantId: next.tenantId, fetchedAt: `call-${String(this.calls.length)}`, services: [], issues: [] });
  }

  fail(): void {
    const next = this.pending.shift();
    next?.reject(new HealthUnavailableError(next.tenantId, 'unreachable'));
  }
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

describe('CachedServiceHealthSource', () => {
  let now: number;
  let source: ScriptedSource;
  let cache: CachedServiceHealthSource;

  beforeEach(() => {
    now = 0;
    source = new ScriptedSource();
    cache = new CachedServiceHealthSource(source, { ttlMs: 60_000, failureTtlMs: 5_000, now: () => now });
  });

  it('shares one in-flight request between concurrent callers of a tenant', async () => {
    const callers = Array.from({ length: 50 }, () => cache.getSnapshot(A));
    source.succeed();
    const snapshots = await Promise.all(callers);
    expect(source.calls).toEqual([A]);
    expect(new Set(snapshots).size).toBe(1);
  });

  it('serves the snapshot for the TTL, then asks again', async () => {
    const first = cache.getSnapshot(A);
    source.succeed();
    await first;
    now = 59_999;
    await expect(cache.getSnapshot(A)).resolves.toBe(await first);
    now = 60_000;
    const refreshed = cache.getSnapshot(A);
    source.succeed();
    expect((await refreshed).fetchedAt).toBe('call-2');
  });

  it('keys strictly by tenant', async () => {
    const a = cache.getSnapshot(A);
    const b = cache.getSnapshot(B);
    source.succeed();
    source.succeed();
    expect((await a).tenantId).toBe(A);
    expect((await b).tenantId).toBe(B);
    expect(source.calls).toEqual([A, B]);
  });

  it('replays a failure only for the short negative TTL', async () => {
    const failed = cache.getSnapshot(A);
    source.fail();
    await expect(failed).rejects.toBeInstanceOf(HealthUnavailableError);
    await settle();
    now = 4_999;
    await expect(cache.getSnapshot(A)).rejects.toBeInstanceOf(HealthUnavailableError);
    expect(source.calls).toHaveLength(1);
    now = 5_000;
    const retried = cache.getSnapshot(A);
    source.succeed();
    await expect(retried).resolves.toMatchObject({ tenantId: A });
    expect(source.calls).toHaveLength(2);
  });

  it('does not cache failures at all with failureTtlMs 0', async () => {
    cache = new CachedServiceHealthSource(source, { failureTtlMs: 0, now: () => now });
    const failed = cache.getSnapshot(A);
    source.fail();
    await expect(failed).rejects.toBeInstanceOf(HealthUnavailableError);
    await settle();
    void cache.getSnapshot(A).catch(() => undefined);
    expect(source.calls).toHaveLength(2);
  });

  it('forgets a tenant on invalidate', async () => {
    const first = cache.getSnapshot(A);
    source.succeed();
    await first;
    cache.invalidate(A);
    void cache.getSnapshot(A);
    expect(source.calls).toHaveLength(2);
  });

  it('evicts settled entries beyond maxTenants, never in-flight ones', async () => {
    cache = new CachedServiceHealthSource(source, { maxTenants: 1, now: () => now });
    const a = cache.getSnapshot(A);
    source.succeed();
    await a;
    await settle();
    void cache.getSnapshot(B);
    void cache.getSnapshot(A);
    expect(source.calls).toEqual([A, B, A]);
  });
});
