import { TokenAcquisitionError } from '../../../src/cloud/graphCredentials';
import { PARTNER_CENTER_SCOPE, refreshTokenSource } from '../../../src/cloud/partnerCenterTokens';

function tokenEndpoint(answers: { status: number; body: unknown }[]): { fetch: typeof fetch; forms: URLSearchParams[]; urls: string[] } {
  const forms: URLSearchParams[] = [];
  const urls: string[] = [];
  const fake = (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    urls.push(url instanceof Request ? url.url : url.toString());
    forms.push(init?.body instanceof URLSearchParams ? init.body : new URLSearchParams());
    const answer = answers.shift() ?? { status: 500, body: {} };
    return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status }));
  };
  return { fetch: fake, forms, urls };
}

describe('refreshTokenSource', () => {
  const base = { authorityHost: 'https://login.example.test/', partnerTenantId: 'partner-tid', clientId: 'app', clientSecret: 'secret', refreshToken: 'rt-1' };

  it('redeems the refresh token, caches the access token and keeps a rotated refresh token', async () => {
    let now = 0;
    const endpoint = tokenEndpoint([
      { status: 200, body: { access_token: 'at-1', expires_in: 3600, refresh_token: 'rt-2' } },
      { status: 200, body: { access_token: 'at-2', expires_in: '3600' } },
    ]);
    const source = refreshTokenSource({ ...base, fetch: endpoint.fetch, now: () => now });
    expect(await Promise.all([source.getToken(), source.getToken()])).toEqual(['at-1', 'at-1']);
    expect(endpoint.urls).toEqual(['https://login.example.test/partner-tid/oauth2/v2.0/token']);
    expect(Object.fromEntries(endpoint.forms[0] ?? [])).toEqual({ grant_type: 'refresh_token', client_id: 'app', client_secret: 'secret', refresh_token: 'rt-1', scope: PARTNER_CENTER_SCOPE });
    now = 3_500_000;
    expect(await source.getToken()).toBe('at-2');
    expect(endpoint.forms[1]?.get('refresh_token')).toBe('rt-2');
  });

  it('reports a refused consent as rejected and an outage as unavailable', async () => {
    const refused = refreshTokenSource({ ...base, fetch: tokenEndpoint([{ status: 400, body: { error: 'invalid_grant' } }]).fetch });
    await expect(refused.getToken()).rejects.toMatchObject({ kind: 'rejected' });
    const down = refreshTokenSource({ ...base, fetch: tokenEndpoint([{ status: 503, body: {} }]).fetch });
    await expect(down.getToken()).rejects.toBeInstanceOf(TokenAcquisitionError);
  });
});
