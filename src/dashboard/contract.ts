/**
 * The dashboard read API: the JSON shapes the server (src/dashboard) answers and the page (web/dashboard) reads, in one
 * place for both. No imports and no DOM, so the browser bundle and the server compile it alike.
 */

export type Severity = 'critical' | 'high' | 'moderate' | 'low';
export type CaseState = 'new' | 'taken' | 'waitingForCustomer';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'moderate', 'low'];
export const CASE_STATES: readonly CaseState[] = ['new', 'taken', 'waitingForCustomer'];

/** Whether a case state is one the queue lists (an open case). */
export function isOpenState(state: string): state is CaseState {
  return (CASE_STATES as readonly string[]).includes(state);
}

/** `GET /api/dashboard/config` (unauthenticated). */
export interface PublicConfig {
  sandbox: boolean;
  /** The bot's default locale, used when Teams gives none. */
  locale?: string;
}

/** A list answer: `?page=<n>` is 1-based. */
export interface Paged<T> {
  items: T[];
  page: number;
  nextPage: number | null;
}

/** `GET /api/dashboard/me`. */
export interface Me {
  name: string;
  aadObjectId: string;
  customers: Array<{ tenantId: string; name: string }>;
}

/** One open case of `GET /api/dashboard/queue`. */
export interface QueueItem {
  caseId: string;
  tenantId: string;
  customerName: string;
  severity: Severity;
  state: CaseState;
  ownerName: string | null;
  openedAt: string;
  slaDueAt: string;
  slaBreached: boolean;
  threadUrl: string | null;
}

/** Query of `GET /api/dashboard/queue`; an absent field does not filter. */
export interface QueueFilters {
  customer?: string;
  severity?: Severity;
  state?: CaseState;
  /** An agent's aadObjectId, or `unassigned`. */
  owner?: string;
}

/** `GET /api/dashboard/stats?days=`. */
export interface Stats {
  days: Array<{ date: string; opened: number; resolved: number }>;
  firstResponse: { count: number; p50Ms: number; p90Ms: number; p99Ms: number };
  csat: { count: number; average: number | null; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
}

/** One item of `GET /api/dashboard/escalations`. */
export interface Escalation {
  caseId: string;
  tenantId: string;
  customerName: string;
  provider: 'partnerCenter' | 'azure';
  requestId: string | null;
  status: string;
  severity: string;
  updatedAt: string;
}

/** A customer affected by an incident on the outage map. */
export interface OutageCustomer {
  tenantId: string;
  customerName: string;
  /** Customer conversations shown the incident's latest version. */
  notified: number;
  openCaseIds: string[];
}

/** One active incident on the outage map. */
export interface Outage {
  issueId: string;
  title: string;
  service: string;
  status: string;
  customers: OutageCustomer[];
}

/** `GET /api/dashboard/outages`. */
export interface Outages {
  incidents: Outage[];
}

/** Error body of a refusal (401 `unauthenticated`, 403 `forbidden`). */
export interface ErrorBody {
  error: { code: string };
}
