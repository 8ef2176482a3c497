/**
 * Teams send limits as arithmetic: sliding windows per conversation (thread) and a token bucket per tenant.
 * The functions are pure; {@link RateLimiter} only keeps their state per key.
 */

/** At most `limit` sends in any `windowMs` milliseconds. */
export interface SlidingWindow {
  limit: number;
  windowMs: number;
}

/** Per bot per thread (teams-bot-wire.md §4): 7/1 s, 8/2 s, 60/30 s, 1800/h. */
export const TEAMS_THREAD_WINDOWS: readonly SlidingWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

/** A token bucket; `tokens` may be negative when sends were reserved ahead of time. */
export interface TokenBucket {
  tokens: number;
  /** Epoch ms of the last refill. */
  at: number;
}

/** Rate and burst of a token bucket. At most `burst + ratePerSecond` sends fall in any one second. */
export interface BucketRate {
  ratePerSecond: number;
  burst: number;
}

/** Per app per tenant: 50 RPS, kept at 45 in any second (40/s plus a burst of 5) for clock jitter. */
export const TEAMS_TENANT_RATE: BucketRate = { ratePerSecond: 40, burst: 5 };

/**
 * The earliest time at or after `now` when one more send keeps every window within its limit.
 *
 * @param sends - Times of earlier (or already reserved) sends, ascending.
 * @param now - Epoch ms.
 * @param windows - The limits.
 */
export function nextWindowSlot(sends: readonly number[], now: number, windows: readonly SlidingWindow[]): number {
  let at = now;
  for (let changed = true; changed;) {
    changed = false;
    for (const { limit, windowMs } of windows) {
      const inWindow = sends.filter((t) => t > at - windowMs);
      if (inWindow.length >= limit) {
        const oldestToExpire = inWindow[inWindow.length - limit] ?? at;
        at = oldestToExpire + windowMs;
        changed = true;
      }
    }
  }
  return at;
}

/** Adds a send at `at` and drops sends older than the longest window. Returns a new ascending array. */
export function recordWindowSend(sends: readonly number[], at: number, windows: readonly SlidingWindow[]): number[] {
  const longest = Math.max(...windows.map((w) => w.windowMs));
  return [...sends.filter((t) => t > at - longest), at].sort((a, b) => a - b);
}

/**
 * Reserves one send from a bucket: refills it up to `now`, takes a token and says when the send may go.
 *
 * @returns The bucket after the reservation and the epoch ms at which the send may go (≥ `now`).
 */
export function reserveToken(bucket: TokenBucket | undefined, now: number, rate: BucketRate): { bucket: TokenBucket; at: number } {
  const start = bucket ?? { tokens: rate.burst, at: now };
  const base = Math.max(now, start.at);
  const refilled = Math.min(rate.burst, start.tokens + ((base - start.at) * rate.ratePerSecond) / 1000);
  const tokens = refilled - 1;
  const at = tokens >= 0 ? base : base + (-tokens * 1000) / rate.ratePerSecond;
  return { bucket: { tokens, at: base }, at: Math.ceil(at) };
}

/** Keeps the window and bucket state of every thread and tenant of one process. */
export class RateLimiter {
  private readonly threads = new Map<string, number[]>();
  private readonly tenants = new Map<string, TokenBucket>();

  constructor(
    private readonly windows: readonly SlidingWindow[] = TEAMS_THREAD_WINDOWS,
    private readonly tenantRate: BucketRate = TEAMS_TENANT_RATE,
  ) {}

  /**
   * Reserves one request to a conversation of a tenant and returns the epoch ms at which it may be sent.
   * Reservations are synchronous, so concurrent senders never oversubscribe a limit.
   */
  reserve(threadId: string, tenantId: string, now: number): number {
    const sends = this.threads.get(threadId) ?? [];
    let at = nextWindowSlot(sends, now, this.windows);
    const reserved = reserveToken(this.tenants.get(tenantId), at, this.tenantRate);
    at = Math.max(at, reserved.at);
    at = nextWindowSlot(sends, at, this.windows);
    this.tenants.set(tenantId, reserved.bucket);
    this.threads.set(threadId, recordWindowSend(sends, at, this.windows));
    return at;
  }
}
