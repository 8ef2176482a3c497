/**
 * GET requests to Graph for one tenant with a per-request timeout, bounded retries (429 with Retry-After,
 * 5xx, timeouts, resets) and nextLink paging. Reusable by any feature that reads Graph (health, handoff roles).
 */
import { GraphError, ResponseType } from '@microsoft/microsoft-graph-client';
import type { Logger } from 'pino';
import { type GraphClients, relativeGraphPath } from './graphClientFactory';
import { TOKEN_REJECTED } from './graphCredentials';
import { GraphParseError, parseCollection, parseJson } from './graphJson';
import { GRAPH_RETRY_POLICY, type RetryPolicy } from './retryPolicies';
import { decideRetry, type Failure, type FailureReason, failureForStatus } from './retryPolicy';
import { parseRetryAfter } from './retryTiming';

/** A Graph call for a tenant failed for good (after retries where they apply). */
export class GraphRequestError extends Error {
  constructor(
    readonly tenantId: string,
    readonly reason: FailureReason,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`Graph request for tenant ${tenantId} failed: ${reason}${status === undefined ? '' : ` (HTTP ${String(status)})`}`, options);
    this.name = 'GraphRequestError';
  }
}

export interface GraphRequesterOptions {
  clients: GraphClients;
  logger: Logger;
  /** Per-request timeout (token acquisition included), ms. Defaults to 4000. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Pages followed per collection before giving up with `malformed`. Defaults to 50. */
  maxPages?: number;
  random?: () => number;
  now?: () => number;
}

/** Limits shared by the requests of one operation. */
export interface CallScope {
  /** Epoch ms after which no new attempt starts. Defaults to now + the policy budget. */
  deadline?: number;
  /** Aborts waits and in-flight requests (e.g. a sibling request already failed). */
  signal?: AbortSignal;
}

type AttemptResult = { ok: true; body: unknown } | { ok: false; failure: Failure; status?: number; cause?: unknown };

class RequestTimeout extends Error {
  constructor(ms: number) {
    super(`Graph request timed out after ${String(ms)} ms`);
    this.name = 'RequestTimeout';
  }
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('aborted');
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Failures thrown before any HTTP status: a refused token is fatal; Entra outages, timeouts, resets and DNS are transient. */
function failureForThrown(error: unknown): Failure {
  return error instanceof GraphError && error.code === TOKEN_REJECTED
    ? { kind: 'fatal', reason: 'unauthorized' }
    : { kind: 'transient', reason: 'unreachable' };
}

export class GraphRequester {
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly options: GraphRequesterOptions) {
    this.policy = { ...GRAPH_RETRY_POLICY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 4_000;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** Epoch ms at which an operation starting now must be over. */
  deadlineFromNow(): number {
    return this.now() + this.policy.budgetMs;
  }

  /** GETs a collection (`path` relative to the version, e.g. `admin/serviceAnnouncement/issues`) and every next page. */
  async getCollection(tenantId: string, path: string, scope: CallScope = {}): Promise<unknown[]> {
    const deadline = scope.deadline ?? this.deadlineFromNow();
    const items: unknown[] = [];
    let next: string | undefined = path;
    for (let page = 0; next !== undefined; page += 1) {
      if (page >= (this.options.maxPages ?? 50)) throw new GraphRequestError(tenantId, 'malformed', undefined, { cause: new Error(`more than ${String(page)} pages`) });
      const body = await this.getJson(tenantId, next, { ...scope, deadline });
      const collection = this.parse(tenantId, () => parseCollection(body));
      items.push(...collection.value);
      const link = collection.nextLink;
      next = link === undefined ? undefined : this.parse(tenantId, () => relativeGraphPath(link, this.options.clients));
    }
    return items;
  }

  /** GETs one JSON document, retrying per the policy within the scope's deadline. */
  async getJson(tenantId: string, path: string, scope: CallScope = {}): Promise<unknown> {
    const deadline = scope.deadline ?? this.deadlineFromNow();
    const route = path.split('?')[0];
    for (let attempt = 1; ; attempt += 1) {
      const remaining = deadline - this.now();
      const result = remaining > 0
        ? await this.attempt(tenantId, path, Math.min(this.timeoutMs, remaining), scope.signal)
        : { ok: false as const, failure: { kind: 'transient' as const, reason: 'unreachable' as const }, cause: new RequestTimeout(0) };
      if (result.ok) return result.body;
      if (scope.signal?.aborted) throw new GraphRequestError(tenantId, result.failure.reason, result.status, { cause: scope.signal.reason });
      const decision = decideRetry(result.failure, attempt, deadline - this.now(), this.policy, this.random);
      const context = { tenantId, route, attempt, status: result.status, reason: result.failure.reason };
      if (!decision.retry) {
        this.options.logger.warn({ ...context, err: result.cause }, 'graph request failed');
        throw new GraphRequestError(tenantId, result.failure.reason, result.status, { cause: result.cause });
      }
      this.options.logger.info({ ...context, delayMs: decision.delayMs }, 'graph request failed, retrying');
      await abortableSleep(decision.delayMs, scope.signal);
    }
  }

  private parse<T>(tenantId: string, read: () => T): T {
    try {
      return read();
    } catch (error) {
      throw new GraphRequestError(tenantId, 'malformed', undefined, { cause: error });
    }
  }

  /** One try, bounded by `timeoutMs` (token acquisition included); never throws. */
  private async attempt(tenantId: string, path: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<AttemptResult> {
    const controller = new AbortController();
    const onAbort = (): void => { controller.abort(signal?.reason); };
    signal?.addEventListener('abort', onAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new RequestTimeout(timeoutMs));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.send(tenantId, path, controller.signal), timeout]);
    } catch (error) {
      return { ok: false, failure: failureForThrown(error), cause: error };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** One GET; the body is read here so the timeout covers it too. */
  private async send(tenantId: string, path: string, signal: AbortSignal): Promise<AttemptResult> {
    const raw: unknown = await this.options.clients.forTenant(tenantId).api(path).option('signal', signal).responseType(ResponseType.RAW).get();
    if (!(raw instanceof Response)) return { ok: false, failure: { kind: 'fatal', reason: 'malformed' } };
    const text = await raw.text();
    if (raw.ok) {
      try {
        return { ok: true, body: parseJson(text) };
      } catch (error) {
        return { ok: false, failure: { kind: 'fatal', reason: 'malformed' }, status: raw.status, cause: error };
      }
    }
    const retryAfterMs = parseRetryAfter(raw.headers.get('retry-after'), this.now());
    const cause = { code: graphErrorCode(text), requestId: raw.headers.get('request-id') };
    return { ok: false, failure: failureForStatus(raw.status, retryAfterMs), status: raw.status, cause };
  }
}

/** `error.code` of a Graph error body, for logs; undefined when the body is not one. */
function graphErrorCode(text: string): string | undefined {
  try {
    const body = parseJson(text) as { error?: { code?: unknown } } | null;
    return typeof body?.error?.code === 'string' ? body.error.code : undefined;
  } catch (error) {
    if (error instanceof GraphParseError) return undefined;
    throw error;
  }
}
