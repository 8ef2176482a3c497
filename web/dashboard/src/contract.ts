/**
 * The dashboard read API as the page sees it (the binding contract shared with the server side): JSON shapes only,
 * no DOM, so the e2e fixture can type its data with the same declarations.
 */

export type Severity = 'critical' | 'high' | 'moderate' | 'low';
export type CaseState = 'new' | 'taken' | 'waitingForCustomer';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'moderate', 'low'];
export const CASE_STATES: readonly CaseState[] = ['new', 'taken', 'waitingForCustomer'];

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

/** `GET /api/dashboard/outages`. */
export interface Outages {
  incidents: Array<{
    issueId: string;
    title: string;
    service: string;
    status: string;
    customers: Array<{ tenantId: string; customerName: string; notified: number; openCaseIds: string[] }>;
  }>;
}

/** Error body of a refusal (401 `unauthenticated`, 403 `forbidden`). */
export interface ErrorBody {
  error: { code: string };
}
