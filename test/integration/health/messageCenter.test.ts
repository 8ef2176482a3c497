import type { RunningApp } from '../../../src/app';
import { formatDay } from '../../../src/health/messageCenterCards';
import { loadMessageSeed } from '../../../src/sandbox/graphMessageRoutes';
import { channel, TENANTS, user } from '../../support/activities';
import { AGENT_GROUP } from '../../support/agentGroups';
import { Chat } from '../../support/chat';
import { FakeConnector } from '../../support/fakeConnector';
import { chooseAgentsChannel } from '../../support/journeys';
import { startTestBot } from '../../support/testBot';
import { APP, startHealthSandboxes, type HealthSandboxes } from './healthSandboxes';

/** An app registration consented with both service communications permissions. */
const MESSAGE_CENTER_APP = { clientId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', clientSecret: 'message-center-secret', roles: ['ServiceHealth.Read.All', 'ServiceMessage.Read.All', 'GroupMember.Read.All'] };
const SMTP_AUTH_POST = 'MC1190443';

/**
 * Triage over HTTP with Teams-shaped activities, Graph and Entra stand-ins over https with real tokens: a problem that
 * a Message center post explains shows that post and its action-required date; a tenant without the permission
 * is told nothing about it.
 */
describe('Message center posts in the triage outcome', () => {
  let sandboxes: HealthSandboxes;
  let connector: FakeConnector;
  let app: RunningApp;
  const dueDate = (locale: 'en' | 'fr'): string => {
    const smtp = loadMessageSeed().all.find((post) => post.id === SMTP_AUTH_POST);
    return formatDay(smtp?.actionRequiredByDateTime ?? '', locale);
  };

  async function botWith(clientId: string, clientSecret: string): Promise<RunningApp> {
    return startTestBot({ GRAPH_BASE_URL: sandboxes.graph.url, AZURE_CLIENT_ID: clientId, AZURE_CLIENT_SECRET: clientSecret, AZURE_AUTHORITY_HOST: sandboxes.entra.url });
  }

  beforeAll(async () => {
    sandboxes = await startHealthSandboxes([MESSAGE_CENTER_APP]);
    connector = await FakeConnector.start();
    app = await botWith(MESSAGE_CENTER_APP.clientId, MESSAGE_CENTER_APP.clientSecret);
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
    await sandboxes.close();
  });

  it('French: a scanner that no longer sends mail shows the SMTP AUTH retirement post, its action-required date and its link', async () => {
    const chat = new Chat(app, connector, user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR'));
    expect(await chat.say("Notre scanner n'envoie plus les scans par mail depuis ce matin")).toContain("Combien d'utilisateurs sont touchés ?");
    await chat.say('tout le monde');
    const outcome = await chat.say('critique');
    const card = outcome.split('---').find((part) => part.includes(SMTP_AUTH_POST)) ?? '';
    expect(card).toContain('Un changement Microsoft 365 annoncé dans votre Centre de messages peut expliquer cela');
    expect(card).toContain('Basic authentication for SMTP AUTH');
    expect(card).toContain('Planifier le changement');
    expect(card).toContain('Action requise avant le');
    expect(card).toContain(dueDate('fr'));
    expect(card).toContain(`https://admin.microsoft.com/#/MessageCenter/:/messages/${SMTP_AUTH_POST}`);
    expect(outcome).toContain('Que souhaitez-vous faire ensuite ?');
    expect(outcome.indexOf(SMTP_AUTH_POST)).toBeLessThan(outcome.indexOf('Que souhaitez-vous faire ensuite ?'));
    expect(sandboxes.graph.requestCount(TENANTS.fabrikam, 'messages')).toBeGreaterThan(0);
  });

  it('English: the same post, in English; a problem no post explains shows none', async () => {
    const chat = new Chat(app, connector, user(TENANTS.contoso, 'Sam Lee', 'en-US'));
    await chat.say('Our office scanner can no longer send emails since this morning');
    await chat.say('Several users');
    const outcome = await chat.say('Moderate: work slowed down');
    expect(outcome).toContain('A Microsoft 365 change announced in your Message center may explain this');
    expect(outcome).toContain(SMTP_AUTH_POST);
    expect(outcome).toContain('Action required by');
    expect(outcome).toContain(dueDate('en'));

    const other = new Chat(app, connector, user(TENANTS.contoso, 'Kim Roe', 'en-US'));
    await other.say('My profile photo will not change in Teams');
    await other.say('Today');
    await other.say('Only me');
    const unrelated = await other.say('Minimal: a minor inconvenience');
    expect(unrelated).toContain('What would you like to do next?');
    expect(unrelated).not.toContain('MC1');
  });

  it('the case card carries the post and why it matched, for the agents', async () => {
    const agent = user(TENANTS.partner, 'Alice Agent', 'en-US');
    sandboxes.graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [AGENT_GROUP]);
    const agents = channel(TENANTS.partner);
    await chooseAgentsChannel(app, connector, agent, agents);
    const chat = new Chat(app, connector, user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR'));
    await chat.say("Notre scanner n'envoie plus les scans par mail depuis ce matin");
    await chat.say('tout le monde');
    await chat.say('critique');
    const said = await chat.submit({ action: 'next.agent' });
    const caseId = /C-\d+/.exec(said)?.[0] ?? '';
    const thread = connector.conversationsCreated.find((c) => c.id.startsWith(`${agents.channelId};messageid=`) && JSON.stringify(c.body).includes(caseId));
    const card = JSON.stringify(thread?.body ?? {});
    expect(card).toContain('"title":"Message center"');
    expect(card).toContain(`${SMTP_AUTH_POST}: `);
    expect(card).toContain(`action required by ${dueDate('en')}`);
    expect(card).toContain('SMTP AUTH');
  });

  it('a tenant that has not granted ServiceMessage.Read.All: no post, nothing alarming, triage completes', async () => {
    const without = await botWith(APP.clientId, APP.clientSecret);
    try {
      const before = sandboxes.graph.requestCount(TENANTS.fabrikam, 'messages');
      const chat = new Chat(without, connector, user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR'));
      await chat.say("Notre scanner n'envoie plus les scans par mail depuis ce matin");
      await chat.say('tout le monde');
      const outcome = await chat.say('critique');
      expect(sandboxes.graph.requestCount(TENANTS.fabrikam, 'messages')).toBe(before + 1);
      expect(outcome).not.toContain(SMTP_AUTH_POST);
      expect(outcome).not.toMatch(/Centre de messages|ServiceMessage|autorisation|permission/i);
      expect(outcome).toContain('État des services Microsoft 365 pour Fabrikam');
      expect(outcome).toContain('Que souhaitez-vous faire ensuite ?');
    } finally {
      await without.stop();
    }
  });
});
