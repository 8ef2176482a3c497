import {
  nextWindowSlot, RateLimiter, recordWindowSend, reserveToken, TEAMS_TENANT_RATE, TEAMS_THREAD_WINDOWS,
} from '../../../src/notifications/rateLimiter';

function maxInAnyWindow(times: number[], windowMs: number): number {
  return Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + windowMs).length));
}

describe('sliding windows', () => {
  it('allows 7 sends at once, then waits for the 1 s window', () => {
    const sends = [0, 0, 0, 0, 0, 0, 0];
    expect(nextWindowSlot(sends.slice(0, 6), 0, TEAMS_THREAD_WINDOWS)).toBe(0);
    expect(nextWindowSlot(sends, 0, TEAMS_THREAD_WINDOWS)).toBe(1000);
  });

  it('applies 8 in 2 s after the first second', () => {
    const sends = [0, 0, 0, 0, 0, 0, 0, 1000];
    expect(nextWindowSlot(sends, 1000, TEAMS_THREAD_WINDOWS)).toBe(2000);
  });

  it('recordWindowSend keeps times sorted and drops those older than an hour', () => {
    expect(recordWindowSend([1, 5], 3, TEAMS_THREAD_WINDOWS)).toEqual([1, 3, 5]);
    expect(recordWindowSend([0], 3_600_001, TEAMS_THREAD_WINDOWS)).toEqual([3_600_001]);
  });
});

describe('token bucket', () => {
  it('spends the burst at once then spaces sends by 1/rate', () => {
    let bucket;
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = reserveToken(bucket, 0, { ratePerSecond: 10, burst: 3 });
      bucket = r.bucket;
      times.push(r.at);
    }
    expect(times.slice(0, 3)).toEqual([0, 0, 0]);
    expect(times.slice(3)).toEqual([100, 200, 300, 400, 500, 600, 700]);
  });
});

describe('RateLimiter', () => {
  it('keeps one thread within 7/1 s, 8/2 s and 60/30 s', () => {
    const limiter = new RateLimiter();
    const times = Array.from({ length: 200 }, () => limiter.reserve('conv', 'tenant', 0));
    expect(maxInAnyWindow(times, 1000)).toBeLessThanOrEqual(7);
    expect(maxInAnyWindow(times, 2000)).toBeLessThanOrEqual(8);
    expect(maxInAnyWindow(times, 30_000)).toBeLessThanOrEqual(60);
  });

  it('keeps one tenant under 50 requests in any second across many threads', () => {
    const limiter = new RateLimiter();
    const times = Array.from({ length: 500 }, (_, i) => limiter.reserve(`conv-${i}`, 'tenant', 0));
    expect(maxInAnyWindow(times, 1000)).toBeLessThanOrEqual(TEAMS_TENANT_RATE.burst + TEAMS_TENANT_RATE.ratePerSecond);
    expect(Math.max(...times)).toBeLessThan(500 * 1000 / TEAMS_TENANT_RATE.ratePerSecond);
  });

  it('does not slow one tenant down for another', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 100; i++) limiter.reserve(`a-${i}`, 'tenant-a', 0);
    expect(limiter.reserve('b-1', 'tenant-b', 0)).toBe(0);
  });
});
