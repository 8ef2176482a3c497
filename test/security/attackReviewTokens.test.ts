/**
 * Attacker's review (wt/attack): the tab's token check accepts any JWT the authority signed for the app with a
 * partner-tenant `tid`/`oid`, whatever kind it is. A delegated Teams SSO token carries `scp` (access_as_user); an
 * app-only token (client credentials: `idtyp: app`, `roles`, no `scp`) and an ID token (no `scp`) do not, and should
 * be refused. These tests FAIL on the code as merged.
 */
import { createTokenVerifier } from '../../src/dashboard/tokenVerifier';
import { startEntraSandbox, type EntraSandbox } from '../../src/sandbox/entraSandbox';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const PARTNER = '0f6c1b2a-9e8d-4c7b-a6f5-e4d3c2b1a090';
const SERVICE_PRINCIPAL = 'a1b2c3d4-0000-4000-8000-000000000001';

describe('attack review: dashboard token kinds', () => {
  let entra: EntraSandbox;
  beforeAll(async () => { entra = await startEntraSandbox({ clients: [] }); });
  afterAll(async () => { await entra.close(); });

  const verify = (): ReturnType<typeof createTokenVerifier> => createTokenVerifier({ authorityHost: entra.url, appId: APP_ID, botDomain: 'bot.example.com' });
  const issue = (claims: Record<string, unknown>): string =>
    entra.issueUserToken({ user: { tenantId: PARTNER, aadObjectId: SERVICE_PRINCIPAL, name: 'some daemon' }, audience: APP_ID, claims });

  it('a delegated SSO token (scp access_as_user) is accepted (control)', async () => {
    expect(await verify()(issue({}))).toMatchObject({ tenantId: PARTNER, aadObjectId: SERVICE_PRINCIPAL });
  });

  it('an app-only token of the partner tenant (client credentials: idtyp app, roles, no scp) is refused', async () => {
    expect(await verify()(issue({ scp: undefined, roles: [], idtyp: 'app', name: undefined, preferred_username: undefined }))).toBeUndefined();
  });

  it('a token without any delegated scope (e.g. an ID token for the app) is refused', async () => {
    expect(await verify()(issue({ scp: undefined }))).toBeUndefined();
  });
});
