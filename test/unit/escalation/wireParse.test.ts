import { parseApiFault } from '../../../src/cloud/partnerCenterFault';
import { parseCollection, parseServiceRequest, parseStatus, parseSupportTopic } from '../../../src/escalation/partnerCenter/wireParse';

describe('parseServiceRequest', () => {
  const expected = {
    id: '616122292874576', title: 'Mail delays', description: 'Since 07:00', severity: 'moderate', status: 'attention_needed', supportTopicId: '32444667',
    notes: [{ createdByName: 'Microsoft', createdDate: '2026-11-25T10:00:00Z', text: 'Please send logs' }], createdDate: '2026-11-25T09:00:00Z',
  };

  it('reads camelCase with snake_case enums and drops unset dates', () => {
    expect(parseServiceRequest({
      id: '616122292874576', title: 'Mail delays', description: 'Since 07:00', severity: 'moderate', status: 'attention_needed', supportTopicId: '32444667',
      notes: [{ createdByName: 'Microsoft', createdDate: '2026-11-25T10:00:00Z', text: 'Please send logs' }],
      createdDate: '2026-11-25T09:00:00Z', lastModifiedDate: '0001-01-01T00:00:00', lastClosedDate: '0001-01-01T00:00:00',
    })).toEqual(expected);
  });

  it('reads PascalCase with integer enums and a numeric topic id', () => {
    expect(parseServiceRequest({
      Id: '616122292874576', Title: 'Mail delays', Description: 'Since 07:00', Severity: 2, Status: 3, SupportTopicId: 32444667,
      Notes: [{ CreatedByName: 'Microsoft', CreatedDate: '2026-11-25T10:00:00Z', Text: 'Please send logs' }], CreatedDate: '2026-11-25T09:00:00Z',
    })).toEqual(expected);
  });

  it('reads enum names in other styles and falls back on unknown values', () => {
    expect(parseStatus('AttentionNeeded')).toBe('attention_needed');
    expect(parseStatus('Open')).toBe('open');
    expect(parseStatus('1')).toBe('open');
    expect(parseStatus(9)).toBe('none');
    expect(parseStatus('escalated')).toBe('none');
  });

  it('rejects a body without an id', () => {
    expect(() => parseServiceRequest({ title: 'x' })).toThrow('service request has no id');
  });
});

describe('parseSupportTopic and parseCollection', () => {
  it('normalizes topic ids to strings and follows links.next headers', () => {
    expect(parseSupportTopic({ id: 32444667, name: 'Exchange', description: 'Mail' })).toEqual({ id: '32444667', name: 'Exchange', description: 'Mail' });
    const page = parseCollection({ totalCount: 1, items: [{}], links: { self: { uri: '/customers?size=1' }, next: { uri: '/customers?size=1&seekOperation=Next', method: 'GET', headers: [{ key: 'MS-ContinuationToken', value: 'abc' }] } } });
    expect(page.next).toEqual({ uri: '/customers?size=1&seekOperation=Next', headers: { 'MS-ContinuationToken': 'abc' } });
    expect(parseCollection({ Items: [1, 2] })).toEqual({ items: [1, 2] });
  });
});

describe('parseApiFault', () => {
  it('reads ApiFault with numeric or string codes and the 429 body', () => {
    expect(parseApiFault({ code: 3000, description: 'Invalid property', data: [], source: 'PartnerFD' })).toEqual({ code: '3000', description: 'Invalid property' });
    expect(parseApiFault({ code: '800002', description: 'Invalid input' })).toEqual({ code: '800002', description: 'Invalid input' });
    expect(parseApiFault({ statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' })).toEqual({ code: '429', description: 'Rate limit is exceeded. Try again in 57 seconds.' });
    expect(parseApiFault('oops')).toBeUndefined();
  });
});
