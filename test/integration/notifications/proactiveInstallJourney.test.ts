/**
 * Proactive install through the real server: Fabrikam opted in (a group on its directory record) and
 * PROACTIVE_INSTALL=on. A new Exchange incident makes the bot install itself, over Graph (stand-in), for the group's
 * members it cannot message; Teams (played here) answers each install with the conversationUpdate of the new personal
 * chat; each member gets the outage card exactly once. A member who removes the app is never installed for again.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningApp } from '../../../src/app';
import { startGraphSandbox, type GraphSandbox } from '../../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed } from '../../../src/sandbox/graphSeed';
import { personalConversationId, personalInstall, personalInstallationUpdate, TENANTS, user } from '../../support/activities';
import { waitUntil } from '../../support/botProcess';
import { FakeConnector } from '../../support/fakeConnector';
import { announceIncident, nextHealthPoll, postsShowing } from '../../support/journeys';
import { appPackageZip } from '../../support/rolloutKit';
import { post, startTestBot } from '../../support/testBot';

// rolloutKit builds the real package through @microsoft/app-manifest, which requires strip-bom 5 (an ES module
// Jest's CommonJS runtime on Node 20 cannot require): the same stand-in as test/integration/appPackage.test.ts.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
}));

/** A poll every second; OutageWatch ticks every 5 s, so a poll happens within one tick. */
const POLL_WAIT_MS = 30_000;
const GROUP = '4d5e6f70-8192-4a3b-9c4d-5e6f7a8b9c0d';

describe('proactive install for an outage, through the real server', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;
  let app: RunningApp;
  const tenant = TENANTS.fabrikam;
  const members = [user(tenant, 'Adele Vance', 'en-US'), user(tenant, 'Lynne Robbins', 'en-US')];
  const [adele, lynne] = members as [typeof members[0], typeof members[0]];
  const seed = loadGraphSandboxSeed();
  const installRequests = (): number => graph.requests.filter((r) => r.route === 'userInstallApp').length;

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, seed });
    const pkg = await appPackageZip('1.0.0');
    const published = await fetch(`${graph.url}/v1.0/appCatalogs/teamsApps`, { method: 'POST', headers: { 'content-type': 'application/zip', 'x-sandbox-tenant': tenant }, body: new Uint8Array(pkg.zip) });
    expect(published.status).toBe(201);
    graph.teamsApps.setGroupUsers(tenant, GROUP, members.map((m) => m.aadObjectId));
    // Teams answers an install with the new personal chat's conversationUpdate.
    graph.teamsApps.onInstalled((installation) => {
      const member = members.find((m) => m.aadObjectId === installation.userId);
      if (member) setImmediate(() => { void post(app, personalInstall(member, connector.url)); });
    });

    const customers = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'config', 'customers.json'), 'utf8')) as Array<Record<string, unknown>>)
      .map((c) => (c.tenantId === tenant ? { ...c, proactiveInstall: { groupId: GROUP, services: [] } } : c));
    const customersFile = join(mkdtempSync(join(tmpdir(), 'proactive-')), 'customers.json');
    writeFileSync(customersFile, JSON.stringify(customers));
    app = await startTestBot({
      GRAPH_BASE_URL: graph.url, OUTAGE_POLL_INTERVAL_SECONDS: '1', HEALTH_CACHE_TTL_SECONDS: '1',
      CUSTOMER_DIRECTORY_SOURCE: 'file', CUSTOMERS_FILE: customersFile, PROACTIVE_INSTALL: 'on', TEAMS_APP_ID: pkg.externalId,
    });
  });
  afterAll(async () => {
    await app.stop();
    await graph.close();
    await connector.close();
  });

  it('installs once per member, sends each one card per incident, and does not reinstall a member who removed the app', async () => {
    await nextHealthPoll(graph, tenant, POLL_WAIT_MS);
    expect(installRequests()).toBe(0);

    announceIncident(graph, tenant, { id: 'EX910001', title: 'Mail delivery delayed for everyone' }, seed);
    for (const member of members) {
      await waitUntil(() => postsShowing(connector, personalConversationId(member), 'Mail delivery delayed for everyone') === 1, POLL_WAIT_MS, `the card to ${member.name}`);
    }
    expect(graph.teamsApps.installations(tenant).map((i) => i.userId).sort()).toEqual(members.map((m) => m.aadObjectId).sort());
    expect(installRequests()).toBe(2);

    expect((await post(app, personalInstallationUpdate(lynne, connector.url, 'remove'))).status).toBe(200);
    graph.teamsApps.uninstall(tenant, lynne.aadObjectId);
    announceIncident(graph, tenant, { id: 'EX910002', title: 'Calendar sync stalled' }, seed);
    await waitUntil(() => postsShowing(connector, personalConversationId(adele), 'Calendar sync stalled') === 1, POLL_WAIT_MS, 'the second card to Adele');
    await nextHealthPoll(graph, tenant, POLL_WAIT_MS);
    await nextHealthPoll(graph, tenant, POLL_WAIT_MS);

    expect(installRequests()).toBe(2);
    expect(postsShowing(connector, personalConversationId(lynne), 'Calendar sync stalled')).toBe(0);
    for (const member of members) expect(postsShowing(connector, personalConversationId(member), 'Mail delivery delayed for everyone')).toBe(1);
  }, 6 * POLL_WAIT_MS);
});
