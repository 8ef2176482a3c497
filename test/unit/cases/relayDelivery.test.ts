import type { Actor, TranscriptEntry } from '../../../src/cases/caseModel';
import { isPendingRelay } from '../../../src/cases/caseModel';
import { transition } from '../../../src/cases/caseTransitions';
import { afterAttempt, RELAY_TURN_GRACE_MS, relayDueAt } from '../../../src/cases/relayDelivery';
import { RELAY_RETRY_POLICY } from '../../../src/cloud/retryPolicies';
import { ALICE, aCase } from './caseFixtures';

const NOW = new Date('2026-11-29T09:00:00.000Z');
const alice: Actor = { kind: 'agent', ...ALICE };
const customer: Actor = { kind: 'customer', aadObjectId: 'aad-u', name: 'Sam Lee' };

function lastEntry(result: ReturnType<typeof transition>): TranscriptEntry {
  if (!('case' in result)) throw new Error(`refused: ${result.refused}`);
  const entry = result.case.transcript.at(-1);
  if (!entry) throw new Error('no transcript entry');
  return entry;
}

describe('relayed messages', () => {
  it('RelayedMessages_AreStoredPendingBeforeAnySend_NotesAreNot', () => {
    const fromAgent = lastEntry(transition(aCase('taken'), { kind: 'agentMessage', text: 'try again', internal: false, sourceId: 'a1' }, alice, NOW));
    const fromCustomer = lastEntry(transition(aCase('taken'), { kind: 'customerMessage', text: 'still down', sourceId: 'c1' }, customer, NOW));
    const note = lastEntry(transition(aCase('taken'), { kind: 'agentMessage', text: 'check logs', internal: true }, alice, NOW));
    expect(isPendingRelay(fromAgent)).toBe(true);
    expect(isPendingRelay(fromCustomer)).toBe(true);
    expect(note.delivery).toBeUndefined();
  });

  it('RedeliveredActivity_IsNotRelayedTwice', () => {
    const once = transition(aCase('taken'), { kind: 'customerMessage', text: 'still down', sourceId: 'c1' }, customer, NOW);
    if (!('case' in once)) throw new Error('refused');
    expect(transition(once.case, { kind: 'customerMessage', text: 'still down', sourceId: 'c1' }, customer, NOW)).toEqual({ refused: 'duplicate' });
    expect(transition(once.case, { kind: 'agentMessage', text: 'ok', internal: false, sourceId: 'c1' }, alice, NOW)).toEqual({ refused: 'duplicate' });
    expect('case' in transition(once.case, { kind: 'customerMessage', text: 'edited: still down' }, customer, NOW)).toBe(true);
  });

  it('NewRelay_BelongsToItsTurnForTheGrace_ThenToTheRetry', () => {
    const entry = lastEntry(transition(aCase('taken'), { kind: 'customerMessage', text: 'x' }, customer, NOW));
    expect(relayDueAt(entry)).toBe(NOW.getTime() + RELAY_TURN_GRACE_MS);
  });

  it('FailedAttempts_BackOffDoublingFromTheInterval_ThenFail', () => {
    let delivery = { state: 'pending' as const, attempts: 0 };
    const first = afterAttempt(delivery, false, NOW, 15_000);
    expect(first).toEqual({ state: 'pending', attempts: 1, nextAttemptAt: '2026-11-29T09:00:15.000Z' });
    expect(afterAttempt(first, false, NOW, 15_000).nextAttemptAt).toBe('2026-11-29T09:00:30.000Z');
    expect(afterAttempt({ state: 'pending', attempts: 8 }, false, NOW, 15_000).nextAttemptAt).toBe('2026-11-29T10:00:00.000Z');
    expect(afterAttempt({ state: 'pending', attempts: RELAY_RETRY_POLICY.maxAttempts - 1 }, false, NOW, 15_000)).toEqual({ state: 'failed', attempts: RELAY_RETRY_POLICY.maxAttempts });
    delivery = { state: 'pending', attempts: 3 };
    expect(afterAttempt(delivery, true, NOW, 15_000)).toEqual({ state: 'delivered', attempts: 4 });
  });
});
