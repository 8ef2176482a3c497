import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CaseStore } from '../../src/cases/caseStore';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed, type DirectoryObject } from '../../src/sandbox/graphSeed';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../src/sandbox/partnerCenterSandbox';
import { createStorage, storageKey, type LeaseRecord, type StorageConfig, type StorageHandle } from '../../src/storage';
import {
  cardAction, channel, channelConversation, personalConversation, personalInstall, personalMessage, personalSubmit, personalConversationId, teamInstall, TENANTS, user,
  type TeamsUser,
} from '../support/activities';
import { visibleText } from '../support/chat';
import { FakeConnector } from '../support/fakeConnector';
import { startAzurite } from './storage/azurite';

const REPO_ROOT = path.join(__dirname, '../..');
const ENTRY = path.join(REPO_ROOT, 'dist/src/index.js');
const CONTAINER = 'multi-instance';
/** OutageWatch's lease TTL (src/notifications/outageWatch.ts) and its tick. */
const LEASE_TTL_MS = 30_000;
const TICK_MS = 5_000;
const HELPDESK: DirectoryObject = { '@odata.type': '#microsoft.graph.group', id: 'g1', displayName: 'HelpdeskAgents' };

/** A bot process started from the build, and the URL it listens on. */
interface BotProcess {
  url: string;
  /** The storage kind it logged at start-up. */
  storage: string;
  pid: number;
  stop(): Promise<void>;
  /** SIGKILL: no graceful stop, no lease release. */
  crash(): Promise<void>;
}

/** Resolves with the exit code of an async child (never spawnSync: the test process hosts the stand-ins). */
function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

function newestMtime(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/** Builds dist with tsc when any source is newer than the entry point. */
async function buildIfStale(): Promise<void> {
  if (fs.existsSync(ENTRY) && fs.statSync(ENTRY).mtimeMs >= newestMtime(path.join(REPO_ROOT, 'src'))) return;
  const tsc = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const code = await exitOf(tsc);
  if (code !== 0 && !fs.existsSync(ENTRY)) throw new Error(`tsc exited with ${code} and emitted no ${ENTRY}`);
}

/** Starts `node dist/src/index.js` on a free port and resolves once it logs `app.started`. */
function startBot(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, [ENTRY], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'info', SANDBOX: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = exitOf(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stopWith = (signal: NodeJS.Signals) => async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    void exited.then((code) => reject(new Error(`bot exited with ${code} before starting:\n${stderr}`)), reject);
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { event?: string; port?: number; storage?: string };
        if (entry.event === 'app.started' && entry.port) resolve({
          url: `http://127.0.0.1:${entry.port}`, storage: entry.storage ?? '', pid: child.pid ?? 0, stop: stopWith('SIGTERM'), crash: stopWith('SIGKILL'),
        });
      } catch {
        // not a JSON log line
      }
    });
  });
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); await new Promise((resolve) => setTimeout(resolve, 200))) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
  }
}

async function post(bot: BotProcess, activity: unknown): Promise<{ status: number; body: string }> {
  const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  return { status: res.status, body: await res.text() };
}

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

  /** A customer asks for an agent through instance 0; resolves with the case id and its thread's root activity id. */
  async function openCase(customer: TeamsUser): Promise<{ caseId: string; threadId: string }> {
    const bot = bots[0]!;
    await post(bot, personalInstall(customer, connector.url));
    for (const text of ['Outlook ne reçoit plus de mails depuis ce matin', 'tout le monde', 'critique']) {
      expect((await post(bot, personalMessage(customer, connector.url, text))).status).toBe(200);
    }
    expect((await post(bot, personalSubmit(customer, connector.url, { action: 'next.agent' }))).status).toBe(200);
    const said = connector.sentTo(personalConversationId(customer)).map(visibleText).join('\n');
    const caseId = /C-\d+/.exec(said)?.[0];
    const thread = connector.conversationsCreated.find((c) => c.id.startsWith(`${agentsChannel.channelId};messageid=`));
    if (!caseId || !thread) throw new Error(`no case or no thread; the customer saw:\n${said}`);
    return { caseId, threadId: thread.id.split(';messageid=')[1]! };
  }

  it('gives a case taken by 20 concurrent agents on both instances exactly one owner', async () => {
    expect((await post(bots[1]!, teamInstall(agents[0]!, connector.url, agentsChannel))).status).toBe(200);
    const { caseId, threadId } = await openCase(user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR'));

    const takes = await Promise.all(agents.map((agent, i) =>
      post(bots[i % 2]!, cardAction(agent, connector.url, channelConversation(agentsChannel, threadId), 'case.take', { caseId }))));
    expect(takes.map((take) => take.status)).toEqual(agents.map(() => 200));

    const stored = await new CaseStore(checks.storage).get(caseId);
    expect(stored?.state).toBe('taken');
    const owner = agents.find((agent) => agent.aadObjectId === stored?.owner?.aadObjectId);
    expect(owner).toBeDefined();
    expect(stored?.history.filter((entry) => entry.action === 'take')).toEqual([expect.objectContaining({ by: owner!.name })]);
    const winners = takes.filter((take, i) => take.body.includes(agents[i]!.name));
    expect(winners).toHaveLength(1);
  }, 120_000);

  it('sends each outage notification once, whichever instance each customer subscribed through', async () => {
    const customers = Array.from({ length: 6 }, (_, i) => user(TENANTS.fabrikam, `Customer ${i + 1}`, 'en-US'));
    await Promise.all(customers.map(async (customer, i) => {
      const bot = bots[i % 2]!;
      expect((await post(bot, personalInstall(customer, connector.url))).status).toBe(200);
      const save = cardAction(customer, connector.url, personalConversation(customer), 'notify.save', { services: ['Exchange Online'], svc0: 'true', all: 'false' });
      expect((await post(bots[(i + 1) % 2]!, save)).status).toBe(200);
    }));
    const polls = graph.requestCount(TENANTS.fabrikam);
    await waitUntil(() => graph.requestCount(TENANTS.fabrikam) > polls, TICK_MS * 3);

    const seeded = loadGraphSandboxSeed().tenants[TENANTS.fabrikam]!;
    const incident = { ...seeded.issues[0]!, id: 'EX2000001', title: 'Mail stuck in queues', startDateTime: 'now-1m', lastModifiedDateTime: 'now-1m' };
    graph.setTenant(TENANTS.fabrikam, { ...seeded, issues: [...seeded.issues, incident] });
    const mentions = (customer: TeamsUser): number =>
      connector.sentTo(personalConversationId(customer)).filter((a) => a.method === 'POST' && visibleText(a).includes('Mail stuck in queues')).length;
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
