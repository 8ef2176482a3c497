import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CaseStore } from '../../src/cases/caseStore';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed } from '../../src/sandbox/graphSeed';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../src/sandbox/partnerCenterSandbox';
import { createStorage, storageKey, type LeaseRecord, type StorageConfig, type StorageHandle } from '../../src/storage';
import { cardAction, channel, channelConversation, personalConversationId, TENANTS, user, type TeamsUser } from '../support/activities';
import { buildIfStale, post, startBot, waitUntil, type BotProcess } from '../support/botProcess';
import { FakeConnector } from '../support/fakeConnector';
import { chooseAgentsChannel, announceIncident, nextHealthPoll, openCase, postsShowing, subscribeToIncidents } from '../support/journeys';
import { startAzurite } from './storage/azurite';
import { AGENT_GROUP as HELPDESK } from '../support/agentGroups';

const CONTAINER = 'multi-instance';
/** OutageWatch's lease TTL (src/notifications/outageWatch.ts) and its tick. */
const LEASE_TTL_MS = 30_000;
const TICK_MS = 5_000;

/** A shared storage for the bot processes: their environment, the same storage for the test's checks, and its teardown. */
interface SharedStorage {
  env: Record<string, string>;
  config: StorageConfig;
  stop(): Promise<void>;
}

async function azuriteContainer(): Promise<SharedStorage> {
  const azurite = await startAzurite();
  const blob = { connectionString: azurite.connectionString, container: CONTAINER };
  return {
    env: { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: blob.connectionString, AZURE_STORAGE_CONTAINER: blob.container },
    config: { kind: 'blob', sqlitePath: '', blob },
    stop: () => azurite.stop(),
  };
}

async function sqliteFile(): Promise<SharedStorage> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'multi-instance-'));
  const sqlitePath = path.join(dir, 'bot.sqlite');
  return {
    env: { STORAGE: 'sqlite', SQLITE_PATH: sqlitePath },
    config: { kind: 'sqlite', sqlitePath },
    stop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Two bot processes from the build on one storage, behind one fake Connector: whatever must happen
 * once happens once, whichever instance the load balancer picks.
 */
describe.each([
  ['Azure Blob Storage (Azurite)', azuriteContainer],
  ['one SQLite file', sqliteFile],
])('two instances on %s', (_name, startSharedStorage) => {
  let shared: SharedStorage;
  let checks: StorageHandle;
  let connector: FakeConnector;
  let graph: GraphSandbox;
  let partnerCenter: PartnerCenterSandbox;
  let bots: BotProcess[] = [];
  const agentsChannel = channel(TENANTS.partner);
  const agents = Array.from({ length: 20 }, (_, i) => user(TENANTS.partner, `Agent ${String(i + 1).padStart(2, '0')}`, 'en-US'));

  beforeAll(async () => {
    [shared, connector, graph, partnerCenter] = await Promise.all([
      startSharedStorage(),
      FakeConnector.start(),
      startGraphSandbox({ requireAuth: false, seed: loadGraphSandboxSeed() }),
      startPartnerCenterSandbox({ requireAuth: false }),
      buildIfStale(),
    ]);
    for (const agent of agents) graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [HELPDESK]);
    const env = {
      ...shared.env,
      GRAPH_BASE_URL: graph.url, PARTNER_CENTER_BASE_URL: partnerCenter.url, OUTAGE_POLL_INTERVAL_SECONDS: '1', HEALTH_CACHE_TTL_SECONDS: '1',
    };
    bots = await Promise.all([startBot(env), startBot(env)]);
    expect(bots.map((bot) => bot.storage)).toEqual([shared.config.kind, shared.config.kind]);
    checks = createStorage(shared.config);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await checks?.close();
    await Promise.all([connector?.close(), graph?.close(), partnerCenter?.close()]);
    await shared?.stop();
  });

  it('gives a case taken by 20 concurrent agents on both instances exactly one owner', async () => {
    await chooseAgentsChannel(bots[1]!, connector, agents[0]!, agentsChannel);
    const { caseId, threadId } = await openCase(bots[0]!, connector, user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR'), agentsChannel);

    const takes = await Promise.all(agents.map((agent, i) =>
      post(bots[i % 2]!, cardAction(agent, connector.url, channelConversation(agentsChannel, threadId), 'case.take', { caseId }))));
    expect(takes.map((take) => take.status)).toEqual(agents.map(() => 200));

    const stored = await new CaseStore(checks.storage).get(caseId);
    expect(stored?.state).toBe('taken');
    const owner = agents.find((agent) => agent.aadObjectId === stored?.owner?.aadObjectId);
    expect(owner).toBeDefined();
    expect(stored?.history.filter((entry) => entry.action === 'take')).toEqual([expect.objectContaining({ by: owner!.name })]);
    // Every agent sees the answer: the winner their card, the 19 others who has the case.
    const refused = takes.filter((take) => take.body.includes(`Already taken by ${owner!.name}`));
    expect(refused).toHaveLength(agents.length - 1);
  }, 120_000);

  it('sends each outage notification once, whichever instance each customer subscribed through', async () => {
    const customers = Array.from({ length: 6 }, (_, i) => user(TENANTS.fabrikam, `Customer ${i + 1}`, 'en-US'));
    await Promise.all(customers.map((customer, i) => subscribeToIncidents(connector, customer, ['Exchange Online'], bots[i % 2]!, bots[(i + 1) % 2])));
    await nextHealthPoll(graph, TENANTS.fabrikam, TICK_MS * 3);

    announceIncident(graph, TENANTS.fabrikam, { id: 'EX2000001', title: 'Mail stuck in queues' });
    const mentions = (customer: TeamsUser): number => postsShowing(connector, personalConversationId(customer), 'Mail stuck in queues');
    await waitUntil(() => customers.every((customer) => mentions(customer) > 0), TICK_MS * 4);
    await new Promise((resolve) => setTimeout(resolve, TICK_MS * 2));
    expect(customers.map(mentions)).toEqual(customers.map(() => 1));
  }, 120_000);

  /** Which bot process holds the outage-watch lease (instance ids are `<host>-<pid>-<random>`), polled until `accept`. */
  async function leaseHolder(accept: (bot: BotProcess | undefined) => boolean, timeoutMs: number): Promise<BotProcess | undefined> {
    const { storage } = checks;
    const key = storageKey('lease', 'outage-watch');
    for (const deadline = Date.now() + timeoutMs; ; await new Promise((resolve) => setTimeout(resolve, 200))) {
      const lease = (await storage.read([key]))[key] as LeaseRecord | undefined;
      const holder = lease && lease.expiresAt > Date.now() ? bots.find((bot) => lease.holder.split('-').includes(String(bot.pid))) : undefined;
      if (accept(holder) || Date.now() > deadline) return holder;
    }
  }

  it('runs the outage poller on one instance and moves it to the other within the lease time when that one dies', async () => {
    const leader = await leaseHolder((bot) => bot !== undefined, TICK_MS * 3);
    expect(leader).toBeDefined();
    const survivor = bots.find((bot) => bot !== leader)!;
    const killedAt = Date.now();
    await leader!.crash();
    expect(await leaseHolder((bot) => bot === survivor, LEASE_TTL_MS + TICK_MS * 3)).toBe(survivor);
    expect(Date.now() - killedAt).toBeLessThan(LEASE_TTL_MS + TICK_MS * 2);
  }, 120_000);
});
