/**
 * One JSON call to a Microsoft API over fetch, shared by the Partner Center and Azure support clients: a
 * per-attempt timeout and bounded retries (429 with Retry-After, 5xx, timeouts, network failures) from
 * src/cloud/retryPolicies.ts. The caller's headers (idempotency and correlation ids included) are the same on
 * every retry; the tokens are asked for again on each attempt (their source caches them).
 */
import type { Logger } from 'pino';
import { TOKEN_REJECTED } from './graphCredentials';
import { type ApiErrorKind, kindForStatus } from './microsoftApiError';
import { MICROSOFT_API_RETRY_POLICY, type RetryPolicy } from './retryPolicies';
import { decideRetry, type Failure, failureForStatus } from './retryPolicy';
import { parseRetryAfter } from './retryTiming';

/** Tunables of a client, shared by both APIs. */
export interface RetryingFetchOptions {
  logger: Logger;
  /** Per-attempt timeout, ms; defaults to 10 000. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  random?: () => number;
  now?: () => number;
}

/** One call: its absolute URL, and its headers built per attempt (tokens). */
export interface JsonRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  headers: () => Promise<Record<string, string>>;
  body?: unknown;
  /** Logged with every failure (method, path, request id…). */
  log: Record<string, unknown>;
}

/** A 2xx answer: its status, headers and JSON body (undefined when empty). */
export interface JsonAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A call that failed for good: its kind, the last status and error body, and how many attempts were made. */
export interface JsonFailure {
  kind: ApiErrorKind;
  status?: number;
  body?: unknown;
  attempts: number;
  cause?: unknown;
}

type Attempt = { ok: true; answer: JsonAnswer } | ({ ok: false; failure: Failure } & Omit<JsonFailure, 'attempts'>);

/** Performs the call with retries; resolves to the answer or to the final failure (never throws). */
export async function fetchJsonWithRetries(request: JsonRequest, options: RetryingFetchOptions, name: string): Promise<{ ok: true; answer: JsonAnswer } | { ok: false; failure: JsonFailure }> {
  const policy = { ...MICROSOFT_API_RETRY_POLICY, ...options.retry };
  const now = options.now ?? Date.now;
  const deadline = now() + policy.budgetMs;
  for (let attempt = 1; ; attempt += 1) {
    const result = await attemptOnce(request, options, Math.max(1, Math.min(options.timeoutMs ?? 10_000, deadline - now())));
    if (result.ok) return result;
    const decision = decideRetry(result.failure, attempt, deadline - now(), policy, options.random ?? Math.random);
    const context = { ...request.log, method: request.method, attempt, status: result.status };
    if (!decision.retry) {
      options.logger.warn({ ...context, err: result.cause }, `${name} call failed`);
      const { failure: _failure, ok: _ok, ...final } = result;
      return { ok: false, failure: { ...final, attempts: attempt } };
    }
    options.logger.info({ ...context, delayMs: decision.delayMs }, `${name} call failed, retrying`);
    await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
  }
}

/** One try; never throws. */
async function attemptOnce(request: JsonRequest, options: RetryingFetchOptions, timeoutMs: number): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => { controller.abort(new Error(`timed out after ${String(timeoutMs)} ms`)); }, timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(request.url, {
      method: request.method,
      headers: await request.headers(),
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: controller.signal,
    });
    const body = parseJsonOrText(await response.text());
    if (response.ok) {
      return body.ok
        ? { ok: true, answer: { status: response.status, headers: response.headers, body: body.value } }
        : { ok: false, kind: 'malformed', failure: { kind: 'fatal', reason: 'malformed' }, cause: new Error('response is not JSON') };
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), (options.now ?? Date.now)());
    return {
      ok: false, kind: kindForStatus(response.status), failure: failureForStatus(response.status, retryAfterMs), status: response.status,
      ...(body.ok && body.value !== undefined ? { body: body.value } : {}),
    };
  } catch (error) {
    const rejected = error instanceof Error && error.name === TOKEN_REJECTED;
    return rejected
      ? { ok: false, kind: 'consent', failure: { kind: 'fatal', reason: 'unauthorized' }, cause: error }
      : { ok: false, kind: 'unavailable', failure: { kind: 'transient', reason: 'unreachable' }, cause: error };
  } finally {
    clearTimeout(timer);
  }
}

function parseJsonOrText(raw: string): { ok: true; value: unknown } | { ok: false } {
  if (raw.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}
