/**
 * The real bot with its agents' desk ready: a FakeConnector, the Graph stand-in (seeded health, and Alice holding
 * the configured agents' group), the app started with `env`, and the agents' channel chosen by that agent.
 */
import type { AppOptions, RunningApp } from '../../src/app';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed } from '../../src/sandbox/graphSeed';
import { AGENT_GROUP } from './agentGroups';
import { channel, TENANTS, user, type TeamsChannel, type TeamsUser } from './activities';
import { FakeConnector } from './fakeConnector';
import { chooseAgentsChannel } from './journeys';
import { startTestBot } from './testBot';

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

export async function startAgentsDesk(env: Record<string, string> = {}, options: AppOptions = {}): Promise<AgentsDesk> {
  const connector = await FakeConnector.start();
  const graph = await startGraphSandbox({ requireAuth: false, seed: loadGraphSandboxSeed() });
  const agent = user(TENANTS.partner, 'Alice Agent', 'en-US');
  graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [AGENT_GROUP]);
  const app = await startTestBot({ GRAPH_BASE_URL: graph.url, ...env }, options);
  const agents = channel(TENANTS.partner);
  await chooseAgentsChannel(app, connector, agent, agents);
  return {
    connector, graph, app, agents, agent,
    stop: async () => {
      await app.stop();
      await graph.close();
      await connector.close();
    },
  };
}
