/**
 * Agent text as Teams sends it. Shapes from MicrosoftDocs/msteams-docs (read 2026-12-02):
 * - msteams-platform/bots/how-to/conversations/channel-and-group-conversations.md (commit bd81756721d9c8f4ffaf7c411b63794042c17f37),
 *   "Retrieve mentions": text "Hey <at>Pranav Smith</at> check out this message" with a `mention` entity whose
 *   `mentioned` is { id: "29:08q2j2o3jc09au90eucae", name: "Pranav Smith" };
 * - msteams-platform/bots/how-to/conversations/conversation-messages.md (commit bbf096a63707fddbf443b2b735aaccdc20e35f48),
 *   "Receive a message": the HTML of a formatted message,
 *   "<div><div>Hello Teams TestBot. Sending <strong>bold</strong>-<em>italic</em> rich text.</div>\n</div>".
 */
import { agentText, htmlToMarkdown, normalizeAgentActivity, splitNote } from '../../../src/teams/teamsText';

const BOT = { id: '28:bot-app-id', name: 'Support Triage' };
const PRANAV = { type: 'mention', mentioned: { id: '29:08q2j2o3jc09au90eucae', name: 'Pranav Smith' }, text: '<at>Pranav Smith</at>' };
const BOT_MENTION = { type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` };

describe('agentText: what an agent wrote, as the bot reads and relays it', () => {
  it('keeps a mentioned person as their name (published sample) and drops the bot\'s own mention', () => {
    expect(agentText({ text: 'Hey <at>Pranav Smith</at> check out this message', recipient: BOT, entities: [PRANAV] })).toBe('Hey Pranav Smith check out this message');
    expect(agentText({ text: `<at>${BOT.name}</at> queue`, recipient: BOT, entities: [BOT_MENTION] })).toBe('queue');
  });

  it('reads an HTML channel message: mention, paragraph and references resolved before any command or /note check', () => {
    const text = agentText({ text: `<p><at>${BOT.name}</at> /note customer&#39;s tenant is on E3 &amp; MFA</p>`, textFormat: 'xml', recipient: BOT, entities: [BOT_MENTION] });
    expect(text).toBe("/note customer's tenant is on E3 & MFA");
    expect(splitNote(text)).toEqual({ internal: true, text: "customer's tenant is on E3 & MFA" });
  });

  it('turns the published formatted message into markdown (bold, italic), no tags', () => {
    expect(htmlToMarkdown('<div><div>Hello Teams TestBot. Sending <strong>bold</strong>-<em>italic</em> rich text.</div>\n</div>'))
      .toBe('Hello Teams TestBot. Sending **bold**-_italic_ rich text.');
  });

  it('keeps https links, lists and line breaks; drops other links, scripts and unknown tags', () => {
    const html = '<p>See <a href="https://learn.microsoft.com/x">the doc</a> or <a href="javascript:alert(1)">this</a><br>then:</p>'
      + '<ol><li>sign out</li><li>sign in</li></ol><ul><li>done</li></ul><script>alert(1)</script><span style="x">end</span>';
    expect(htmlToMarkdown(html)).toBe('See [the doc](https://learn.microsoft.com/x) or this\nthen:\n\n1. sign out\n2. sign in\n\n- done\nend');
  });

  it('shows text typed inside HTML as written (no markdown smuggled in), and plain markdown links only when https', () => {
    expect(htmlToMarkdown('<p>[x](https://evil.example) *y*</p>')).toBe('\\[x\\]\\(https://evil.example) \\*y\\*');
    expect(agentText({ text: 'try [this](javascript:alert(1)) or [that](https://learn.microsoft.com)' })).toBe('try this) or [that](https://learn.microsoft.com/)');
  });

  it('is idempotent once normalized', () => {
    const activity = { text: `<p><at>${BOT.name}</at> <b>Hello</b></p>`, textFormat: 'xml', recipient: BOT, entities: [BOT_MENTION] };
    normalizeAgentActivity(activity);
    expect(activity.text).toBe('**Hello**');
    normalizeAgentActivity(activity);
    expect(activity.text).toBe('**Hello**');
  });

  it.each([
    ['[[Reset password]](http://evil.example)', '\\[\\[Reset password\\]\\]\\(http://evil.example)'],
    ['[x]( http://evil.example)', '\\[x\\]\\( http://evil.example)'],
    ['[x](http://evil.example "t")', '\\[x\\]\\(http://evil.example "t")'],
    ['[x][1]\n\n[1]: http://evil.example', '\\[x\\]\\[1\\]\n\n\\[1\\]: http://evil.example'],
    ['see **this** and [docs](https://learn.microsoft.com/x)', 'see \\*\\*this\\*\\* and [docs](https://learn.microsoft.com/x)'],
  ])('shows plain text %j as typed: no link but a full https one', (typed, shown) => {
    expect(agentText({ text: typed })).toBe(shown);
  });

  it('normalizes an activity that arrives saying textFormat markdown: the sender\'s word skips nothing', () => {
    const activity = { text: `<at>${BOT.name}</at> see [this](http://evil.example)`, textFormat: 'markdown', recipient: BOT, entities: [BOT_MENTION] };
    normalizeAgentActivity(activity);
    expect(activity.text).toBe('see this');
  });
});

describe('splitNote: /note as a word', () => {
  it.each([
    ['/note kept for us', { internal: true, text: 'kept for us' }],
    ['/NOTE', { internal: true, text: '' }],
    ['/notes attached to your ticket', { internal: false, text: '/notes attached to your ticket' }],
    ['/notebook', { internal: false, text: '/notebook' }],
  ])('%s', (text, expected) => {
    expect(splitNote(text)).toEqual(expected);
  });
});
