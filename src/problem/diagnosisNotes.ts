/**
 * What diagnosis found beyond Microsoft 365 incidents, kept with the triage so the case card and the escalation can
 * show it to agents: the user's own account, the Message center posts and the Azure Service Health events that match the
 * problem. Pure data.
 */

/** Why a service plan does not serve the user: none in any licence, turned off in the licence, or not yet provisioned. */
export type LicenceGap = 'missing' | 'disabled' | 'pending';

/** Plain-word families of Entra sign-in error codes. */
export type SignInFailureKind =
  | 'badPassword' | 'locked' | 'disabled' | 'passwordExpired' | 'mfa' | 'conditionalAccess' | 'unknownUser' | 'other';

export type AccountFinding =
  | { kind: 'accountDisabled' }
  | { kind: 'licence'; service: string; gap: LicenceGap }
  | { kind: 'signInFailures'; failure: SignInFailureKind; errorCode: number; count: number; lastAt: string };

/** The account check of a triage: skipped (not consented, unknown user, Graph down), or what it found (empty = all fine). */
export type AccountCheck =
  | { checked: false; reason: 'noUser' | 'notConsented' | 'unavailable' }
  | { checked: true; findings: AccountFinding[]; signInsChecked: boolean };

/** An Azure Service Health event shown to the customer, as agents need it on the case. */
export interface AzureEventRef {
  trackingId: string;
  subscriptionId: string;
  eventType: string;
  status: string;
  title: string;
  services: string[];
  regions: string[];
}

/** A Message center post shown to the customer as a likely explanation, with the evidence that matched it. */
export interface MessageCenterPostRef {
  id: string;
  title: string;
  actionRequiredBy: string | null;
  reasons: string[];
}

export interface DiagnosisNotes {
  account?: AccountCheck;
  azureEvents?: AzureEventRef[];
  messageCenterPosts?: MessageCenterPostRef[];
}
