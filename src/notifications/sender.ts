/**
 * Drains the outbox within Teams limits: claims each due delivery (CAS), shows or updates its card, sends the
 * resolution follow-up, and settles it as sent, retried later with backoff, or failed with its reason.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { BOT_CONNECTOR_RETRY_POLICY } from '../cloud/retryPolicies';
import type { Messenger } from '../teams/teamsMessenger';
import { outageActivity, resolvedFollowUp } from './outageCard';
import type { Delivery, Outbox } from './outbox';
import { RateLimiter } from './rateLimiter';
import { classifySendError, retryDelayMs, type SendFailure } from './sendErrors';

/**
 * Sends in flight at once by default; the per-thread and per-tenant limiters, not this, keep within Teams' limits.
 * In flight = rate × round trip: 4,000/s (100 tenants at 40/s) at a ~50 ms Connector round trip is 200, and a
 * send answered 429 keeps its place while botbuilder's HTTP pipeline waits Retry-After. With a 100 ms Connector
 * (bench/fan-out.js, BENCH_CONNECTOR_LATENCY_MS=100, memory storage) 64 capped a fan-out at 352 msg/s, 256 reached 643.
 */
export const DEFAULT_SENDER_CONCURRENCY = 256;

/** Options of {@link OutboxSender}. */
export interface OutboxSenderOptions {
  outbox: Outbox;
  messenger: Messenger;
  /** This instance's id (claims are held in its name). */
  holder: string;
  limiter?: RateLimiter;
  /** Attempts before a retryable failure becomes final (default BOT_CONNECTOR_RETRY_POLICY's, 8). */
  maxAttempts?: number;
  /** How long a claim lasts; a crashed sender's claims are taken over after it (default 60 s). */
  claimMs?: number;
  /** Deliveries sent at the same time (default {@link DEFAULT_SENDER_CONCURRENCY}). */
  concurrency?: number;
  /** First backoff step and cap in ms (defaults BOT_CONNECTOR_RETRY_POLICY's, 1 s and 60 s). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** One drain waits this long at most for retries that come due (default 5 s). */
  maxRetryWaitMs?: number;
  /**
   * Called once when a delivery fails for good, with the failure: its `outcome` says whether the recipient is to
   * be paused, removed, or the failure reported (`retry` when the attempts ran out).
   */
  onFailed?: (delivery: Delivery, failure: SendFailure) => Promise<void>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** What one {@link OutboxSender.drain} did. */
export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
}

/** Sends outbox deliveries; safe to run on several instances (claims), best run on the leader only (rates). */
export class OutboxSender {
  private readonly limiter: RateLimiter;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: OutboxSenderOptions) {
    this.limiter = options.limiter ?? new RateLimiter();
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => delay(ms));
  }

  /**
   * Sends every due delivery, round after round, until none is due (waiting for retries due within
   * `maxRetryWaitMs`) or `shouldContinue` turns false (e.g. the lease was lost).
   */
  async drain(shouldContinue: () => boolean = () => true): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retried: 0, failed: 0 };
    const deadline = this.now() + (this.options.maxRetryWaitMs ?? 5_000);
    while (shouldContinue()) {
      const queue = await this.options.outbox.queue();
      const deliveries = await this.options.outbox.readMany([...queue.keys()]);
      const settled = deliveries.filter((d) => d.status === 'sent' || d.status === 'failed');
      await this.options.outbox.dequeue(new Map(settled.map((d) => [d.key, queue.get(d.key) ?? 0])));
      const open = deliveries.filter((d) => d.status === 'pending' || d.status === 'sending');
      const at = this.now();
      const due = open.filter((d) => (d.status === 'pending' ? d.nextAttemptAt : d.claimUntil ?? 0) <= at);
      if (due.length === 0) {
        const next = Math.min(...open.map((d) => (d.status === 'pending' ? d.nextAttemptAt : d.claimUntil ?? 0)));
        if (!Number.isFinite(next) || next > deadline) return result;
        await this.sleep(Math.max(1, next - at));
        continue;
      }
      await this.pool(interleaveTenants(due), async (d) => {
        const outcome = await this.deliver(d.key);
        if (outcome) result[outcome]++;
      }, shouldContinue);
    }
    return result;
  }

  private async pool(items: readonly Delivery[], work: (d: Delivery) => Promise<void>, shouldContinue: () => boolean): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < items.length && shouldContinue()) {
        const item = items[next++];
        if (item) await work(item);
      }
    };
    await Promise.all(Array.from({ length: Math.min(items.length, this.options.concurrency ?? DEFAULT_SENDER_CONCURRENCY) }, worker));
  }

  private async slot(delivery: Delivery): Promise<void> {
    const now = this.now();
    const at = this.limiter.reserve(delivery.conversationId, delivery.tenantId, now);
    if (at > now) await this.sleep(at - now);
  }

  private async deliver(key: string): Promise<keyof DrainResult | undefined> {
    const { outbox, messenger, holder } = this.options;
    const d = await outbox.claim(key, holder, this.options.claimMs ?? 60_000);
    if (!d) return undefined;
    try {
      if (d.sentVersion < d.version) await this.showCard(d);
      if (d.followUpDue) {
        await this.slot(d);
        await messenger.send(d.reference, resolvedFollowUp(d));
        await outbox.followUpSent(key);
      }
      const status = await outbox.release(key, holder);
      return status === 'sent' ? 'sent' : undefined;
    } catch (err) {
      return this.failed(d, err);
    }
  }

  private async showCard(d: Delivery): Promise<void> {
    const activity = outageActivity(d);
    let activityId = d.activityId;
    if (activityId) {
      await this.slot(d);
      try {
        await this.options.messenger.update(d.reference, activityId, activity);
      } catch (err) {
        if (!classifySendError(err).activityMissing) throw err;
        activityId = undefined;
      }
    }
    if (!activityId) {
      await this.slot(d);
      activityId = await this.options.messenger.send(d.reference, activity);
      if (!activityId) throw new Error('the Connector returned no activity id');
    }
    await this.options.outbox.cardShown(d.key, d.version, activityId);
  }

  private async failed(d: Delivery, err: unknown): Promise<keyof DrainResult> {
    const failure = classifySendError(err, this.now());
    const attempt = d.attempts + 1;
    const final = !failure.retryable || attempt >= (this.options.maxAttempts ?? BOT_CONNECTOR_RETRY_POLICY.maxAttempts);
    const bounds = {
      baseDelayMs: this.options.backoffBaseMs ?? BOT_CONNECTOR_RETRY_POLICY.baseDelayMs,
      maxDelayMs: this.options.backoffMaxMs ?? BOT_CONNECTOR_RETRY_POLICY.maxDelayMs,
    };
    const retryAt = final ? undefined : this.now() + retryDelayMs(attempt, failure, bounds, this.options.random ?? Math.random);
    await this.options.outbox.fail(d.key, this.options.holder, failure.reason, retryAt);
    if (!final) return 'retried';
    await this.options.onFailed?.(d, failure);
    return 'failed';
  }
}

/** Orders deliveries round-robin across tenants, so one tenant's rate limit does not hold the others up. */
export function interleaveTenants(deliveries: readonly Delivery[]): Delivery[] {
  const rank = new Map<string, number>();
  return deliveries
    .map((d) => {
      const r = rank.get(d.tenantId) ?? 0;
      rank.set(d.tenantId, r + 1);
      return { d, r };
    })
    .sort((a, b) => a.r - b.r)
    .map(({ d }) => d);
}
