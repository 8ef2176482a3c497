/**
 * The case: what the customer asked, who at the partner owns it, and everything said. Pure data and helpers.
 */
import type { ConversationReference } from '../teams/turn';
import type { MatchEvidence } from '../health/incidentMatching';
import type { Triage } from '../problem/triageModel';

/** Where a case is in its life. */
export type CaseState = 'new' | 'taken' | 'waitingForCustomer' | 'resolved' | 'withdrawn';

/** States in which a case is still open (in the queue, relaying messages). */
export const OPEN_STATES: readonly CaseState[] = ['new', 'taken', 'waitingForCustomer'];

/** An agent of the partner. */
export interface Agent {
  aadObjectId: string;
  name: string;
  /** The GDAP role that allowed the agent's action on this case (e.g. Helpdesk Administrator), shown on the card. */
  role?: string;
}

/** Who acts on a case. */
export type Actor = ({ kind: 'agent' } & Agent) | { kind: 'customer'; aadObjectId?: string; name: string };

/** An incident of the customer's tenant that matched the triage. */
export interface MatchedIssue {
  id: string;
  title: string;
  status: string;
  /** Why it was matched (absent on cases opened before evidence was recorded). */
  evidence?: MatchEvidence;
}

/**
 * Delivery of a relayed message to the other side. It is stored as `pending` with the message itself, before
 * anything is sent, so a crash or a Teams outage between the two loses nothing: the relay retry re-sends it.
 */
export interface RelayDelivery {
  state: 'pending' | 'delivered' | 'failed';
  /** Send attempts so far. */
  attempts: number;
  /** ISO time from which the relay retry may send it again; before the first attempt, see RelayDeliverer. */
  nextAttemptAt?: string;
}

/** One message of the conversation, kept with the case. `internal` entries (agent notes) never reach the customer. */
export interface TranscriptEntry {
  from: 'customer' | 'agent';
  name: string;
  text: string;
  at: string;
  internal?: boolean;
  /** Id of the Teams activity that carried it: a redelivered activity is not relayed twice. */
  sourceId?: string;
  /** Set on every message relayed to the other side (not on internal notes). */
  delivery?: RelayDelivery;
  /** Files the customer attached, forwarded as links. */
  attachments?: Array<{ name: string; url: string }>;
  /** Attachments not forwarded (over the limit, or not an https link). */
  attachmentsDropped?: number;
}

/** A new relayed entry, pending delivery. */
export function relayEntry(entry: Omit<TranscriptEntry, 'at' | 'delivery'>, now: Date): TranscriptEntry {
  const delivery: RelayDelivery = { state: 'pending', attempts: 0 };
  return { ...entry, at: now.toISOString(), ...(entry.internal ? {} : { delivery }) };
}

/**
 * The id that makes a relayed message idempotent: the Teams message id. Edits and deletes (relayed as new
 * messages) carry the id of the message they change, so they get none.
 */
export function relaySourceId(context: { activity: { type?: string; id?: string } }): string | undefined {
  return context.activity.type === 'message' ? context.activity.id : undefined;
}

/** Whether a relayed entry still waits for delivery. */
export function isPendingRelay(entry: TranscriptEntry): boolean {
  return entry.delivery?.state === 'pending';
}

/** One applied transition. */
export interface HistoryEntry {
  action: string;
  by: string;
  /** The GDAP role that allowed the action, when it was one. */
  role?: string;
  at: string;
  state: CaseState;
}

export interface Case {
  /** Human-friendly and unique across tenants, e.g. `C-1042`. */
  id: string;
  tenantId: string;
  customerName: string;
  user: { id: string; aadObjectId?: string; name: string };
  customerConversationId: string;
  locale: string;
  triage: Triage;
  matchedIssues: MatchedIssue[];
  state: CaseState;
  owner?: Agent;
  history: HistoryEntry[];
  transcript: TranscriptEntry[];
  /** ISO time the first response is due (business minutes of the plan). */
  slaDueAt: string;
  /** SLA notices already posted, so each is posted once. */
  slaNotified?: { reminder?: string; breach?: string };
  resolution?: { summary: string; by: string; at: string };
  satisfaction?: { score: number; comment?: string; at: string };
  /** The case thread in the agents' channel, its root activity (the case card) and a reference to reach it. */
  thread?: { conversationId: string; activityId: string; reference: Partial<ConversationReference> };
  createdAt: string;
}

/** Longest satisfaction comment, in characters (the card's input says so too). */
export const MAX_COMMENT_CHARS = 1_000;

/** The case number for a counter value. */
export function formatCaseId(counter: number): string {
  return `C-${String(counter)}`;
}

/** Normalizes what someone typed ("1042", "c-1042", "C1042") to a case id, or undefined. */
export function parseCaseId(text: string): string | undefined {
  const match = /^c?-?\s*(\d{1,9})$/i.exec(text.trim());
  return match?.[1] ? formatCaseId(Number(match[1])) : undefined;
}

export function isOpenCase(c: Pick<Case, 'state'>): boolean {
  return OPEN_STATES.includes(c.state);
}

const SEVERITY_RANK: Record<Triage['severity'], number> = { critical: 0, moderate: 1, minimal: 2 };

/** Queue order: most severe first, then oldest first. */
export function compareQueueOrder(a: Case, b: Case): number {
  return SEVERITY_RANK[a.triage.severity] - SEVERITY_RANK[b.triage.severity] || a.createdAt.localeCompare(b.createdAt);
}

/** How many cases may be open at once. */
export interface OpenCaseLimits {
  perTenant: number;
  /** Per customer user (by Entra object id, else Teams user id), across their conversations. */
  perUser: number;
}

/** Open cases allowed at once when nothing else is said: the defaults of MAX_OPEN_CASES_PER_TENANT and _PER_USER. */
export const DEFAULT_OPEN_CASE_LIMITS: OpenCaseLimits = { perTenant: 50, perUser: 3 };
