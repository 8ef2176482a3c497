/**
 * Tampering: card actions and typed commands aimed at a case the sender has no business with. Whatever the card or
 * the text says, nothing of another customer is revealed, the case does not change, and a `security.*` event is logged.
 */
import type { RunningApp } from '../../src/app';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed, type DirectoryObject } from '../../src/sandbox/graphSeed';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../src/sandbox/partnerCenterSandbox';
import {
  cardAction, channel, channelConversation, personalConversation, personalInstall, TENANTS, user, type TeamsChannel,
} from '../support/activities';
import { Chat, visibleText } from '../support/chat';
import { FakeConnector } from '../support/fakeConnector';
import { post, startTestBot } from '../support/testBot';
import { captureLogs, type CapturedLogs } from './logCapture';
import { AGENT_GROUP as HELPDESK } from '../support/agentGroups';
import { chooseAgentsChannel } from '../support/journeys';

const SALES: DirectoryObject = { '@odata.type': '#microsoft.graph.group', id: 'g2', displayName: 'Sales' };
const SECRET_DESCRIPTION = 'Outlook ne reçoit plus de mails depuis ce matin';
const VICTIM_NAME = 'Élise Victime';

describe('tampering: nothing revealed, nothing changed, logged as a security event', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;
  let partnerCenter: PartnerCenterSandbox;
  let app: RunningApp;
  let logs: CapturedLogs;
  let agents: TeamsChannel;
  let victim: Chat;
  let caseId: string;
  let threadId: string;
  let threadConversationId: string;
  const agent = user(TENANTS.partner, 'Alice Agent', 'en-US');
  const nonAgent = user(TENANTS.partner, 'Mallory Sales', 'en-US');
  const otherCustomer = user(TENANTS.contoso, 'Oscar Contoso', 'en-US');

  /** Everything the bot ever said, anywhere: no other customer's data may appear in what an attacker sees. */
  const attackerView = (bodies: unknown[], conversationId: string): string =>
    [...bodies.map((b) => JSON.stringify(b)), ...connector.sentTo(conversationId).map(visibleText)].join('\n');

  const threadCardIsUntaken = (): void => {
    const root = connector.store.get(threadId)!;
    expect(root.method).toBe('POST');
    expect(visibleText(root)).toContain('{"title":"Owner","value":"Nobody yet"}');
  };

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, seed: loadGraphSandboxSeed() });
    graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [HELPDESK]);
    graph.setUserMemberships(TENANTS.partner, nonAgent.aadObjectId, [SALES]);
    // The Contoso user is a helpdesk agent in their own tenant: that gives no right over the partner's cases.
    graph.setUserMemberships(TENANTS.contoso, otherCustomer.aadObjectId, [HELPDESK]);
    partnerCenter = await startPartnerCenterSandbox({ requireAuth: false });
    logs = captureLogs('info');
    app = await startTestBot({ GRAPH_BASE_URL: graph.url, PARTNER_CENTER_BASE_URL: partnerCenter.url }, { logger: logs.logger });
    agents = channel(TENANTS.partner);
    await chooseAgentsChannel(app, connector, agent, agents);

    victim = new Chat(app, connector, user(TENANTS.fabrikam, VICTIM_NAME, 'fr-FR'));
    await post(app, personalInstall(victim.user, connector.url));
    await victim.say(SECRET_DESCRIPTION);
    await victim.say('tout le monde');
    await victim.say('critique');
    const opened = await victim.submit({ action: 'next.agent' });
    caseId = /C-\d+/.exec(opened)![0];
    const thread = connector.conversationsCreated.find((c) => c.id.startsWith(`${agents.channelId};messageid=`))!;
    threadConversationId = thread.id;
    threadId = thread.id.split(';messageid=')[1]!;
  }, 30000);
  afterAll(async () => {
    await app.stop();
    await partnerCenter.close();
    await graph.close();
    await connector.close();
  });

  it('a customer pressing case.take / case.resolve on another tenant\'s case sees "not found" and the case stays untaken', async () => {
    const before = logs.events('security.caseActionFromOutside').length;
    const bodies: unknown[] = [];
    for (const [verb, data] of [['case.take', { caseId }], ['case.resolve', { caseId, summary: 'closed by attacker' }], ['case.assign', { caseId, assignTo: otherCustomer.aadObjectId }], ['case.refresh', { caseId }]] as const) {
      const res = await post(app, cardAction(otherCustomer, connector.url, personalConversation(otherCustomer), verb, data));
      expect(res.status).toBe(200);
      bodies.push(res.body);
    }
    const seen = attackerView(bodies, `a:${otherCustomer.id.slice(3)}`);
    expect(seen).toContain("I can't find that case.");
    expect(seen).not.toContain(VICTIM_NAME);
    expect(seen).not.toContain(SECRET_DESCRIPTION);
    expect(seen).not.toContain('Fabrikam');
    threadCardIsUntaken();
    expect(connector.sentTo(victim.conversationId).map(visibleText).join('\n')).not.toContain('closed by attacker');
    const events = logs.events('security.caseActionFromOutside').slice(before);
    expect(events.length).toBe(4);
    expect(events.every((e) => e.caseId === caseId || JSON.stringify(e).includes(caseId))).toBe(true);
  });

  it('a customer rating another tenant\'s case is told it does not exist and the agents hear nothing', async () => {
    const threadBefore = connector.sentTo(threadConversationId).length;
    const res = await post(app, cardAction(otherCustomer, connector.url, personalConversation(otherCustomer), 'case.rate', { caseId, score: '1', comment: 'spam' }));
    expect(JSON.stringify(res.body)).not.toContain(VICTIM_NAME);
    expect(connector.sentTo(threadConversationId).length).toBe(threadBefore);
    expect(logs.events('security.caseTenantMismatch').length).toBeGreaterThanOrEqual(1);
  });

  it('a partner user without the agent role pressing take / resolve gets the lacks-role notice and the case is unchanged', async () => {
    const before = logs.events('security.roleDenied').length;
    for (const [verb, data] of [['case.take', { caseId }], ['case.resolve', { caseId, summary: 'resolved by sales' }]] as const) {
      const res = await post(app, cardAction(nonAgent, connector.url, channelConversation(agents, threadId), verb, data));
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain('"Taken"');
      expect(JSON.stringify(res.body)).toContain('You need an agent role');
    }
    threadCardIsUntaken();
    const victimSees = connector.sentTo(victim.conversationId).map(visibleText).join('\n');
    expect(victimSees).not.toContain('resolved by sales');
    expect(victimSees).not.toContain('Mallory');
    expect(logs.events('security.roleDenied').length - before).toBe(2);
  });

  it('a partner user without the agent role cannot file a Microsoft service request', async () => {
    const postsBefore = partnerCenter.requests.filter((r) => r.method === 'POST').length;
    const res = await post(app, cardAction(nonAgent, connector.url, channelConversation(agents, threadId), 'escalation.submit', {
      caseId, supportTopicId: '32444667', severity: 'critical', title: 'forged', description: 'forged request',
    }));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(SECRET_DESCRIPTION);
    expect(JSON.stringify(res.body)).toContain("Only the partner's support agents can work on Microsoft service requests.");
    expect(partnerCenter.requests.filter((r) => r.method === 'POST').length).toBe(postsBefore);
    // Observed: EscalationDesk refuses without a security.* log line (see SECURITY.md, open findings).
  });

  it('a customer asking for a case number that is not theirs learns nothing about it', async () => {
    const snoop = new Chat(app, connector, user(TENANTS.contoso, 'Oscar Snoop', 'en-US'));
    await post(app, personalInstall(snoop.user, connector.url));
    const answers = [await snoop.say(`case ${caseId}`), await snoop.say(`cas ${caseId}`), await snoop.say('status'), await snoop.say(`ticket #${caseId}`)].join('\n');
    expect(answers.trim()).not.toBe('');
    expect(answers).not.toContain(VICTIM_NAME);
    expect(answers).not.toContain(SECRET_DESCRIPTION);
    expect(answers).not.toContain('Fabrikam');
    expect(answers).toContain("I can't find that case among yours.");
    expect(logs.events('security.caseLookupFromCustomer').filter((e) => e.caseId === caseId).length).toBe(3);
    threadCardIsUntaken();
    // The victim's thread did not receive the snoop's words as a relay.
    expect(connector.sentTo(threadConversationId).map(visibleText).join('\n')).not.toContain('Oscar Snoop');
  });

  it('the customer who opened the case sees its status by its number, in French', async () => {
    const answer = await victim.say(`dossier ${caseId.replace('C-', '')}`);
    expect(answer).toContain(caseId);
    expect(answer).toContain('Nouveau');
  });

  it('after all of the above, the real agent can still take the case: it was never changed', async () => {
    const taken = await post(app, cardAction(agent, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }));
    expect(taken.status).toBe(200);
    expect(JSON.stringify(taken.body)).toContain('Alice Agent');
    expect(connector.store.get(threadId)!.method).toBe('PUT');
    // No security event ever carries the victim's description.
    expect(logs.events('security.').map((e) => JSON.stringify(e)).join('\n')).not.toContain(SECRET_DESCRIPTION);
  });
});
