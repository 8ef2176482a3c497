/** One @azure/identity credential per customer tenant for the bot's multi-tenant app registration. */
import { type AccessToken, ClientCertificateCredential, ClientSecretCredential, type GetTokenOptions, type TokenCredential } from '@azure/identity';

/** The app registration used to reach customer tenants (AZURE_CLIENT_ID, AZURE_CLIENT_SECRET | AZURE_CLIENT_CERTIFICATE_PATH, AZURE_AUTHORITY_HOST). */
export interface GraphAppCredentialConfig {
  clientId: string;
  clientSecret?: string;
  /** PEM file holding the private key and certificate. */
  certificatePath?: string;
  /** Defaults to the public cloud (https://login.microsoftonline.com). */
  authorityHost?: string;
  /** Skip the authority check against the public cloud (needed for local stand-ins). Defaults to true: the host comes from our own config. */
  disableInstanceDiscovery?: boolean;
  /** Retries @azure/identity itself makes on a failed token request. Defaults to 1: callers own the retry budget. */
  tokenRetries?: number;
}

/** The app registration as configured: no client id means no credentials (the local sandbox). */
export interface AppRegistrationSettings {
  clientId: string | undefined;
  clientSecret: string | undefined;
  certificatePath: string | undefined;
  authorityHost: string;
}

/** One credential per customer tenant for the configured app registration, or undefined without a client id. */
export function tenantCredentialsFor(settings: AppRegistrationSettings): TenantCredentials | undefined {
  const { clientId, clientSecret, certificatePath, authorityHost } = settings;
  return clientId ? new TenantCredentials({ clientId, clientSecret, certificatePath, authorityHost }) : undefined;
}

/** `rejected`: Entra refused the app (bad secret, not consented, unknown app). `unavailable`: Entra could not be reached or failed. */
export type TokenFailureKind = 'rejected' | 'unavailable';

/** `name` of a TokenAcquisitionError of each kind. */
export const TOKEN_REJECTED = 'TokenRejectedError';
export const TOKEN_UNAVAILABLE = 'TokenUnavailableError';

/** A token could not be acquired for a tenant. Its `name` tells the kind, so it survives the Graph client's error wrapping. */
export class TokenAcquisitionError extends Error {
  constructor(
    readonly tenantId: string,
    readonly kind: TokenFailureKind,
    options?: { cause?: unknown },
  ) {
    super(`Token acquisition for tenant ${tenantId} failed: ${kind}`, options);
    this.name = kind === 'rejected' ? TOKEN_REJECTED : TOKEN_UNAVAILABLE;
  }
}

/** OAuth 2.0 / Entra error codes meaning the request itself was refused: retrying will not help. */
const REJECTING_CODES = ['invalid_client', 'unauthorized_client', 'invalid_scope', 'invalid_request', 'invalid_grant', 'unsupported_grant_type', 'invalid_resource', 'consent_required', 'access_denied'];

/**
 * Reads the OAuth error code of an @azure/identity failure: `errorResponse.error` when present, else the
 * `code:` prefix MSAL puts at the start of the message (the only structured signal @azure/identity 4 keeps).
 */
export function classifyTokenError(error: unknown): TokenFailureKind {
  if (!(error instanceof Error)) return 'unavailable';
  const response: unknown = (error as { errorResponse?: unknown }).errorResponse;
  const fromResponse = typeof response === 'object' && response !== null ? (response as { error?: unknown }).error : undefined;
  const code = typeof fromResponse === 'string' ? fromResponse : /^([a-z_]+):/.exec(error.message)?.[1];
  return code !== undefined && REJECTING_CODES.includes(code) ? 'rejected' : 'unavailable';
}

/**
 * Wraps a tenant's credential: concurrent requests for the same scopes share one token request, and every
 * failure is a TokenAcquisitionError for the tenant.
 */
class TenantCredential implements TokenCredential {
  private readonly inFlight = new Map<string, Promise<AccessToken | null>>();

  constructor(
    private readonly inner: TokenCredential,
    private readonly tenantId: string,
  ) {}

  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    const key = `${[scopes].flat().join(' ')}|${options?.claims ?? ''}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const request = this.acquire(scopes, options).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  private async acquire(scopes: string | string[], options: GetTokenOptions | undefined): Promise<AccessToken | null> {
    try {
      return await this.inner.getToken(scopes, options);
    } catch (error) {
      throw new TokenAcquisitionError(this.tenantId, classifyTokenError(error), { cause: error });
    }
  }
}

/** Credentials cached per tenant id; each tenant gets its own token cache. */
export class TenantCredentials {
  private readonly byTenant = new Map<string, TokenCredential>();

  constructor(private readonly config: GraphAppCredentialConfig) {
    if (!config.clientSecret && !config.certificatePath) {
      throw new Error('Graph credentials need a client secret or a certificate path');
    }
  }

  get(tenantId: string): TokenCredential {
    const cached = this.byTenant.get(tenantId);
    if (cached) return cached;
    const credential = new TenantCredential(this.create(tenantId), tenantId);
    this.byTenant.set(tenantId, credential);
    return credential;
  }

  private create(tenantId: string): TokenCredential {
    const { clientId, clientSecret, certificatePath, authorityHost } = this.config;
    const options = {
      ...(authorityHost ? { authorityHost } : {}),
      disableInstanceDiscovery: this.config.disableInstanceDiscovery ?? true,
      retryOptions: { maxRetries: this.config.tokenRetries ?? 1 },
    };
    return clientSecret
      ? new ClientSecretCredential(tenantId, clientId, clientSecret, options)
      : new ClientCertificateCredential(tenantId, clientId, { certificatePath: certificatePath ?? '' }, options);
  }
}
