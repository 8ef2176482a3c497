/**
 * The account check and Azure Service Health over HTTP with Teams-shaped activities: the running bot with real
 * @azure/identity credentials against the https stand-ins (Entra, Graph users/licences/sign-ins, ARM Resource Health).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningApp } from '../../../src/app';
import { SANDBOX_USERS } from '../../../src/sandbox/graphUserAccounts';
import { type AzureSupportSandbox, startAzureSupportSandbox } from '../../../src/sandbox/azureSupportSandbox';
import { seededServiceIssue } from '../../../src/sandbox/resourceHealthEvents';
import { cardAction, channel, channelConversation, personalInstall, TENANTS, type TeamsChannel, type TeamsUser, user } from '../../support/activities';
import { AGENT_GROUP } from '../../support/agentGroups';
import { Chat } from '../../support/chat';
import { FakeConnector } from '../../support/fakeConnector';
import { chooseAgentsChannel } from '../../support/journeys';
import { post, startTestBot } from '../../support/testBot';
import { type HealthSandboxes, startHealthSandboxes } from './healthSandboxes';

const FABRIKAM_SUBSCRIPTION = '6b1e3c2d-7f4a-4b5c-8d9e-0a1b2c3d4e5f';
/** Consented in Fabrikam: health, agent roles, users and licences, sign-in logs. */
const CONSENTED_APP = { clientId: '7a1c3e5f-9b2d-4c6e-8f0a-1b3c5d7e9f20', clientSecret: 'account-app-secret', roles: ['ServiceHealth.Read.All', 'GroupMember.Read.All', 'User.Read.All', 'AuditLog.Read.All'] };
/** Consented for health and agent roles only: reading users answers 403. */
const UNCONSENTED_APP = { clientId: '8b2d4f6a-0c3e-4d7f-9a1b-2c4e6f8a0b31', clientSecret: 'health-only-secret', roles: ['ServiceHealth.Read.All', 'GroupMember.Read.All'] };
const CERTS = join(__dirname, '..', '..', 'support', 'certs');

describe('the user\'s own account and Azure Service Health at the end of triage', () => {
  let sandboxes: HealthSandboxes;
  let arm: AzureSupportSandbox;
  let connector: FakeConnector;
  let app: RunningApp;
  let agents: TeamsChannel;
  let agent: TeamsUser;

  async function startBot(app: { clientId: string; clientSecret: string }): Promise<RunningApp> {
    return startTestBot({
      GRAPH_BASE_URL: sandboxes.graph.url, AZURE_CLIENT_ID: app.clientId, AZURE_CLIENT_SECRET: app.clientSecret, AZURE_AUTHORITY_HOST: sandboxes.entra.url,
      AZURE_RESOURCE_MANAGER_URL: arm.url, PARTNER_CENTER_BASE_URL: 'http://127.0.0.1:9',
    });
  }

  async function withAgentsChannel(bot: RunningApp): Promise<RunningApp> {
    agent = user(TENANTS.partner, 'Alice Agent', 'en-US');
    sandboxes.graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [AGENT_GROUP]);
    agents = channel(TENANTS.partner);
    await chooseAgentsChannel(bot, connector, agent, agents);
    return bot;
  }

  /** A Fabrikam user whose Teams identity is the seeded Entra user without an Exchange Online plan. */
  function noExchangeUser(name: string, locale: string): TeamsUser {
    return { ...user(TENANTS.fabrikam, name, locale), aadObjectId: SANDBOX_USERS.noExchange };
  }

  async function triage(bot: RunningApp, customer: TeamsUser, answers: string[]): Promise<{ chat: Chat; last: string }> {
    const chat = new Chat(bot, connector, customer);
    await post(bot, personalInstall(customer, connector.url));
    let last = '';
    for (const text of answers) last = await chat.say(text);
    return { chat, last };
  }

  /** The case card of the case the customer just asked an agent for, and the agent's "request Microsoft" proposal card. */
  async function caseCardFor(chat: Chat): Promise<string> {
    return (await openedCase(chat)).card;
  }

  async function openedCase(chat: Chat): Promise<{ card: string; propose: () => Promise<string> }> {
    const said = await chat.submit({ action: 'next.agent' });
    const caseId = /C-\d+/.exec(said)?.[0];
    const thread = caseId === undefined ? undefined : connector.conversationsCreated.find((c) => c.id.startsWith(`${agents.channelId};messageid=`) && JSON.stringify(c.body).includes(caseId));
    if (!thread) throw new Error(`no case thread; the customer saw:\n${said}`);
    const threadId = thread.id.split(';messageid=')[1] ?? '';
    return {
      card: JSON.stringify(thread.body),
      propose: async () => JSON.stringify((await post(chat.app, cardAction(agent, connector.url, channelConversation(agents, threadId), 'escalation.propose', { caseId }))).body),
    };
  }

  beforeAll(async () => {
    sandboxes = await startHealthSandboxes([CONSENTED_APP, UNCONSENTED_APP]);
    const https = { key: readFileSync(join(CERTS, 'key.pem')), cert: readFileSync(join(CERTS, 'cert.pem')) };
    arm = await startAzureSupportSandbox({
      https, subscriptions: { [FABRIKAM_SUBSCRIPTION]: TENANTS.fabrikam }, partnerTenantId: TENANTS.partner,
      healthEvents: { [FABRIKAM_SUBSCRIPTION]: [seededServiceIssue(FABRIKAM_SUBSCRIPTION)] },
    });
    connector = await FakeConnector.start();
    app = await withAgentsChannel(await startBot(CONSENTED_APP));
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
    await arm.close();
    await sandboxes.close();
  });

  it('a French user without an Exchange Online licence describing a mail problem is told so, and the case card carries it', async () => {
    const { chat, last } = await triage(app, noExchangeUser('Élise Martin', 'fr-FR'), ['Outlook ne reçoit plus de mails depuis ce matin', 'tout le monde', 'critique']);
    expect(last).toContain("J'ai aussi vérifié votre compte :\n- votre compte n'a pas de licence Exchange Online : votre administrateur ou nos agents peuvent vous en attribuer une.");
    expect(last.indexOf("n'a pas de licence Exchange Online")).toBeLessThan(last.indexOf('Que souhaitez-vous faire ensuite ?'));
    const card = await caseCardFor(chat);
    expect(card).toContain('"title":"Account"');
    expect(card).toMatch(/no Exchange Online licence; 3× sign-in error 50126 \(wrong password\), last /);
    expect(sandboxes.graph.requestCount(TENANTS.fabrikam, 'signIns')).toBeGreaterThan(0);
  });

  it('an English user: told in English; a service their licence covers (SharePoint) gives no licence finding, only the repeated wrong passwords', async () => {
    const { last } = await triage(app, noExchangeUser('Elise Martin', 'en-US'), ['Outlook stopped receiving mail this morning', 'Everyone', 'Critical: work is blocked']);
    expect(last).toContain('I also checked your account:\n- your account has no Exchange Online licence: your admin or our agents can assign one.');
    const sharePoint = await triage(app, noExchangeUser('Elise Martin', 'en-US'), ['The SharePoint intranet is slow this morning', 'Everyone', 'Critical: work is blocked']);
    expect(sharePoint.last).toContain('I also checked your account:\n- several recent sign-ins failed with a wrong password: if you forgot it, your admin or our agents can reset it.');
    expect(sharePoint.last).not.toContain('licence');
    expect(sandboxes.graph.requestCount(TENANTS.fabrikam, 'user')).toBe(1);
  });

  it('an Azure problem during a Service Health event of the customer\'s subscription shows the event, its status and regions, before the next steps', async () => {
    arm.reset();
    const { last } = await triage(app, user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR'), ['Notre machine virtuelle Azure ne démarre plus depuis ce matin', 'Autre / hors Microsoft 365', 'tout le monde', 'critique']);
    for (const text of ['Azure Service Health signale un événement qui ressemble au vôtre', 'VT4R-9QG', 'Incident de service', 'En cours', 'West Europe, France Central', 'Virtual Machines']) expect(last).toContain(text);
    expect(last.indexOf('VT4R-9QG')).toBeLessThan(last.indexOf('Que souhaitez-vous faire ensuite ?'));
    expect(last).not.toContain('Microsoft ne signale aucun problème connu');
    const read = arm.requests.find((r) => r.route === 'healthEvents');
    expect(read).toMatchObject({ apiVersion: '2025-04-01', tokenTenant: TENANTS.fabrikam, auxiliaryTenant: TENANTS.partner });
  });

  it('in English too; and a Microsoft 365 problem reads no Azure Service Health', async () => {
    arm.reset();
    const { chat, last } = await triage(app, user(TENANTS.fabrikam, 'Sam Lee', 'en-US'), ['Our Azure VMs fail to restart since this morning', 'Other / not Microsoft 365', 'Several users', 'Moderate: work slowed down']);
    for (const text of ['Azure Service Health reports an event that looks like yours', 'VT4R-9QG', 'Service issue', 'Active', 'West Europe, France Central']) expect(last).toContain(text);
    const opened = await openedCase(chat);
    const line = 'VT4R-9QG Service issue, Active: Virtual Machines - West Europe and France Central - Start and restart failures (Virtual Machines; West Europe, France Central)';
    expect(opened.card).toContain(line);
    expect(await opened.propose()).toContain(`Azure Service Health: ${line}`);
    arm.reset();
    await triage(app, user(TENANTS.fabrikam, 'Sam Lee', 'en-US'), ['Outlook stopped receiving mail this morning', 'Everyone', 'Critical: work is blocked']);
    expect(arm.requestCount('healthEvents')).toBe(0);
  });

  it('a tenant that has not consented (403 on users) degrades quietly: nothing alarming for the customer, the case card says why', async () => {
    const unconsented = await withAgentsChannel(await startBot(UNCONSENTED_APP));
    try {
      sandboxes.graph.reset();
      const { chat, last } = await triage(unconsented, noExchangeUser('Élise Martin', 'fr-FR'), ['Outlook ne reçoit plus de mails depuis ce matin', 'tout le monde', 'critique']);
      expect(last).toContain('Que souhaitez-vous faire ensuite ?');
      expect(last).not.toContain('votre compte');
      expect(sandboxes.graph.requestCount(TENANTS.fabrikam, 'user')).toBeGreaterThan(0);
      chat.app = unconsented;
      expect(await caseCardFor(chat)).toContain('not checked (no User.Read.All consent)');
    } finally {
      await unconsented.stop();
    }
  });
});
