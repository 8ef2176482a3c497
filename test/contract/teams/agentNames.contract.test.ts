/**
 * Teams may leave `from.name` out. The customer is then told the agent's name as Teams gives it for the member
 * (`GET v3/conversations/{id}/members/{member}`), else a neutral word, never an id.
 */
import { cardAction, channelConversation, channelMessage } from '../../support/activities';
import { agentsChannel, contractSuite, customerPayload } from './contractBot';
import { published } from './published';

type Json = Record<string, unknown>;

const CUSTOMER_CONVERSATION = (published('message-personal').conversation as { id: string }).id;

/** An activity as Teams may send it: the sender's id and Entra object id, no display name. */
function withoutName(activity: Json): Json {
  const { name: _name, ...from } = activity.from as Json;
  return { ...activity, from };
}

describe('contract: an agent whose activities carry no from.name', () => {
  const bot = contractSuite();


  async function takeWithoutName(): Promise<{ caseId: string; threadId: string }> {
    const { caseId, threadId } = await bot.openCase(customerPayload('message-personal', bot.connector.url));
    await bot.send(withoutName(cardAction(bot.agent, bot.connector.url, channelConversation(agentsChannel(), threadId), 'case.take', { caseId })));
    return { caseId, threadId };
  }

  it('TheCustomerIsToldTheNameTeamsGivesForTheMember', async () => {
    const { agent } = bot;
    bot.connector.members.set(agent.id, {
      id: agent.id, name: 'Alice Agent', aadObjectId: agent.aadObjectId, givenName: 'Alice', surname: 'Agent',
      email: 'alice@partner.example', userPrincipalName: 'alice@partner.example', tenantId: agent.tenantId, userRole: 'user',
    });
    const { caseId } = await takeWithoutName();
    expect(bot.seen(CUSTOMER_CONVERSATION)).toContain(`Alice Agent is now handling your case ${caseId}. Write here to talk to them.`);
  });

  it('WhenTeamsCannotSayWhoItIs_TheCustomerReadsANeutralWord_NeverAnId', async () => {
    bot.connector.members.set(bot.agent.id, 'notFound');
    const { caseId, threadId } = await takeWithoutName();
    await bot.send(withoutName(channelMessage(bot.agent, bot.connector.url, agentsChannel(), 'Looking at it now.', threadId)));
    const seen = bot.seen(CUSTOMER_CONVERSATION);
    expect(seen).toContain(`An agent is now handling your case ${caseId}. Write here to talk to them.`);
    expect(seen).toContain('An agent: Looking at it now.');
    expect(seen.join('\n')).not.toContain(bot.agent.aadObjectId);
  });
});
