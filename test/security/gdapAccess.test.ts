/**
 * Agents authorized per customer through GDAP (AGENT_AUTHORIZATION=gdap): Ana's group holds Helpdesk Administrator
 * in Fabrikam only. She takes Fabrikam's case (the card says which role allowed it), is refused on Contoso Pharma's
 * with the reason in her language, sees only Fabrikam in her queue, and loses Fabrikam within one refresh once the
 * relationship is terminated. Legacy DAP members (the configured HelpdeskAgents group) still serve everyone.
 */
import type { RunningApp } from '../../src/app';
import { delegatedAdminSeed, type SandboxGdapGrant } from '../../src/sandbox/graphDelegatedAdmin';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import type { DirectoryObject } from '../../src/sandbox/graphSeed';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../src/sandbox/partnerCenterSandbox';
import { cardAction, channel, channelConversation, personalConversationId, personalMessage, TENANTS, user, type TeamsChannel } from '../support/activities';
import { AGENT_GROUP } from '../support/agentGroups';
import { visibleText } from '../support/chat';
import { FakeConnector } from '../support/fakeConnector';
import { chooseAgentsChannel, openCase } from '../support/journeys';
import { post, startTestBot } from '../support/testBot';
import { captureLogs, type CapturedLogs } from './logCapture';

const HELPDESK_ADMINISTRATOR = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const FABRIKAM_HELPDESK: DirectoryObject = {
  '@odata.type': '#microsoft.graph.group', id: '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716', displayName: 'GDAP Fabrikam Helpdesk', groupTypes: [], securityEnabled: true, mailEnabled: false,
};
/** The case card's owner fact while nobody took the case. */
const NOBODY_OWNS = '{"title":"Owner","value":"Nobody yet"}';
const CONTOSO_HELPDESK_ID = '6f5e4d3c-2b1a-4098-8e7d-5c4b3a291807';

function grants(fabrikamStatus: string): SandboxGdapGrant[] {
  return [
    { relationshipId: 'f0000000-0000-4000-8000-000000000001-partner', customer: { tenantId: TENANTS.fabrikam, displayName: 'Fabrikam' }, status: fabrikamStatus, assignments: [{ groupId: FABRIKAM_HELPDESK.id, roleIds: [HELPDESK_ADMINISTRATOR] }] },
    { relationshipId: 'c0000000-0000-4000-8000-000000000002-partner', customer: { tenantId: TENANTS.contoso, displayName: 'Contoso Pharma' }, assignments: [{ groupId: CONTOSO_HELPDESK_ID, roleIds: [HELPDESK_ADMINISTRATOR] }] },
  ];
}

describe('agents authorized per customer through GDAP', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;
  let partnerCenter: PartnerCenterSandbox;
  let app: RunningApp;
  let logs: CapturedLogs;
  let agents: TeamsChannel;
  const lead = user(TENANTS.partner, 'Lena Lead', 'en-US');
  const ana = user(TENANTS.partner, 'Ana Agent', 'en-US');
  const zoe = user(TENANTS.partner, 'Zoé Agent', 'fr-FR');
  const seen = (conversationId: string): string => connector.sentTo(conversationId).map(visibleText).join('\n');

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, defaultTenantId: TENANTS.partner });
    graph.setUserMemberships(TENANTS.partner, lead.aadObjectId, [AGENT_GROUP]);
    graph.setUserMemberships(TENANTS.partner, ana.aadObjectId, [FABRIKAM_HELPDESK]);
    graph.setUserMemberships(TENANTS.partner, zoe.aadObjectId, [FABRIKAM_HELPDESK]);
    graph.setDelegatedAdmin(TENANTS.partner, delegatedAdminSeed(grants('active')));
    partnerCenter = await startPartnerCenterSandbox({ requireAuth: false });
    logs = captureLogs('info');
    app = await startTestBot({
      GRAPH_BASE_URL: graph.url, PARTNER_CENTER_BASE_URL: partnerCenter.url, AGENT_AUTHORIZATION: 'gdap', GDAP_REFRESH_INTERVAL_SECONDS: '1', GDAP_MISS_REFRESH_SECONDS: '1',
    }, { logger: logs.logger });
    agents = channel(TENANTS.partner);
    await chooseAgentsChannel(app, connector, lead, agents);
  }, 30000);
  afterAll(async () => {
    await app.stop();
    await partnerCenter.close();
    await graph.close();
    await connector.close();
  });

  it('Ana takes Fabrikam\'s case (the card names her GDAP role), is refused on Contoso Pharma\'s and told why, in her language; refusals are logged', async () => {
    const x = await openCase(app, connector, user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR'), agents);
    const y = await openCase(app, connector, user(TENANTS.contoso, 'Paul Durand', 'fr-FR'), agents);
    const takeX = JSON.stringify((await post(app, cardAction(ana, connector.url, channelConversation(agents, x.threadId), 'case.take', { caseId: x.caseId }))).body);
    expect(takeX).toContain('Ana Agent (Helpdesk Administrator via GDAP)');

    const takeY = JSON.stringify((await post(app, cardAction(ana, connector.url, channelConversation(agents, y.threadId), 'case.take', { caseId: y.caseId }))).body);
    expect(takeY).toContain('You have no GDAP role for Contoso Pharma that allows this action.');
    // The refusal shows nothing of the case: not its card, not the customer's user or problem.
    expect(takeY).not.toContain(NOBODY_OWNS);
    expect(takeY).not.toContain('Paul Durand');
    expect(logs.events('security.gdapDenied').at(-1)).toMatchObject({
      tenantId: TENANTS.partner, customerTenantId: TENANTS.contoso, aadObjectId: ana.aadObjectId, action: 'cases.act', verb: 'case.take', caseId: y.caseId,
    });
    const propose = JSON.stringify((await post(app, cardAction(ana, connector.url, channelConversation(agents, x.threadId), 'escalation.propose', { caseId: x.caseId }))).body);
    expect(propose).toContain('You have no GDAP role for Fabrikam that allows this action.');
    expect(logs.events('security.gdapDenied').at(-1)).toMatchObject({ customerTenantId: TENANTS.fabrikam, action: 'escalation.file' });
    const byZoe = JSON.stringify((await post(app, cardAction(zoe, connector.url, channelConversation(agents, y.threadId), 'case.take', { caseId: y.caseId }))).body);
    expect(byZoe).toContain('aucun rôle GDAP pour Contoso Pharma');

    expect((await post(app, personalMessage(ana, connector.url, `case ${y.caseId}`))).status).toBe(200);
    expect(seen(personalConversationId(ana))).toContain('no GDAP role for Contoso Pharma');
    expect(seen(personalConversationId(ana))).not.toContain('Paul Durand');
    expect((await post(app, personalMessage(ana, connector.url, 'health contoso'))).status).toBe(200);
    expect(seen(personalConversationId(ana)).split('no GDAP role for Contoso Pharma').length - 1).toBe(2);

    expect((await post(app, personalMessage(ana, connector.url, 'queue'))).status).toBe(200);
    const queue = connector.sentTo(personalConversationId(ana)).map(visibleText).at(-1) ?? '';
    expect(queue).toContain(x.caseId);
    expect(queue).not.toContain(y.caseId);
    expect((await post(app, personalMessage(lead, connector.url, 'queue'))).status).toBe(200);
    const leadQueue = connector.sentTo(personalConversationId(lead)).map(visibleText).at(-1) ?? '';
    expect(leadQueue).toContain(x.caseId);
    expect(leadQueue).toContain(y.caseId);
  });

  it('a terminated relationship removes Fabrikam from Ana within one refresh', async () => {
    const x = await openCase(app, connector, user(TENANTS.fabrikam, 'Hugo Petit', 'fr-FR'), agents);
    graph.setDelegatedAdmin(TENANTS.partner, delegatedAdminSeed(grants('terminated')));
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const take = JSON.stringify((await post(app, cardAction(ana, connector.url, channelConversation(agents, x.threadId), 'case.take', { caseId: x.caseId }))).body);
    expect(take).not.toContain(NOBODY_OWNS);
    expect(take).toContain('You need an agent role');
    expect((await post(app, personalMessage(ana, connector.url, 'queue'))).status).toBe(200);
    expect(connector.sentTo(personalConversationId(ana)).map(visibleText).at(-1)).not.toContain(x.caseId);
    const byLead = JSON.stringify((await post(app, cardAction(lead, connector.url, channelConversation(agents, x.threadId), 'case.take', { caseId: x.caseId }))).body);
    expect(byLead).toContain('Lena Lead');
    expect(byLead).not.toContain('via GDAP');
  });
});
