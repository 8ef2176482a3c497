/**
 * A customer whose activities carry the tenant only in `channelData.tenant.id` (Microsoft's published 1:1 message)
 * talks to an agent through the real server, before and after a restart on the same SQLite file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage, storageKey } from '../../../src/storage';
import { channelMessage, TENANTS } from '../../support/activities';
import { visibleText } from '../../support/chat';
import { agentsChannel, contractSuite, customerPayload } from './contractBot';
import { nextFrom, published } from './published';

const CUSTOMER_CONVERSATION = (published('message-personal').conversation as { id: string }).id;

describe('contract: relay with a customer whose tenant is only in channelData (published 1:1 message)', () => {
  const bot = contractSuite();
  const customerSees = () => bot.seen(CUSTOMER_CONVERSATION);
  const agentWrites = (text: string, threadId: string) => bot.send(channelMessage(bot.agent, bot.connector.url, agentsChannel(), text, threadId));
  const customerMessage = () => customerPayload('message-personal', bot.connector.url);


  it('AgentRepliesReachTheCustomer_AndTheCustomerReachesTheAgent_BeforeAndAfterARestart', async () => {
    const { caseId, threadId, threadConversationId } = await bot.openAndTakeCase(customerMessage(), customerMessage());
    await bot.connector.waitFor((a) => a.conversationId === CUSTOMER_CONVERSATION && visibleText(a) === `Alice Agent is now handling your case ${caseId}. Write here to talk to them.`);

    await agentWrites('Please restart Outlook.', threadId);
    expect(customerSees()).toContain('Alice Agent: Please restart Outlook.');
    await bot.send(nextFrom(customerMessage(), { text: 'Restarted, still broken.' }));
    expect(bot.seen(threadConversationId)).toContain('Megan Bowen (Fabrikam): Restarted, still broken.');

    await bot.restart();
    await agentWrites('Clear the cache, then.', threadId);
    expect(customerSees()).toContain('Alice Agent: Clear the cache, then.');
    await bot.send(nextFrom(customerMessage(), { text: 'Works now, thanks!' }));
    expect(bot.seen(threadConversationId)).toContain('Megan Bowen (Fabrikam): Works now, thanks!');
  });

  it('AReferenceStoredWithoutItsTenant_ByAnEarlierVersion_StillCarriesAgentReplies', async () => {
    const { threadId } = await bot.openAndTakeCase(customerMessage());
    await bot.app.stop();
    // What earlier versions stored: the reference exactly as botbuilder took it from the published message.
    const storage = new SqliteStorage(bot.env.SQLITE_PATH ?? '');
    const key = storageKey('ref', TENANTS.fabrikam, CUSTOMER_CONVERSATION);
    const stored = (await storage.read([key]))[key] as { reference: { conversation: Record<string, unknown> } };
    const { tenantId: _dropped, ...conversation } = stored.reference.conversation;
    await storage.write({ [key]: { ...stored, reference: { ...stored.reference, conversation }, eTag: '*' } });
    storage.close();
    await bot.startAgain();

    await agentWrites('Reply after the upgrade.', threadId);
    expect(customerSees()).toContain('Alice Agent: Reply after the upgrade.');
  });

  it('ARelayTheBotItselfRefuses_AfterTheCustomerLeftTheDirectory_TellsTheAgentItWasNotDelivered', async () => {
    const { threadId, threadConversationId } = await bot.openAndTakeCase(customerMessage());
    const directory = JSON.parse(readFileSync(join(__dirname, '../../../config/customers.json'), 'utf8')) as Array<{ tenantId: string }>;
    const withoutFabrikam = join(mkdtempSync(join(tmpdir(), 'stb-')), 'customers.json');
    writeFileSync(withoutFabrikam, JSON.stringify(directory.filter((c) => c.tenantId !== TENANTS.fabrikam)));
    bot.env = { ...bot.env, CUSTOMERS_FILE: withoutFabrikam };
    await bot.restart();
    await agentWrites('Are you still there?', threadId);
    expect(customerSees()).not.toContain('Alice Agent: Are you still there?');
    expect(bot.seen(threadConversationId).join('\n')).toContain('Not delivered to the customer yet');
  });

  it('ARelayTeamsRefuses_TellsTheAgentItWasNotDelivered', async () => {
    const { threadId, threadConversationId } = await bot.openAndTakeCase(customerMessage());
    bot.connector.failNext({ status: 403, code: 'ConversationBlockedByUser' });
    await agentWrites('Are you there?', threadId);
    expect(customerSees()).not.toContain('Alice Agent: Are you there?');
    expect(bot.seen(threadConversationId).join('\n')).toContain('Not delivered to the customer yet');
  });
});
