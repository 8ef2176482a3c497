import type { ServiceRequest } from '../../../src/escalation/partnerCenter/model';
import { diffServiceRequest, needsAgentAttention } from '../../../src/escalation/serviceRequestDiff';

const note = (text: string) => ({ createdByName: 'Microsoft', createdDate: '2026-11-25T10:00:00Z', text });
const request = (over: Partial<ServiceRequest>): ServiceRequest => ({
  id: '624051412000117', title: 't', description: 'd', severity: 'moderate', status: 'none', supportTopicId: '1', notes: [], ...over,
});

describe('diffServiceRequest', () => {
  const seen = { id: '624051412000117', status: 'none' as const, notesSeen: 1 };

  it('reports nothing when status and notes are unchanged', () => {
    expect(diffServiceRequest(seen, request({ notes: [note('a')] }))).toBeUndefined();
  });

  it('reports a status move and only the notes added since', () => {
    const change = diffServiceRequest(seen, request({ status: 'attention_needed', notes: [note('a'), note('b')] }));
    expect(change).toEqual({ status: { from: 'none', to: 'attention_needed' }, newNotes: [note('b')] });
    expect(change && needsAgentAttention(change)).toBe(true);
  });

  it('reports new notes without a status change', () => {
    expect(diffServiceRequest({ ...seen, status: 'open' }, request({ status: 'open', notes: [note('a'), note('b'), note('c')] }))).toEqual({ newNotes: [note('b'), note('c')] });
  });

  it('tolerates a shorter notes list than seen', () => {
    expect(diffServiceRequest({ ...seen, notesSeen: 3 }, request({ notes: [] }))).toBeUndefined();
  });
});
