/**
 * The delegated (App+User) grants of the Entra stand-in: the device authorization grant (RFC 8628) as Entra's v2
 * endpoints speak it, and the refresh token grant that redeems what it issued. A test plays the person signing
 * in with {@link DelegatedGrants.approve}. Tokens carry `scp` (delegated), `tid` and the user.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { encodeUnsignedJwt } from './jwt';

/** `grant_type` of the device code token request. */
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** Who signs in on the device login page. */
export interface SignedInUser {
  upn: string;
  /** Tenant of the user; defaults to the tenant the flow was started in. */
  tenantId?: string;
}

/** An OAuth answer: status and JSON body. */
export interface OAuthReply {
  status: number;
  body: unknown;
}

type OAuthError = (status: number, error: string, aadsts: number, description: string) => OAuthReply;

interface Flow {
  deviceCode: string;
  userCode: string;
  tenantId: string;
  clientId: string;
  scope: string;
  expiresAt: number;
  user?: SignedInUser;
  redeemed?: boolean;
}

interface Grant {
  tenantId: string;
  clientId: string;
  scope: string;
  user: SignedInUser;
}

/** The resource a scope list names (`https://api.partnercenter.microsoft.com/user_impersonation offline_access` → the API). */
function resourceOf(scope: string): { audience: string; scp: string } {
  const apiScope = scope.split(/\s+/).find((s) => s.includes('/')) ?? '';
  const slash = apiScope.lastIndexOf('/');
  const name = apiScope.slice(slash + 1);
  return { audience: apiScope.slice(0, slash), scp: name === '.default' ? 'user_impersonation' : name };
}

export class DelegatedGrants {
  private readonly flows = new Map<string, Flow>();
  private readonly refreshTokens = new Map<string, Grant>();

  constructor(private readonly lifetimeSeconds: number, private readonly intervalSeconds: number, private readonly oauthError: OAuthError) {}

  /** `POST /{tenant}/oauth2/v2.0/devicecode`: a user code to type at the verification URI. */
  start(form: URLSearchParams, tenantId: string, baseUrl: string, knownClient: boolean): OAuthReply {
    const clientId = form.get('client_id') ?? '';
    if (!knownClient) return this.oauthError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenantId}'.`);
    const scope = form.get('scope') ?? '';
    if (!resourceOf(scope).audience) return this.oauthError(400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid: '${scope}'.`);
    const userCode = randomBytes(5).toString('hex').toUpperCase().slice(0, 9);
    const flow: Flow = { deviceCode: randomUUID(), userCode, tenantId, clientId, scope, expiresAt: Date.now() + 900_000 };
    this.flows.set(flow.deviceCode, flow);
    const verificationUri = `${baseUrl}/devicelogin`;
    return {
      status: 200,
      body: {
        user_code: userCode, device_code: flow.deviceCode, verification_uri: verificationUri, expires_in: 900, interval: this.intervalSeconds,
        message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
      },
    };
  }

  /** Plays the person entering `userCode` and signing in; false when no pending flow has that code. */
  approve(userCode: string, user: SignedInUser): boolean {
    const flow = [...this.flows.values()].find((f) => f.userCode === userCode && f.user === undefined);
    if (!flow) return false;
    flow.user = user;
    return true;
  }

  /** The device code token request: pending until approved, then tokens once. */
  redeemDeviceCode(form: URLSearchParams, tenantId: string): OAuthReply {
    const flow = this.flows.get(form.get('device_code') ?? '');
    if (!flow || flow.tenantId !== tenantId || flow.clientId !== form.get('client_id') || flow.redeemed) {
      return this.oauthError(400, 'invalid_grant', 70000, 'The provided value for the input parameter device_code is not valid.');
    }
    if (flow.expiresAt < Date.now()) return this.oauthError(400, 'expired_token', 70020, 'The provided device code has expired.');
    if (!flow.user) return this.oauthError(400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.');
    flow.redeemed = true;
    return this.issue({ tenantId: flow.user.tenantId ?? flow.tenantId, clientId: flow.clientId, scope: flow.scope, user: flow.user });
  }

  /** The refresh token grant for tokens issued here (rotated on each use, like Entra). */
  redeemRefreshToken(form: URLSearchParams, tenantId: string): OAuthReply {
    const token = form.get('refresh_token') ?? '';
    const grant = this.refreshTokens.get(token);
    if (!grant || grant.tenantId !== tenantId || grant.clientId !== form.get('client_id')) {
      return this.oauthError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
    }
    this.refreshTokens.delete(token);
    return this.issue({ ...grant, scope: form.get('scope') ?? grant.scope });
  }

  /** Whether a refresh token was issued here and not yet redeemed. */
  isLiveRefreshToken(token: string): boolean {
    return this.refreshTokens.has(token);
  }

  private issue(grant: Grant): OAuthReply {
    const now = Math.floor(Date.now() / 1000);
    const { audience, scp } = resourceOf(grant.scope);
    const accessToken = encodeUnsignedJwt({
      aud: audience, iss: `https://sts.windows.net/${grant.tenantId}/`, iat: now, nbf: now, exp: now + this.lifetimeSeconds,
      appid: grant.clientId, scp, tid: grant.tenantId, upn: grant.user.upn, oid: randomUUID(), ver: '1.0',
    });
    const refreshToken = `sandbox-rt.${randomBytes(32).toString('base64url')}`;
    this.refreshTokens.set(refreshToken, grant);
    return {
      status: 200,
      body: { token_type: 'Bearer', scope: grant.scope, expires_in: this.lifetimeSeconds, ext_expires_in: this.lifetimeSeconds, access_token: accessToken, refresh_token: refreshToken },
    };
  }
}
