/**
 * Outage notifications: subscriptions, OutageWatch, outbox, sender and commands, assembled for the composition root.
 */
import type { Storage } from 'botbuilder';
import type { Logger } from 'pino';
import type { ConversationReferenceStore, StoredReference } from '../bot/conversationReferences';
import type { Messenger } from '../bot/teamsMessenger';
import type { CustomerDirectory } from '../directory/customerDirectory';
import type { ServiceHealthSource } from '../health/model';
import { NotificationCommands } from './notificationCommands';
import { Outbox } from './outbox';
import { OutageWatch } from './outageWatch';
import { OutboxSender, type OutboxSenderOptions } from './sender';
import { SubscriptionStore } from './subscriptions';

export { diffIssues, snapshotState, type HealthEvent, type HealthEventKind, type IssueState } from './healthDiff';
export { deliveryReport, deliveryReportActivity, summarizeDeliveries, type DeliveryReport } from './deliveryReport';
export { NotificationCommands, parseNotificationCommand, type NotificationCommand } from './notificationCommands';
export { NOTIFY_SAVE_VERB } from './notifyCard';
export { Outbox, type Delivery, type DeliveryRequest, type DeliveryStatus } from './outbox';
export { DEFAULT_POLL_INTERVAL_MS, OutageWatch, type OutageWatchOptions } from './outageWatch';
export { RateLimiter } from './rateLimiter';
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
  /** Sender tuning (tests); the defaults follow Teams' limits. */
  sender?: Partial<Omit<OutboxSenderOptions, 'outbox' | 'messenger' | 'holder' | 'onGone'>>;
}

/** The assembled feature. */
export interface Notifications {
  subscriptions: SubscriptionStore;
  outbox: Outbox;
  sender: OutboxSender;
  watch: OutageWatch;
  commands: NotificationCommands;
}

/**
 * Builds the notification feature. A recipient found gone (403 blocked / not in roster, 404 uninstalled) loses
 * its conversation reference and its subscription.
 */
export function createNotifications(deps: NotificationsDeps): Notifications {
  const subscriptions = new SubscriptionStore(deps.storage);
  const outbox = new Outbox(deps.storage);
  const sender = new OutboxSender({
    ...deps.sender,
    outbox,
    messenger: deps.messenger,
    holder: deps.instanceId,
    onGone: async (delivery) => {
      if (delivery.audience !== 'customer') return;
      await subscriptions.remove(delivery.tenantId, delivery.conversationId);
      await deps.references.remove(delivery.tenantId, delivery.conversationId);
    },
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
  });
  const commands = new NotificationCommands({ subscriptions, health: deps.health, outbox, logger: deps.logger });
  return { subscriptions, outbox, sender, watch, commands };
}
