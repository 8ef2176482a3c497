import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppCatalogClient } from '../../../src/rollout/appCatalogClient';
import { signInWithDeviceCode } from '../../../src/rollout/deviceCodeSignIn';
import { chooseCustomers, describeRollout, rolloutExitCode, rolloutToCustomers, type CustomerRollout, type RolloutTarget } from '../../../src/rollout/rollout';
import { fault } from '../../../src/sandbox/faults';
import { buildIfStale, exitOf } from '../../support/botProcess';
import { appPackageZip, CUSTOMERS, ROLLOUT_APP, type RolloutClouds, rolloutDirectory, startRolloutClouds, TEAMS_ADMIN } from '../../support/rolloutKit';

// @microsoft/app-manifest (behind scripts/appPackage.js) requires strip-bom 5, an ES module Jest's CommonJS runtime
// on Node 20 cannot require: the same stand-in as test/integration/appPackage.test.ts.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
}));

const REPO_ROOT = join(__dirname, '..', '..', '..');
const SCOPE = 'https://graph.microsoft.com/AppCatalog.ReadWrite.All';

describe('rollout into customer org catalogs (Entra device code and Graph app catalog stand-ins)', () => {
  let clouds: RolloutClouds;
  beforeAll(async () => { clouds = await startRolloutClouds(); });
  afterAll(() => clouds.close());

  /** Signs in for the customer's tenant as `upn` (the person at the terminal types the code), then the catalog client. */
  const catalogFor = (upn = TEAMS_ADMIN) => async (customer: RolloutTarget): Promise<AppCatalogClient> => {
    const prompts: string[] = [];
    const signedIn = await signInWithDeviceCode({
      authorityHost: clouds.entra.url, tenantId: customer.tenantId, clientId: ROLLOUT_APP.clientId, scope: SCOPE,
      prompt: (message) => {
        prompts.push(message);
        const code = /enter the code (\w+)/.exec(message)?.[1] ?? '';
        expect(clouds.entra.approveDeviceCode(code, { upn })).toBe(true);
      },
      sleep: () => new Promise((resolve) => setTimeout(resolve, 5)),
    });
    expect(prompts).toHaveLength(1);
    return new AppCatalogClient({ graphBaseUrl: clouds.graph.url, token: () => Promise.resolve(signedIn.accessToken), retry: { maxAttempts: 1 } });
  };
  const kinds = (results: CustomerRollout[]): Record<string, string> => Object.fromEntries(results.map((r) => [r.customer.name, r.outcome.kind]));

  it('publishes to two customer tenants, reports the third without access, then updates a new version and leaves a current one', async () => {
    const { customers, unknown } = chooseCustomers(rolloutDirectory(), ['--all']);
    expect(unknown).toEqual([]);
    const v1 = await appPackageZip('1.0.0');
    const lines: string[] = [];

    const first = await rolloutToCustomers(v1, customers, catalogFor(), (result) => lines.push(describeRollout(result)));
    expect(kinds(first)).toEqual({ Fabrikam: 'published', 'Contoso Pharma': 'published', 'Northwind Traders': 'noAccess' });
    expect(first[2]?.outcome).toMatchObject({ kind: 'noAccess', status: 403, code: 'Forbidden' });
    expect(rolloutExitCode(first)).toBe(0);
    expect(lines[2]).toContain('no access (403 Forbidden: the account needs GDAP Teams Administrator for this customer)');
    for (const tenant of [CUSTOMERS.fabrikam, CUSTOMERS.contoso]) {
      expect(clouds.graph.teamsApps.catalog(tenant)).toEqual([expect.objectContaining({ externalId: v1.externalId, appDefinitions: [expect.objectContaining({ version: '1.0.0' })] })]);
    }
    expect(clouds.graph.teamsApps.catalog(CUSTOMERS.northwind)).toEqual([]);
    const fabrikamId = clouds.graph.teamsApps.catalog(CUSTOMERS.fabrikam)[0]?.id;
    expect(first[0]?.outcome).toEqual({ kind: 'published', catalogId: fabrikamId });

    const again = await rolloutToCustomers(v1, customers.slice(0, 1), catalogFor());
    expect(kinds(again)).toEqual({ Fabrikam: 'current' });

    const v2 = await appPackageZip('1.1.0');
    const update = await rolloutToCustomers(v2, customers.slice(0, 2), catalogFor());
    expect(update.map((r) => r.outcome)).toEqual([
      { kind: 'updated', catalogId: fabrikamId, previous: ['1.0.0'] },
      expect.objectContaining({ kind: 'updated', previous: ['1.0.0'] }),
    ]);
    expect(clouds.graph.teamsApps.catalog(CUSTOMERS.fabrikam)[0]?.appDefinitions.map((d) => d.version)).toEqual(['1.1.0']);
    expect(clouds.graph.teamsApps.catalog(CUSTOMERS.fabrikam)).toHaveLength(1);
  });

  it('reports a failure with Graph\'s error code, and a sign-in Entra refuses with its code; either fails the run', async () => {
    const [contoso] = chooseCustomers(rolloutDirectory(), ['contosopharma.onmicrosoft.com']).customers;
    if (!contoso) throw new Error('Contoso is in the directory');
    clouds.graph.failNext('teamsApps', fault.status(500, 'InternalServerError'));
    const failed = await rolloutToCustomers(await appPackageZip('1.2.0'), [contoso], catalogFor());
    expect(failed[0]?.outcome).toMatchObject({ kind: 'failed', code: 'InternalServerError' });
    expect(rolloutExitCode(failed)).toBe(1);

    const refused = await rolloutToCustomers(await appPackageZip('1.2.0'), [contoso], async (customer) => {
      await signInWithDeviceCode({ authorityHost: clouds.entra.url, tenantId: customer.tenantId, clientId: 'not-registered', scope: SCOPE, prompt: () => undefined });
      throw new Error('unreachable');
    });
    expect(refused[0]?.outcome).toMatchObject({ kind: 'failed', code: 'unauthorized_client' });
  });

  it('chooses customers by tenant id, name or domain, takes a tenant id outside the file as is, and names the unknown ones', () => {
    const partnerCenterOnly = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
    const chosen = chooseCustomers(rolloutDirectory(), [CUSTOMERS.northwind, 'Fabrikam', 'contosopharma.onmicrosoft.com', 'fabrikam', 'Tailspin', partnerCenterOnly.toUpperCase()]);
    expect(chosen.customers.map((c) => c.name)).toEqual(['Northwind Traders', 'Fabrikam', 'Contoso Pharma', partnerCenterOnly]);
    expect(chosen.unknown).toEqual(['Tailspin']);
  });
});

describe('npm run rollout (scripts/rollout.js on the build) against the stand-ins', () => {
  let clouds: RolloutClouds;
  let dir: string;
  beforeAll(async () => {
    await buildIfStale();
    clouds = await startRolloutClouds();
    dir = mkdtempSync(join(tmpdir(), 'rollout-'));
  }, 120_000);
  afterAll(async () => {
    await clouds.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in per customer, prints one line each, and exits 0 with a customer without access', async () => {
    const pkg = await appPackageZip('2.0.0');
    writeFileSync(join(dir, 'appPackage.zip'), pkg.zip);
    writeFileSync(join(dir, 'customers.json'), JSON.stringify(rolloutDirectory().all()));
    const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'rollout.js'), '--all', '--package', join(dir, 'appPackage.zip')], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ROLLOUT_CLIENT_ID: ROLLOUT_APP.clientId, AZURE_AUTHORITY_HOST: clouds.entra.url, GRAPH_BASE_URL: clouds.graph.url, CUSTOMERS_FILE: join(dir, 'customers.json') },
    });
    let stdout = '';
    let stderr = '';
    const approved = new Set<string>();
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const [, code] of stderr.matchAll(/enter the code (\w+)/g)) {
        if (!code || approved.has(code)) continue;
        approved.add(code);
        clouds.entra.approveDeviceCode(code, { upn: TEAMS_ADMIN });
      }
    });
    expect(await exitOf(child)).toBe(0);
    expect(approved.size).toBe(3);
    expect(stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^Fabrikam \(8a2f7c10-.*\): published \(catalog id .+\)$/),
      expect.stringMatching(/^Contoso Pharma \(3c9d1e2f-.*\): published/),
      expect.stringMatching(/^Northwind Traders \(7b1d2c3e-.*\): no access \(403 Forbidden/),
    ]);
    expect(stderr).toContain('Done: 2 published, 0 updated, 0 already current, 1 no access, 0 failed.');
  }, 60_000);
});
