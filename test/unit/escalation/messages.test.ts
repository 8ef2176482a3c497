import { agentChangeText, customerChangeText } from '../../../src/escalation/messages';
import type { ServiceRequestRecord } from '../../../src/escalation/serviceRequestStore';
import { escalationTranslator } from './testTranslator';

const record: ServiceRequestRecord = {
  caseId: 'case-1', tenantId: 't', customerName: 'Fabrikam', idempotencyKey: 'k', state: 'filed',
  request: { title: 'T', description: 'D', severity: 'moderate', supportTopicId: '1' }, requestedBy: { aadObjectId: 'a', name: 'Ana' },
  attempts: [], serviceRequest: { id: '624051412000001', status: 'attention_needed', notesSeen: 2 }, createdAt: '', updatedAt: '',
};
const note = { createdByName: 'Microsoft Support', createdDate: '', text: 'Send logs' };

describe('change messages', () => {
  it('tells the customer in their language, with notes counted', () => {
    const text = customerChangeText(record, { status: { from: 'open', to: 'attention_needed' }, newNotes: [note, note] }, escalationTranslator('fr'));
    expect(text).toContain('Microsoft a besoin de précisions sur la demande 624051412000001');
    expect(text).toContain('Microsoft a ajouté 2 notes');
    expect(customerChangeText(record, { newNotes: [note] }, escalationTranslator('en'))).toBe('Microsoft added a note to request 624051412000001.');
  });

  it('gives the agent the status and the notes themselves', () => {
    const text = agentChangeText(record, { status: { from: 'open', to: 'attention_needed' }, newNotes: [note] }, escalationTranslator('en'));
    expect(text).toContain('needs your attention');
    expect(text).toContain('Microsoft Support: Send logs');
  });
});
