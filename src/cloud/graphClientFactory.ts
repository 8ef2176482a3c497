/**
 * Microsoft Graph clients per tenant. With credentials: bearer tokens from that tenant's credential, sent only
 * to the configured Graph host. Without credentials (local sandbox): no token, `x-sandbox-tenant` names the tenant.
 * Retries are not in the client: callers own them (see GraphRequester).
 */
import { AuthenticationHandler, Client, type Context, HTTPMessageHandler, type Middleware, TelemetryHandler } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { TokenCredential } from '@azure/identity';

/** Header telling the Graph stand-in which tenant an unauthenticated request is for. */
export const SANDBOX_TENANT_HEADER = 'x-sandbox-tenant';
export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

export interface GraphClientFactoryOptions {
  /** GRAPH_BASE_URL without version, e.g. `https://graph.microsoft.com`. */
  baseUrl: string;
  /** Credential of a tenant; absent = no-auth mode for the local sandbox. */
  credentialFor?: (tenantId: string) => TokenCredential;
  /** Defaults to `v1.0`. */
  version?: string;
  /** Token scope; defaults to Graph's `.default` (national clouds: their own). */
  scope?: string;
}

/** Graph clients per tenant, plus where they point. */
export interface GraphClients {
  readonly baseUrl: string;
  readonly version: string;
  /** True when requests carry no token (local sandbox). */
  readonly anonymous: boolean;
  /** The client for `tenantId` (created once, then reused). */
  forTenant(tenantId: string): Client;
}

/** Adds `x-sandbox-tenant` to every request. */
class SandboxTenantHeader implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly tenantId: string) {}

  async execute(context: Context): Promise<void> {
    const headers = new Headers(context.options?.headers);
    headers.set(SANDBOX_TENANT_HEADER, this.tenantId);
    context.options = { ...context.options, headers };
    if (!this.next) throw new Error('SandboxTenantHeader must not be the last middleware');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

function trimTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Creates the per-tenant client cache. */
export function createGraphClients(options: GraphClientFactoryOptions): GraphClients {
  const baseUrl = trimTrailingSlash(options.baseUrl);
  const version = options.version ?? 'v1.0';
  const host = new URL(baseUrl).hostname;
  const clients = new Map<string, Client>();
  const { credentialFor } = options;

  const middlewareFor = (tenantId: string): Middleware[] => {
    if (!credentialFor) return [new SandboxTenantHeader(tenantId), new HTTPMessageHandler()];
    const provider = new TokenCredentialAuthenticationProvider(credentialFor(tenantId), { scopes: [options.scope ?? GRAPH_DEFAULT_SCOPE] });
    return [new AuthenticationHandler(provider), new TelemetryHandler(), new HTTPMessageHandler()];
  };

  return {
    baseUrl,
    version,
    anonymous: credentialFor === undefined,
    forTenant(tenantId: string): Client {
      const cached = clients.get(tenantId);
      if (cached) return cached;
      const client = Client.initWithMiddleware({
        middleware: middlewareFor(tenantId),
        baseUrl,
        defaultVersion: version,
        customHosts: new Set([host]),
        fetchOptions: { redirect: 'error' },
      });
      clients.set(tenantId, client);
      return client;
    },
  };
}

/**
 * A nextLink as a path the Graph client accepts (`admin/...?$skip=100`), to be called on the configured base URL.
 * A link on another origin (Graph names `https://graph.microsoft.com` even behind a proxy or a national-cloud
 * gateway) is rebased: only its path and query are kept, so a token never goes to another host. The path must be
 * under the configured version (or the base path and version); anything else throws.
 */
export function relativeGraphPath(link: string, clients: Pick<GraphClients, 'baseUrl' | 'version'>): string {
  const target = new URL(link, clients.baseUrl);
  const base = new URL(clients.baseUrl);
  const prefixes = [`${trimTrailingSlash(base.pathname)}/${clients.version}/`, `/${clients.version}/`];
  const prefix = prefixes.find((candidate) => target.pathname.startsWith(candidate));
  const path = prefix === undefined ? undefined : target.pathname.slice(prefix.length) + target.search;
  // The Graph client reads a path holding `://` as a URL of its own, and one starting with `/` as another root.
  if (path === undefined || path.startsWith('/') || path.includes('://')) {
    throw new Error(`Refusing to follow a Graph link outside ${clients.baseUrl}/${clients.version}`);
  }
  return path;
}
