/**
 * Microsoft's published conversation events (team and channel changes, installs, reactions) sent through the real
 * server: each is acknowledged, none makes the bot say anything odd, and the bot keeps working.
 */
import { TENANTS } from '../../support/activities';
import { agentsChannel, contractSuite, customerPayload } from './contractBot';
import { asDelivered, published } from './published';

/** Events of a team (not the agents' one): nothing for the bot to say. */
const TEAM_EVENTS = [
  'conversationUpdate-channelCreated', 'conversationUpdate-channelRenamed', 'conversationUpdate-channelDeleted', 'conversationUpdate-channelRestored',
  'conversationUpdate-teamRenamed', 'conversationUpdate-teamDeleted', 'conversationUpdate-teamArchived', 'conversationUpdate-teamUnarchived',
  'conversationUpdate-teamMemberRemoved', 'messageReaction-reactionsAdded', 'messageReaction-reactionsRemoved',
];

describe('contract: published conversation events', () => {
  const bot = contractSuite();


  it.each([TENANTS.partner, TENANTS.fabrikam])('TeamAndChannelEventsAndReactions_OfTenant_%s_AreAcknowledgedSilently_AndCasesStillReachTheAgents', async (tenantId) => {
    bot.connector.reset();
    for (const name of TEAM_EVENTS) {
      expect(await bot.send(asDelivered(published(name), bot.connector.url, tenantId))).toBeUndefined();
    }
    expect(bot.connector.activities).toEqual([]);
    const { threadConversationId } = await bot.openCase(customerPayload('message-personal', bot.connector.url));
    expect(threadConversationId.startsWith(`${agentsChannel().channelId};messageid=`)).toBe(true);
  });

  it('ThePublishedTeamInstallationUpdate_IsAcknowledgedWithoutAnyMessage', async () => {
    bot.connector.reset();
    await bot.send(asDelivered(published('installationUpdate-add-team'), bot.connector.url, TENANTS.partner));
    expect(bot.connector.activities).toEqual([]);
  });

  it('ThePublishedPersonalInstall_WelcomesTheCustomer', async () => {
    // The sample is published with placeholders. Replaced: its tenant (by one of the test directory), and the
    // recipient's "28:<BOT ID>" by the bot id the same sample lists in membersAdded.
    const sample = customerPayload('conversationUpdate-personal-botAdded', bot.connector.url);
    const botId = (sample.membersAdded as Array<{ id: string }>)[0]?.id;
    await bot.send({ ...sample, recipient: { ...(sample.recipient as object), id: botId } });
    const welcome = bot.seen((sample.conversation as { id: string }).id);
    expect(welcome).toHaveLength(1);
    expect(welcome[0]).toContain('Your support with Contoso Cloud Services — Business Care');
  });
});
