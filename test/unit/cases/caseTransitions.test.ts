import type { Actor, CaseState } from '../../../src/cases/caseModel';
import { formatCaseId, MAX_COMMENT_CHARS, parseCaseId } from '../../../src/cases/caseModel';
import { transition, type CaseAction, type RefusalReason } from '../../../src/cases/caseTransitions';
import { ALICE, BOB, aCase } from './caseFixtures';

const NOW = new Date('2026-11-25T11:00:00.000Z');
const alice: Actor = { kind: 'agent', ...ALICE };
const bob: Actor = { kind: 'agent', ...BOB };
const customer: Actor = { kind: 'customer', aadObjectId: 'aad-u', name: 'Sam Lee' };

type Row = [CaseState, CaseAction, Actor, CaseState | RefusalReason];

const take: CaseAction = { kind: 'take' };
const assign: CaseAction = { kind: 'assign', to: BOB };
const say: CaseAction = { kind: 'agentMessage', text: 'hi', internal: false };
const reply: CaseAction = { kind: 'customerMessage', text: 'thanks' };
const wait: CaseAction = { kind: 'waitForCustomer' };
const resolve: CaseAction = { kind: 'resolve', summary: 'fixed the connector' };
const withdraw: CaseAction = { kind: 'withdraw' };
const end: CaseAction = { kind: 'customerEnd' };

const ALLOWED: Row[] = [
  ['new', take, alice, 'taken'],
  ['new', assign, alice, 'taken'],
  ['taken', assign, alice, 'taken'],
  ['waitingForCustomer', assign, alice, 'waitingForCustomer'],
  ['taken', say, alice, 'taken'],
  ['waitingForCustomer', say, bob, 'waitingForCustomer'],
  ['taken', reply, customer, 'taken'],
  ['waitingForCustomer', reply, customer, 'taken'],
  ['taken', wait, alice, 'waitingForCustomer'],
  ['new', resolve, alice, 'resolved'],
  ['taken', resolve, alice, 'resolved'],
  ['waitingForCustomer', resolve, bob, 'resolved'],
  ['new', withdraw, customer, 'withdrawn'],
  ['taken', withdraw, customer, 'withdrawn'],
  ['waitingForCustomer', withdraw, customer, 'withdrawn'],
  ['taken', end, customer, 'resolved'],
  ['waitingForCustomer', end, customer, 'resolved'],
];

const REFUSED: Row[] = [
  ['taken', take, bob, 'alreadyTaken'],
  ['taken', take, alice, 'alreadyTaken'],
  ['waitingForCustomer', take, bob, 'alreadyTaken'],
  ['new', say, alice, 'notTaken'],
  ['new', reply, customer, 'notTaken'],
  ['new', wait, alice, 'notTaken'],
  ['waitingForCustomer', wait, alice, 'notTaken'],
  ['taken', { kind: 'resolve', summary: '  ' }, alice, 'summaryRequired'],
  ['new', end, customer, 'notTaken'],
  ['taken', take, customer, 'notAllowed'],
  ['taken', resolve, customer, 'notAllowed'],
  ['taken', withdraw, alice, 'notAllowed'],
  ['taken', reply, alice, 'notAllowed'],
  ...(['resolved', 'withdrawn'] as const).flatMap((closed): Row[] => [
    [closed, take, alice, 'closed'], [closed, assign, alice, 'closed'], [closed, say, alice, 'closed'], [closed, reply, customer, 'closed'],
    [closed, wait, alice, 'closed'], [closed, resolve, alice, 'closed'], [closed, withdraw, customer, 'closed'], [closed, end, customer, 'closed'],
  ]),
  ['taken', { kind: 'rate', score: 5 }, customer, 'notResolved'],
  ['resolved', { kind: 'rate', score: 0 }, customer, 'invalidScore'],
  ['resolved', { kind: 'rate', score: 2.5 }, customer, 'invalidScore'],
  ['resolved', { kind: 'rate', score: 5 }, alice, 'notAllowed'],
];

describe('case transitions', () => {
  it.each(ALLOWED)('Transition_%s_%j_ByActor_MovesTo', (from, action, actor, to) => {
    const before = aCase(from);
    const result = transition(before, action, actor, NOW);
    if (!('case' in result)) throw new Error(`refused: ${result.refused}`);
    expect(result.case.state).toBe(to);
    expect(before.state).toBe(from);
  });

  it.each(REFUSED)('Transition_%s_%j_ByActor_IsRefused', (from, action, actor, reason) => {
    const before = aCase(from);
    const result = transition(before, action, actor, NOW);
    expect(result).toMatchObject({ refused: reason });
  });

  it('Take_ByOther_RefusesNamingTheOwner', () => {
    expect(transition(aCase('taken'), take, bob, NOW)).toEqual({ refused: 'alreadyTaken', owner: ALICE });
  });

  it('Take_New_SetsOwnerAndHistory', () => {
    const result = transition(aCase('new'), take, bob, NOW);
    expect(result).toMatchObject({ case: { owner: BOB, history: [{ action: 'take', by: 'Bob Agent', at: NOW.toISOString(), state: 'taken' }] } });
  });

  it('AgentNote_IsKeptInternal_CustomerMessageIsNot', () => {
    const noted = transition(aCase('taken'), { kind: 'agentMessage', text: 'check logs', internal: true }, alice, NOW);
    expect(noted).toMatchObject({ case: { transcript: [{ from: 'agent', text: 'check logs', internal: true }] } });
    const replied = transition(aCase('taken'), reply, customer, NOW);
    expect(replied).toMatchObject({ case: { transcript: [{ from: 'customer', name: 'Sam Lee', text: 'thanks' }] } });
    if ('case' in replied) expect(replied.case.transcript[0]?.internal).toBeUndefined();
  });

  it('Resolve_RecordsTheSummary_RateRecordsOnce', () => {
    const resolved = transition(aCase('taken'), resolve, alice, NOW);
    if (!('case' in resolved)) throw new Error('refused');
    expect(resolved.case.resolution).toEqual({ summary: 'fixed the connector', by: 'Alice Agent', at: NOW.toISOString() });
    const rated = transition(resolved.case, { kind: 'rate', score: 4, comment: ' quick ' }, customer, NOW);
    if (!('case' in rated)) throw new Error('refused');
    expect(rated.case.satisfaction).toEqual({ score: 4, comment: 'quick', at: NOW.toISOString() });
    expect(transition(rated.case, { kind: 'rate', score: 5 }, customer, NOW)).toEqual({ refused: 'alreadyRated' });
  });

  it('CaseIds_AreHumanFriendlyAndParsed', () => {
    expect(formatCaseId(1042)).toBe('C-1042');
    expect(parseCaseId('c-1042')).toBe('C-1042');
    expect(parseCaseId('1042')).toBe('C-1042');
    expect(parseCaseId('C1042')).toBe('C-1042');
    expect(parseCaseId('DROP TABLE')).toBeUndefined();
  });
});

describe('transition: satisfaction comment bound', () => {
  it(`refuses a comment over ${String(MAX_COMMENT_CHARS)} characters and keeps one at the bound`, () => {
    const resolved = aCase('resolved');
    const rater = customer;
    expect(transition(resolved, { kind: 'rate', score: 4, comment: 'x'.repeat(MAX_COMMENT_CHARS + 1) }, rater, NOW)).toEqual({ refused: 'commentTooLong' });
    expect(transition(resolved, { kind: 'rate', score: 4, comment: 'x'.repeat(MAX_COMMENT_CHARS) }, rater, NOW)).toHaveProperty('case.satisfaction.score', 4);
  });
});
