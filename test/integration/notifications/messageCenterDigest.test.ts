import type { RunningApp } from '../../../src/app';
import { WEEKDAYS } from '../../../src/notifications/messageCenterDigestPlan';
import { startGraphSandbox, type GraphSandbox } from '../../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed } from '../../../src/sandbox/graphSeed';
import { AGENT_GROUP } from '../../support/agentGroups';
import { channel, TENANTS, user } from '../../support/activities';
import { visibleText } from '../../support/chat';
import { FakeConnector } from '../../support/fakeConnector';
import { chooseAgentsChannel } from '../../support/journeys';
import { startTestBot, tempSqlitePath } from '../../support/testBot';

/**
 * The weekly digest through the real bot: SQLite storage shared by restarts, the Graph stand-in's seeded Message
 * center (config/sandbox-messages.json), the agents' channel chosen over HTTP, the card sent through the Connector.
 */
describe('weekly Message center digest in the agents\' channel', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, seed: loadGraphSandboxSeed() });
  });
  afterAll(async () => {
    await graph.close();
    await connector.close();
  });

  it('is sent once for the week, even across restarts: per customer, only posts due within 30 days', async () => {
    const agent = user(TENANTS.partner, 'Alice Agent', 'en-US');
    graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [AGENT_GROUP]);
    const env = {
      GRAPH_BASE_URL: graph.url, STORAGE: 'sqlite', SQLITE_PATH: tempSqlitePath(),
      MESSAGE_CENTER_DIGEST: 'on', MESSAGE_CENTER_DIGEST_DAY: WEEKDAYS[(new Date().getUTCDay() + 6) % 7] ?? 'mon', MESSAGE_CENTER_DIGEST_HOUR: '0',
    };
    const agents = channel(TENANTS.partner);
    const digests = (): string[] => connector.sentTo(agents.channelId).map(visibleText).filter((text) => text.includes('Message center: action required within 30 days'));
    const restart = async (running: RunningApp): Promise<RunningApp> => {
      await running.stop();
      return startTestBot(env);
    };

    let app = await startTestBot(env);
    await chooseAgentsChannel(app, connector, agent, agents);
    expect(digests()).toEqual([]);

    app = await restart(app);
    await connector.waitFor((activity) => activity.conversationId === agents.channelId && visibleText(activity).includes('Message center: action required'), 20_000);
    app = await restart(app);
    app = await restart(app);
    await app.stop();

    expect(digests()).toHaveLength(1);
    const [digest = ''] = digests();
    const [fabrikam = '', contoso = ''] = digest.split('Contoso Pharma (3)');
    expect(fabrikam).toContain('Fabrikam (2)');
    expect(fabrikam).toContain('MC1190443 · Exchange Online: Basic authentication for SMTP AUTH');
    expect(fabrikam).not.toContain('MC1203350');
    expect(contoso).toContain('MC1203350 · Microsoft Intune');
    expect(contoso).toContain('MC1190443');
    expect(digest).toContain('https://admin.microsoft.com/#/MessageCenter/:/messages/MC1179110');
    expect(digest).not.toContain('MC1187654');
    expect(digest).not.toContain('MC1160215');
    expect(digest).not.toContain('MC1201876');
  }, 60_000);
});
