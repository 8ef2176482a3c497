/**
 * Hostile markup from customers through the real server: what a customer types, their display name and the files
 * they attach reach the partner's agents (case card, case thread) as literal text, never as a link, a mention or
 * markup Teams would render; attachments are bounded in number, size and scheme, and every post fits in a Teams
 * message.
 *
 * Source of the file attachment shape: MicrosoftDocs/msteams-docs, msteams-platform/bots/how-to/bots-filesv4.md
 * ("Message activity with file attachment example"), commit 584ee4971d32f7a0f56a77dce1100b53058fb0ba.
 */
import type { RunningApp } from '../../src/app';
import { cardAction, channelConversation, personalInstall, personalMessage, TENANTS, user, type TeamsChannel, type TeamsUser } from '../support/activities';
import { startAgentsDesk, type AgentsDesk } from '../support/agentsDesk';
import { Chat, visibleText } from '../support/chat';
import type { FakeConnector } from '../support/fakeConnector';
import { post } from '../support/testBot';

const PHISHING = '[Click to re-verify your admin session](https://evil.example/login)';
/** The published example of a file a user sent the bot (bots-filesv4.md), verbatim. */
const PUBLISHED_FILE = {
  contentType: 'application/vnd.microsoft.teams.file.download.info',
  contentUrl: 'https://contoso.sharepoint.com/personal/johnadams_contoso_com/Documents/Applications/file_example.txt',
  name: 'file_example.txt',
  content: {
    downloadUrl: 'https://download.link',
    uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D',
    fileType: 'txt',
    etag: '123',
  },
};
/** Teams' bot message limit is 40 KB of UTF-16: 20,000 characters, envelope included. */
const TEAMS_MESSAGE_CHARS = 20_000;

/** Targets of the markdown links `[text](target)` a renderer would build from `text` (escaped brackets excluded). */
function markdownLinkTargets(text: string): string[] {
  return [...text.matchAll(/(?<!\\)\[(?:[^\]\\]|\\.)*(?<!\\)\]\(([^)\s]*)\)/g)].map((m) => m[1] ?? '');
}

/** Every string of a card or message, each as a renderer would read it. */
function renderedStrings(body: unknown): string[] {
  if (typeof body === 'string') return [body];
  if (Array.isArray(body)) return body.flatMap(renderedStrings);
  if (typeof body === 'object' && body !== null) return Object.values(body).flatMap(renderedStrings);
  return [];
}

describe('hostile markup from customers never reaches agents as markup', () => {
  let desk: AgentsDesk;
  let connector: FakeConnector;
  let app: RunningApp;
  let agents: TeamsChannel;
  let agent: TeamsUser;

  beforeAll(async () => {
    desk = await startAgentsDesk();
    ({ connector, app, agents, agent } = desk);
  });
  afterAll(() => desk.stop());

  /** A customer with a hostile display name describes a problem with a phishing link and asks for an agent. */
  async function openHostileCase(): Promise<{ customer: Chat; caseId: string; threadId: string; threadConversationId: string }> {
    const customer = new Chat(app, connector, user(TENANTS.fabrikam, `Élise <at>Support</at> **[admin](https://evil.example/name)**`, 'fr-FR'));
    await post(app, personalInstall(customer.user, connector.url));
    await customer.say(`Outlook ne reçoit plus de mails depuis ce matin ${PHISHING}`);
    await customer.say('tout le monde');
    await customer.say('critique');
    const caseId = /C-\d+/.exec(await customer.submit({ action: 'next.agent' }))?.[0] ?? '';
    const thread = connector.conversationsCreated.find((c) => c.id.startsWith(`${agents.channelId};messageid=`) && JSON.stringify(c.body).includes(caseId));
    if (!caseId || !thread) throw new Error('no case thread');
    return { customer, caseId, threadId: thread.id.split(';messageid=')[1]!, threadConversationId: thread.id };
  }

  it('CaseCard_ShowsTheCustomersLinkAndNameAsText_NoLinkNoMention', async () => {
    const { threadId, caseId } = await openHostileCase();
    const card = connector.store.get(threadId)!.body;
    const strings = renderedStrings(card);
    expect(strings.join('\n')).toContain('Click to re-verify your admin session');
    expect(strings.flatMap(markdownLinkTargets).filter((target) => target.includes('evil.example'))).toEqual([]);
    expect(strings.filter((s) => s.includes('<at>'))).toEqual([]);
    // The card refreshed in place after Take shows the same text, still inert.
    const taken = await post(app, cardAction(agent, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }));
    expect(renderedStrings(taken.body).flatMap(markdownLinkTargets).filter((target) => target.includes('evil.example'))).toEqual([]);
  });

  it('RelayedMessage_WithHundredsOfAttachments_IsBoundedEscapedAndHttpsOnly', async () => {
    const { customer, caseId, threadId, threadConversationId } = await openHostileCase();
    await post(app, cardAction(agent, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }));
    const hostile = Array.from({ length: 400 }, (_, i) => (i % 2 === 0
      ? { contentType: 'application/pdf', name: `invoice ${String(i)} [pay now](https://evil.example/pay) ${'x'.repeat(500)}.pdf`, contentUrl: `https://files.example/${String(i)}.pdf` }
      : { contentType: 'application/pdf', name: 'invoice.pdf', contentUrl: 'javascript:alert(document.cookie)' }));
    const message = personalMessage(customer.user, connector.url, `Voici les factures ${PHISHING}`, { attachments: [PUBLISHED_FILE, ...hostile] });
    expect((await post(app, message)).status).toBe(200);

    const relayed = connector.sentTo(threadConversationId).filter((a) => a.method === 'POST').map(visibleText).find((text) => text.includes('Voici les factures'));
    expect(relayed).toBeDefined();
    const text = relayed!;
    expect(text.length).toBeLessThan(TEAMS_MESSAGE_CHARS);
    expect(markdownLinkTargets(text)).toEqual([]);
    expect(text).not.toContain('javascript:');
    expect(text).not.toContain('<at>');
    expect(text).toContain('file\\_example.txt https://download.link/');
    expect(text.match(/https:\/\/files\.example\//g)?.length).toBe(9);
    // The agents' channel speaks English (AGENTS_LOCALE), whatever the customer's language.
    expect(text).toContain('391 more attachment(s) not forwarded');
  });
});
