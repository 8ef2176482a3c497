/** Checks a client assertion (private_key_jwt) the way Entra does, against a registered certificate. */
import { constants, createPublicKey, verify, X509Certificate } from 'node:crypto';
import { decodeJwtHeader, decodeJwtPayload } from './jwt';

const SIGNERS: Record<string, { padding: number; saltLength?: number }> = {
  RS256: { padding: constants.RSA_PKCS1_PADDING },
  PS256: { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
};

function thumbprintMatches(header: Record<string, unknown>, certificate: X509Certificate): boolean {
  const sha1 = Buffer.from(certificate.fingerprint.replace(/:/g, ''), 'hex').toString('base64url');
  const sha256 = Buffer.from(certificate.fingerprint256.replace(/:/g, ''), 'hex').toString('base64url');
  return header.x5t === sha1 || header['x5t#S256'] === sha256;
}

/**
 * True when `assertion` is signed by the key of `certificatePem`, names `clientId` as issuer and subject,
 * targets `tokenUrl` and has not expired.
 */
export function verifyClientAssertion(assertion: string, certificatePem: string, clientId: string, tokenUrl: string): boolean {
  const header = decodeJwtHeader(assertion);
  const payload = decodeJwtPayload(assertion);
  const signer = typeof header?.alg === 'string' ? SIGNERS[header.alg] : undefined;
  if (!header || !payload || !signer) return false;
  const certificate = new X509Certificate(certificatePem);
  const [encodedHeader, encodedPayload, signature] = assertion.split('.');
  const signed = verify(
    'sha256',
    Buffer.from(`${encodedHeader ?? ''}.${encodedPayload ?? ''}`),
    { key: createPublicKey(certificate.publicKey.export({ type: 'spki', format: 'pem' })), ...signer },
    Buffer.from(signature ?? '', 'base64url'),
  );
  const exp = typeof payload.exp === 'number' ? payload.exp : 0;
  return signed
    && thumbprintMatches(header, certificate)
    && payload.iss === clientId
    && payload.sub === clientId
    && String(payload.aud).toLowerCase() === tokenUrl.toLowerCase()
    && exp * 1000 > Date.now();
}
