import path from 'node:path';
import { cacheControlOf, contentTypeOf, resolveAsset } from '../../../src/dashboard/staticFiles';
import { errors } from 'jose';
import { dashboardResource, isKeysUnavailable, isTenantIssuer, signedInUser } from '../../../src/dashboard/tokenVerifier';

const ROOT = path.resolve('/srv/tab');

describe('resolveAsset', () => {
  it.each(['index.html', 'assets/app.js', 'assets/fonts%20x/a.woff2'])('%s stays in the folder', (urlPath) => {
    expect(resolveAsset(ROOT, urlPath)?.startsWith(ROOT + path.sep)).toBe(true);
  });

  it.each(['../etc/passwd', '..%2fetc%2fpasswd', '%2e%2e/x', 'a/../../x', 'a//b', '', 'a/', './a', 'a%5c..%5cb', 'a%00.js', '%E0%A4%A', '/etc/passwd'])(
    '%j is refused', (urlPath) => {
      expect(resolveAsset(ROOT, urlPath)).toBeUndefined();
    },
  );
});

describe('content types and cache', () => {
  it('KnownKinds_AndHtmlRevalidated', () => {
    expect(contentTypeOf('/a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/a/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/a/secret.env')).toBeUndefined();
    expect(cacheControlOf('/a/index.html')).toBe('no-cache');
    expect(cacheControlOf('/a/app.js')).toBe('public, max-age=3600');
  });
});

describe('token claims', () => {
  const tid = '0f6c1b2a-9e8d-4c7b-a6f5-e4d3c2b1a090';
  const oid = 'D7E3C0A1-2B4F-4E6A-8C9D-1F2E3A4B5C6D';

  it('Resource_IsTheWebApplicationInfoOne', () => {
    expect(dashboardResource('bot.contoso.com', 'abc')).toBe('api://bot.contoso.com/abc');
  });

  it('Issuer_V2OfTheAuthority_OrV1_OfTheTokensOwnTenant', () => {
    expect(isTenantIssuer(`https://login.microsoftonline.com/${tid}/v2.0`, tid, 'https://login.microsoftonline.com/')).toBe(true);
    expect(isTenantIssuer(`https://sts.windows.net/${tid}/`, tid, 'https://login.microsoftonline.com')).toBe(true);
    expect(isTenantIssuer('https://login.microsoftonline.com/common/v2.0', tid, 'https://login.microsoftonline.com')).toBe(false);
    expect(isTenantIssuer(`https://evil.example/${tid}/v2.0`, tid, 'https://login.microsoftonline.com')).toBe(false);
  });

  it('SignedInUser_NeedsGuidTidAndOid_AndLowerCasesThem', () => {
    const iss = `https://login.microsoftonline.com/${tid}/v2.0`;
    const scp = 'access_as_user';
    expect(signedInUser({ iss, tid, oid, scp, name: 'Alice' }, 'https://login.microsoftonline.com')).toEqual({ tenantId: tid, aadObjectId: oid.toLowerCase(), name: 'Alice' });
    expect(signedInUser({ iss, tid, oid: 'admin', scp }, 'https://login.microsoftonline.com')).toBeUndefined();
    expect(signedInUser({ iss, oid, scp }, 'https://login.microsoftonline.com')).toBeUndefined();
    expect(signedInUser({ iss, tid, oid }, 'https://login.microsoftonline.com')).toBeUndefined();
    expect(signedInUser({ iss, tid, oid, scp, idtyp: 'app' }, 'https://login.microsoftonline.com')).toBeUndefined();
  });
});

describe('isKeysUnavailable', () => {
  it('NetworkAndJwksDocumentFailures_AreUnavailability_TokenFaultsAreNot', () => {
    expect(isKeysUnavailable(new Error('connect ECONNREFUSED'))).toBe(true);
    expect(isKeysUnavailable(new errors.JWKSTimeout())).toBe(true);
    expect(isKeysUnavailable(new errors.JWKSInvalid('bad'))).toBe(true);
    expect(isKeysUnavailable(new errors.JWSSignatureVerificationFailed())).toBe(false);
    expect(isKeysUnavailable(new errors.JWKSNoMatchingKey())).toBe(false);
    expect(isKeysUnavailable(new errors.JWSInvalid('bad'))).toBe(false);
  });
});
