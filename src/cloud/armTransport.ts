/**
 * One Azure Resource Manager call: the documented headers over {@link fetchJsonWithRetries}, on the configured ARM
 * host only (a customer's token goes nowhere else). The client request id and correlation id stay the same on every
 * retry of a call. Its failures are {@link AzureSupportError}s: `Microsoft.Support` is the only ARM API the bot calls.
 */
import { randomUUID } from 'node:crypto';
import type { AzureSupportTokenSource } from './azureSupportTokens';
import { isJsonObject } from '../jsonObject';
import { AzureSupportError, malformedAnswer } from './microsoftApiError';
import { fetchJsonWithRetries, type JsonAnswer, type RetryingFetchOptions } from './retryingFetch';

export interface ArmTransportOptions extends RetryingFetchOptions {
  /** ARM endpoint, e.g. https://management.azure.com (AZURE_RESOURCE_MANAGER_URL). */
  baseUrl: string;
  /** `api-version` of the calls that do not carry their own. */
  apiVersion: string;
  /** Undefined: no Authorization headers (local stand-in). */
  tokens?: AzureSupportTokenSource;
  /** Accept-Language of the answers; default en-US. */
  locale?: string;
}

export interface ArmCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** Path (and query) below the ARM host, e.g. from {@link ArmTransport.pathOf}. */
  path: string;
  /** Tenant whose token the call carries. */
  tenantId: string;
  body?: unknown;
  /** False for links of answers (operation status, nextLink): they carry their own api-version. Default true. */
  versioned?: boolean;
}

/** ARM's error body `{"error":{"code","message"}}`; undefined for any other shape. */
export function parseArmError(body: unknown): { code?: string; description: string } | undefined {
  const error = isJsonObject(body) ? body.error : undefined;
  if (!isJsonObject(error)) return undefined;
  const message = typeof error.message === 'string' ? error.message : '';
  const code = typeof error.code === 'string' && error.code !== '' ? error.code : undefined;
  return { description: message, ...(code === undefined ? {} : { code }) };
}

export class ArmTransport {
  private readonly base: URL;

  constructor(private readonly options: ArmTransportOptions) {
    this.base = new URL(options.baseUrl);
  }

  /** Performs the call; resolves to the 2xx answer or throws AzureSupportError. */
  async call(call: ArmCall): Promise<JsonAnswer> {
    const url = new URL(call.path, this.base);
    // A path that names a host of its own (`//evil.example/x`) would take the customer's token elsewhere.
    if (url.origin !== this.base.origin) throw malformedAnswer('azureSupport', new Error('a link to another host than Azure Resource Manager'));
    if (call.versioned ?? true) url.searchParams.set('api-version', this.options.apiVersion);
    const ids = { requestId: randomUUID(), correlationId: randomUUID() };
    const headers = async (): Promise<Record<string, string>> => ({
      Accept: 'application/json',
      'Accept-Language': this.options.locale ?? 'en-US',
      'x-ms-client-request-id': ids.requestId,
      'x-ms-correlation-request-id': ids.correlationId,
      ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(this.options.tokens ? await this.options.tokens.headersFor(call.tenantId) : {}),
    });
    const log = { path: url.pathname, requestId: ids.requestId, tenantId: call.tenantId };
    const result = await fetchJsonWithRetries({ method: call.method, url: url.toString(), headers, body: call.body, log }, this.options, 'azure support');
    if (result.ok) return result.answer;
    const { kind, status, attempts, cause } = result.failure;
    const error = parseArmError(result.failure.body);
    throw new AzureSupportError(kind, { ...ids, attempts, ...(status === undefined ? {} : { status }), ...error }, { cause });
  }

  /**
   * The path and query of a link of an answer (operation status, nextLink), to be called on the configured ARM host
   * whatever host the link names: published answers name management.azure.com, and tokens go to no other host.
   */
  pathOf(link: string | null | undefined, what: string): string {
    const url = link ? URL.parse(link, this.base.href) : null;
    if (!url) throw malformedAnswer('azureSupport', new Error(`answer without a usable ${what}`));
    return `${url.pathname}${url.search}`;
  }
}
