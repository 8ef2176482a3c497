/**
 * One Partner Center call over fetch: the documented headers, a per-attempt timeout and bounded retries
 * (429 with Retry-After, 5xx, timeouts, network failures) from src/health/retryPolicy.ts. The MS-RequestId
 * (idempotency key) and MS-CorrelationId stay the same on every retry of a call.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { TOKEN_REJECTED } from '../health/graphCredentials';
import { decideRetry, DEFAULT_RETRY_POLICY, type Failure, failureForStatus, parseRetryAfter, type RetryPolicy } from '../health/retryPolicy';
import { kindForStatus, PartnerCenterError, type PartnerCenterErrorKind } from './errors';
import type { PartnerCenterTokenSource } from './partnerCenterTokens';
import { parseApiFault } from './wireParse';

export interface TransportOptions {
  /** E.g. https://api.partnercenter.microsoft.com (no `/v1`). */
  baseUrl: string;
  /** Undefined: no Authorization header (local stand-in). */
  tokens?: PartnerCenterTokenSource;
  logger: Logger;
  /** X-Locale; defaults to en-US. */
  locale?: string;
  /** Per-attempt timeout, ms; defaults to 10 000. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  random?: () => number;
  now?: () => number;
}

export interface CallOptions {
  method: 'GET' | 'POST' | 'PATCH';
  /** Path below the base URL, starting with `/v1/`. */
  path: string;
  body?: unknown;
  /** Idempotency key; a fresh GUID when absent. */
  requestId?: string;
  headers?: Record<string, string>;
}

type Attempt =
  | { ok: true; body: unknown }
  | { ok: false; kind: PartnerCenterErrorKind; failure: Failure; status?: number; fault?: { code?: string; description: string }; cause?: unknown };

/** Default budget for one call: long enough for a couple of short Retry-After waits. */
const PC_RETRY_POLICY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 4, budgetMs: 30_000 };

export class PartnerCenterTransport {
  private readonly policy: RetryPolicy;

  constructor(private readonly options: TransportOptions) {
    this.policy = { ...PC_RETRY_POLICY, ...options.retry };
  }

  /** Performs the call; resolves to the parsed JSON body or throws PartnerCenterError. */
  async call(call: CallOptions): Promise<unknown> {
    const now = this.options.now ?? Date.now;
    const deadline = now() + this.policy.budgetMs;
    const ids = { requestId: call.requestId ?? randomUUID(), correlationId: randomUUID() };
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.attempt(call, ids, Math.max(1, Math.min(this.options.timeoutMs ?? 10_000, deadline - now())));
      if (result.ok) return result.body;
      const decision = decideRetry(result.failure, attempt, deadline - now(), this.policy, this.options.random ?? Math.random);
      const context = { method: call.method, path: call.path, requestId: ids.requestId, attempt, status: result.status };
      if (!decision.retry) {
        this.options.logger.warn({ ...context, err: result.cause, fault: result.fault }, 'partner center call failed');
        const details = { ...ids, attempts: attempt, ...(result.status === undefined ? {} : { status: result.status }), ...result.fault };
        throw new PartnerCenterError(result.kind, details, { cause: result.cause });
      }
      this.options.logger.info({ ...context, delayMs: decision.delayMs }, 'partner center call failed, retrying');
      await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    }
  }

  private async headers(call: CallOptions, ids: { requestId: string; correlationId: string }): Promise<Record<string, string>> {
    const token = this.options.tokens ? await this.options.tokens.getToken() : undefined;
    return {
      Accept: 'application/json',
      'MS-RequestId': ids.requestId,
      'MS-CorrelationId': ids.correlationId,
      'X-Locale': this.options.locale ?? 'en-US',
      ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
      ...call.headers,
    };
  }

  /** One try; never throws. */
  private async attempt(call: CallOptions, ids: { requestId: string; correlationId: string }, timeoutMs: number): Promise<Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(() => { controller.abort(new Error(`timed out after ${String(timeoutMs)} ms`)); }, timeoutMs);
    try {
      const response = await (this.options.fetch ?? fetch)(`${this.options.baseUrl.replace(/\/+$/, '')}${call.path}`, {
        method: call.method,
        headers: await this.headers(call, ids),
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        signal: controller.signal,
      });
      const raw = await response.text();
      const body = parseJsonOrText(raw);
      if (response.ok) {
        return body.ok ? { ok: true, body: body.value } : { ok: false, kind: 'malformed', failure: { kind: 'fatal', reason: 'malformed' }, cause: new Error('response is not JSON') };
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), (this.options.now ?? Date.now)());
      const fault = body.ok ? parseApiFault(body.value) : undefined;
      return { ok: false, kind: kindForStatus(response.status), failure: failureForStatus(response.status, retryAfterMs), status: response.status, ...(fault ? { fault } : {}) };
    } catch (error) {
      const rejected = error instanceof Error && error.name === TOKEN_REJECTED;
      return rejected
        ? { ok: false, kind: 'consent', failure: { kind: 'fatal', reason: 'unauthorized' }, cause: error }
        : { ok: false, kind: 'unavailable', failure: { kind: 'transient', reason: 'unreachable' }, cause: error };
    } finally {
      clearTimeout(timer);
    }
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
