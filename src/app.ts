import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState } from 'botbuilder';
import type { Logger } from 'pino';
import { CardActionRouter } from './bot/cardActions';
import { ConversationReferenceStore } from './bot/conversationReferences';
import { CustomerConversation, type CustomerCapabilities } from './bot/customerConversation';
import { PartnerConversation } from './bot/partnerConversation';
import { RedeliveryGuard } from './bot/redeliveryGuard';
import { SupportBot } from './bot/supportBot';
import { TenantGate } from './bot/tenantGate';
import { handleTurnError } from './bot/turnError';
import type { Config } from './config';
import { loadCustomerDirectory } from './directory/customerDirectory';
import { createLogger } from './logger';
import { createServer } from './server';
import { createStorage } from './storage';
import { createHealthServices } from './health/healthServices';
import { startSandboxes } from './sandbox/sandboxes';

/** Test and bench seams: replaced parts that the real process builds from configuration. */
export interface AppOptions {
  logger?: Logger;
  /** botbuilder's outbound credential factory (tests use one that trusts a local token endpoint). */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/** A running bot: its URL and how to stop it. */
export interface RunningApp {
  url: string;
  port: number;
  logger: Logger;
  /** Stops accepting, lets in-flight turns finish (bounded), closes storage. */
  stop(): Promise<void>;
}

/** Composition root: config → storage → services → bot → server. Nothing else constructs services. */
export async function startApp(config: Config, options: AppOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  let ready = false;
  const directory = await loadCustomerDirectory(config.customersFile);
  const storageHandle = createStorage(config.storage);
  const { storage } = storageHandle;
  const sandboxes = config.sandbox ? await startSandboxes(logger) : undefined;
  const graphBaseUrl = config.graphBaseUrl ?? sandboxes?.graphUrl;
  if (!graphBaseUrl) throw new Error('GRAPH_BASE_URL is not set and the sandbox is off');
  const { health } = createHealthServices(config, graphBaseUrl, logger);

  const auth = new ConfigurationBotFrameworkAuthentication(config.bot.frameworkSettings, options.credentialsFactory);
  const adapter = new CloudAdapter(auth);
  const conversationState = new ConversationState(storage);
  const references = new ConversationReferenceStore(storage);
  adapter.use(new TenantGate(directory, config.partner.tenantId, logger));
  adapter.use(new RedeliveryGuard(storage, logger));
  adapter.onTurnError = (context: TurnContext, error: Error) => handleTurnError(context, error, logger);

  const capabilities: CustomerCapabilities = {
    relay: async () => false,
    openCase: async () => undefined,
    command: async () => false,
    confirmIncident: async () => undefined,
    submit: async () => false,
  };
  const bot = new SupportBot({
    logger,
    partnerName: config.partner.name,
    references,
    customers: new CustomerConversation({ partnerName: config.partner.name, conversationState, health, logger, capabilities }),
    partner: new PartnerConversation(),
    cardActions: new CardActionRouter([]),
    maxTextChars: config.limits.maxTextChars,
    afterTurn: (context) => conversationState.saveChanges(context),
  });

  const botServer = createServer({
    adapter, bot, logger, version: config.version, maxBodyBytes: config.limits.maxBodyBytes, isReady: () => ready,
  });
  const { server } = botServer;
  await new Promise<void>((resolve) => { server.listen(config.port, '0.0.0.0', () => { resolve(); }); });
  const port = (server.server.address() as AddressInfo).port;
  ready = true;
  logger.info({ event: 'app.started', port, storage: config.storage.kind, anonymous: config.bot.anonymous, sandbox: config.sandbox }, 'bot listening');

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    logger,
    stop: async () => {
      ready = false;
      await botServer.drain(config.limits.shutdownGraceMs);
      await storageHandle.close();
      await sandboxes?.close();
      logger.info({ event: 'app.stopped' }, 'bot stopped');
    },
  };
}
