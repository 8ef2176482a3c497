/**
 * Unsigned-but-parseable JWTs for the local stand-ins: header.payload.signature in base64url.
 * The signature segment is a random nonce; nothing here verifies it. Never use outside the sandboxes.
 */
import { randomBytes } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** Builds a JWT-shaped string whose payload is `claims` (alg "none"). */
export function encodeUnsignedJwt(claims: JwtClaims): string {
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'none' }));
  const payload = base64url(JSON.stringify(claims));
  return `${header}.${payload}.${randomBytes(16).toString('base64url')}`;
}

function isRecord(value: unknown): value is JwtClaims {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeSegment(token: string, index: number): JwtClaims | undefined {
  const parts = token.split('.');
  const segment = parts.length === 3 ? parts[index] : undefined;
  if (!segment) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes a JWT header without verifying anything; undefined when it is not JWT-shaped. */
export function decodeJwtHeader(token: string): JwtClaims | undefined {
  return decodeSegment(token, 0);
}

/** Decodes a JWT payload without verifying anything; undefined when it is not JWT-shaped. */
export function decodeJwtPayload(token: string): JwtClaims | undefined {
  return decodeSegment(token, 1);
}

/** The bearer token of an `Authorization` header value, if any. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}
