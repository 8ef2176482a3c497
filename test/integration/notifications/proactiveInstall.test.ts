import { MemoryStorage } from 'botbuilder';
import pino from 'pino';
import { createGraphClients } from '../../../src/cloud/graphClientFactory';
import { GraphRequester } from '../../../src/cloud/graphRequester';
import { parseCustomerDirectory } from '../../../src/directory/customerDirectory';
import { createNotifications, GraphProactiveInstall, type Notifications } from '../../../src/notifications';
import { type GraphSandbox, startGraphSandbox } from '../../../src/sandbox/graphSandbox';
import type { SandboxInstallation } from '../../../src/sandbox/graphTeamsApps';
import { ConversationReferenceStore } from '../../../src/teams/conversationReferences';
import { FakeConnector } from '../../support/fakeConnector';
import { appPackageZip, customerRecord } from '../../support/rolloutKit';
import { issue } from '../../unit/notifications/issueFixture';
import { agentsReference, anonymousMessenger, MemoryHealth } from './harness';

// rolloutKit builds the real package through @microsoft/app-manifest, which requires strip-bom 5 (an ES module
// Jest's CommonJS runtime on Node 20 cannot require): the same stand-in as test/integration/appPackage.test.ts.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
}));

const TENANT = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';
const GROUP = '4d5e6f70-8192-4a3b-9c4d-5e6f7a8b9c0d';
const USERS = { never: 'a1000000-0000-4000-8000-000000000001', uninstalled: 'a1000000-0000-4000-8000-000000000002', known: 'a1000000-0000-4000-8000-000000000003' };
const chatOf = (userId: string): string => `a:personal-${userId}`;

/** The personal chat's conversationUpdate as Teams sends it for `userId`, saved as the bot's SupportBot does. */
async function saveChat(references: ConversationReferenceStore, serviceUrl: string, userId: string): Promise<Awaited<ReturnType<ConversationReferenceStore['save']>>> {
  return references.save({
    type: 'conversationUpdate', channelId: 'msteams', serviceUrl, locale: 'en-US',
    conversation: { id: chatOf(userId), conversationType: 'personal', tenantId: TENANT, isGroup: false, name: '' },
    from: { id: `29:${userId}`, name: userId, aadObjectId: userId }, recipient: { id: '28:bot', name: 'bot' },
    channelData: { tenant: { id: TENANT } },
  });
}

describe('proactive install for outage notices (Graph stand-in, outbox, Bot Connector stand-in)', () => {
  let graph: GraphSandbox;
  let connector: FakeConnector;
  let notifications: Notifications;
  let references: ConversationReferenceStore;
  let health: MemoryHealth;
  /** conversationUpdates Teams sends after an install, in flight. */
  const updates: Array<Promise<void>> = [];

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, defaultTenantId: TENANT });
    const pkg = await appPackageZip('1.0.0');
    const published = await fetch(`${graph.url}/v1.0/appCatalogs/teamsApps`, { method: 'POST', headers: { 'content-type': 'application/zip', 'x-sandbox-tenant': TENANT }, body: new Uint8Array(pkg.zip) });
    expect(published.status).toBe(201);
    graph.teamsApps.setGroupUsers(TENANT, GROUP, Object.values(USERS));

    const storage = new MemoryStorage();
    references = new ConversationReferenceStore(storage);
    health = new MemoryHealth();
    const clients = createGraphClients({ baseUrl: graph.url });
    const logger = pino({ level: 'silent' });
    notifications = createNotifications({
      storage, health, messenger: anonymousMessenger(), references, instanceId: 'i1', logger,
      directory: parseCustomerDirectory([customerRecord(TENANT, 'Fabrikam', 'fabrikam.onmicrosoft.com', { proactiveInstall: { groupId: GROUP, services: ['Exchange Online'] } })], 'test'),
      agentsChannel: async () => agentsReference(connector.url),
      pollIntervalMs: 0, leaseTtlMs: 60_000,
      sender: { backoffBaseMs: 20, backoffMaxMs: 200, maxRetryWaitMs: 3_000 },
      onError: (tenantId, err) => { throw Object.assign(new Error(`watch error for ${String(tenantId)}`), { cause: err }); },
      proactiveInstall: { graph: new GraphProactiveInstall(new GraphRequester({ clients, logger }), clients), teamsAppId: pkg.externalId },
    });
    // Teams tells the bot about each install, a moment later, as app.ts's onInstalled handles it.
    graph.teamsApps.onInstalled((installation: SandboxInstallation) => {
      updates.push(new Promise((resolve) => setImmediate(resolve)).then(async () => {
        const saved = await saveChat(references, connector.url, installation.userId);
        if (saved?.created) await notifications.proactive?.onInstalled(saved.stored);
      }));
    });
  });
  afterAll(async () => {
    await notifications.watch.stop();
    await graph.close();
    await connector.close();
  });

  const settle = async (): Promise<void> => {
    await Promise.all(updates.splice(0));
    await notifications.watch.tick();
  };

  it('installs once for the group\'s user it cannot reach, sends each affected user one card, and never reinstalls', async () => {
    const known = await saveChat(references, connector.url, USERS.known);
    await notifications.subscriptions.applyDefaults(TENANT, known?.stored.conversationId ?? '', ['Exchange Online']);
    await notifications.proactive?.onUninstalled(TENANT, USERS.uninstalled);
    await notifications.watch.tick();
    expect(graph.teamsApps.installations()).toHaveLength(0);

    health.set(TENANT, [issue()]);
    await notifications.watch.tick();
    await settle();
    expect(graph.teamsApps.installations().map((i) => i.userId)).toEqual([USERS.never]);
    for (const user of [USERS.never, USERS.known]) {
      const sent = connector.sentTo(chatOf(user));
      expect(sent.map((a) => a.method)).toEqual(['POST']);
      expect(JSON.stringify(sent[0]?.body.attachments)).toContain('Users cannot send mail');
    }
    expect(connector.sentTo(chatOf(USERS.uninstalled))).toHaveLength(0);

    // A redelivered conversationUpdate, the incident's update and a second incident: no second card, no reinstall.
    const again = await references.get(TENANT, chatOf(USERS.never));
    if (again) await notifications.proactive?.onInstalled(again);
    health.set(TENANT, [issue({ lastModifiedDateTime: '2026-11-25T09:00:00Z', latestPost: { createdDateTime: '2026-11-25T09:00:00Z', text: 'A fix is rolling out.' } }), issue({ id: 'EX100002', title: 'Calendar sharing fails' })]);
    await notifications.watch.tick();
    await settle();
    expect(graph.teamsApps.installations().map((i) => i.userId)).toEqual([USERS.never]);
    const installs = graph.requests.filter((r) => r.route === 'userInstallApp');
    expect(installs).toHaveLength(1);
    const toNever = connector.sentTo(chatOf(USERS.never));
    expect(toNever.filter((a) => a.method === 'POST')).toHaveLength(1);
    expect(JSON.stringify(toNever.at(-1)?.body.attachments)).toContain('A fix is rolling out.');
    expect(connector.sentTo(chatOf(USERS.uninstalled))).toHaveLength(0);
  });
});
