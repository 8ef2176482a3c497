/**
 * Reads Azure Service Health for a customer's subscriptions: ARM `GET /subscriptions/{id}/providers/
 * Microsoft.ResourceHealth/events` with the same partner credential and auxiliary-tenant token as the Azure support
 * tickets, the same bounded retries ({@link fetchJsonWithRetries}), cached per tenant with single flight. A
 * subscription that cannot be read is skipped (logged); the customer is told nothing alarming.
 */
import type { Logger } from 'pino';
import { armScope, type AzureSupportTokenSource, crossTenantTokenSource } from '../cloud/azureSupportTokens';
import { TenantCredentials } from '../cloud/graphCredentials';
import { fetchJsonWithRetries, type RetryingFetchOptions } from '../cloud/retryingFetch';
import { type AzureHealthEvent, AzureEventParseError, parseAzureEvent, RESOURCE_HEALTH_API_VERSION } from './azureServiceHealth';
import { SingleFlightCache } from '../cloud/singleFlightCache';

/** The events of a customer's subscriptions; empty when none could be read. Never throws. */
export interface AzureServiceHealthSource {
  events(tenantId: string, subscriptionIds: readonly string[]): Promise<AzureHealthEvent[]>;
}

export interface AzureServiceHealthClientOptions extends RetryingFetchOptions {
  /** ARM endpoint, e.g. https://management.azure.com. */
  baseUrl: string;
  /** Undefined: no Authorization headers (local stand-in). */
  tokens?: AzureSupportTokenSource;
  /** How long a tenant's events are served, ms; defaults to 60 000. */
  cacheTtlMs?: number;
  /** Days of events asked for (queryStartTime); default 7. */
  days?: number;
  /** Pages followed per subscription; default 5. */
  maxPages?: number;
}

/** `queryStartTime` as the published example writes it: M/D/YYYY. */
export function queryStartTime(at: Date): string {
  return `${String(at.getUTCMonth() + 1)}/${String(at.getUTCDate())}/${String(at.getUTCFullYear())}`;
}

export class ArmServiceHealthClient implements AzureServiceHealthSource {
  private readonly base: URL;
  private readonly logger: Logger;
  private readonly cache: SingleFlightCache<AzureHealthEvent[]>;

  constructor(private readonly options: AzureServiceHealthClientOptions) {
    this.base = new URL(options.baseUrl);
    this.logger = options.logger;
    this.cache = new SingleFlightCache({ ttlMs: options.cacheTtlMs ?? 60_000, ...(options.now ? { now: options.now } : {}) });
  }

  events(tenantId: string, subscriptionIds: readonly string[]): Promise<AzureHealthEvent[]> {
    if (subscriptionIds.length === 0) return Promise.resolve([]);
    const key = `${tenantId}/${[...subscriptionIds].map((id) => id.toLowerCase()).sort().join(',')}`;
    return this.cache.get(key, async () => (await Promise.all(subscriptionIds.map((id) => this.read(tenantId, id)))).flat());
  }

  private async read(tenantId: string, subscriptionId: string): Promise<AzureHealthEvent[]> {
    const now = (this.options.now ?? Date.now)();
    const first = new URL(`/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.ResourceHealth/events`, this.base);
    first.searchParams.set('api-version', RESOURCE_HEALTH_API_VERSION);
    first.searchParams.set('queryStartTime', queryStartTime(new Date(now - (this.options.days ?? 7) * 86_400_000)));
    const events: AzureHealthEvent[] = [];
    let url: URL | undefined = first;
    try {
      for (let page = 0; url && page < (this.options.maxPages ?? 5); page += 1) {
        const body = await this.get(url, tenantId, subscriptionId);
        events.push(...body.value.map((item) => parseAzureEvent(item, subscriptionId)));
        url = this.nextUrl(body.nextLink, first);
      }
    } catch (error) {
      this.logger.info({ tenantId, subscriptionId, event: 'azureHealth.skipped', eventsRead: events.length, err: error }, 'Azure Service Health not fully readable for a subscription');
    }
    return events;
  }

  private async get(url: URL, tenantId: string, subscriptionId: string): Promise<{ value: unknown[]; nextLink?: string }> {
    const tokens = this.options.tokens;
    const headers = async (): Promise<Record<string, string>> => ({ Accept: 'application/json', ...(tokens ? await tokens.headersFor(tenantId) : {}) });
    const result = await fetchJsonWithRetries({ method: 'GET', url: url.toString(), headers, log: { path: url.pathname, tenantId, subscriptionId } }, this.options, 'azure service health');
    if (!result.ok) throw new Error(`Resource Health events: ${result.failure.kind}${result.failure.status === undefined ? '' : ` (HTTP ${String(result.failure.status)})`}`);
    const body = result.answer.body as { value?: unknown; nextLink?: unknown } | undefined;
    if (!body || !Array.isArray(body.value)) throw new AzureEventParseError('events list has no value array');
    return { value: body.value, ...(typeof body.nextLink === 'string' ? { nextLink: body.nextLink } : {}) };
  }

  /**
   * The next page: the link's query on the same events path, called on the configured ARM host (tokens go nowhere
   * else); undefined when there is none or it names another path (the published example's is a placeholder).
   */
  private nextUrl(link: string | undefined, first: URL): URL | undefined {
    const parsed = link ? URL.parse(link, this.base.href) : null;
    if (!parsed || parsed.pathname.toLowerCase() !== first.pathname.toLowerCase()) return undefined;
    return new URL(`${parsed.pathname}${parsed.search}`, this.base);
  }
}

/** The app's credentials (AZURE_CLIENT_ID + secret or certificate), as for the Azure support tickets; no client id = no tokens (local stand-in). */
export interface ArmAppCredentials {
  clientId: string | undefined;
  clientSecret: string | undefined;
  certificatePath: string | undefined;
  authorityHost: string;
  partnerTenantId: string;
}

/** The client with the same tokens as the Azure support tickets: the customer tenant's, and the partner tenant's as auxiliary. */
export function createArmServiceHealthClient(app: ArmAppCredentials, options: AzureServiceHealthClientOptions): ArmServiceHealthClient {
  const { clientId, clientSecret, certificatePath, authorityHost, partnerTenantId } = app;
  const credentials = clientId ? new TenantCredentials({ clientId, clientSecret, certificatePath, authorityHost }) : undefined;
  return new ArmServiceHealthClient({
    ...options,
    ...(credentials ? { tokens: crossTenantTokenSource((tenantId) => credentials.get(tenantId), partnerTenantId, armScope(options.baseUrl)) } : {}),
  });
}
