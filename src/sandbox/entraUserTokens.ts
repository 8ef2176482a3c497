/**
 * Signed v2 access tokens for signed-in users, as Entra issues them to Teams SSO (`getAuthToken`) for an app's
 * exposed API, and the JWKS that verifies them (`GET /{tenant}/discovery/v2.0/keys`, the `jwks_uri` of the OpenID
 * metadata). RS256 with a key made at start; the claims are those of a v2 access token (`aud`, `iss`, `tid`, `oid`,
 * `name`, `preferred_username`, `scp`, `ver`; test/contract/entra/SOURCES.md). A v2 token's audience is the API's
 * app id; a v1 token's may be the Application ID URI (pass `ver` and `iss` claims for one). Never use outside the sandboxes.
 */
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';

/** The user a token is issued to. */
export interface SandboxUser {
  tenantId: string;
  aadObjectId: string;
  name: string;
  /** UPN; defaults to a name at the tenant. */
  username?: string;
}

/** What to issue: the resource (audience) and, for tests, claims to override (undefined removes one). */
export interface UserTokenRequest {
  user: SandboxUser;
  audience: string;
  /** Issuer host; the token's issuer is `<authorityHost>/<tenant>/v2.0`. */
  authorityHost: string;
  lifetimeSeconds?: number;
  claims?: Record<string, unknown>;
}

/** The JSON Web Key Set document published at the authority. */
export interface JsonWebKeySet {
  keys: Array<Record<string, string>>;
}

export interface UserTokenIssuer {
  readonly jwks: JsonWebKeySet;
  issue(request: UserTokenRequest): string;
}

/** Whether a path (after the tenant segment) is the JWKS route of the v2 (or v1) endpoint. */
export function isJwksPath(rest: string): boolean {
  return rest === 'discovery/v2.0/keys' || rest === 'discovery/keys';
}

/** A fresh signing key and the issuer using it. */
export function createUserTokenIssuer(): UserTokenIssuer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `sandbox-${randomUUID().slice(0, 8)}`;
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return {
    jwks: { keys: [{ kty: 'RSA', use: 'sig', kid, x5t: kid, n: jwk.n, e: jwk.e }] },
    issue: ({ user, audience, authorityHost, lifetimeSeconds = 3599, claims = {} }) => {
      const now = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = {
        aud: audience, iss: `${authorityHost.replace(/\/+$/, '')}/${user.tenantId}/v2.0`, iat: now, nbf: now, exp: now + lifetimeSeconds,
        name: user.name, oid: user.aadObjectId, preferred_username: user.username ?? `${user.aadObjectId.slice(0, 8)}@${user.tenantId}`,
        scp: 'access_as_user', sub: randomUUID(), tid: user.tenantId, uti: randomUUID(), ver: '2.0',
        azp: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
      };
      for (const [name, value] of Object.entries(claims)) {
        if (value === undefined) Reflect.deleteProperty(payload, name);
        else payload[name] = value;
      }
      const input = `${encode({ typ: 'JWT', alg: 'RS256', kid })}.${encode(payload)}`;
      return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
    },
  };
}
