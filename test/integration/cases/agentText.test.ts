/**
 * What agents type in the case thread, through the real server: HTML channel messages (`textFormat: xml`, the bot
 * @mentioned) are read as their text before any command or `/note` check, internal notes stay internal (and the
 * agent is told so), `/note` counts only as a word, and formatted replies reach the customer as markdown.
 *
 * Activity shape: the channel message of MicrosoftDocs/msteams-docs
 * msteams-platform/bots/how-to/conversations/channel-and-group-conversations.md ("Retrieve mentions": text with
 * `<at>…</at>` and a `mention` entity carrying the mentioned account), commit bd81756721d9c8f4ffaf7c411b63794042c17f37,
 * with its text as HTML as in conversation-messages.md ("Receive a message", commit
 * bbf096a63707fddbf443b2b735aaccdc20e35f48).
 */
import type { RunningApp } from '../../../src/app';
import {
  BOT, cardAction, channelConversation, channelMention, personalConversationId, TENANTS, user, type TeamsChannel, type TeamsUser,
} from '../../support/activities';
import { startAgentsDesk, type AgentsDesk } from '../../support/agentsDesk';
import { visibleText } from '../../support/chat';
import type { FakeConnector } from '../../support/fakeConnector';
import { openCase, type OpenedCase } from '../../support/journeys';
import { post } from '../../support/testBot';

const EN = jest.requireActual<{ agent: { noteKept: string } }>('../../../src/cases/strings.en.json');

describe('agent text in HTML, notes and formatting', () => {
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

  /** An agent's HTML channel message @mentioning the bot, in a thread or at the channel's root. */
  function htmlMessage(html: string, threadId?: string): Record<string, unknown> {
    return { ...channelMention(agent, connector.url, agents, '', threadId), text: `<p><at>${BOT.name}</at> ${html}</p>`, textFormat: 'xml' };
  }

  async function takenCase(customer: TeamsUser): Promise<OpenedCase> {
    const opened = await openCase(app, connector, customer, agents);
    expect((await post(app, cardAction(agent, connector.url, channelConversation(agents, opened.threadId), 'case.take', { caseId: opened.caseId }))).status).toBe(200);
    return opened;
  }

  const customerSees = (customer: TeamsUser): string => connector.sentTo(personalConversationId(customer)).map(visibleText).join('\n');

  it('HtmlNote_StaysInternal_AndTheAgentIsToldSo', async () => {
    const customer = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
    const { threadId, threadConversationId } = await takenCase(customer);
    await post(app, htmlMessage('/note customer&#39;s tenant is on E3', threadId));
    expect(customerSees(customer)).not.toContain('E3');
    expect(connector.sentTo(threadConversationId).map(visibleText)).toContain(EN.agent.noteKept);
  });

  it('SlashNotes_IsNoNote_ItReachesTheCustomer', async () => {
    const customer = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
    const { threadId } = await takenCase(customer);
    await post(app, htmlMessage('/notes attached to your ticket', threadId));
    expect(customerSees(customer)).toContain('/notes attached to your ticket');
  });

  it('FormattedReply_ReachesTheCustomerAsMarkdown_NoTags', async () => {
    const customer = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
    const { threadId } = await takenCase(customer);
    await post(app, htmlMessage('Please <strong>restart</strong> Outlook, see <a href="https://learn.microsoft.com/outlook">the guide</a> &amp; <a href="javascript:alert(1)">this</a>', threadId));
    const relayed = connector.sentTo(personalConversationId(customer)).map((a) => a.body).find((body) => String(body.text).includes('restart'));
    expect(relayed).toMatchObject({ textFormat: 'markdown' });
    expect(relayed?.text).toContain('Please **restart** Outlook, see [the guide](https://learn.microsoft.com/outlook) & this');
    expect(relayed?.text).not.toMatch(/<\/?(p|strong|a|at)\b/);
    expect(relayed?.text).not.toContain('javascript:');
  });

  it('HtmlChannelCommand_RunsTheCommand_NotTheHelpCard', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    const { caseId } = await openCase(app, connector, customer, agents);
    const before = connector.sentTo(agents.channelId).length;
    expect((await post(app, htmlMessage('queue'))).status).toBe(200);
    const answer = connector.sentTo(agents.channelId).slice(before).map(visibleText).join('\n');
    expect(answer).toContain(caseId);
  });
});
