/**
 * The case state machine: one pure function from (case, action, actor, now) to the next case or a refusal.
 */
import type { Actor, Agent, Case, CaseState, TranscriptEntry } from './caseModel';
import { isOpenCase, MAX_COMMENT_CHARS, relayEntry } from './caseModel';

/** What someone wants to do to a case. */
export type CaseAction =
  | { kind: 'take' }
  | { kind: 'assign'; to: Agent }
  | { kind: 'agentMessage'; text: string; internal: boolean; sourceId?: string }
  | { kind: 'customerMessage'; text: string; sourceId?: string; attachments?: TranscriptEntry['attachments']; attachmentsDropped?: number }
  | { kind: 'waitForCustomer' }
  | { kind: 'resolve'; summary: string }
  | { kind: 'withdraw' }
  | { kind: 'customerEnd' }
  | { kind: 'rate'; score: number; comment?: string };

/** Why an action was refused; nothing changed. */
export type RefusalReason =
  | 'alreadyTaken' | 'closed' | 'notTaken' | 'summaryRequired' | 'notAllowed' | 'notResolved' | 'alreadyRated' | 'invalidScore' | 'commentTooLong'
  | 'duplicate';

export type TransitionResult = { case: Case } | { refused: RefusalReason; owner?: Agent };

const CUSTOMER_ACTIONS: ReadonlySet<CaseAction['kind']> = new Set(['customerMessage', 'withdraw', 'customerEnd', 'rate']);

function moved(c: Case, action: CaseAction, actor: Actor, now: Date, state: CaseState, changes: Partial<Case> = {}): { case: Case } {
  return {
    case: { ...c, ...changes, state, history: [...c.history, { action: action.kind, by: actor.name, ...(actor.kind === 'agent' && actor.role ? { role: actor.role } : {}), at: now.toISOString(), state }] },
  };
}

/** Whether the activity that carries this message was already relayed (Teams redelivered it). */
function isRepeated(c: Case, sourceId: string | undefined): boolean {
  return sourceId !== undefined && c.transcript.some((entry) => entry.sourceId === sourceId);
}

function agentTransition(c: Case, action: CaseAction, agent: Agent, actor: Actor, now: Date): TransitionResult {
  const at = now.toISOString();
  switch (action.kind) {
    case 'take':
      if (c.owner && c.owner.aadObjectId !== agent.aadObjectId) return { refused: 'alreadyTaken', owner: c.owner };
      if (c.state !== 'new') return { refused: 'alreadyTaken', owner: c.owner };
      return moved(c, action, actor, now, 'taken', { owner: agent });
    case 'assign':
      return moved(c, action, actor, now, c.state === 'new' ? 'taken' : c.state, { owner: action.to });
    case 'agentMessage':
      if (c.state === 'new') return { refused: 'notTaken' };
      if (isRepeated(c, action.sourceId)) return { refused: 'duplicate' };
      return { case: { ...c, transcript: [...c.transcript, relayEntry({ from: 'agent', name: agent.name, text: action.text, sourceId: action.sourceId, ...(action.internal ? { internal: true } : {}) }, now)] } };
    case 'waitForCustomer':
      if (c.state !== 'taken') return { refused: 'notTaken' };
      return moved(c, action, actor, now, 'waitingForCustomer');
    case 'resolve':
      if (action.summary.trim() === '') return { refused: 'summaryRequired' };
      return moved(c, action, actor, now, 'resolved', { resolution: { summary: action.summary.trim(), by: agent.name, at } });
    default:
      return { refused: 'notAllowed' };
  }
}

function customerTransition(c: Case, action: CaseAction, actor: Actor, now: Date): TransitionResult {
  const at = now.toISOString();
  switch (action.kind) {
    case 'customerMessage':
      if (c.state === 'new') return { refused: 'notTaken' };
      if (isRepeated(c, action.sourceId)) return { refused: 'duplicate' };
      return moved(c, action, actor, now, 'taken', { transcript: [...c.transcript, relayEntry({
        from: 'customer', name: actor.name, text: action.text, sourceId: action.sourceId,
        ...(action.attachments?.length ? { attachments: action.attachments } : {}),
        ...(action.attachmentsDropped ? { attachmentsDropped: action.attachmentsDropped } : {}),
      }, now)] });
    case 'withdraw':
      return moved(c, action, actor, now, 'withdrawn');
    case 'customerEnd':
      if (c.state === 'new') return { refused: 'notTaken' };
      return moved(c, action, actor, now, 'resolved', { resolution: { summary: '', by: actor.name, at } });
    default:
      return { refused: 'notAllowed' };
  }
}

function rate(c: Case, action: Extract<CaseAction, { kind: 'rate' }>, now: Date): TransitionResult {
  if (c.state !== 'resolved') return { refused: 'notResolved' };
  if (c.satisfaction) return { refused: 'alreadyRated' };
  if (!Number.isInteger(action.score) || action.score < 1 || action.score > 5) return { refused: 'invalidScore' };
  const comment = action.comment?.trim();
  if (comment !== undefined && comment.length > MAX_COMMENT_CHARS) return { refused: 'commentTooLong' };
  return { case: { ...c, satisfaction: { score: action.score, ...(comment ? { comment } : {}), at: now.toISOString() } } };
}

/**
 * Applies an action. Agent actions need an agent actor, customer actions a customer actor (roles and tenants are
 * checked by the caller, on the server). A closed case refuses everything but rating.
 *
 * @returns The next case (a new object) or the reason for refusing, with the owner when someone else took it.
 */
export function transition(c: Case, action: CaseAction, actor: Actor, now: Date): TransitionResult {
  const byCustomer = CUSTOMER_ACTIONS.has(action.kind);
  if (byCustomer !== (actor.kind === 'customer')) return { refused: 'notAllowed' };
  if (action.kind === 'rate') return rate(c, action, now);
  if (!isOpenCase(c)) return { refused: 'closed' };
  if (actor.kind === 'agent') return agentTransition(c, action, { aadObjectId: actor.aadObjectId, name: actor.name, ...(actor.role ? { role: actor.role } : {}) }, actor, now);
  return customerTransition(c, action, actor, now);
}
