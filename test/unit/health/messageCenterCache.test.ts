import { CachedMessageCenterSource } from '../../../src/health/messageCenterCache';
import type { MessageCenterSnapshot } from '../../../src/health/messageCenterModel';

const snapshot = (tenantId: string): MessageCenterSnapshot => ({ tenantId, fetchedAt: '2026-12-02T10:00:00Z', available: true, posts: [] });

describe('Message center cache: per tenant, single flight, TTL', () => {
  it('concurrent callers of one tenant share one request; other tenants are asked separately; served until the TTL', async () => {
    let now = 0;
    const asked: string[] = [];
    const cache = new CachedMessageCenterSource({ getMessages: (tenantId) => { asked.push(tenantId); return Promise.resolve(snapshot(tenantId)); } }, { ttlMs: 1_000, now: () => now });
    const [a, b, c] = await Promise.all([cache.getMessages('t1'), cache.getMessages('t1'), cache.getMessages('t2')]);
    expect(a).toBe(b);
    expect(c.tenantId).toBe('t2');
    expect(asked).toEqual(['t1', 't2']);
    now = 999;
    await cache.getMessages('t1');
    expect(asked).toEqual(['t1', 't2']);
    now = 1_001;
    await cache.getMessages('t1');
    expect(asked).toEqual(['t1', 't2', 't1']);
  });

  it('replays a failure for failureTtlMs, then asks again', async () => {
    let now = 0;
    let calls = 0;
    const cache = new CachedMessageCenterSource({ getMessages: () => { calls += 1; return calls === 1 ? Promise.reject(new Error('unreachable')) : Promise.resolve(snapshot('t1')); } }, { failureTtlMs: 100, now: () => now });
    await expect(cache.getMessages('t1')).rejects.toThrow('unreachable');
    await expect(cache.getMessages('t1')).rejects.toThrow('unreachable');
    now = 101;
    await expect(cache.getMessages('t1')).resolves.toMatchObject({ available: true });
    expect(calls).toBe(2);
  });
});
