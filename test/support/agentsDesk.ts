/**
 * The real bot with its agents' desk ready: a FakeConnector, the Graph stand-in (seeded health, and Alice holding
 * the HelpdeskAgents role), the app started with `env`, and the bot installed in the partner's agents' team.
 */
import type { RunningApp } from '../../src/app';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed, type DirectoryObject } from '../../src/sandbox/graphSeed';
import { channel, TENANTS, teamInstall, user, type TeamsChannel, type TeamsUser } from './activities';
import { FakeConnector } from './fakeConnector';
import { post, startTestBot } from './testBot';

const HELPDESK: DirectoryObject = { '@odata.type': '#microsoft.graph.group', id: 'g1', displayName: 'HelpdeskAgents' };

export interface AgentsDesk {
  connector: FakeConnector;
  graph: GraphSandbox;
  app: RunningApp;
  /** The agents' channel. */
  agents: TeamsChannel;
  /** An agent (HelpdeskAgents role) of the partner. */
  agent: TeamsUser;
  stop(): Promise<void>;
}

export async function startAgentsDesk(env: Record<string, string> = {}): Promise<AgentsDesk> {
  const connector = await FakeConnector.start();
  const graph = await startGraphSandbox({ requireAuth: false, seed: loadGraphSandboxSeed() });
  const agent = user(TENANTS.partner, 'Alice Agent', 'en-US');
  graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [HELPDESK]);
  const app = await startTestBot({ GRAPH_BASE_URL: graph.url, ...env });
  const agents = channel(TENANTS.partner);
  expect((await post(app, teamInstall(agent, connector.url, agents))).status).toBe(200);
  return {
    connector, graph, app, agents, agent,
    stop: async () => {
      await app.stop();
      await graph.close();
      await connector.close();
    },
  };
}
