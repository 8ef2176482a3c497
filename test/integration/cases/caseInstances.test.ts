
import { SqliteStorage } from '../../../src/storage';
import { startGraphSandbox, type GraphSandbox } from '../../../src/sandbox/graphSandbox';
import {
  cardAction, channel, channelConversation, channelMessage, personalConversationId, personalMessage, TENANTS, user,
} from '../../support/activities';
import { FakeConnector, type ReceivedActivity } from '../../support/fakeConnector';
import { tempSqlitePath } from '../../support/testBot';
import { startCaseBot, type CaseBot } from './caseHarness';
import { AGENT_GROUP as HELPDESK } from '../../support/agentGroups';
import { chooseAgentsChannel } from '../../support/journeys';

const NOW = new Date('2026-11-25T16:00:00Z');

async function post(bot: CaseBot, activity: unknown): Promise<string> {
  const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  return res.text();
}

function texts(connector: FakeConnector, conversationId: string): string[] {
  return connector.sentTo(conversationId)
    .filter((a: ReceivedActivity) => a.method === 'POST' && typeof a.body.text === 'string')
    .map((a) => String(a.body.text));
}

describe('cases: two bot instances on one SQLite file, and a restart between messages', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;
  const file = tempSqlitePath();
  const storages: SqliteStorage[] = [];
  const bots: CaseBot[] = [];

  async function instance(): Promise<CaseBot> {
    const storage = new SqliteStorage(file);
    storages.push(storage);
    const bot = await startCaseBot(storage, graph.url, () => NOW);
    bots.push(bot);
    return bot;
  }

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, defaultTenantId: TENANTS.partner });
  });
  afterAll(async () => {
    for (const bot of bots) await bot.stop();
    for (const storage of storages) storage.close();
    await graph.close();
    await connector.close();
  });

  it('TwentyTakesAcrossTwoInstances_OneOwner_ThenRelaySurvivesARestart', async () => {
    const [a, b] = [await instance(), await instance()];
    const agents = channel(TENANTS.partner);
    const contenders = Array.from({ length: 20 }, (_, i) => user(TENANTS.partner, `Agent ${String(i)}`, 'en-US'));
    for (const c of contenders) graph.setUserMemberships(TENANTS.partner, c.aadObjectId, [HELPDESK]);
    await chooseAgentsChannel(a, connector, contenders[0] ?? user(TENANTS.partner), agents);
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    await post(a, personalMessage(customer, connector.url, 'agent'));
    const created = connector.conversationsCreated[0];
    const threadId = created?.id.split(';messageid=')[1] ?? '';
    const caseId = /C-\d+/.exec(texts(connector, personalConversationId(customer))[0] ?? '')?.[0] ?? '';

    await Promise.all(contenders.map((c, i) => post(i % 2 === 0 ? a : b, cardAction(c, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }))));
    const stored = await b.store.get(caseId);
    expect(stored?.history.filter((h) => h.action === 'take')).toHaveLength(1);
    const owner = contenders.find((c) => c.aadObjectId === stored?.owner?.aadObjectId);
    if (!owner) throw new Error('no owner');

    await post(a, personalMessage(customer, connector.url, 'before restart'));
    await a.stop();
    storages[0]?.close();
    const restarted = await instance();
    await post(restarted, channelMessage(owner, connector.url, agents, 'after restart', threadId));
    await post(restarted, personalMessage(customer, connector.url, 'thanks'));

    expect(texts(connector, `${agents.channelId};messageid=${threadId}`)).toEqual(['Sam Lee (Contoso Pharma): before restart', 'Sam Lee (Contoso Pharma): thanks']);
    expect(texts(connector, personalConversationId(customer)).filter((t) => t.startsWith(`${owner.name}:`))).toEqual([`${owner.name}: after restart`]);
  });
});
