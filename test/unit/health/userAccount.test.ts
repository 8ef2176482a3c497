import { formatInstant } from '../../../src/health/healthCards';
import { accountFact, accountMessage } from '../../../src/health/userAccountText';
import { assessAccount, customerFindings, type LicenceDetail, licenceGap, signInFailureKind } from '../../../src/health/userAccount';
import { SingleFlightCache } from '../../../src/cloud/singleFlightCache';

const plan = (servicePlanName: string, provisioningStatus = 'Success', appliesTo = 'User') => ({ servicePlanName, provisioningStatus, appliesTo });
const licence = (...plans: ReturnType<typeof plan>[]): LicenceDetail => ({ skuPartNumber: 'SKU', servicePlans: plans });

describe('licenceGap: a service plan that covers the service, provisioned', () => {
  it.each([
    ['Exchange Online', [licence(plan('EXCHANGE_S_ENTERPRISE'))], undefined],
    ['Exchange Online', [licence(plan('EXCHANGE_S_STANDARD'))], undefined],
    ['Exchange Online', [licence(plan('EXCHANGE_S_DESKLESS'))], undefined],
    ['Exchange Online', [licence(plan('MIP_S_Exchange', 'PendingProvisioning'), plan('SHAREPOINTENTERPRISE'))], 'missing'],
    ['Exchange Online', [licence(plan('EXCHANGE_S_FOUNDATION', 'Success', 'Company'))], 'missing'],
    ['Exchange Online', [licence(plan('EXCHANGE_S_STANDARD', 'Disabled'))], 'disabled'],
    ['Exchange Online', [licence(plan('EXCHANGE_S_STANDARD', 'PendingProvisioning'))], 'pending'],
    ['Exchange Online', [licence(plan('EXCHANGE_S_STANDARD', 'Disabled')), licence(plan('EXCHANGE_S_ENTERPRISE'))], undefined],
    ['Exchange Online', [], 'missing'],
    ['Microsoft Teams', [licence(plan('TEAMS1'))], undefined],
    ['Microsoft Teams', [licence(plan('MCOSTANDARD'))], 'missing'],
    ['SharePoint Online', [licence(plan('SHAREPOINTSTANDARD'))], undefined],
    ['SharePoint Online', [licence(plan('SHAREPOINTWAC'))], 'missing'],
    ['OneDrive for Business', [licence(plan('ONEDRIVESTANDARD'))], undefined],
    ['Microsoft Intune', [licence(plan('INTUNE_A'))], undefined],
    ['Power BI', [licence(plan('BI_AZURE_P2'))], undefined],
    ['Microsoft 365 Apps', [licence(plan('OFFICESUBSCRIPTION'))], undefined],
    ['Microsoft Forms', [licence(plan('FORMS_PLAN_E5'))], undefined],
    ['Planner', [licence(plan('PROJECTWORKMANAGEMENT'))], undefined],
    ['Microsoft Entra', [], undefined],
    ['other', [], undefined],
  ] as const)('%s with %j → %s', (service, licences, expected) => {
    expect(licenceGap(licences as unknown as LicenceDetail[], service)).toBe(expected);
  });
});

describe('sign-in error codes in plain words', () => {
  it.each([[50126, 'badPassword'], [50053, 'locked'], [50057, 'disabled'], [50055, 'passwordExpired'], [50076, 'mfa'], [50079, 'mfa'], [53003, 'conditionalAccess'], [50034, 'unknownUser'], [90099, 'other']] as const)('%i → %s', (code, kind) => {
    expect(signInFailureKind(code)).toBe(kind);
  });
});

describe('assessAccount and what the customer is told', () => {
  const signIn = (errorCode: number, createdDateTime: string) => ({ errorCode, createdDateTime });

  it('disabled account, missing licence, failed sign-ins grouped by code (most frequent first, latest time kept), successes ignored', () => {
    const findings = assessAccount({
      accountEnabled: false, licences: [],
      signIns: [signIn(50126, '2026-12-02T09:00:00Z'), signIn(50053, '2026-12-02T09:10:00Z'), signIn(50126, '2026-12-02T09:05:00Z'), signIn(0, '2026-12-02T09:20:00Z')],
    }, 'Exchange Online');
    expect(findings).toEqual([
      { kind: 'accountDisabled' },
      { kind: 'licence', service: 'Exchange Online', gap: 'missing' },
      { kind: 'signInFailures', failure: 'badPassword', errorCode: 50126, count: 2, lastAt: '2026-12-02T09:05:00Z' },
      { kind: 'signInFailures', failure: 'locked', errorCode: 50053, count: 1, lastAt: '2026-12-02T09:10:00Z' },
    ]);
  });

  it('the customer hears only what they can act on: a wrong password once or an MFA prompt is not worth a word', () => {
    const findings = assessAccount({
      accountEnabled: true, licences: [licence(plan('EXCHANGE_S_ENTERPRISE'))],
      signIns: [signIn(50126, '2026-12-02T09:00:00Z'), signIn(50076, '2026-12-02T09:00:00Z')],
    }, 'Exchange Online');
    expect(findings).toHaveLength(2);
    expect(customerFindings(findings)).toEqual([]);
    expect(accountMessage({ checked: true, findings, signInsChecked: true }, 'en')).toBeUndefined();
    const three = assessAccount({ accountEnabled: true, licences: [], signIns: [1, 2, 3].map((i) => signIn(50126, `2026-12-02T09:0${String(i)}:00Z`)) }, 'Microsoft Entra');
    expect(customerFindings(three)).toHaveLength(1);
  });

  it('tells an English and a French customer without an Exchange Online licence, in plain words', () => {
    const check = { checked: true as const, signInsChecked: false, findings: [{ kind: 'licence' as const, service: 'Exchange Online', gap: 'missing' as const }] };
    expect(accountMessage(check, 'en')).toBe('I also checked your account:\n- your account has no Exchange Online licence: your admin or our agents can assign one.');
    expect(accountMessage(check, 'fr')).toBe("J'ai aussi vérifié votre compte :\n- votre compte n'a pas de licence Exchange Online : votre administrateur ou nos agents peuvent vous en attribuer une.");
  });

  it('a skipped check tells the customer nothing, and the agents why', () => {
    expect(accountMessage({ checked: false, reason: 'notConsented' }, 'en')).toBeUndefined();
    expect(accountFact({ checked: false, reason: 'notConsented' }, 'en')).toEqual({ label: 'Account', value: 'not checked (no User.Read.All consent)' });
    expect(accountFact({ checked: false, reason: 'notConsented' }, 'fr')).toEqual({ label: 'Compte', value: 'non vérifié (pas de consentement User.Read.All)' });
    expect(accountFact(undefined, 'en')).toBeUndefined();
  });

  it('the case card line lists every finding compactly', () => {
    const check = {
      checked: true as const, signInsChecked: true,
      findings: [{ kind: 'licence' as const, service: 'Exchange Online', gap: 'missing' as const }, { kind: 'signInFailures' as const, failure: 'badPassword' as const, errorCode: 50126, count: 3, lastAt: '2026-12-02T09:05:00Z' }],
    };
    expect(accountFact(check, 'en')?.value).toBe(`no Exchange Online licence; 3× sign-in error 50126 (wrong password), last ${formatInstant('2026-12-02T09:05:00Z', 'en')}`);
    expect(accountFact(check, 'fr')?.value).toBe(`pas de licence Exchange Online ; 3× erreur de connexion 50126 (mauvais mot de passe), dernière le ${formatInstant('2026-12-02T09:05:00Z', 'fr')}`);
    expect(accountFact({ checked: true, signInsChecked: false, findings: [] }, 'en')?.value).toBe('checked, nothing found; sign-in logs not readable');
  });
});

describe('SingleFlightCache', () => {
  it('shares one read per key while in flight and for the TTL; keys never share', async () => {
    let now = 0;
    const cache = new SingleFlightCache<number>({ ttlMs: 1_000, now: () => now });
    let reads = 0;
    const read = (): Promise<number> => Promise.resolve(++reads);
    const [a, b] = await Promise.all([cache.get('t1/u', read), cache.get('t1/u', read)]);
    expect([a, b, reads]).toEqual([1, 1, 1]);
    expect(await cache.get('t2/u', read)).toBe(2);
    now = 500;
    expect(await cache.get('t1/u', read)).toBe(1);
    now = 1_001;
    expect(await cache.get('t1/u', read)).toBe(3);
  });

  it('does not keep a failure by default', async () => {
    const cache = new SingleFlightCache<number>({ ttlMs: 1_000 });
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('k', () => Promise.resolve(7))).toBe(7);
  });
});
