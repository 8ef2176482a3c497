import { GraphParseError, parseCollection, parseJson } from '../../../src/cloud/graphJson';
import { htmlToText, parseIssue, parseService } from '../../../src/health/graphParse';

const pascalIssue = {
  id: 'EX812345', title: 'Some users see delays receiving external email',
  impactDescription: 'Inbound messages from outside the organisation may arrive up to 40 minutes late.',
  classification: 'Incident', origin: 'Microsoft', status: 'ServiceDegradation',
  service: 'Exchange Online', feature: 'Mail flow', featureGroup: 'E-Mail timely delivery',
  isResolved: false, startDateTime: '2024-05-14T07:05:00Z', endDateTime: null,
  lastModifiedDateTime: '2024-05-14T09:31:12.45Z',
  details: [{ name: 'NotifyInApp', value: 'True' }],
  posts: [
    { createdDateTime: '2024-05-14T09:31:12.45Z', postType: 'Regular', description: { contentType: 'Html', content: '<p>Traffic is being rerouted.</p><p>Next update by 11:30 UTC.</p>' } },
    { createdDateTime: '2024-05-14T07:40:00Z', postType: 'Regular', description: { contentType: 'Html', content: '<p>We&#39;re investigating.</p>' } },
  ],
};

const camelIssue = {
  ...pascalIssue, classification: 'incident', origin: 'microsoft', status: 'serviceDegradation',
  posts: pascalIssue.posts.map((post) => ({ ...post, postType: 'regular', description: { ...post.description, contentType: 'html' } })),
};

describe('parseIssue', () => {
  it.each([['PascalCase', pascalIssue], ['camelCase', camelIssue]])('reads %s enums the same way', (_casing, raw) => {
    expect(parseIssue(raw)).toEqual({
      id: 'EX812345', title: 'Some users see delays receiving external email',
      impactDescription: 'Inbound messages from outside the organisation may arrive up to 40 minutes late.',
      classification: 'incident', status: 'serviceDegradation', service: 'Exchange Online',
      feature: 'Mail flow', featureGroup: 'E-Mail timely delivery', isResolved: false,
      startDateTime: '2024-05-14T07:05:00Z', endDateTime: null, lastModifiedDateTime: '2024-05-14T09:31:12.45Z',
      latestPost: { createdDateTime: '2024-05-14T09:31:12.45Z', text: 'Traffic is being rerouted. Next update by 11:30 UTC.' },
    });
  });

  it('maps unknown enum members to unknownFutureValue', () => {
    const issue = parseIssue({ ...pascalIssue, classification: 'Outage', status: 'SomethingNew' });
    expect(issue.classification).toBe('unknownFutureValue');
    expect(issue.status).toBe('unknownFutureValue');
  });

  it('tolerates missing fields and derives isResolved from the status', () => {
    expect(parseIssue({ id: 'MO1', status: 'ServiceRestored' })).toEqual({
      id: 'MO1', title: '', impactDescription: '', classification: 'unknownFutureValue', status: 'serviceRestored',
      service: '', feature: null, featureGroup: null, isResolved: true, startDateTime: '', endDateTime: null,
      lastModifiedDateTime: '', latestPost: null,
    });
  });

  it.each(['mitigated', 'MitigatedExternal'])('reads a %s issue as not resolved, even when Graph flags it resolved', (status) => {
    expect(parseIssue({ id: 'EX3', status, isResolved: true })).toMatchObject({ isResolved: false });
    expect(parseIssue({ id: 'EX4', status })).toMatchObject({ isResolved: false });
  });

  it('reads a Text post as plain text', () => {
    const issue = parseIssue({ id: 'EX2', posts: [{ createdDateTime: '2020-11-12T07:07:38.97Z', description: { contentType: 'Text', content: 'Title:  <b> is literal\n here' } }] });
    expect(issue.latestPost?.text).toBe('Title: <b> is literal here');
  });

  it.each([null, 'EX1', {}, { id: '' }, { id: 42 }])('throws GraphParseError for %p', (raw) => {
    expect(() => parseIssue(raw)).toThrow(GraphParseError);
  });
});

describe('parseService', () => {
  it('returns the service and its expanded issues', () => {
    const { service, issues } = parseService({ service: 'Exchange Online', status: 'ServiceDegradation', id: 'Exchange', issues: [pascalIssue] });
    expect(service).toEqual({ id: 'Exchange', service: 'Exchange Online', status: 'serviceDegradation' });
    expect(issues.map((issue) => issue.id)).toEqual(['EX812345']);
  });

  it('keeps a typo status from the docs sample as unknownFutureValue', () => {
    expect(parseService({ service: 'Exchange Online', status: 'ServicaOperational', id: 'Exchange' }).service.status).toBe('unknownFutureValue');
  });
});

describe('parseCollection / parseJson', () => {
  it('reads value and nextLink', () => {
    expect(parseCollection({ value: [1], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/x?$skip=1' })).toEqual({ value: [1], nextLink: 'https://graph.microsoft.com/v1.0/x?$skip=1' });
    expect(parseCollection({ '@odata.context': 'x', value: [] })).toEqual({ value: [] });
  });

  it.each([{}, { value: {} }, [], { value: [], '@odata.nextLink': 3 }])('rejects %p', (raw) => {
    expect(() => parseCollection(raw)).toThrow(GraphParseError);
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseJson('{"value": [ {"id": "truncated')).toThrow(GraphParseError);
  });
});

describe('htmlToText', () => {
  it.each([
    ['<p>Title: Users can&#39;t receive email</p><p>User impact:&nbsp;all</p>', "Title: Users can't receive email User impact: all"],
    ['a &amp; b &lt;c&gt; &quot;d&quot; &#x41; &unknown;', 'a & b <c> "d" A &unknown;'],
    ['<style>p{color:red}</style><script>alert(1)</script><ul><li>one</li><li>two</li></ul>', 'one two'],
    ['line<br>break<br/>again', 'line break again'],
  ])('%s', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('caps long posts at a word boundary with an ellipsis', () => {
    const text = htmlToText(`<p>${'word '.repeat(100)}</p>`);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text.endsWith('word…')).toBe(true);
  });
});
