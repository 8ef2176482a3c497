/**
 * A local composition of the case desk behind the real HTTP edge (src/server.ts): CloudAdapter in anonymous mode,
 * TenantGate, SupportBot, real storage, real TeamsMessenger to the FakeConnector, real GraphRequester against the
 * Graph sandbox for roles. It is the wiring src/app.ts needs, in miniature.
 */
import { relayChange } from '../../../src/teams/relayChanges';
import { join } from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import pino from 'pino';
import type { Storage } from '../../../src/storage';
import { activityProcessor } from '../../../src/teams/adapter';
import { CardActionRouter } from '../../../src/teams/cardActions';
import { CommandRouter } from '../../../src/teams/commandRouter';
import { ConversationReferenceStore } from '../../../src/teams/conversationReferences';
import { SupportBot } from '../../../src/teams/supportBot';
import { TeamsMessenger } from '../../../src/teams/teamsMessenger';
import { normalizeAgentActivity } from '../../../src/teams/teamsText';
import { TenantGate } from '../../../src/teams/tenantGate';
import type { Turn } from '../../../src/teams/turn';
import { AgentRoleAuthorizer, GraphAgentRoleChecker } from '../../../src/cases/agentRoles';
import { CaseDesk } from '../../../src/cases/caseDesk';
import type { MatchedIssue } from '../../../src/cases/caseModel';
import { CaseStore } from '../../../src/cases/caseStore';
import { loadCustomerDirectory } from '../../../src/directory/customerDirectory';
import type { Triage } from '../../../src/problem/triageModel';
import { createGraphClients } from '../../../src/cloud/graphClientFactory';
import { GraphRequester } from '../../../src/cloud/graphRequester';
import { createServer } from '../../../src/server';
import { DEFAULT_CONNECTION_LIMITS } from '../../../src/http/connectionLimits';
import { TENANTS } from '../../support/activities';
import { AGENT_GROUP_ID } from '../../support/agentGroups';

export const ISSUES: MatchedIssue[] = [{ id: 'EX1093214', title: 'Users cannot send mail', status: 'serviceDegradation' }];

/** The triage a customer typing "agent" hands over (the real triage dialog is wired elsewhere). */
export function triageOf(context: Turn): Triage {
  const a = context.activity;
  return {
    service: 'Exchange Online', description: 'Outlook cannot send mail', since: { kind: 'today' }, usersAffected: 'everyone', severity: 'critical',
    locale: a.locale ?? 'en', tenantId: a.conversation.tenantId ?? '', conversationId: a.conversation.id,
    user: { id: a.from.id, aadObjectId: a.from.aadObjectId, name: a.from.name ?? '' }, startedAt: new Date().toISOString(),
  };
}

export interface CaseBot {
  url: string;
  desk: CaseDesk;
  store: CaseStore;
  stop(): Promise<void>;
}

/** Starts the composition on an ephemeral port; `now` is the desk's clock. */
export async function startCaseBot(storage: Storage, graphUrl: string, now: () => Date): Promise<CaseBot> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
  const directory = await loadCustomerDirectory(join(__dirname, '..', '..', '..', 'config', 'customers.json'));
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.use(new TenantGate(directory, TENANTS.partner, logger));
  const references = new ConversationReferenceStore(storage);
  const store = new CaseStore(storage);
  const requester = new GraphRequester({ clients: createGraphClients({ baseUrl: graphUrl }), logger, retry: { maxAttempts: 1 } });
  const roles = new GraphAgentRoleChecker(requester, TENANTS.partner, { groupIds: [AGENT_GROUP_ID], directoryRoles: true }, logger);
  const desk = new CaseDesk({
    store, references, directory, logger, now, roles,
    messenger: new TeamsMessenger(adapter, ''),
    partnerTenantId: TENANTS.partner,
  }, storage);
  const commands = new CommandRouter({ authorizer: new AgentRoleAuthorizer(roles), places: desk.agentPlaces, logger });
  desk.registerCommands(commands);
  const bot = new SupportBot({
    logger, references, maxTextChars: 4000, afterTurn: async () => undefined,
    onInstalled: async () => undefined,
    onRemoved: (context, event) => desk.onRemoved(context, event),
    relayChange: (context, kind) => relayChange(context, kind, desk),
    cardActions: new CardActionRouter([commands.guardVerbs(desk.verbHandler)]),
    customers: {
      onMessage: async (context) => {
        const command = commands.parse(context);
        if (command && (await commands.dispatch(context, command))) return;
        if (await desk.onCustomerMessage(context)) return;
        if (command?.name === 'agent') await desk.openCase(context, triageOf(context), ISSUES);
        else await context.sendActivity('triage');
      },
    },
    partner: {
      onMessage: async (context) => {
        normalizeAgentActivity(context.activity);
        const command = commands.parse(context);
        const inThread = await desk.inCaseThread(context);
        if (command && (await commands.dispatch(context, command, { inThread }))) return;
        if (!(await desk.onPartnerMessage(context))) await context.sendActivity('help');
      },
    },
  });
  const served = createServer({ processActivity: activityProcessor(adapter, bot), logger, version: 'test', maxBodyBytes: 256_000, connections: DEFAULT_CONNECTION_LIMITS, isReady: () => true });
  await new Promise<void>((resolve) => {
    served.server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${String(served.server.address().port)}`,
    desk,
    store,
    stop: () => served.drain(5_000),
  };
}
