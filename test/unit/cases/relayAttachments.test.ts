import { translator } from '../../../src/i18n';
import { MAX_RELAY_ATTACHMENTS, attachmentLines, relayAttachments, TEAMS_FILE_DOWNLOAD_INFO } from '../../../src/cases/relayAttachments';

describe('relayAttachments: files a customer attaches, forwarded as bounded https links', () => {
  it('forwards a Teams file by its download URL and an https contentUrl; drops any other scheme; ignores linkless attachments', () => {
    const { kept, dropped } = relayAttachments([
      { contentType: TEAMS_FILE_DOWNLOAD_INFO, name: 'report.xlsx', contentUrl: 'https://contoso.sharepoint.com/x', content: { downloadUrl: 'https://download.link/r' } },
      { contentType: 'image/png', name: 'shot.png', contentUrl: 'https://files.example/shot(1).png' },
      { contentType: 'application/pdf', name: 'invoice.pdf', contentUrl: 'javascript:alert(1)' },
      { contentType: 'application/pdf', name: 'a.pdf', contentUrl: 'http://files.example/a.pdf' },
      { contentType: 'text/html', content: '<p>hello</p>' },
    ]);
    expect(kept).toEqual([{ name: 'report.xlsx', url: 'https://download.link/r' }, { name: 'shot.png', url: 'https://files.example/shot%281%29.png' }]);
    expect(dropped).toBe(2);
  });

  it(`keeps at most ${String(MAX_RELAY_ATTACHMENTS)} and says how many more were dropped, in the agents' language`, () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ name: `f${String(i)}`, contentUrl: `https://files.example/${String(i)}` }));
    const result = relayAttachments(many);
    expect(result.kept).toHaveLength(MAX_RELAY_ATTACHMENTS);
    const lines = attachmentLines(result, translator('fr'), 10_000);
    expect(lines).toHaveLength(MAX_RELAY_ATTACHMENTS + 1);
    expect(lines.at(-1)).toContain('15 pièce(s) jointe(s) non transmise(s)');
  });

  it('drops files that do not fit the post, counting them', () => {
    const result = relayAttachments([{ name: 'one', contentUrl: 'https://files.example/1' }, { name: 'two', contentUrl: 'https://files.example/2' }]);
    const lines = attachmentLines(result, translator('en'), 50);
    expect(lines).toEqual([expect.stringContaining('https://files.example/1'), expect.stringContaining('1 more attachment(s) not forwarded')]);
  });
});
