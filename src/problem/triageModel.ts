/** What the customer answered in triage: the one object handoff, service requests and notifications consume. */
import type { DiagnosisNotes } from './diagnosisNotes';

/** When the problem started, as the customer put it. `date` is an ISO calendar date (YYYY-MM-DD). */
export type SinceWhen =
  | { kind: 'justNow' }
  | { kind: 'today' }
  | { kind: 'moreThanDay' }
  | { kind: 'date'; date: string };

export type UsersAffected = 'me' | 'several' | 'everyone';

/** Business impact, which is also the severity of a case and of a Microsoft service request. */
export type Severity = 'critical' | 'moderate' | 'minimal';

/** Marker for "Other / not Microsoft 365" as the affected service. */
export const OTHER_SERVICE = 'other';

export interface Triage {
  /** Graph service display name (e.g. "Exchange Online"), or OTHER_SERVICE. */
  service: string;
  description: string;
  since: SinceWhen;
  usersAffected: UsersAffected;
  severity: Severity;
  locale: string;
  tenantId: string;
  conversationId: string;
  user: { id: string; aadObjectId?: string; name: string };
  /** ISO timestamp of the triage start. */
  startedAt: string;
  /** What the account check and Azure Service Health found at the end of triage. */
  diagnosis?: DiagnosisNotes;
}
