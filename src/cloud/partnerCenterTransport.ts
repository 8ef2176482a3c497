/**
 * One Partner Center call: the documented headers over {@link fetchJsonWithRetries}. The MS-RequestId
 * (idempotency key) and MS-CorrelationId stay the same on every retry of a call.
 */
import { randomUUID } from 'node:crypto';
import { PartnerCenterError } from './microsoftApiError';
import type { PartnerCenterTokenSource } from './partnerCenterTokens';
import { fetchJsonWithRetries, type RetryingFetchOptions } from './retryingFetch';
import { parseApiFault } from './partnerCenterFault';

export interface TransportOptions extends RetryingFetchOptions {
  /** E.g. https://api.partnercenter.microsoft.com (no `/v1`). */
  baseUrl: string;
  /** Undefined: no Authorization header (local stand-in). */
  tokens?: PartnerCenterTokenSource;
  /** X-Locale; defaults to en-US. */
  locale?: string;
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

export class PartnerCenterTransport {
  constructor(private readonly options: TransportOptions) {}

  /** Performs the call; resolves to the parsed JSON body or throws PartnerCenterError. */
  async call(call: CallOptions): Promise<unknown> {
    const ids = { requestId: call.requestId ?? randomUUID(), correlationId: randomUUID() };
    const result = await fetchJsonWithRetries({
      method: call.method,
      url: `${this.options.baseUrl.replace(/\/+$/, '')}${call.path}`,
      headers: () => this.headers(call, ids),
      ...(call.body === undefined ? {} : { body: call.body }),
      log: { path: call.path, requestId: ids.requestId },
    }, this.options, 'partner center');
    if (result.ok) return result.answer.body;
    const { kind, status, body, attempts, cause } = result.failure;
    const fault = parseApiFault(body);
    throw new PartnerCenterError(kind, { ...ids, attempts, ...(status === undefined ? {} : { status }), ...fault }, { cause });
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
}
