/**
 * A local Bot Framework identity provider for inbound-auth tests: OpenID metadata + JWKS over http, and a signer
 * (RS256, `kid`, endorsements ["msteams"]) that issues channel tokens with knobs to forge every claim.
 * Wire format: /work/shared/reference/teams-bot-wire.md §3 (Inbound JWT, Metadata and keys).
 *
 * botbuilder caches keys per metadata URL for 24 h in a static cache: use one IdP (one key) per URL per process.
 */
import { createSign, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenClaims {
  iss?: string;
  aud?: string;
  serviceurl?: string;
  nbf?: number;
  exp?: number;
  [claim: string]: unknown;
}

export interface SignOptions {
  /** Claims to set or override (undefined values remove the claim). */
  claims?: Partial<TokenClaims>;
  /** `kid` put in the header; defaults to the served key's. */
  kid?: string;
  /** Sign with this key instead of the served one (a forged signature). */
  signingKey?: KeyObject;
  alg?: 'RS256';
}

export interface IdentityProvider {
  /** The issuer put in tokens by default (`ToBotFromChannelTokenIssuer`). */
  readonly issuer: string;
  /** OpenID metadata URL (`ToBotFromChannelOpenIdMetadataUrl`). */
  readonly metadataUrl: string;
  readonly jwksUrl: string;
  readonly kid: string;
  /** Requests received (path), to prove the bot really fetched the metadata and keys. */
  readonly requests: string[];
  /** A channel token for `appId` and `serviceUrl`, valid for an hour unless claims say otherwise. */
  sign(appId: string, serviceUrl: string, options?: SignOptions): string;
  close(): Promise<void>;
}

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

/** A fresh RSA key (e.g. to forge a signature the IdP never made). */
export function newSigningKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/** Signs any header + payload with RS256. */
export function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key);
  return `${input}.${base64url(signature)}`;
}

export async function startIdentityProvider(options: { endorsements?: string[] } = {}): Promise<IdentityProvider> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `test-${randomUUID().slice(0, 8)}`;
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const requests: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    requests.push(path);
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/v1/.well-known/openidconfiguration') {
      return json(200, {
        issuer: `${base}/issuer`, authorization_endpoint: 'https://invalid.botframework.com', jwks_uri: `${base}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'], token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (path === '/v1/.well-known/keys') {
      return json(200, { keys: [{ kty: 'RSA', use: 'sig', kid, x5t: kid, n: jwk.n, e: jwk.e, endorsements: options.endorsements ?? ['msteams'] }] });
    }
    return json(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/issuer`;

  return {
    issuer,
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    jwksUrl: `${base}/v1/.well-known/keys`,
    kid,
    requests,
    sign(appId, serviceUrl, signOptions = {}) {
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = { iss: issuer, aud: appId, serviceurl: serviceUrl, nbf: now - 10, exp: now + 3600, iat: now - 10 };
      for (const [name, value] of Object.entries(signOptions.claims ?? {})) {
        if (value === undefined) Reflect.deleteProperty(claims, name);
        else claims[name] = value;
      }
      return signJwt({ alg: signOptions.alg ?? 'RS256', typ: 'JWT', kid: signOptions.kid ?? kid, x5t: signOptions.kid ?? kid }, claims, signOptions.signingKey ?? privateKey);
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
