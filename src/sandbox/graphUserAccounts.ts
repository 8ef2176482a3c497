/**
 * The Graph stand-in's users, licence details and sign-in logs: `users/{id}` (with `$select`), `users/{id}/licenseDetails`
 * and `auditLogs/signIns` (`$filter` on userId, status/errorCode and createdDateTime; `$top`), with Graph's permission
 * rules: User.Read.All (or Directory.Read.All) for users, AuditLog.Read.All and an Entra ID P1/P2 tenant for sign-ins.
 * Wire shapes: microsoft-graph-docs-contrib `user-get.md`, `user-list-licensedetails.md`, `signin-list.md`. Pure.
 */
import type { GraphReply } from './graphReply';

export type UserAccountRoute = 'user' | 'licenseDetails' | 'signIns';

/** One user as the stand-in knows them; sign-ins carry `createdDateTime` as minutes before the request. */
export interface SandboxUserAccount {
  user: { id: string; displayName: string; userPrincipalName: string; accountEnabled: boolean; assignedLicenses: Array<{ disabledPlans: string[]; skuId: string }> };
  licenseDetails: Array<{ id: string; skuId: string; skuPartNumber: string; servicePlans: Array<{ servicePlanId: string; servicePlanName: string; provisioningStatus: string; appliesTo: string }> }>;
  signIns: Array<{ minutesAgo: number; errorCode: number; failureReason: string; appDisplayName: string }>;
}

export interface SandboxTenantAccounts {
  /** Whether the tenant has Entra ID P1/P2 (sign-in logs readable). */
  premium: boolean;
  users: Record<string, SandboxUserAccount>;
}

/** Fabrikam (config/customers.json) in the local sandbox. */
const FABRIKAM = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';

/** Seeded users: the one without a mailbox plan has the licences of Graph's published licenseDetails example. */
export const SANDBOX_USERS = {
  /** ENTERPRISEPREMIUM without an Exchange Online plan (MIP_S_Exchange is not a mailbox); three wrong passwords today. */
  noExchange: 'a4b6c8d0-1e2f-4a3b-9c4d-5e6f7a8b9c0d',
  /** Fully licensed, nothing to report. */
  licensed: 'b5c7d9e1-2f3a-4b4c-8d5e-6f7a8b9c0d1e',
} as const;

const PUBLISHED_ENTERPRISEPREMIUM = {
  id: '3RnS3Gi8m0u_C0ozp5a-NWAn38eBLPdOtXhbU5K1cd8', skuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df', skuPartNumber: 'ENTERPRISEPREMIUM',
  servicePlans: [
    { servicePlanId: 'cd31b152-6326-4d1b-ae1b-997b625182e6', servicePlanName: 'MIP_S_Exchange', provisioningStatus: 'PendingProvisioning', appliesTo: 'User' },
    { servicePlanId: '8e0c0a52-6a6c-4d40-8370-dd62790dcd70', servicePlanName: 'THREAT_INTELLIGENCE', provisioningStatus: 'Success', appliesTo: 'User' },
    { servicePlanId: '9c0dab89-a30c-4117-86e7-97bda240acd2', servicePlanName: 'POWERAPPS_O365_P3', provisioningStatus: 'Success', appliesTo: 'User' },
    { servicePlanId: '8c098270-9dd4-4350-9b30-ba4703f3b36b', servicePlanName: 'ADALLOM_S_O365', provisioningStatus: 'Success', appliesTo: 'User' },
    { servicePlanId: '5dbe027f-2339-4123-9542-606e4d348a72', servicePlanName: 'SHAREPOINTENTERPRISE', provisioningStatus: 'Success', appliesTo: 'User' },
  ],
};
const PUBLISHED_SCHOOL_DATA_SYNC = {
  id: '3RnS3Gi8m0u_C0ozp5a-Ne0iVHIF4g5Aqwo4mdijmMo', skuId: '725422ed-e205-400e-ab0a-3899d8a398ca', skuPartNumber: 'SCHOOL_DATA_SYNC_P2',
  servicePlans: [
    { servicePlanId: '113feb6c-3fe4-4440-bddc-54d774bf0318', servicePlanName: 'EXCHANGE_S_FOUNDATION', provisioningStatus: 'Success', appliesTo: 'Company' },
    { servicePlanId: '500b6a2a-7a50-4f40-b5f9-160e5b8c2f48', servicePlanName: 'SCHOOL_DATA_SYNC_P2', provisioningStatus: 'Success', appliesTo: 'User' },
  ],
};

export const SANDBOX_ACCOUNTS: Readonly<Record<string, SandboxTenantAccounts>> = {
  [FABRIKAM]: {
    premium: true,
    users: {
      [SANDBOX_USERS.noExchange]: {
        user: {
          id: SANDBOX_USERS.noExchange, displayName: 'Élise Martin', userPrincipalName: 'elise.martin@fabrikam.onmicrosoft.com', accountEnabled: true,
          assignedLicenses: [{ disabledPlans: [], skuId: PUBLISHED_ENTERPRISEPREMIUM.skuId }, { disabledPlans: [], skuId: PUBLISHED_SCHOOL_DATA_SYNC.skuId }],
        },
        licenseDetails: [PUBLISHED_ENTERPRISEPREMIUM, PUBLISHED_SCHOOL_DATA_SYNC],
        signIns: [
          { minutesAgo: 30, errorCode: 50126, failureReason: 'Invalid username or password or Invalid on-premise username or password.', appDisplayName: 'Microsoft Teams' },
          { minutesAgo: 45, errorCode: 50126, failureReason: 'Invalid username or password or Invalid on-premise username or password.', appDisplayName: 'Microsoft Teams' },
          { minutesAgo: 60, errorCode: 50126, failureReason: 'Invalid username or password or Invalid on-premise username or password.', appDisplayName: 'Outlook Mobile' },
        ],
      },
      [SANDBOX_USERS.licensed]: {
        user: {
          id: SANDBOX_USERS.licensed, displayName: 'Sam Lee', userPrincipalName: 'sam.lee@fabrikam.onmicrosoft.com', accountEnabled: true,
          assignedLicenses: [{ disabledPlans: [], skuId: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3' }],
        },
        licenseDetails: [{
          id: 'yP0h8a91jkuZXw4YsB4fzgLrQTSPGd5EtZn-1hABR-U', skuId: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3', skuPartNumber: 'O365_BUSINESS_PREMIUM',
          servicePlans: [
            { servicePlanId: '9aaf7827-d63c-4b61-89c3-182f06f82e5c', servicePlanName: 'EXCHANGE_S_STANDARD', provisioningStatus: 'Success', appliesTo: 'User' },
            { servicePlanId: '57ff2da0-773e-42df-b2af-ffb7a2317929', servicePlanName: 'TEAMS1', provisioningStatus: 'Success', appliesTo: 'User' },
            { servicePlanId: 'c7699d2e-19aa-44de-8edf-1736da088ca1', servicePlanName: 'SHAREPOINTSTANDARD', provisioningStatus: 'Success', appliesTo: 'User' },
            { servicePlanId: '094e7854-93fc-4d55-b2c0-3ab5369ebdc1', servicePlanName: 'OFFICE_BUSINESS', provisioningStatus: 'Success', appliesTo: 'User' },
          ],
        }],
        signIns: [],
      },
    },
  },
};

/** `users/{id}`, `users/{id}/licenseDetails`, `auditLogs/signIns` (segments after `v1.0`, lower case); undefined for any other path. */
export function matchUserAccountRoute(method: string, lower: readonly string[], segments: readonly string[]): { route: UserAccountRoute; param?: string } | undefined {
  if (method !== 'GET') return undefined;
  if (lower[0] === 'users' && segments[1] && lower.length === 2) return { route: 'user', param: segments[1] };
  if (lower[0] === 'users' && segments[1] && lower.length === 3 && lower[2] === 'licensedetails') return { route: 'licenseDetails', param: segments[1] };
  if (lower[0] === 'auditlogs' && lower[1] === 'signins' && lower.length === 2) return { route: 'signIns' };
  return undefined;
}

export function isUserAccountRoute(route: string): route is UserAccountRoute {
  return route === 'user' || route === 'licenseDetails' || route === 'signIns';
}

const USER_READERS = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const forbidden: GraphReply = { status: 403, error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } };

function userNotFound(id: string): GraphReply {
  return { status: 404, error: { code: 'Request_ResourceNotFound', message: `Resource '${id}' does not exist or one of its queried reference-property objects are not present.` } };
}

function selected(user: SandboxUserAccount['user'], select: string | null): Record<string, unknown> {
  if (!select) return { id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName };
  const wanted = select.split(',').map((field) => field.trim());
  return Object.fromEntries(Object.entries(user).filter(([key]) => wanted.includes(key)));
}

/** The sign-ins `$filter` clauses the bot sends: userId eq, status/errorCode ne 0, createdDateTime ge. */
function signInFilter(filter: string | null): { userId?: string; failuresOnly: boolean; since?: number } {
  const userId = /userId eq '([^']+)'/i.exec(filter ?? '')?.[1];
  const since = /createdDateTime ge (\S+)/i.exec(filter ?? '')?.[1];
  return { ...(userId ? { userId } : {}), failuresOnly: /status\/errorCode ne 0/i.test(filter ?? ''), ...(since ? { since: Date.parse(since) } : {}) };
}

/** Answers one of the routes for a tenant's accounts; `permissions` undefined = unauthenticated sandbox mode (everything allowed). */
export function userAccountReply(
  route: UserAccountRoute, param: string | undefined, query: URLSearchParams, tenant: SandboxTenantAccounts | undefined,
  permissions: readonly string[] | undefined, baseUrl: string, now: number = Date.now(),
): GraphReply {
  const allowed = (needed: readonly string[]): boolean => permissions === undefined || needed.some((p) => permissions.includes(p));
  if (route === 'signIns') {
    if (!allowed(['AuditLog.Read.All'])) return forbidden;
    if (tenant && !tenant.premium) {
      return { status: 403, error: { code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', message: "Neither tenant is B2C or tenant doesn't have premium license" } };
    }
    const filter = signInFilter(query.get('$filter'));
    const top = Number(query.get('$top') ?? 1000);
    const rows = Object.values(tenant?.users ?? {})
      .flatMap((account) => account.signIns.map((s) => ({ account, signIn: s, at: now - s.minutesAgo * 60_000 })))
      .filter(({ account, signIn, at }) => (filter.userId === undefined || account.user.id === filter.userId)
        && (!filter.failuresOnly || signIn.errorCode !== 0) && (filter.since === undefined || at >= filter.since))
      .sort((a, b) => b.at - a.at)
      .slice(0, top);
    return {
      status: 200,
      json: {
        '@odata.context': `${baseUrl}/v1.0/$metadata#auditLogs/signIns`,
        value: rows.map(({ account, signIn, at }, index) => ({
          id: `${account.user.id.slice(0, 8)}-${String(index)}-${String(at)}`, createdDateTime: new Date(at).toISOString(),
          userDisplayName: account.user.displayName, userPrincipalName: account.user.userPrincipalName, userId: account.user.id,
          appDisplayName: signIn.appDisplayName, clientAppUsed: 'Browser', isInteractive: true,
          status: { errorCode: signIn.errorCode, failureReason: signIn.failureReason, additionalDetails: null },
        })),
      },
    };
  }
  if (!allowed(USER_READERS)) return forbidden;
  const id = param ?? '';
  const account = tenant?.users[id] ?? Object.values(tenant?.users ?? {}).find((a) => a.user.id.toLowerCase() === id.toLowerCase() || a.user.userPrincipalName.toLowerCase() === id.toLowerCase());
  if (!account) return userNotFound(id);
  if (route === 'licenseDetails') {
    return { status: 200, json: { '@odata.context': `${baseUrl}/v1.0/$metadata#users('${account.user.id}')/licenseDetails`, value: account.licenseDetails } };
  }
  const select = query.get('$select');
  return { status: 200, json: { '@odata.context': `${baseUrl}/v1.0/$metadata#users(${select ?? ''})/$entity`, ...selected(account.user, select) } };
}
