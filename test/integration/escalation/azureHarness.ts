/**
 * The running bot with real @azure/identity credentials against the https stand-ins (Entra, Graph, ARM
 * Microsoft.Support) and the fake Connector: an Azure case opened by a French customer of Fabrikam and the
 * agent's card actions on its thread.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningApp } from '../../../src/app';
import { type AzureSupportSandbox, startAzureSupportSandbox } from '../../../src/sandbox/azureSupportSandbox';
import {
  cardAction, channel, channelConversation, personalInstall, TENANTS, type TeamsChannel, type TeamsUser, user,
} from '../../support/activities';
import { Chat } from '../../support/chat';
import { FakeConnector } from '../../support/fakeConnector';
import { post, startTestBot } from '../../support/testBot';
import { type HealthSandboxes, startHealthSandboxes } from '../health/healthSandboxes';
import { AGENT_GROUP as HELPDESK } from '../../support/agentGroups';
import { chooseAgentsChannel } from '../../support/journeys';

/** Fabrikam's Azure subscription in config/customers.json. */
export const FABRIKAM_SUBSCRIPTION = '6b1e3c2d-7f4a-4b5c-8d9e-0a1b2c3d4e5f';
/** The bot's multi-tenant app: health, agent roles, and Support Request Contributor through the partner tenant. */
const BOT_APP = { clientId: '3d5f7a9b-1c3e-4a5b-8c7d-9e0f1a2b3c4d', clientSecret: 'bot-app-secret', roles: ['ServiceHealth.Read.All', 'GroupMember.Read.All'] };
const CERTS = join(__dirname, '..', '..', 'support', 'certs');

type Element = { id?: string; value?: string };

/** The input values of the card an invoke answered with. */
export function inputsOf(body: unknown): Record<string, string> {
  const card = (body as { value?: { body?: Element[] } }).value;
  return Object.fromEntries((card?.body ?? []).flatMap((e): [string, string][] => (e.id === undefined ? [] : [[e.id, e.value ?? '']])));
}

/**
 * One harness for the tests of a `describe`: started before them (handed to `use`), closed after, ARM faults and
 * records cleared before each.
 */
export function useAzureHarness(use: (harness: AzureHarness) => void): void {
  let h: AzureHarness | undefined;
  beforeAll(async () => {
    h = await startAzureHarness();
    use(h);
  });
  afterAll(() => h?.close());
  beforeEach(() => {
    h?.arm.failAlways('*', undefined);
    h?.arm.reset();
  });
}

export interface AzureCase {
  caseId: string;
  threadId: string;
  customer: Chat;
}

export interface AzureHarness {
  app: RunningApp;
  connector: FakeConnector;
  arm: AzureSupportSandbox;
  sandboxes: HealthSandboxes;
  agent: TeamsUser;
  agents: TeamsChannel;
  /** A French user of `tenantId` (default Fabrikam) triages an Azure VM problem and asks for an agent. */
  openAzureCase(tenantId?: string): Promise<AzureCase>;
  /** The proposal card's inputs, with the customer's e-mail address filled in (the directory does not know it). */
  proposed(opened: AzureCase): Promise<Record<string, string>>;
  /** The agent presses a card button on the case thread; resolves with the invoke response body. */
  press(opened: AzureCase, verb: string, data?: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
}

export async function startAzureHarness(): Promise<AzureHarness> {
  const sandboxes = await startHealthSandboxes([BOT_APP]);
  const https = { key: readFileSync(join(CERTS, 'key.pem')), cert: readFileSync(join(CERTS, 'cert.pem')) };
  const arm = await startAzureSupportSandbox({
    https, subscriptions: { [FABRIKAM_SUBSCRIPTION]: TENANTS.fabrikam }, partnerTenantId: TENANTS.partner, retryAfterSeconds: 0,
  });
  const connector = await FakeConnector.start();
  const app = await startTestBot({
    GRAPH_BASE_URL: sandboxes.graph.url, AZURE_CLIENT_ID: BOT_APP.clientId, AZURE_CLIENT_SECRET: BOT_APP.clientSecret,
    AZURE_AUTHORITY_HOST: sandboxes.entra.url, AZURE_RESOURCE_MANAGER_URL: arm.url, PARTNER_CENTER_BASE_URL: 'http://127.0.0.1:9',
    SR_TRACKER_INTERVAL_SECONDS: '1',
  });
  const agent = user(TENANTS.partner, 'Alice Agent', 'en-US');
  sandboxes.graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [HELPDESK]);
  const agents = channel(TENANTS.partner);
  await chooseAgentsChannel(app, connector, agent, agents);

  const press = async (opened: AzureCase, verb: string, data: Record<string, unknown> = {}): Promise<unknown> => {
    const res = await post(app, cardAction(agent, connector.url, channelConversation(agents, opened.threadId), verb, { caseId: opened.caseId, ...data }));
    if (res.status !== 200) throw new Error(`invoke answered ${String(res.status)}`);
    return res.body;
  };
  return {
    app, connector, arm, sandboxes, agent, agents,
    async openAzureCase(tenantId = TENANTS.fabrikam) {
      const customer = new Chat(app, connector, user(tenantId, 'Élise Martin', 'fr-FR'));
      await post(app, personalInstall(customer.user, connector.url));
      for (const text of ['Notre machine virtuelle Azure ne démarre plus depuis ce matin', 'Autre / hors Microsoft 365', 'tout le monde', 'critique']) await customer.say(text);
      const said = await customer.submit({ action: 'next.agent' });
      const caseId = /C-\d+/.exec(said)?.[0];
      const thread = caseId === undefined ? undefined
        : connector.conversationsCreated.find((c) => c.id.startsWith(`${agents.channelId};messageid=`) && JSON.stringify(c.body).includes(caseId));
      if (!caseId || !thread) throw new Error(`no case or no thread; the customer saw:\n${said}`);
      return { caseId, threadId: thread.id.split(';messageid=')[1] ?? '', customer };
    },
    async proposed(opened) {
      return { ...inputsOf(await press(opened, 'escalation.propose')), primaryEmailAddress: 'elise.martin@fabrikam.example' };
    },
    press,
    async close() {
      await app.stop();
      await connector.close();
      await arm.close();
      await sandboxes.close();
    },
  };
}

