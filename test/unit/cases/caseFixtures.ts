/** A case in a given state, for pure tests. */
import type { Agent, Case, CaseState } from '../../../src/cases/caseModel';

export const ALICE: Agent = { aadObjectId: 'aad-alice', name: 'Alice Agent' };
export const BOB: Agent = { aadObjectId: 'aad-bob', name: 'Bob Agent' };

export function aCase(state: CaseState, changes: Partial<Case> = {}): Case {
  return {
    id: 'C-1001',
    tenantId: 'tenant-1',
    customerName: 'Contoso Pharma',
    user: { id: '29:u', aadObjectId: 'aad-u', name: 'Sam Lee' },
    customerConversationId: 'a:conv',
    locale: 'en',
    triage: {
      service: 'Exchange Online', description: 'mail is down', since: { kind: 'today' }, usersAffected: 'everyone', severity: 'critical',
      locale: 'en', tenantId: 'tenant-1', conversationId: 'a:conv', user: { id: '29:u', name: 'Sam Lee' }, startedAt: '2026-11-25T10:00:00.000Z',
    },
    matchedIssues: [],
    state,
    ...(state === 'new' ? {} : { owner: ALICE }),
    history: [],
    transcript: [],
    slaDueAt: '2026-11-25T12:00:00.000Z',
    createdAt: '2026-11-25T10:00:00.000Z',
    ...changes,
  };
}
