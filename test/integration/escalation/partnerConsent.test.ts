import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { refreshTokenSource } from '../../../src/cloud/partnerCenterTokens';
import { type EntraSandbox, startEntraSandbox } from '../../../src/sandbox/entraSandbox';
import { decodeJwtPayload } from '../../../src/sandbox/jwt';
import { waitUntil } from '../../support/botProcess';

const ROOT = join(__dirname, '..', '..', '..');
const CERTS = join(ROOT, 'test', 'support', 'certs');
const PARTNER = '0f6c1b2a-9e8d-4c7b-a6f5-e4d3c2b1a090';
const OTHER_TENANT = '3c9d1e2f-4a5b-46c7-8d9e-0f1a2b3c4d5e';
const PC_APP = { clientId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', clientSecret: 'pc-app-secret' };

interface Run {
  stdout: string;
  stderr: () => string;
  done: Promise<number | null>;
}

/** Runs the script as an admin would (async child: the stand-in lives in this process). */
function runConsent(env: Record<string, string>): Run {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'partner-consent.js')], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '', ...env },
  });
  const run = { stdout: '', stderrText: '' };
  child.stdout.on('data', (chunk: Buffer) => { run.stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { run.stderrText += chunk.toString(); });
  const done = new Promise<number | null>((resolve) => { child.on('close', resolve); });
  return { get stdout() { return run.stdout; }, stderr: () => run.stderrText, done };
}

describe('npm run partner-consent against the Entra stand-in (device code)', () => {
  let entra: EntraSandbox;
  beforeAll(async () => {
    entra = await startEntraSandbox({ https: { key: readFileSync(join(CERTS, 'key.pem')), cert: readFileSync(join(CERTS, 'cert.pem')) }, clients: [PC_APP], deviceCodeIntervalSeconds: 1 });
  });
  afterAll(() => entra.close());

  const env = (): Record<string, string> => ({
    AZURE_AUTHORITY_HOST: entra.url, PARTNER_TENANT_ID: PARTNER, PARTNER_CENTER_CLIENT_ID: PC_APP.clientId, PARTNER_CENTER_CLIENT_SECRET: PC_APP.clientSecret,
  });

  async function signIn(run: Run, tenantId?: string): Promise<void> {
    await waitUntil(() => /enter the code (\w+)/.test(run.stderr()), 10_000, 'the device code instructions');
    const code = /enter the code (\w+)/.exec(run.stderr())?.[1] ?? '';
    expect(entra.approveDeviceCode(code, { upn: 'admin@contoso-cloud.example', ...(tenantId ? { tenantId } : {}) })).toBe(true);
  }

  it('prints only the refresh token on stdout, which the bot then redeems for App+User Partner Center tokens', async () => {
    const run = runConsent(env());
    await signIn(run);
    expect(await run.done).toBe(0);
    const refreshToken = run.stdout.trim();
    expect(refreshToken.split('\n')).toHaveLength(1);
    expect(entra.isLiveRefreshToken(refreshToken)).toBe(true);
    expect(run.stderr()).toContain('PARTNER_CENTER_REFRESH_TOKEN');
    expect(run.stderr()).not.toContain(refreshToken);

    const tokens = refreshTokenSource({ authorityHost: entra.url, partnerTenantId: PARTNER, clientId: PC_APP.clientId, clientSecret: PC_APP.clientSecret, refreshToken });
    const claims = decodeJwtPayload(await tokens.getToken());
    expect(claims).toMatchObject({ aud: 'https://api.partnercenter.microsoft.com', scp: 'user_impersonation', tid: PARTNER, upn: 'admin@contoso-cloud.example' });
  });

  it('refuses an account of another tenant, a wrong secret, and missing settings, printing no token', async () => {
    const foreign = runConsent(env());
    await signIn(foreign, OTHER_TENANT);
    expect(await foreign.done).toBe(1);
    expect(foreign.stderr()).toContain('not to the partner tenant');
    expect(foreign.stdout).toBe('');

    const badSecret = runConsent({ ...env(), PARTNER_CENTER_CLIENT_SECRET: 'wrong' });
    await signIn(badSecret);
    expect(await badSecret.done).toBe(1);
    expect(badSecret.stderr()).toContain('invalid_client');
    expect(badSecret.stdout).toBe('');

    const missing = runConsent({ AZURE_AUTHORITY_HOST: entra.url, PARTNER_TENANT_ID: '', PARTNER_CENTER_CLIENT_ID: '' });
    expect(await missing.done).toBe(2);
    expect(missing.stderr()).toContain('PARTNER_CENTER_CLIENT_ID');
  });
});
