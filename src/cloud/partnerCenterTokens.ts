/**
 * Bearer tokens for Partner Center. Service request routes need App+User tokens: the Secure Application Model
 * keeps a refresh token from a one-time consent and redeems it; any @azure/identity credential also fits
 * (app-only is enough for `/v1/customers`). The local stand-in runs without tokens.
 */
import type { TokenCredential } from '@azure/identity';
import { TokenAcquisitionError } from './graphCredentials';

export const PARTNER_CENTER_SCOPE = 'https://api.partnercenter.microsoft.com/.default';

/** Gives a valid bearer token for each call. */
export interface PartnerCenterTokenSource {
  getToken(): Promise<string>;
}

/** Tokens from any @azure/identity credential (scope {@link PARTNER_CENTER_SCOPE}). */
export function credentialTokenSource(credential: TokenCredential, partnerTenantId: string): PartnerCenterTokenSource {
  return {
    async getToken() {
      const token = await credential.getToken(PARTNER_CENTER_SCOPE);
      if (!token) throw new TokenAcquisitionError(partnerTenantId, 'unavailable');
      return token.token;
    },
  };
}

/** Secure Application Model settings (PARTNER_CENTER_* and AZURE_AUTHORITY_HOST). */
export interface RefreshTokenConfig {
  /** Defaults to https://login.microsoftonline.com. */
  authorityHost?: string;
  partnerTenantId: string;
  clientId: string;
  clientSecret: string;
  /** From the one-time consent; a rotated one replaces it in memory. */
  refreshToken: string;
  fetch?: typeof fetch;
  now?: () => number;
}

const EXPIRY_MARGIN_MS = 120_000;

/** Redeems the consent's refresh token at the v2 token endpoint; caches the access token until shortly before expiry. */
export function refreshTokenSource(config: RefreshTokenConfig): PartnerCenterTokenSource {
  const doFetch = config.fetch ?? fetch;
  const now = config.now ?? Date.now;
  const host = (config.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  let refreshToken = config.refreshToken;
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const redeem = async (): Promise<string> => {
    const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: config.clientId, client_secret: config.clientSecret, refresh_token: refreshToken, scope: PARTNER_CENTER_SCOPE });
    let response: Response;
    try {
      response = await doFetch(`${host}/${encodeURIComponent(config.partnerTenantId)}/oauth2/v2.0/token`, { method: 'POST', body: form });
    } catch (error) {
      throw new TokenAcquisitionError(config.partnerTenantId, 'unavailable', { cause: error });
    }
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; refresh_token?: unknown; error?: unknown };
    if (!response.ok || typeof body.access_token !== 'string') {
      const kind = response.status >= 400 && response.status < 500 ? 'rejected' : 'unavailable';
      throw new TokenAcquisitionError(config.partnerTenantId, kind, { cause: new Error(typeof body.error === 'string' ? body.error : `HTTP ${String(response.status)}`) });
    }
    if (typeof body.refresh_token === 'string') refreshToken = body.refresh_token;
    const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600)) * 1000;
    cached = { token: body.access_token, expiresAt: now() + lifetimeMs - EXPIRY_MARGIN_MS };
    return body.access_token;
  };

  return {
    getToken() {
      if (cached && cached.expiresAt > now()) return Promise.resolve(cached.token);
      pending ??= redeem().finally(() => { pending = undefined; });
      return pending;
    },
  };
}
