/**
 * A customer whose tenant admin disabled the bot, through the real server: Teams answers the outage card 403
 * BotDisabledByAdmin (body from Microsoft's status-code table, MicrosoftDocs/msteams-docs
 * msteams-platform/bots/build-conversational-capability.md, version dated 05/11/2026, read 2026-12-02: "Stop posting
 * to conversation until interaction with bot is explicitly initiated by a user in the conversation"), the bot sends
 * nothing more, and once the customer writes to the bot again the next outage reaches them.
 */
import type { RunningApp } from '../../../src/app';
import { startGraphSandbox, type GraphSandbox } from '../../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed } from '../../../src/sandbox/graphSeed';
import { personalConversationId, personalMessage, TENANTS, user } from '../../support/activities';
import { waitUntil } from '../../support/botProcess';
import { FakeConnector } from '../../support/fakeConnector';
import { announceIncident, nextHealthPoll, postsShowing, subscribeToIncidents } from '../../support/journeys';
import { post, startTestBot } from '../../support/testBot';

/** A poll every second; OutageWatch ticks every 5 s, so a poll happens within one tick. */
const POLL_WAIT_MS = 30_000;
const BOT_DISABLED = JSON.stringify({ error: { code: 'BotDisabledByAdmin', message: 'The tenant admin disabled this bot' } });

describe('outage notifications to a customer whose admin disabled the bot', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;
  let app: RunningApp;
  const tenant = TENANTS.fabrikam;
  const customer = user(tenant, 'Megan Bowen', 'en-US');
  const conversation = personalConversationId(customer);
  const seed = loadGraphSandboxSeed();

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, seed });
    app = await startTestBot({ GRAPH_BASE_URL: graph.url, OUTAGE_POLL_INTERVAL_SECONDS: '1', HEALTH_CACHE_TTL_SECONDS: '1' });
  });
  afterAll(async () => {
    await app.stop();
    await graph.close();
    await connector.close();
  });

  it('stops after 403 BotDisabledByAdmin and resumes once the customer writes again', async () => {
    const service = seed.tenants[tenant]?.issues[0]?.service ?? 'Exchange Online';
    await subscribeToIncidents(connector, customer, [service], app);
    await nextHealthPoll(graph, tenant, POLL_WAIT_MS);

    connector.failNext({ status: 403, rawBody: BOT_DISABLED });
    announceIncident(graph, tenant, { id: 'EX900001', title: 'First outage while disabled' }, seed);
    await waitUntil(() => connector.requests.some((r) => r.status === 403), POLL_WAIT_MS, 'the 403 answer');

    announceIncident(graph, tenant, { id: 'EX900002', title: 'Second outage while disabled' }, seed);
    await nextHealthPoll(graph, tenant, POLL_WAIT_MS);
    await nextHealthPoll(graph, tenant, POLL_WAIT_MS);
    expect(postsShowing(connector, conversation, 'Second outage while disabled')).toBe(0);

    expect((await post(app, personalMessage(customer, connector.url, 'hello again'))).status).toBe(200);
    announceIncident(graph, tenant, { id: 'EX900003', title: 'Outage after the customer came back' }, seed);
    await waitUntil(() => postsShowing(connector, conversation, 'Outage after the customer came back') === 1, POLL_WAIT_MS, 'the card after resuming');
  }, 6 * POLL_WAIT_MS);
});
