import { plainText } from '../../../src/text/plainText';

describe('plainText: text from people shown as typed wherever Teams renders markdown', () => {
  it.each([
    ['[Click to re-verify](https://evil.example/login)', '\\[Click to re-verify\\]\\(https://evil.example/login)'],
    ['**bold** _it_ ~~gone~~ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\`'],
    ['<at>Support</at>', '\\<at\\>Support\\</at\\>'],
    ['# title\n> quote\n- item\n  + sub\n12. step', '\\# title\n\\> quote\n\\- item\n  \\+ sub\n12\\. step'],
    ['C:\\temp', 'C:\\\\temp'],
    ['Outlook ne reçoit plus de mails', 'Outlook ne reçoit plus de mails'],
  ])('%j', (typed, shown) => {
    expect(plainText(typed)).toBe(shown);
  });
});
