import { matchRoute } from '../../../src/sandbox/graphRoutes';
import { SANDBOX_ACCOUNTS, SANDBOX_USERS, userAccountReply } from '../../../src/sandbox/graphUserAccounts';

const FABRIKAM = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';
const tenant = SANDBOX_ACCOUNTS[FABRIKAM];
const BASE = 'https://graph.example';
const NOW = Date.parse('2026-12-02T12:00:00Z');
const query = (q: string): URLSearchParams => new URLSearchParams(q);

describe('the Graph stand-in\'s users, licence details and sign-ins', () => {
  it('routes users/{id}, users/{id}/licenseDetails and auditLogs/signIns, and leaves transitiveMemberOf alone', () => {
    expect(matchRoute('GET', `/v1.0/users/${SANDBOX_USERS.noExchange}`)).toEqual({ route: 'user', param: SANDBOX_USERS.noExchange });
    expect(matchRoute('GET', `/v1.0/users/${SANDBOX_USERS.noExchange}/licenseDetails`)).toEqual({ route: 'licenseDetails', param: SANDBOX_USERS.noExchange });
    expect(matchRoute('GET', '/v1.0/auditLogs/signIns')).toEqual({ route: 'signIns' });
    expect(matchRoute('GET', '/v1.0/users/x/transitiveMemberOf')).toEqual({ route: 'transitiveMemberOf', param: 'x' });
    expect(matchRoute('POST', '/v1.0/users/x')).toEqual({ route: 'notFound' });
  });

  it('$select returns only the selected properties; an unknown user is 404 Request_ResourceNotFound', () => {
    const reply = userAccountReply('user', SANDBOX_USERS.noExchange, query('$select=accountEnabled,displayName'), tenant, undefined, BASE, NOW);
    expect(reply).toEqual({ status: 200, json: { '@odata.context': `${BASE}/v1.0/$metadata#users(accountEnabled,displayName)/$entity`, accountEnabled: true, displayName: 'Élise Martin' } });
    expect(userAccountReply('user', 'nobody', query(''), tenant, undefined, BASE, NOW)).toMatchObject({ status: 404, error: { code: 'Request_ResourceNotFound' } });
  });

  it('permissions: 403 without User.Read.All (or Directory.Read.All); sign-ins need AuditLog.Read.All and a premium tenant', () => {
    expect(userAccountReply('licenseDetails', SANDBOX_USERS.noExchange, query(''), tenant, ['ServiceHealth.Read.All'], BASE, NOW)).toMatchObject({ status: 403 });
    expect(userAccountReply('licenseDetails', SANDBOX_USERS.noExchange, query(''), tenant, ['Directory.Read.All'], BASE, NOW)).toMatchObject({ status: 200 });
    expect(userAccountReply('signIns', undefined, query(''), tenant, ['User.Read.All'], BASE, NOW)).toMatchObject({ status: 403, error: { code: 'Authorization_RequestDenied' } });
    const basic = { premium: false, users: tenant?.users ?? {} };
    expect(userAccountReply('signIns', undefined, query(''), basic, ['AuditLog.Read.All'], BASE, NOW)).toMatchObject({ status: 403, error: { code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant' } });
  });

  it('sign-ins: the user\'s failures since the given time, newest first, at most $top', () => {
    const filter = `userId eq '${SANDBOX_USERS.noExchange}' and status/errorCode ne 0 and createdDateTime ge 2026-12-02T11:10:00Z`;
    const reply = userAccountReply('signIns', undefined, query(`$filter=${encodeURIComponent(filter)}&$top=1`), tenant, ['AuditLog.Read.All'], BASE, NOW);
    const value = (reply as { json: { value: Array<{ createdDateTime: string; status: { errorCode: number } }> } }).json.value;
    expect(value.map((s) => [s.createdDateTime, s.status.errorCode])).toEqual([['2026-12-02T11:30:00.000Z', 50126]]);
    const all = userAccountReply('signIns', undefined, query(`$filter=${encodeURIComponent(filter)}`), tenant, ['AuditLog.Read.All'], BASE, NOW);
    expect((all as { json: { value: unknown[] } }).json.value).toHaveLength(2);
  });
});
