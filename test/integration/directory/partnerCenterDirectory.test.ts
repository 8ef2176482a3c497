import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningApp } from '../../../src/app';
import { startGraphSandbox, type GraphSandbox } from '../../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed } from '../../../src/sandbox/graphSeed';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../../src/sandbox/partnerCenterSandbox';
import { channel, channelMention, personalConversationId, personalInstall, personalMessage, TENANTS, user, type TeamsChannel } from '../../support/activities';
import { AGENT_GROUP } from '../../support/agentGroups';
import { visibleText } from '../../support/chat';
import { FakeConnector } from '../../support/fakeConnector';
import { chooseAgentsChannel, openCase } from '../../support/journeys';
import { post, startTestBot, tempSqlitePath } from '../../support/testBot';
import { waitUntil } from '../../support/botProcess';
import { captureLogs, type CapturedLogs } from '../../security/logCapture';

const EN = jest.requireActual<{ refusal: { unknownTenant: string } }>('../../../src/i18n/en.json');
const FR = jest.requireActual<{ refusal: { unknownTenant: string } }>('../../../src/i18n/fr.json');

/**
 * The customer directory from Partner Center through the real server: the directory file is empty, the Partner
 * Center stand-in lists the customers, the support plans file (config/support-plans.json) gives their plans.
 */
describe('customer directory from Partner Center', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;
  let partnerCenter: PartnerCenterSandbox;
  let app: RunningApp;
  let logs: CapturedLogs;
  let agents: TeamsChannel;
  const agent = user(TENANTS.partner, 'Alice Agent', 'en-US');
  const ofX = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
  const ofY = user(TENANTS.contoso, 'Sam Lee', 'en-US');

  /** Resolves once Partner Center has been asked for the customer list `syncs` more times (a sync ran after a change). */
  async function nextSyncs(syncs: number): Promise<void> {
    const asked = (): number => partnerCenter.requests.filter((r) => r.route === 'customers').length;
    const target = asked() + syncs;
    await waitUntil(() => asked() >= target, 10_000, `${String(syncs)} customer list syncs`);
  }

  beforeAll(async () => {
    const emptyDirectory = join(mkdtempSync(join(tmpdir(), 'stb-directory-')), 'customers.json');
    writeFileSync(emptyDirectory, '[]');
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, seed: loadGraphSandboxSeed() });
    graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [AGENT_GROUP]);
    partnerCenter = await startPartnerCenterSandbox({
      requireAuth: false,
      customers: [
        { tenantId: TENANTS.fabrikam, domain: 'fabrikam.onmicrosoft.com', companyName: 'Fabrikam Europe' },
        { tenantId: TENANTS.contoso, domain: 'contosopharma.onmicrosoft.com', companyName: 'Contoso Pharma' },
      ],
    });
    logs = captureLogs('info');
    app = await startTestBot({
      GRAPH_BASE_URL: graph.url, PARTNER_CENTER_BASE_URL: partnerCenter.url,
      CUSTOMER_DIRECTORY_SOURCE: 'partnerCenter', CUSTOMERS_FILE: emptyDirectory, DIRECTORY_SYNC_INTERVAL_SECONDS: '1',
    }, { logger: logs.logger });
    agents = channel(TENANTS.partner);
    await chooseAgentsChannel(app, connector, agent, agents);
  }, 30_000);
  afterAll(async () => {
    await app.stop();
    await partnerCenter.close();
    await graph.close();
    await connector.close();
  });

  it('welcomes a user of a listed customer with the plan the plans file gives it, and refuses a stranger', async () => {
    expect((await post(app, personalInstall(ofX, connector.url))).status).toBe(200);
    const welcome = connector.sentTo(personalConversationId(ofX)).map(visibleText).join('\n');
    expect(welcome).toContain('Business Care');
    expect(welcome).not.toContain(FR.refusal.unknownTenant);
    const stranger = user(TENANTS.stranger, 'Eve', 'en-US');
    await post(app, personalMessage(stranger, connector.url, 'hello'));
    expect(connector.sentTo(personalConversationId(stranger)).map(visibleText).join('\n')).toContain(EN.refusal.unknownTenant);
  });

  it('refuses the users of a customer that left within one sync interval, logs it, and its open case stays readable to agents', async () => {
    const opened = await openCase(app, connector, ofX, agents);

    partnerCenter.customers.remove(TENANTS.fabrikam);
    await nextSyncs(2);

    const before = connector.sentTo(personalConversationId(ofX)).length;
    expect((await post(app, personalMessage(ofX, connector.url, 'toujours rien'))).status).toBe(200);
    expect(connector.sentTo(personalConversationId(ofX)).slice(before).map(visibleText).join('\n')).toContain(FR.refusal.unknownTenant);
    expect(logs.events('directory.customerLeft')).toEqual([expect.objectContaining({ tenantId: TENANTS.fabrikam, customer: 'Fabrikam Europe' })]);

    await post(app, personalMessage(ofY, connector.url, 'hello'));
    expect(connector.sentTo(personalConversationId(ofY)).map(visibleText).join('\n')).not.toContain(EN.refusal.unknownTenant);

    const told = connector.sentTo(agents.channelId).length;
    await post(app, channelMention(agent, connector.url, agents, 'queue'));
    await post(app, channelMention(agent, connector.url, agents, `case ${opened.caseId}`));
    const agentSees = connector.sentTo(agents.channelId).slice(told).map(visibleText).join('\n');
    expect(agentSees).toMatch(new RegExp(`${opened.caseId} · Fabrikam Europe`));
    expect(agentSees.split(opened.caseId).length - 1).toBeGreaterThanOrEqual(2);
  });

  it('serves a customer that joins, without a restart', async () => {
    const newcomer = user('0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1', 'Nina Newcomer', 'en-US');
    partnerCenter.customers.add({ tenantId: newcomer.tenantId, domain: 'newcomer.onmicrosoft.com', companyName: 'Newcomer Ltd' });
    await nextSyncs(2);
    expect((await post(app, personalInstall(newcomer, connector.url))).status).toBe(200);
    const welcome = connector.sentTo(personalConversationId(newcomer)).map(visibleText).join('\n');
    expect(welcome).toContain('Essentials');
    expect(logs.events('directory.customerJoined').map((e) => e.tenantId)).toContain(newcomer.tenantId);
  });
});

describe('customer directory source at start-up', () => {
  it('with the sandbox on, the embedded Partner Center stand-in lists the example customers, with the plans of the plans file', async () => {
    const connector = await FakeConnector.start();
    const app = await startTestBot({ SANDBOX: 'on', CUSTOMER_DIRECTORY_SOURCE: 'partnerCenter' });
    try {
      const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
      expect((await post(app, personalInstall(customer, connector.url))).status).toBe(200);
      expect(connector.sentTo(personalConversationId(customer)).map(visibleText).join('\n')).toContain('Essentials');
    } finally {
      await app.stop();
      await connector.close();
    }
  }, 30_000);

  it('a bad support plans file stops start-up with every problem listed', async () => {
    const plans = join(mkdtempSync(join(tmpdir(), 'stb-plans-')), 'support-plans.json');
    writeFileSync(plans, JSON.stringify({ plans: {}, defaultPlan: 'gold', customers: [{ plan: 'gold' }] }));
    const started = startTestBot({ CUSTOMER_DIRECTORY_SOURCE: 'partnerCenter', SUPPORT_PLANS_FILE: plans, PARTNER_CENTER_BASE_URL: 'http://127.0.0.1:9' });
    await expect(started).rejects.toThrow(/Support plans file .*support-plans\.json is invalid:\n {2}- \[plans\] at least one plan\n {2}- \[customers\.0\] give exactly one of tenantId or domain/);
  });
});

describe('customer directory from Partner Center on two instances sharing storage', () => {
  it('both serve the list one of them synchronized, and both refuse a customer that left within a sync plus a refresh', async () => {
    const connector = await FakeConnector.start();
    const partnerCenter = await startPartnerCenterSandbox({
      requireAuth: false,
      customers: [
        { tenantId: TENANTS.fabrikam, domain: 'fabrikam.onmicrosoft.com', companyName: 'Fabrikam' },
        { tenantId: TENANTS.contoso, domain: 'contosopharma.onmicrosoft.com', companyName: 'Contoso Pharma' },
      ],
    });
    const env = {
      STORAGE: 'sqlite', SQLITE_PATH: tempSqlitePath(), PARTNER_CENTER_BASE_URL: partnerCenter.url, GRAPH_BASE_URL: 'http://127.0.0.1:9',
      CUSTOMER_DIRECTORY_SOURCE: 'partnerCenter', DIRECTORY_SYNC_INTERVAL_SECONDS: '1', DIRECTORY_REFRESH_INTERVAL_SECONDS: '1',
    };
    const first = await startTestBot(env);
    const second = await startTestBot(env);
    const refused = async (app: RunningApp): Promise<boolean> => {
      const someone = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
      await post(app, personalMessage(someone, connector.url, 'bonjour'));
      return connector.sentTo(personalConversationId(someone)).map(visibleText).join('\n').includes(FR.refusal.unknownTenant);
    };
    try {
      expect([await refused(first), await refused(second)]).toEqual([false, false]);
      partnerCenter.customers.remove(TENANTS.fabrikam);
      await waitUntil(async () => (await refused(first)) && (await refused(second)), 10_000, 'both instances refusing the departed customer');
    } finally {
      await second.stop();
      await first.stop();
      await partnerCenter.close();
      await connector.close();
    }
  }, 30_000);
});
