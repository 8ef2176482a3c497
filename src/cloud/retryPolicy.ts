/** Retry decisions for Graph and Microsoft API calls: which failures to retry, how long to wait, when to give up. Pure. */
import type { RetryPolicy } from './retryPolicies';
import { backoffDelay } from './retryTiming';

/** Why a call failed, in the terms callers branch on. */
export type FailureReason = 'unauthorized' | 'forbidden' | 'throttled' | 'unreachable' | 'malformed' | 'notFound';

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
