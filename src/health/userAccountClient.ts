/**
 * Reads a user's account from Graph with the customer tenant's application permissions: `users/{id}` (User.Read.All),
 * `users/{id}/licenseDetails`, and recent failed sign-ins from `auditLogs/signIns` (AuditLog.Read.All and an Entra ID
 * P1/P2 tenant; without them that part is skipped quietly). Same requester (timeout, bounded retries) as health,
 * cached per tenant and user with single flight.
 */
import type { Logger } from 'pino';
import { GraphRequester, GraphRequestError, type GraphRequesterOptions } from '../cloud/graphRequester';
import type { AccountCheck } from '../problem/diagnosisNotes';
import { assessAccount, type FailedSignIn, type LicenceDetail, type UserAccountReport } from './userAccount';
import { SingleFlightCache } from '../cloud/singleFlightCache';

export const USER_SELECT = 'accountEnabled,displayName,userPrincipalName,assignedLicenses';
/** Failed sign-ins looked at: the latest of the last 7 days. */
export const SIGN_INS_TOP = 20;
const SIGN_INS_DAYS = 7;

/** Reads the account check of one user for a problem in `service`. Never throws: a skipped check says why. */
export interface UserAccountSource {
  check(tenantId: string, userId: string | undefined, service: string): Promise<AccountCheck>;
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} is not an object`);
  return value as Record<string, unknown>;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function parseUser(body: unknown): Pick<UserAccountReport, 'accountEnabled'> {
  const user = record(body, 'user');
  return { accountEnabled: typeof user.accountEnabled === 'boolean' ? user.accountEnabled : null };
}

export function parseLicenceDetail(item: unknown): LicenceDetail {
  const licence = record(item, 'licenseDetails');
  const plans = Array.isArray(licence.servicePlans) ? licence.servicePlans : [];
  return {
    skuPartNumber: text(licence.skuPartNumber),
    servicePlans: plans.map((plan) => {
      const p = record(plan, 'servicePlan');
      return { servicePlanName: text(p.servicePlanName), provisioningStatus: text(p.provisioningStatus), appliesTo: text(p.appliesTo) };
    }),
  };
}

export function parseSignIn(item: unknown): FailedSignIn {
  const signIn = record(item, 'signIn');
  const status = signIn.status === null || signIn.status === undefined ? {} : record(signIn.status, 'signIn.status');
  return { createdDateTime: text(signIn.createdDateTime), errorCode: typeof status.errorCode === 'number' ? status.errorCode : 0 };
}

/** The sign-ins query: this user's failures (errorCode not 0) since `since`, newest first, one page. */
export function signInsPath(userId: string, since: Date): string {
  const filter = `userId eq '${userId}' and status/errorCode ne 0 and createdDateTime ge ${since.toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
  return `auditLogs/signIns?$filter=${encodeURIComponent(filter)}&$top=${String(SIGN_INS_TOP)}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface UserAccountClientOptions extends GraphRequesterOptions {
  /** How long a report is served, ms; defaults to 60 000. */
  cacheTtlMs?: number;
}

export class GraphUserAccountClient implements UserAccountSource {
  private readonly requester: GraphRequester;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly cache: SingleFlightCache<UserAccountReport | AccountCheck>;

  constructor(options: UserAccountClientOptions) {
    this.requester = new GraphRequester(options);
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.cache = new SingleFlightCache({ ttlMs: options.cacheTtlMs ?? 60_000, now: this.now });
  }

  async check(tenantId: string, userId: string | undefined, service: string): Promise<AccountCheck> {
    if (!userId || !GUID.test(userId)) return { checked: false, reason: 'noUser' };
    let report: UserAccountReport | AccountCheck;
    try {
      report = await this.cache.get(`${tenantId}/${userId.toLowerCase()}`, () => this.read(tenantId, userId));
    } catch {
      return { checked: false, reason: 'unavailable' };
    }
    if ('checked' in report) return report;
    return { checked: true, findings: assessAccount(report, service), signInsChecked: report.signIns !== undefined };
  }

  /**
   * The report, or the reason the check is skipped (no consent, no such user: kept for the TTL like a report). Graph
   * being unavailable is thrown so the next triage asks again. Logged here.
   */
  private async read(tenantId: string, userId: string): Promise<UserAccountReport | AccountCheck> {
    const id = encodeURIComponent(userId);
    try {
      const scope = { deadline: this.requester.deadlineFromNow() };
      const [user, licences, signIns] = await Promise.all([
        this.requester.getJson(tenantId, `users/${id}?$select=${USER_SELECT}`, scope),
        this.requester.getCollection(tenantId, `users/${id}/licenseDetails`, scope),
        this.readSignIns(tenantId, userId, scope.deadline),
      ]);
      return { ...parseUser(user), licences: licences.map(parseLicenceDetail), ...(signIns ? { signIns } : {}) };
    } catch (error) {
      const reason = error instanceof GraphRequestError ? error.reason : 'malformed';
      const skipped: AccountCheck = { checked: false, reason: reason === 'forbidden' || reason === 'unauthorized' ? 'notConsented' : reason === 'notFound' ? 'noUser' : 'unavailable' };
      this.logger.info({ tenantId, event: 'account.skipped', reason: skipped.reason, err: error }, 'user account check skipped');
      if (skipped.reason === 'unavailable') throw error;
      return skipped;
    }
  }

  /** Undefined when the logs cannot be read: no AuditLog.Read.All, a tenant without Entra ID P1/P2 (both 403), or Graph failing. */
  private async readSignIns(tenantId: string, userId: string, deadline: number): Promise<FailedSignIn[] | undefined> {
    const since = new Date(this.now() - SIGN_INS_DAYS * 86_400_000);
    try {
      const body = record(await this.requester.getJson(tenantId, signInsPath(userId, since), { deadline }), 'signIns');
      return (Array.isArray(body.value) ? body.value : []).map(parseSignIn);
    } catch (error) {
      this.logger.info({ tenantId, event: 'account.signInsSkipped', reason: error instanceof GraphRequestError ? error.reason : 'malformed' }, 'sign-in logs not readable');
      return undefined;
    }
  }
}
