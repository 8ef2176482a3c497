/**
 * Outage notifications: subscriptions, OutageWatch, outbox, sender and commands, assembled for the composition root.
 */
import type { Logger } from 'pino';
import type { Storage } from '../storage';
import type { ConversationReferenceStore, StoredReference } from '../teams/conversationReferences';
import type { Messenger } from '../teams/teamsMessenger';
import type { TurnHook } from '../teams/turnHooks';
import type { CustomerDirectory } from '../directory/customerDirectory';
import type { ServiceHealthSource } from '../health/model';
import { deliveryFailureHandler, resumeOnActivity } from './failedDeliveries';
import { NotificationCommands } from './notificationCommands';
import { Outbox } from './outbox';
import { OutageWatch } from './outageWatch';
import { ProactiveInstaller, type ProactiveInstallGraph } from './proactiveInstall';
import { OutboxSender, type OutboxSenderOptions } from './sender';
import { SubscriptionStore } from './subscriptions';

export { diffIssues, snapshotState, type HealthEvent, type HealthEventKind, type IssueState } from './healthDiff';
export { deliveryReport, deliveryReportActivity, summarizeDeliveries, type DeliveryReport } from './deliveryReport';
export { NotificationCommands } from './notificationCommands';
export { NOTIFY_SAVE_VERB } from './notifyCard';
export { Outbox, type Delivery, type DeliveryRequest, type DeliveryStatus } from './outbox';
export { DEFAULT_POLL_INTERVAL_MS, OutageWatch, type OutageWatchOptions } from './outageWatch';
export { RateLimiter } from './rateLimiter';
export { ProactiveInstaller, type ProactiveInstallGraph } from './proactiveInstall';
export { GraphProactiveInstall } from './proactiveInstallGraph';
export { OutboxSender, type DrainResult, type OutboxSenderOptions } from './sender';
export { SubscriptionStore, isSubscribedTo, type Subscriber } from './subscriptions';

/** What {@link createNotifications} needs. */
export interface NotificationsDeps {
  storage: Storage;
  /** Use the health client's per-tenant cache (CachedServiceHealthSource). */
  health: ServiceHealthSource;
  messenger: Messenger;
  references: ConversationReferenceStore;
  directory: CustomerDirectory;
  agentsChannel: () => Promise<StoredReference | undefined>;
  /** Unique per process (e.g. hostname + pid + random). */
  instanceId: string;
  pollIntervalMs?: number;
  tickMs?: number;
  leaseTtlMs?: number;
  onError?: (tenantId: string | undefined, err: unknown) => void;
  /** Logs refused `notify.save` submissions and paused or removed recipients. */
  logger?: Logger;
  /** PROACTIVE_INSTALL=on: the Graph calls and the app's manifest id (TEAMS_APP_ID). */
  proactiveInstall?: { graph: ProactiveInstallGraph; teamsAppId: string };
  /** Sender tuning (tests); the defaults follow Teams' limits. */
  sender?: Partial<Omit<OutboxSenderOptions, 'outbox' | 'messenger' | 'holder' | 'onFailed'>>;
}

/** The assembled feature. */
export interface Notifications {
  subscriptions: SubscriptionStore;
  outbox: Outbox;
  sender: OutboxSender;
  watch: OutageWatch;
  commands: NotificationCommands;
  /** Runs before every turn someone sent (after TenantGate): a customer's activity resumes notifications paused by BotDisabledByAdmin. */
  resume: TurnHook;
  /** Present when proactive install is on: told of installs and uninstalls of personal chats. */
  proactive?: ProactiveInstaller;
}

/**
 * Builds the notification feature. A delivery failing for good pauses its recipient (403 BotDisabledByAdmin, until
 * the user writes again), removes it with its conversation reference (blocked, uninstalled, conversation not found),
 * or is reported in the log (see sendErrors.ts).
 */
export function createNotifications(deps: NotificationsDeps): Notifications {
  const subscriptions = new SubscriptionStore(deps.storage);
  const outbox = new Outbox(deps.storage);
  const sender = new OutboxSender({
    ...deps.sender,
    outbox,
    messenger: deps.messenger,
    holder: deps.instanceId,
    onFailed: deliveryFailureHandler({ subscriptions, references: deps.references, logger: deps.logger }),
  });
  const proactive = deps.proactiveInstall && new ProactiveInstaller({
    storage: deps.storage, graph: deps.proactiveInstall.graph, subscriptions, outbox, teamsAppId: deps.proactiveInstall.teamsAppId,
    knownUsers: (tenantId) => personalChatUsers(tenantId, subscriptions, deps.references),
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  const watch = new OutageWatch({
    storage: deps.storage,
    health: deps.health,
    subscriptions,
    references: deps.references,
    outbox,
    sender,
    agentsChannel: deps.agentsChannel,
    customerName: (tenantId) => deps.directory.find(tenantId)?.name ?? tenantId,
    instanceId: deps.instanceId,
    pollIntervalMs: deps.pollIntervalMs,
    tickMs: deps.tickMs,
    leaseTtlMs: deps.leaseTtlMs,
    onError: deps.onError,
    ...(proactive ? {
      proactive: {
        tenants: () => deps.directory.all().filter((c) => c.proactiveInstall).map((c) => c.tenantId),
        reach: async (tenantId, notice) => {
          const customer = deps.directory.find(tenantId);
          return customer ? proactive.reach(customer, notice) : 0;
        },
      },
    } : {}),
  });
  const commands = new NotificationCommands({ subscriptions, health: deps.health, outbox, logger: deps.logger });
  return { subscriptions, outbox, sender, watch, commands, resume: resumeOnActivity(subscriptions, deps.logger), ...(proactive ? { proactive } : {}) };
}

/**
 * Entra object ids of the users of a tenant with a personal chat the bot knows (its subscribers' conversations). A
 * user who turned every notification off is not among them: their install answers 409 (already installed), which is
 * recorded, and no card is sent to them.
 */
async function personalChatUsers(tenantId: string, subscriptions: SubscriptionStore, references: ConversationReferenceStore): Promise<Set<string>> {
  const users = new Set<string>();
  for (const subscriber of await subscriptions.list(tenantId)) {
    const stored = await references.get(tenantId, subscriber.conversationId);
    const userId = stored?.scope === 'personal' ? stored.user?.aadObjectId : undefined;
    if (userId) users.add(userId.toLowerCase());
  }
  return users;
}
