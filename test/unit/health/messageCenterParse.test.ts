import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphParseError } from '../../../src/cloud/graphJson';
import { messageCenterLink } from '../../../src/health/messageCenterModel';
import { MESSAGE_TEXT_MAX, parseCategory, parseMessage } from '../../../src/health/messageCenterParse';

const published = JSON.parse(readFileSync(join(__dirname, '..', '..', 'contract', 'graph', 'serviceannouncement-list-messages.json'), 'utf8')) as { value: unknown[] };

describe('Message center parsing (serviceUpdateMessage)', () => {
  it('reads the published example', () => {
    expect(parseMessage(published.value[0])).toEqual({
      id: 'MC172851',
      title: '(Updated) New feature: Changes to PowerPoint and Word to open files faster',
      category: 'stayInformed',
      services: ['SharePoint Online', 'OneDrive for Business'],
      tags: ['Updated message'],
      isMajorChange: true,
      startDateTime: '2019-02-01T18:51:00Z',
      actionRequiredByDateTime: null,
      lastModifiedDateTime: '2021-01-08T01:10:06.843Z',
      text: expect.stringMatching(/^Updated January 07, 2021: Based on learnings .* re-start the rollout/) as string,
      details: { ExternalLink: 'https://support.office.com/article/office-document-cache-settings-4b497318-ae4f-4a99-be42-b242b2e8b692' },
    });
  });

  it('folds the category casing; unknown categories become unknownFutureValue', () => {
    expect(['PlanForChange', 'planForChange', 'PREVENTORFIXISSUE', 'stayInformed'].map(parseCategory)).toEqual(['planForChange', 'planForChange', 'preventOrFixIssue', 'stayInformed']);
    expect(parseCategory('somethingNew')).toBe('unknownFutureValue');
    expect(parseCategory(undefined)).toBe('unknownFutureValue');
  });

  it('turns an HTML body into plain text, keeps a text body, and gives neutral defaults', () => {
    const html = parseMessage({ id: 'MC1', body: { contentType: 'Html', content: '<p>Devices using <b>SMTP AUTH</b> &amp; scanners</p><script>x()</script>' } });
    expect(html.text).toBe('Devices using SMTP AUTH & scanners');
    expect(parseMessage({ id: 'MC2', body: { contentType: 'text', content: '  a <b>  b ' } }).text).toBe('a <b> b');
    expect(parseMessage({ id: 'MC3', actionRequiredByDateTime: 'not a date', services: ['Exchange Online', 3, ''] })).toMatchObject({
      title: '', category: 'unknownFutureValue', services: ['Exchange Online'], tags: [], isMajorChange: false, actionRequiredByDateTime: null, text: '', details: {},
    });
    expect(parseMessage({ id: 'MC4', body: { contentType: 'html', content: 'x '.repeat(5_000) } }).text.length).toBeLessThanOrEqual(MESSAGE_TEXT_MAX);
  });

  it('refuses a message without an id', () => {
    expect(() => parseMessage({ title: 'x' })).toThrow(GraphParseError);
    expect(() => parseMessage(null)).toThrow(GraphParseError);
  });

  it('links to the post in the admin center Message center', () => {
    expect(messageCenterLink('MC1190443')).toBe('https://admin.microsoft.com/#/MessageCenter/:/messages/MC1190443');
  });
});
