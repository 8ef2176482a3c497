/** How long to wait before a retry: the server's Retry-After, or exponential backoff. Pure. */
import type { RetryBounds } from './retryPolicies';

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

/**
 * Exponential backoff with equal jitter: the step (`baseDelayMs` doubled per failure, at most `maxDelayMs`), half
 * fixed and half random. `failedAttempt` is 1-based; `random` returns a number in [0, 1].
 */
export function backoffDelay(failedAttempt: number, bounds: Pick<RetryBounds, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const step = Math.min(bounds.maxDelayMs, bounds.baseDelayMs * 2 ** Math.max(0, failedAttempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** A `random` for {@link backoffDelay} that waits the whole step: for retries one instance runs on a schedule (no herd). */
export const NO_JITTER = (): number => 1;
