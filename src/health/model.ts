/** Normalized Microsoft 365 service health, as read from Graph's service communications API. */

/** serviceHealthStatus members in definition casing; anything Graph adds later becomes `unknownFutureValue`. */
export const HEALTH_STATUSES = [
  'serviceOperational', 'investigating', 'restoringService', 'verifyingService', 'serviceRestored',
  'postIncidentReviewPublished', 'serviceDegradation', 'serviceInterruption', 'extendedRecovery',
  'falsePositive', 'investigationSuspended', 'resolved', 'mitigatedExternal', 'mitigated',
  'resolvedExternal', 'confirmed', 'reported', 'unknownFutureValue',
] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** Statuses with which Microsoft says an issue is over. */
const RESOLVED_STATUSES: readonly HealthStatus[] = ['serviceRestored', 'postIncidentReviewPublished', 'falsePositive', 'resolved', 'resolvedExternal'];

/**
 * `mitigated` / `mitigatedExternal`: Microsoft has addressed the impact but not confirmed the issue resolved. The bot
 * reads them as not resolved everywhere: the issue stays open (parse), still matches a customer's problem as
 * ongoing, is not announced as resolved, and the service shows as not healthy on the health card.
 */
const MITIGATED_STATUSES: readonly HealthStatus[] = ['mitigated', 'mitigatedExternal'];

/** Whether the status says the issue is over (mitigated is not). */
export function isResolvedStatus(status: HealthStatus): boolean {
  return RESOLVED_STATUSES.includes(status);
}

/** Whether the status says the issue is only mitigated: Graph's `isResolved` is not taken as resolution then. */
export function isMitigatedStatus(status: HealthStatus): boolean {
  return MITIGATED_STATUSES.includes(status);
}

/** Whether a service or issue status means users may be affected now: anything but operational or resolved. */
export function isDegradedStatus(status: HealthStatus): boolean {
  return status !== 'serviceOperational' && !isResolvedStatus(status);
}

export type IssueClassification = 'incident' | 'advisory' | 'unknownFutureValue';

/** One service of a tenant (a healthOverviews item). */
export interface ServiceHealthEntry {
  /** Graph id, e.g. "Exchange". */
  id: string;
  /** Display name, e.g. "Exchange Online". */
  service: string;
  status: HealthStatus;
}

/** The latest post of an issue, reduced to plain text. */
export interface IssuePost {
  createdDateTime: string;
  text: string;
}

/** A serviceHealthIssue (incident or advisory). */
export interface HealthIssue {
  id: string;
  title: string;
  impactDescription: string;
  classification: IssueClassification;
  status: HealthStatus;
  service: string;
  feature: string | null;
  featureGroup: string | null;
  isResolved: boolean;
  startDateTime: string;
  endDateTime: string | null;
  lastModifiedDateTime: string;
  latestPost: IssuePost | null;
}

/** Everything the bot knows about one tenant's health at one moment. */
export interface HealthSnapshot {
  tenantId: string;
  fetchedAt: string;
  services: ServiceHealthEntry[];
  issues: HealthIssue[];
}

/** Thrown when a tenant's health cannot be read (not consented, 401/403, throttled past retries, down). */
export class HealthUnavailableError extends Error {
  constructor(
    readonly tenantId: string,
    readonly reason: 'unauthorized' | 'forbidden' | 'throttled' | 'unreachable' | 'malformed',
    options?: { cause?: unknown },
  ) {
    super(`Service health unavailable for tenant ${tenantId}: ${reason}`, options);
    this.name = 'HealthUnavailableError';
  }
}

/** Reads a tenant's health. Implementations cache per tenant; they never mix tenants. */
export interface ServiceHealthSource {
  getSnapshot(tenantId: string): Promise<HealthSnapshot>;
}
