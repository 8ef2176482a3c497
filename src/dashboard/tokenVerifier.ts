/**
 * Checks the Entra access token Teams SSO (`authentication.getAuthToken()`) gives the tab: RS256 signature against
 * the authority's published keys (JWKS), not expired, audience the app's `webApplicationInfo.resource` or its app
 * id, issuer the v2 (`<authority>/<tid>/v2.0`) or v1 (`https://sts.windows.net/<tid>/`) issuer of the token's own
 * tenant. Who may then read what is decided elsewhere (dashboardAccess.ts).
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

/** A user whose token checked out. */
export interface SignedInUser {
  tenantId: string;
  aadObjectId: string;
  name: string;
}

export interface TokenVerifierOptions {
  /** The Entra authority host (AZURE_AUTHORITY_HOST), e.g. `https://login.microsoftonline.com`. */
  authorityHost: string;
  /** The app id (MicrosoftAppId) and the bot's host name (BOT_DOMAIN) that make the resource. */
  appId: string;
  botDomain: string;
}

/** Seconds of clock skew allowed on `exp` and `nbf`. */
const CLOCK_TOLERANCE_SECONDS = 60;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tab's Entra resource, as the app package declares it in `webApplicationInfo.resource`. */
export function dashboardResource(botDomain: string, appId: string): string {
  return `api://${botDomain}/${appId}`;
}

/** Whether `iss` is the v2 or v1 issuer of tenant `tid` at this authority. Pure. */
export function isTenantIssuer(iss: unknown, tid: string, authorityHost: string): boolean {
  const host = authorityHost.replace(/\/+$/, '');
  return iss === `${host}/${tid}/v2.0` || iss === `https://sts.windows.net/${tid}/`;
}

/** The scope the tab's Entra app exposes and Teams asks for (`api://<BOT_DOMAIN>/<appId>/access_as_user`). */
export const DASHBOARD_SCOPE = 'access_as_user';

/** The user of a verified payload, or undefined when a claim the dashboard needs is missing. Pure. */
export function signedInUser(payload: JWTPayload, authorityHost: string): SignedInUser | undefined {
  const { tid, oid, name, preferred_username: username, scp, idtyp } = payload as Record<string, unknown>;
  if (typeof tid !== 'string' || !GUID.test(tid) || typeof oid !== 'string' || !GUID.test(oid)) return undefined;
  // A user's delegated token for the tab's scope only: not an app-only token, not an ID token (no scope).
  if (idtyp === 'app' || typeof scp !== 'string' || !scp.split(' ').includes(DASHBOARD_SCOPE)) return undefined;
  if (!isTenantIssuer(payload.iss, tid, authorityHost)) return undefined;
  const display = typeof name === 'string' && name.trim() !== '' ? name : typeof username === 'string' ? username : oid;
  return { tenantId: tid.toLowerCase(), aadObjectId: oid.toLowerCase(), name: display };
}

/**
 * A bearer token checker: the user, or undefined for any token that is not a valid one for this app.
 * @throws KeysUnavailableError when the authority's keys cannot be read (the token was not judged).
 */
export type TokenVerifier = (token: string) => Promise<SignedInUser | undefined>;

/** The authority's JWKS could not be fetched or parsed: no token can be judged now (503, not 401). */
export class KeysUnavailableError extends Error {
  constructor(options: { cause: unknown }) {
    super('the authority\'s signing keys are unavailable', options);
    this.name = 'KeysUnavailableError';
  }
}

/** jose errors that say the keys could not be had, not that the token is bad. */
const KEY_FETCH_CODES: readonly string[] = [errors.JWKSTimeout.code, errors.JWKSInvalid.code, errors.JOSEError.code];

/** Whether a verification error is about reaching the keys (network, timeout, a bad JWKS document). Pure. */
export function isKeysUnavailable(err: unknown): boolean {
  return !(err instanceof errors.JOSEError) || KEY_FETCH_CODES.includes(err.code);
}

/**
 * Builds the checker. Keys come from `<authority>/common/discovery/v2.0/keys` (the same set signs every tenant's
 * tokens), cached by jose and fetched again when a token names a key it does not know.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const host = options.authorityHost.replace(/\/+$/, '');
  const keys = createRemoteJWKSet(new URL(`${host}/common/discovery/v2.0/keys`));
  const audience = [dashboardResource(options.botDomain, options.appId), options.appId];
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, { algorithms: ['RS256'], audience, clockTolerance: CLOCK_TOLERANCE_SECONDS, requiredClaims: ['exp', 'tid', 'oid'] });
      return signedInUser(payload, host);
    } catch (err) {
      if (isKeysUnavailable(err)) throw new KeysUnavailableError({ cause: err });
      return undefined;
    }
  };
}
