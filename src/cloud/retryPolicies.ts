/**
 * Every retry policy of the bot's outbound calls, with its bounds, in one place. The waits come from
 * {@link backoffDelay} and {@link parseRetryAfter} (src/cloud/retryTiming.ts); which failures are retried is decided
 * by each caller (Graph and Microsoft APIs: src/cloud/retryPolicy.ts; Bot Connector: src/notifications/sendErrors.ts).
 */

/** How many times to try and how long to wait between tries. */
export interface RetryBounds {
  /** Tries, the first included. */
  maxAttempts: number;
  /** First backoff step, ms (doubles each retry). */
  baseDelayMs: number;
  /** Longest single backoff wait, ms. */
  maxDelayMs: number;
}

/** Bounds of calls made while someone waits: all the requests, waits and retries of one operation share a budget. */
export interface RetryPolicy extends RetryBounds {
  /** Wall-clock budget of one operation (all its requests, waits and retries), ms. */
  budgetMs: number;
}

/** Microsoft Graph (service health, directory roles): a turn is waiting, so three tries within 10 s. */
export const GRAPH_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, budgetMs: 10_000, baseDelayMs: 500, maxDelayMs: 4_000 };

/**
 * Partner Center and Azure Resource Manager (service requests, support tickets): a filing is worth a longer wait,
 * long enough for a couple of short Retry-After waits.
 */
export const MICROSOFT_API_RETRY_POLICY: RetryPolicy = { ...GRAPH_RETRY_POLICY, maxAttempts: 4, budgetMs: 30_000 };

/**
 * Bot Connector proactive sends of the outbox (outage notifications): retried by later drains, so the waits are
 * long; a Retry-After is honoured up to `maxDelayMs`.
 */
export const BOT_CONNECTOR_RETRY_POLICY: RetryBounds = { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 60_000 };

/**
 * Relayed case messages (customer ↔ agent), re-sent by the relay retry: its period is the first step (configured,
 * RELAY_RETRY_INTERVAL_SECONDS), doubled per failure up to an hour, given up after ten tries.
 */
export const RELAY_RETRY_POLICY: Omit<RetryBounds, 'baseDelayMs'> = { maxAttempts: 10, maxDelayMs: 60 * 60_000 };
