/** Retry arithmetic for Graph calls: which failures to retry, how long to wait, when to give up. Pure. */
import type { HealthUnavailableError } from '../health/model';

export interface RetryPolicy {
  /** Tries per request, the first included. */
  maxAttempts: number;
  /** Wall-clock budget of one operation (all its requests, waits and retries), ms. */
  budgetMs: number;
  /** First backoff step, ms (doubles each retry, with jitter). */
  baseDelayMs: number;
  /** Longest single backoff wait, ms. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, budgetMs: 10_000, baseDelayMs: 500, maxDelayMs: 4_000 };

/** Why a Graph call failed, in the terms callers branch on. */
export type FailureReason = HealthUnavailableError['reason'] | 'notFound';

/** `transient` and `throttled` failures may be retried; `fatal` ones never. */
export interface Failure {
  kind: 'throttled' | 'transient' | 'fatal';
  reason: FailureReason;
  /** Server-requested wait, ms. */
  retryAfterMs?: number;
}

/** Maps an HTTP status of a failed response to a failure. */
export function failureForStatus(status: number, retryAfterMs?: number): Failure {
  const after = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (status === 429) return { kind: 'throttled', reason: 'throttled', ...after };
  if (status === 401) return { kind: 'fatal', reason: 'unauthorized' };
  if (status === 403) return { kind: 'fatal', reason: 'forbidden' };
  if (status === 404) return { kind: 'fatal', reason: 'notFound' };
  if (status === 408 || status >= 500) return { kind: 'transient', reason: 'unreachable', ...after };
  return { kind: 'fatal', reason: 'unreachable' };
}

/**
 * Retry-After → ms, rounded up to whole seconds. Accepts integer or fractional seconds ("2.5"),
 * comma lists as SharePoint sends them ("30,120": the first part), and HTTP-dates. Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const first = value?.split(',')[0]?.trim();
  if (!first) return undefined;
  if (/^\d+(\.\d+)?$/.test(first)) return Math.ceil(Number(first)) * 1000;
  const date = /[a-z]{3}/i.test(value ?? '') ? Date.parse(value ?? '') : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - nowMs) / 1000)) * 1000;
}

/** Exponential backoff with equal jitter: half fixed, half random. `failedAttempt` is 1-based. */
export function backoffDelay(failedAttempt: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * Whether to try again after `failedAttempt` failed, and after how long. Gives up on fatal failures, when
 * attempts are spent, or when the wait would not leave the budget any time (a Retry-After beyond it included).
 */
export function decideRetry(
  failure: Failure,
  failedAttempt: number,
  remainingBudgetMs: number,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  if (failure.kind === 'fatal' || failedAttempt >= policy.maxAttempts) return { retry: false };
  const delayMs = failure.retryAfterMs ?? backoffDelay(failedAttempt, policy, random);
  return delayMs < remainingBudgetMs ? { retry: true, delayMs } : { retry: false };
}
