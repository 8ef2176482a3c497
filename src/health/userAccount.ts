/**
 * The user's own account, read from Graph (`users/{id}`, `licenseDetails`, `auditLogs/signIns`), and what it says
 * about the problem: account disabled, no working licence for the service in question, recent failed sign-ins. Pure.
 */
import type { AccountFinding, LicenceGap, SignInFailureKind } from '../problem/diagnosisNotes';

export interface ServicePlan {
  servicePlanName: string;
  /** Graph's provisioningStatus: Success, PendingProvisioning, PendingInput, PendingActivation, Disabled, Error… */
  provisioningStatus: string;
  /** `User` or `Company`: a company-wide plan (EXCHANGE_S_FOUNDATION) gives the user nothing of their own. */
  appliesTo: string;
}

export interface LicenceDetail {
  skuPartNumber: string;
  servicePlans: ServicePlan[];
}

export interface FailedSignIn {
  createdDateTime: string;
  errorCode: number;
}

/** What Graph told about one user; `signIns` undefined when the sign-in logs could not be read (no permission, no licence). */
export interface UserAccountReport {
  accountEnabled: boolean | null;
  licences: LicenceDetail[];
  signIns?: FailedSignIn[];
}

/**
 * Service plans that give a user each Microsoft 365 service (Graph service display names). A service not listed
 * is not judged: no licence finding is made for it.
 */
export const SERVICE_PLANS: Readonly<Record<string, RegExp>> = {
  'Exchange Online': /^EXCHANGE_S_(?!FOUNDATION$)/,
  'Microsoft Teams': /^TEAMS(1|_FREE|_GOV|_AR_DOD|_AR_GCCHIGH)$/,
  'SharePoint Online': /^SHAREPOINT(STANDARD|ENTERPRISE|DESKLESS)/,
  'OneDrive for Business': /^(ONEDRIVE|SHAREPOINT(STANDARD|ENTERPRISE|DESKLESS))/,
  'Microsoft Intune': /^INTUNE_A/,
  'Power BI': /^BI_AZURE_P/,
  'Microsoft 365 Apps': /^(OFFICESUBSCRIPTION|OFFICE_BUSINESS)/,
  'Office for the web': /^SHAREPOINTWAC/,
  'Microsoft Forms': /^FORMS_PLAN_/,
  Planner: /^PROJECTWORKMANAGEMENT/,
  'Microsoft Bookings': /^MICROSOFTBOOKINGS$/,
};

/** The user's best standing for a service: undefined when a plan serves them (or the service is not judged). */
export function licenceGap(licences: readonly LicenceDetail[], service: string): LicenceGap | undefined {
  const pattern = SERVICE_PLANS[service];
  if (!pattern) return undefined;
  const plans = licences.flatMap((l) => l.servicePlans).filter((p) => p.appliesTo.toLowerCase() !== 'company' && pattern.test(p.servicePlanName));
  const statuses = plans.map((p) => p.provisioningStatus.toLowerCase());
  if (statuses.includes('success')) return undefined;
  if (statuses.some((s) => s !== 'disabled')) return 'pending';
  return plans.length > 0 ? 'disabled' : 'missing';
}

/** Common Entra sign-in error codes (AADSTS…) in plain words; any other failure is `other`. */
const SIGN_IN_ERRORS: Readonly<Record<number, SignInFailureKind>> = {
  50126: 'badPassword', 50053: 'locked', 50057: 'disabled', 50055: 'passwordExpired', 50144: 'passwordExpired',
  50074: 'mfa', 50076: 'mfa', 50079: 'mfa', 500121: 'mfa', 53003: 'conditionalAccess', 53000: 'conditionalAccess',
  53001: 'conditionalAccess', 530032: 'conditionalAccess', 50034: 'unknownUser',
};

export function signInFailureKind(errorCode: number): SignInFailureKind {
  return SIGN_IN_ERRORS[errorCode] ?? 'other';
}

/** Failed sign-ins grouped by error code, most frequent first, each with its latest time. */
function signInFindings(signIns: readonly FailedSignIn[]): AccountFinding[] {
  const byCode = new Map<number, { count: number; lastAt: string }>();
  for (const signIn of signIns.filter((s) => s.errorCode !== 0)) {
    const known = byCode.get(signIn.errorCode);
    byCode.set(signIn.errorCode, {
      count: (known?.count ?? 0) + 1,
      lastAt: known && known.lastAt > signIn.createdDateTime ? known.lastAt : signIn.createdDateTime,
    });
  }
  return [...byCode.entries()]
    .sort((a, b) => b[1].count - a[1].count || b[1].lastAt.localeCompare(a[1].lastAt))
    .map(([errorCode, { count, lastAt }]) => ({ kind: 'signInFailures', failure: signInFailureKind(errorCode), errorCode, count, lastAt }));
}

/** Findings about the account for a problem in `service` (a Graph display name, or anything else: no licence finding). */
export function assessAccount(report: UserAccountReport, service: string): AccountFinding[] {
  const gap = licenceGap(report.licences, service);
  return [
    ...(report.accountEnabled === false ? [{ kind: 'accountDisabled' } as const] : []),
    ...(gap ? [{ kind: 'licence', service, gap } as const] : []),
    ...signInFindings(report.signIns ?? []),
  ];
}

/** Sign-in failures the user can act on with their admin or our agents (a mistyped password once is not one). */
const ACTIONABLE_SIGN_INS: readonly SignInFailureKind[] = ['locked', 'disabled', 'passwordExpired', 'conditionalAccess'];

/** The findings worth telling the customer: those they (or their admin, or our agents) can act on. */
export function customerFindings(findings: readonly AccountFinding[]): AccountFinding[] {
  return findings.filter((f) => f.kind !== 'signInFailures' || ACTIONABLE_SIGN_INS.includes(f.failure) || (f.failure === 'badPassword' && f.count >= 3));
}
