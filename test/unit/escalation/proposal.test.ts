import type { Triage } from '../../../src/problem/triageModel';
import { matchTopic, proposeServiceRequest } from '../../../src/escalation/partnerCenter/proposal';
import { SANDBOX_TOPICS } from '../../../src/sandbox/partnerCenterSandbox';
import { escalationTranslator } from './testTranslator';

const triage: Triage = {
  service: 'Exchange Online', description: 'External mail is delayed by 40 minutes', since: { kind: 'today' }, usersAffected: 'everyone',
  severity: 'critical', locale: 'fr-FR', tenantId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', conversationId: 'c1',
  user: { id: 'u1', name: 'Marie Dupont' }, startedAt: '2026-11-25T08:00:00Z',
};
const customer = { name: 'Fabrikam', tenantId: triage.tenantId, defaultDomain: 'fabrikam.onmicrosoft.com' };

describe('matchTopic', () => {
  it('matches the triage service, or the commercial category, to a topic', () => {
    expect(matchTopic(SANDBOX_TOPICS, 'Exchange Online', 'technical')?.name).toBe('Exchange Online');
    expect(matchTopic(SANDBOX_TOPICS, 'Microsoft Teams', 'technical')?.name).toBe('Microsoft Teams');
    expect(matchTopic(SANDBOX_TOPICS, 'Exchange Online', 'billing')?.name).toBe('Billing');
    expect(matchTopic(SANDBOX_TOPICS, 'Exchange Online', 'subscriptionManagement')?.name).toBe('Subscription management');
    expect(matchTopic(SANDBOX_TOPICS, 'other', 'technical')).toBeUndefined();
  });
});

describe('proposeServiceRequest', () => {
  const input = {
    triage, category: 'technical' as const, customer, topics: SANDBOX_TOPICS, transcriptSummary: 'Customer reports delays since 07:00.',
    matchedIssues: [{ id: 'EX123456', title: 'Mail delivery delays' }],
  };

  it('proposes topic, severity and a title and description carrying the case facts', () => {
    const proposal = proposeServiceRequest(input, escalationTranslator('en'));
    expect(proposal.supportTopicId).toBe('32444667');
    expect(proposal.severity).toBe('critical');
    expect(proposal.title).toBe('Fabrikam: Exchange Online – External mail is delayed by 40 minutes');
    for (const fact of ['Fabrikam', triage.tenantId, 'fabrikam.onmicrosoft.com', 'everyone in the organization', 'earlier today', 'EX123456: Mail delivery delays', 'Customer reports delays since 07:00.', 'Marie Dupont']) {
      expect(proposal.description).toContain(fact);
    }
  });

  it('writes labels in the given language, says when no incident matched, and leaves the topic empty when none fits', () => {
    const proposal = proposeServiceRequest({ ...input, matchedIssues: [], triage: { ...triage, service: 'other', since: { kind: 'date', date: '2026-11-20' } } }, escalationTranslator('fr'));
    expect(proposal.supportTopicId).toBe('');
    expect(proposal.description).toContain('Identifiant du locataire');
    expect(proposal.description).toContain('2026-11-20');
    expect(proposal.description).toContain("Aucun dans l'état des services");
  });

  it('keeps the title within 120 characters', () => {
    const proposal = proposeServiceRequest({ ...input, triage: { ...triage, description: 'x'.repeat(500) } }, escalationTranslator('en'));
    expect(proposal.title.length).toBeLessThanOrEqual(120);
  });
});
