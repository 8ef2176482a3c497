/**
 * Attacker's review (wt/attack): per-customer authorization holes found after the GDAP and dashboard merge. Each test
 * states the behaviour that should hold; they FAIL on the code as merged (the proof), and pass once fixed.
 *
 * Setup as test/security/gdapAccess.test.ts: AGENT_AUTHORIZATION=gdap, Ana's group holds Helpdesk Administrator in
 * Fabrikam only; Lena is in the legacy agents' group (every customer); Eve is a partner employee with no agent role.
 */
import type { RunningApp } from '../../src/app';
import { delegatedAdminSeed, type SandboxGdapGrant } from '../../src/sandbox/graphDelegatedAdmin';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import type { DirectoryObject } from '../../src/sandbox/graphSeed';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../src/sandbox/partnerCenterSandbox';
import { cardAction, channel, channelMention, personalConversation, teamInstall, TENANTS, user, type TeamsChannel } from '../support/activities';
import { AGENT_GROUP } from '../support/agentGroups';
import { FakeConnector } from '../support/fakeConnector';
import { chooseAgentsChannel, openCase } from '../support/journeys';
import { post, startTestBot } from '../support/testBot';

const HELPDESK_ADMINISTRATOR = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const FABRIKAM_HELPDESK: DirectoryObject = {
  '@odata.type': '#microsoft.graph.group', id: '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716', displayName: 'GDAP Fabrikam Helpdesk', groupTypes: [], securityEnabled: true, mailEnabled: false,
};
const CONTOSO_HELPDESK_ID = '6f5e4d3c-2b1a-4098-8e7d-5c4b3a291807';
const GRANTS: SandboxGdapGrant[] = [
  { relationshipId: 'f0000000-0000-4000-8000-000000000001-partner', customer: { tenantId: TENANTS.fabrikam, displayName: 'Fabrikam' }, assignments: [{ groupId: FABRIKAM_HELPDESK.id, roleIds: [HELPDESK_ADMINISTRATOR] }] },
  { relationshipId: 'c0000000-0000-4000-8000-000000000002-partner', customer: { tenantId: TENANTS.contoso, displayName: 'Contoso Pharma' }, assignments: [{ groupId: CONTOSO_HELPDESK_ID, roleIds: [HELPDESK_ADMINISTRATOR] }] },
];

describe('attack review: an agent reads or steers another customer\'s cases', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;
  let partnerCenter: PartnerCenterSandbox;
  let app: RunningApp;
  let agents: TeamsChannel;
  const lead = user(TENANTS.partner, 'Lena Lead', 'en-US');
  const ana = user(TENANTS.partner, 'Ana Agent', 'en-US');
  const eve = user(TENANTS.partner, 'Eve Employee', 'en-US');

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, defaultTenantId: TENANTS.partner });
    graph.setUserMemberships(TENANTS.partner, lead.aadObjectId, [AGENT_GROUP]);
    graph.setUserMemberships(TENANTS.partner, ana.aadObjectId, [FABRIKAM_HELPDESK]);
    graph.setUserMemberships(TENANTS.partner, eve.aadObjectId, []);
    graph.setDelegatedAdmin(TENANTS.partner, delegatedAdminSeed(GRANTS));
    partnerCenter = await startPartnerCenterSandbox({ requireAuth: false });
    app = await startTestBot({ GRAPH_BASE_URL: graph.url, PARTNER_CENTER_BASE_URL: partnerCenter.url, AGENT_AUTHORIZATION: 'gdap' });
    agents = channel(TENANTS.partner);
    await chooseAgentsChannel(app, connector, lead, agents);
  }, 30000);
  afterAll(async () => {
    await app.stop();
    await partnerCenter.close();
    await graph.close();
    await connector.close();
  });

  it('a refused card action on another customer\'s case (agent of Fabrikam only) does not answer with that case\'s card', async () => {
    const y = await openCase(app, connector, user(TENANTS.contoso, 'Paul Durand', 'fr-FR'), agents);
    // Sent from Ana's own personal chat with a guessed (sequential) case id: no access to the agents' channel needed.
    const body = JSON.stringify((await post(app, cardAction(ana, connector.url, personalConversation(ana), 'case.take', { caseId: y.caseId }))).body);
    expect(body).toContain('no GDAP role for Contoso Pharma');
    expect(body).not.toContain('Paul Durand');
    expect(body).not.toContain('Outlook ne reçoit plus');
  });

  it('a partner employee with no agent role at all is not answered with a case card', async () => {
    const y = await openCase(app, connector, user(TENANTS.contoso, 'Paul Durand', 'fr-FR'), agents);
    const body = JSON.stringify((await post(app, cardAction(eve, connector.url, personalConversation(eve), 'case.wait', { caseId: y.caseId }))).body);
    expect(body).not.toContain('Paul Durand');
    expect(body).not.toContain('Outlook ne reçoit plus');
  });

  it('an agent allowed for one customer cannot move the agents\' channel (every customer\'s case threads) to a channel of their choosing', async () => {
    const rogue = channel(TENANTS.partner);
    expect((await post(app, teamInstall(ana, connector.url, rogue))).status).toBe(200);
    expect((await post(app, channelMention(ana, connector.url, rogue, 'use this channel'))).status).toBe(200);
    try {
      await openCase(app, connector, user(TENANTS.contoso, 'Paul Durand', 'fr-FR'), agents);
    } catch { /* the thread did not go to the real agents' channel */ }
    const threadsInRogue = connector.conversationsCreated.filter((c) => c.id.startsWith(`${rogue.channelId};messageid=`));
    expect(threadsInRogue.map((c) => JSON.stringify(c.body)).join('\n')).not.toContain('Contoso Pharma');
    // Put the real channel back for anything that runs after.
    await chooseAgentsChannel(app, connector, lead, agents);
  });
});
