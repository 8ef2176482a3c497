import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { activityProcessor, createConversationState, createTeamsAdapter, type BotCredentialsFactory } from './teams/adapter';
import { audienceOf } from './teams/audience';
import { CardActionRouter } from './teams/cardActions';
import { CommandRouter } from './teams/commandRouter';
import { BotConversationMemory } from './teams/conversationMemory';
import { ConversationReferenceStore } from './teams/conversationReferences';
import { customerCapabilities } from './bot/customerCapabilities';
import { CustomerConversation } from './bot/customerConversation';
import { PartnerConversation } from './bot/partnerConversation';
import { RedeliveryGuard } from './teams/redeliveryGuard';
import { relayChange } from './teams/relayChanges';
import { sendCard } from './teams/replies';
import { SupportBot } from './teams/supportBot';
import { TeamsMessenger } from './teams/teamsMessenger';
import { TenantGate } from './teams/tenantGate';
import { beforeSentTurns } from './teams/turnHooks';
import { welcomeCard } from './cards/welcomeCard';
import { AgentRoleAuthorizer, GraphAgentRoleChecker } from './cases/agentRoles';
import { gdapPolicy } from './cases/gdapAccess';
import { GdapAuthorizer } from './cases/gdapAuthorizer';
import { GdapSource } from './cases/gdapSource';
import { CaseDesk } from './cases/caseDesk';
import { CaseStore } from './cases/caseStore';
import type { Config } from './config';
import { loadCustomerDirectory } from './directory/customerDirectory';
import { openDirectory } from './directory/directorySource';
import { createAzureSupportClient } from './escalation/azureSupport/services';
import { CaseEscalation } from './escalation/caseEscalation';
import { CaseNotifier } from './cases/caseNotifier';
import { EscalationDesk } from './escalation/escalationDesk';
import { PartnerCenterClient } from './escalation/partnerCenter/client';
import { refreshTokenSource } from './cloud/partnerCenterTokens';
import { ServiceRequestStore } from './escalation/serviceRequestStore';
import { ServiceRequestTracker } from './escalation/tracker';
import { createHealthServices } from './health/healthServices';
import { createArmServiceHealthClient } from './health/azureServiceHealthClient';
import { GraphUserAccountClient } from './health/userAccountClient';
import { createLogger } from './logger';
import { agentsChannelReference } from './notifications/agentsChannel';
import { createNotifications, GraphProactiveInstall } from './notifications';
import { MessageCenterDigest } from './notifications/messageCenterDigest';
import { startSandboxes } from './sandbox/sandboxes';
import { createServer } from './server';
import { DEFAULT_TAB_DIR, mountDashboard } from './dashboard';
import { sandboxSignIn } from './sandbox/dashboardSignIn';
import { createStorage } from './storage';

/** How often the weekly Message center digest checks whether it is due (it also checks at start). */
const MESSAGE_CENTER_DIGEST_CHECK_MS = 15 * 60_000;

/** Test and bench seams: replaced parts that the real process builds from configuration. */
export interface AppOptions {
  logger?: Logger;
  /** The bot's outbound credential factory (tests use one that trusts a local token endpoint). */
  credentialsFactory?: BotCredentialsFactory;
  /** The built tab's folder (default dist/web/dashboard under the working directory). */
  dashboardDir?: string;
}

/** A running bot: its URL and how to stop it. */
export interface RunningApp {
  url: string;
  port: number;
  logger: Logger;
  /** Stops accepting, lets in-flight turns finish (bounded), stops the timers, closes storage. */
  stop(): Promise<void>;
}

/** Composition root: config → storage → services → bot → server. Nothing else constructs services. */
export async function startApp(config: Config, options: AppOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const instanceId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  let ready = false;
  const { directory, follow } = await openDirectory(config.directory);
  const storageHandle = createStorage(config.storage);
  const { storage } = storageHandle;
  const exampleCustomers = config.sandbox ? (config.directory.source === 'file' ? directory : await loadCustomerDirectory(config.customersFile)).all() : [];
  const sandboxes = config.sandbox
    ? await startSandboxes(logger, Object.fromEntries(exampleCustomers.flatMap((c) => c.azureSubscriptionIds.map((id) => [id, c.tenantId]))),
      exampleCustomers.map((c) => ({ tenantId: c.tenantId, domain: c.defaultDomain, companyName: c.name })))
    : undefined;
  const graphBaseUrl = config.graphBaseUrl ?? sandboxes?.graphUrl;
  const partnerCenterBaseUrl = config.partnerCenterBaseUrl ?? sandboxes?.partnerCenterUrl;
  const resourceManagerUrl = config.azureResourceManagerUrl ?? sandboxes?.azureResourceManagerUrl;
  if (!graphBaseUrl || !partnerCenterBaseUrl || !resourceManagerUrl) {
    throw new Error('GRAPH_BASE_URL, PARTNER_CENTER_BASE_URL and AZURE_RESOURCE_MANAGER_URL are needed when the sandbox is off');
  }
  const { health, messageCenter, requester, clients } = createHealthServices(config, graphBaseUrl, logger);
  const userAccount = new GraphUserAccountClient({ clients, logger, timeoutMs: config.health.requestTimeoutMs });
  const azureHealth = createArmServiceHealthClient({ ...config.azure, partnerTenantId: config.partner.tenantId }, { baseUrl: resourceManagerUrl, logger, cacheTtlMs: config.health.cacheTtlMs });

  const adapter = createTeamsAdapter({ frameworkSettings: config.bot.frameworkSettings, credentialsFactory: options.credentialsFactory, logger });
  const messenger = new TeamsMessenger(adapter, config.bot.appId);
  const conversationState = createConversationState(storage);
  const references = new ConversationReferenceStore(storage);
  adapter.use(new TenantGate(directory, config.partner.tenantId, logger));
  adapter.use(new RedeliveryGuard(storage, logger));

  const roles = new GraphAgentRoleChecker(requester, config.partner.tenantId, config.agents, logger);
  const gdap = config.agentAuthorization.mode === 'gdap' ? new GdapSource(requester, config.partner.tenantId, logger, config.agentAuthorization) : undefined;
  const authorizer = gdap
    ? new GdapAuthorizer({ members: roles, assignments: gdap, policy: gdapPolicy(config.agentAuthorization.caseRoles, config.agentAuthorization.escalationRoles), legacyGroupIds: config.agents.groupIds, logger })
    : new AgentRoleAuthorizer(roles);
  gdap?.start();
  const cases = new CaseStore(storage);
  const caseDesk = new CaseDesk({
    store: cases, messenger, references, roles, authorizer, directory, partnerTenantId: config.partner.tenantId, logger, agentsLocale: config.agentsLocale,
    relayRetryMs: config.timers.relayRetryMs, openCaseLimits: config.limits.openCases,
  }, storage, instanceId);

  const notifications = createNotifications({
    storage, health, messenger, references, directory, instanceId, logger,
    agentsChannel: async () => agentsChannelReference(await cases.agentsChannel(), config.partner.tenantId),
    pollIntervalMs: config.timers.outagePollMs,
    onError: (tenantId, err) => logger.warn({ err, tenantId, event: 'notifications.error' }, 'outage watch error'),
    ...(config.proactiveInstall.enabled ? { proactiveInstall: { graph: new GraphProactiveInstall(requester, clients), teamsAppId: config.proactiveInstall.teamsAppId } } : {}),
  });
  adapter.use(beforeSentTurns(notifications.resume));

  const { clientId, clientSecret, refreshToken } = config.partnerCenter;
  const partnerCenterTokens = clientId && clientSecret && refreshToken
    ? refreshTokenSource({ authorityHost: config.azure.authorityHost, partnerTenantId: config.partner.tenantId, clientId, clientSecret, refreshToken })
    : undefined;
  const partnerCenter = new PartnerCenterClient({ baseUrl: partnerCenterBaseUrl, logger, tokens: partnerCenterTokens });
  const directorySync = follow({ storage, instanceId, logger, partnerCenter: { baseUrl: partnerCenterBaseUrl, logger, tokens: partnerCenterTokens } });
  await directorySync?.start();
  const azureSupport = createAzureSupportClient(config, resourceManagerUrl, logger);
  const serviceRequests = new ServiceRequestStore(storage);
  const caseNotifier = new CaseNotifier({ store: cases, messenger, references, partnerTenantId: config.partner.tenantId, logger, agentsLocale: config.agentsLocale });
  const caseEscalation = new CaseEscalation({ cases, notifier: caseNotifier });
  const escalationDesk = new EscalationDesk({
    api: partnerCenter, azure: azureSupport, store: serviceRequests, directory, logger,
    cases: caseEscalation,
    onFiled: (record) => caseEscalation.onFiled(record),
  });
  const tracker = new ServiceRequestTracker({
    store: serviceRequests, client: partnerCenter, azure: azureSupport, storage, logger, instanceId, intervalMs: config.timers.serviceRequestPollMs,
    onChange: (record, change) => caseEscalation.onChange(record, change),
  });

  const commands = new CommandRouter({ authorizer, places: caseDesk.agentPlaces, logger });
  caseDesk.registerCommands(commands);
  notifications.commands.registerCommands(commands);
  const bot = new SupportBot({
    logger,
    references,
    customers: new CustomerConversation({
      partnerName: config.partner.name, memory: new BotConversationMemory(conversationState), commands, health, messageCenter, userAccount, azureHealth, logger,
      capabilities: customerCapabilities(caseDesk, notifications, messenger, config.agentsLocale),
    }),
    partner: new PartnerConversation({
      caseDesk, commands, directory, health, logger, openServiceRequests: () => escalationDesk.listOpen(),
    }),
    cardActions: new CardActionRouter([caseDesk.verbHandler, escalationDesk, notifications.commands].map((handler) => commands.guardVerbs(handler))),
    maxTextChars: config.limits.maxTextChars,
    onInstalled: async (turn, saved) => {
      if (!saved.created || saved.stored.scope !== 'personal') return;
      const customer = directory.find(saved.stored.tenantId);
      if (customer) await notifications.subscriptions.applyDefaults(customer.tenantId, saved.stored.conversationId, customer.defaultNotificationServices);
      await notifications.proactive?.onInstalled(saved.stored);
      const audience = audienceOf(turn);
      if (audience.kind === 'customer') await sendCard(turn, welcomeCard(audience.customer, config.partner.name, audience.locale));
    },
    onRemoved: async (context, event) => {
      const { tenantId } = audienceOf(context);
      const { conversation, from } = context.activity;
      if (event === 'uninstalled' && conversation.conversationType === 'personal' && tenantId && from.aadObjectId) {
        await notifications.proactive?.onUninstalled(tenantId, from.aadObjectId);
      }
      await caseDesk.onRemoved(context, event);
    },
    relayChange: (context, kind) => relayChange(context, kind, caseDesk),
    afterTurn: (context) => conversationState.saveChanges(context),
  });

  const botServer = createServer({
    processActivity: activityProcessor(adapter, bot), logger, version: config.version, maxBodyBytes: config.limits.maxBodyBytes, connections: config.http, isReady: () => ready,
  });
  const { server } = botServer;
  const { appId: dashboardAppId, botDomain } = config.dashboard;
  mountDashboard(server, {
    cases, serviceRequests, outbox: notifications.outbox, health, directory, authorizer, partnerTenantId: config.partner.tenantId,
    authorityHost: sandboxes && config.dashboard.devSignIn ? sandboxes.entraUrl : config.azure.authorityHost, appId: dashboardAppId, botDomain,
    staticRoot: options.dashboardDir ?? DEFAULT_TAB_DIR, sandbox: config.sandbox, locale: config.agentsLocale, logger,
    devSignIn: sandboxes && config.dashboard.devSignIn ? sandboxSignIn(sandboxes, config.partner.tenantId, dashboardAppId) : undefined,
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new Error(`PORT ${config.port} is already in use: stop the other process or set PORT`) : err);
    });
    server.listen(config.port, '0.0.0.0', () => { resolve(); });
  });
  const port = (server.server.address() as AddressInfo).port;
  notifications.watch.start();
  tracker.start();
  /** Runs `job` every `ms`, skipping a tick while the previous run is still going (a slow run never overlaps itself). */
  const every = (ms: number, job: () => Promise<unknown>, failedEvent: string, runNow = false): NodeJS.Timeout => {
    let running = false;
    const run = (): void => {
      if (running) return;
      running = true;
      job()
        .catch((err: unknown) => logger.error({ err, event: failedEvent }, 'periodic job failed'))
        .finally(() => { running = false; });
    };
    const timer = setInterval(run, ms);
    if (runNow) run();
    timer.unref();
    return timer;
  };
  const digest = new MessageCenterDigest({
    storage, messageCenter, directory, messenger, instanceId, logger, agentsLocale: config.agentsLocale, schedule: config.messageCenterDigest,
    agentsChannel: async () => agentsChannelReference(await cases.agentsChannel(), config.partner.tenantId),
  });
  const timers = [
    every(config.timers.slaCheckMs, () => caseDesk.checkSla(), 'cases.slaCheckFailed'),
    every(config.timers.relayRetryMs, () => caseDesk.retryRelays(), 'cases.relayRetryFailed'),
    ...(config.messageCenterDigest.enabled ? [every(MESSAGE_CENTER_DIGEST_CHECK_MS, () => digest.run(), 'messageCenter.digestFailed', true)] : []),
  ];
  ready = true;
  logger.info({ event: 'app.started', port, storage: config.storage.kind, anonymous: config.bot.anonymous, sandbox: config.sandbox }, 'bot listening');

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    logger,
    stop: async () => {
      ready = false;
      await botServer.drain(config.limits.shutdownGraceMs);
      timers.forEach(clearInterval);
      gdap?.stop();
      const pollersStopped = Promise.all([notifications.watch.stop(), tracker.stop(), digest.stop(), directorySync?.stop()]).then(() => true);
      const inTime = await Promise.race([pollersStopped, new Promise<false>((resolve) => setTimeout(() => { resolve(false); }, config.limits.shutdownGraceMs).unref())]);
      if (!inTime) logger.warn({ event: 'app.pollersStillRunning' }, 'outage watch or tracker still busy at shutdown; their leases expire on their own');
      await storageHandle.close();
      await sandboxes?.close();
      logger.info({ event: 'app.stopped' }, 'bot stopped');
    },
  };
}
