/**
 * Bounds on open cases through the real server: a customer conversation has one open case (asking again, or a
 * replayed "Talk to an agent" button, shows it instead of opening another, and the live relay to the agent who
 * took it stays intact); a tenant has at most MAX_OPEN_CASES_PER_TENANT open cases; the agents' queue answers one
 * page at a time.
 */
import { cardAction, channelConversation, channelMention, personalConversationId, personalMessage, personalSubmit, TENANTS, user } from '../../support/activities';
import { startAgentsDesk, type AgentsDesk } from '../../support/agentsDesk';
import { visibleText } from '../../support/chat';
import { openCase } from '../../support/journeys';
import { post } from '../../support/testBot';

const FR = jest.requireActual<{ customer: { alreadyOpen: string; openRefused: { tenantLimit: string } } }>('../../../src/cases/strings.fr.json');

describe('open cases are bounded and a live relay is never cut off', () => {
  let desk: AgentsDesk;

  beforeAll(async () => {
    desk = await startAgentsDesk({ MAX_OPEN_CASES_PER_TENANT: '27' });
  });
  afterAll(() => desk.stop());

  /** Case threads started in the agents' channel. */
  const threads = (): number => desk.connector.conversationsCreated.filter((c) => c.id.startsWith(`${desk.agents.channelId};messageid=`)).length;

  it('TenAgentRequestsAndReplayedButtons_LeaveOneOpenCase_AndTheLiveRelayToTheTakenCase', async () => {
    const { connector, app, agents, agent } = desk;
    const customer = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
    const { caseId, threadId, threadConversationId } = await openCase(app, connector, customer, agents);
    expect((await post(app, cardAction(agent, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }))).status).toBe(200);
    const before = threads();

    for (let i = 0; i < 10; i += 1) {
      expect((await post(app, personalMessage(customer, connector.url, 'agent'))).status).toBe(200);
      expect((await post(app, personalSubmit(customer, connector.url, { action: 'next.agent' }))).status).toBe(200);
    }
    expect(threads()).toBe(before);
    const told = connector.sentTo(personalConversationId(customer)).map(visibleText).join('\n');
    expect(told).toContain(FR.customer.alreadyOpen.replace('{{id}}', caseId).split(':')[0]);

    await post(app, personalMessage(customer, connector.url, 'Toujours rien après le redémarrage'));
    expect(connector.sentTo(threadConversationId).map(visibleText).join('\n')).toContain('Toujours rien après le redémarrage');
  });

  it('TenantLimit_RefusesTheNextCaseInFrench_AndQueueAnswersPageByPage', async () => {
    const { connector, app, agents, agent } = desk;
    // 1 case from the test above is open for Fabrikam; 26 more reach the limit of 27.
    for (let i = 0; i < 26; i += 1) await openCase(app, connector, user(TENANTS.fabrikam, `Client ${String(i)}`, 'fr-FR'), agents);
    const refusedCustomer = user(TENANTS.fabrikam, 'Client de trop', 'fr-FR');
    const before = threads();
    await expect(openCase(app, connector, refusedCustomer, agents)).rejects.toThrow(FR.customer.openRefused.tenantLimit);
    expect(threads()).toBe(before);

    const queue = async (command: string): Promise<string> => {
      const sent = connector.sentTo(agents.channelId).length;
      expect((await post(app, channelMention(agent, connector.url, agents, command))).status).toBe(200);
      return connector.sentTo(agents.channelId).slice(sent).map(visibleText).join('\n');
    };
    const first = await queue('queue');
    expect(first.match(/C-\d+ · /g)).toHaveLength(25);
    expect(first).toContain('Page 1 of 2. Type queue 2 for the next page.');
    const second = await queue('queue 2');
    expect(second.match(/C-\d+ · /g)).toHaveLength(2);
    expect(second).toContain('Page 2 of 2.');
  });
});
