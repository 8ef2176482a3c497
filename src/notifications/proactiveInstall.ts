/**
 * Opt-in proactive install for outage notices: when a new incident hits a customer who opted in (a
 * `proactiveInstall` group on the customer record) and PROACTIVE_INSTALL=on, the bot installs itself for the
 * group's members it has no conversation with (Graph, application permission
 * TeamsAppInstallation.ReadWriteSelfForUser.All in the customer tenant), and keeps the notice for each of them.
 * The install makes Teams send the bot a conversationUpdate for that user; {@link ProactiveInstaller.onInstalled}
 * then enqueues the notice for the new conversation and subscribes it to the incident, so its updates follow.
 *
 * At most once per user: a per-user record is created (compare-and-swap) before the install call and never
 * recreated, except after an install that failed. A user who removed the app is recorded as uninstalled and never
 * installed again. Exactly one card: the notice is recorded before the install (the conversationUpdate may arrive
 * before Graph answers), and the outbox keys deliveries by (incident, conversation), so a redelivered
 * conversationUpdate or a later poll updates the same card instead of sending another.
 */
import type { Logger } from 'pino';
import type { Customer } from '../directory/customerDirectory';
import type { StoredReference } from '../teams/conversationReferences';
import { storageKey, updateItem, type Storage } from '../storage';
import type { DeliveryRequest, Outbox } from './outbox';
import type { SubscriptionStore } from './subscriptions';

/** The Graph calls proactive install needs, in one customer tenant (application permissions). */
export interface ProactiveInstallGraph {
  /** Entra object ids of the group's users, nested groups included. */
  groupUsers(tenantId: string, groupId: string): Promise<string[]>;
  /** The catalog id of the org app whose manifest id is `externalId`, if the tenant's catalog has it. */
  catalogId(tenantId: string, externalId: string): Promise<string | undefined>;
  /** Installs the app for the user in personal scope; `alreadyInstalled` on Graph's 409. */
  install(tenantId: string, userId: string, catalogId: string): Promise<'installed' | 'alreadyInstalled'>;
}

/** What a new conversation is to be shown: a delivery request without its recipient. */
export type PendingNotice = Pick<DeliveryRequest, 'issue' | 'issueTenantId' | 'kind' | 'changes'>;

type InstallState = 'installing' | 'installed' | 'alreadyInstalled' | 'uninstalled';

interface InstallRecord {
  state: InstallState;
  pending: PendingNotice[];
  updatedAt: string;
}

export interface ProactiveInstallerOptions {
  storage: Storage;
  graph: ProactiveInstallGraph;
  subscriptions: SubscriptionStore;
  outbox: Outbox;
  /** The manifest id of the Teams app (TEAMS_APP_ID). */
  teamsAppId: string;
  /** The Entra object ids of the users of a tenant the bot already has a personal conversation with. */
  knownUsers: (tenantId: string) => Promise<Set<string>>;
  logger?: Logger;
  now?: () => number;
}

const recordKey = (tenantId: string, userId: string): string => storageKey('proactive-install', tenantId, userId.toLowerCase());

/** Whether a customer's opt-in covers an issue of `service`. */
export function coversService(customer: Customer, service: string): boolean {
  const optIn = customer.proactiveInstall;
  if (!optIn) return false;
  return optIn.services.length === 0 || optIn.services.some((s) => s.toLowerCase() === service.toLowerCase());
}

export class ProactiveInstaller {
  private readonly now: () => number;

  constructor(private readonly options: ProactiveInstallerOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Installs the app for the customer's opted-in users the bot cannot reach yet and keeps `notice` for them.
   * Sequential (Graph's per-app throttling of Teams installs); returns how many installs it made.
   */
  async reach(customer: Customer, notice: PendingNotice): Promise<number> {
    const optIn = customer.proactiveInstall;
    if (!optIn || !coversService(customer, notice.issue.service)) return 0;
    const { tenantId } = customer;
    const catalogId = await this.options.graph.catalogId(tenantId, this.options.teamsAppId);
    if (!catalogId) {
      this.options.logger?.warn({ event: 'proactiveInstall.notInCatalog', tenantId }, 'proactive install skipped: the app is not in the customer\'s catalog (npm run rollout)');
      return 0;
    }
    const known = await this.options.knownUsers(tenantId);
    let installs = 0;
    for (const userId of await this.options.graph.groupUsers(tenantId, optIn.groupId)) {
      if (known.has(userId.toLowerCase()) || !(await this.claim(tenantId, userId, notice))) continue;
      try {
        const result = await this.options.graph.install(tenantId, userId, catalogId);
        await this.setState(tenantId, userId, result);
        installs += result === 'installed' ? 1 : 0;
        this.options.logger?.info({ event: 'proactiveInstall.done', tenantId, userId, result }, 'app installed for a user to reach them with an outage notice');
      } catch (err) {
        await this.options.storage.delete([recordKey(tenantId, userId)]);
        this.options.logger?.warn({ err, event: 'proactiveInstall.failed', tenantId, userId }, 'proactive install failed; tried again at the next incident');
      }
    }
    return installs;
  }

  /**
   * A personal conversation was created: the notices kept for its user are enqueued for it, and it is subscribed
   * to their incidents. Enqueue first, then forget the notices: a crash in between sends nothing twice (the
   * outbox merges a repeated request), a redelivered conversationUpdate finds nothing left.
   */
  async onInstalled(stored: StoredReference): Promise<void> {
    const userId = stored.user?.aadObjectId;
    if (stored.scope !== 'personal' || !userId) return;
    const key = recordKey(stored.tenantId, userId);
    const record = (await this.options.storage.read([key]))[key] as InstallRecord | undefined;
    if (!record || record.pending.length === 0) return;
    for (const notice of record.pending) {
      await this.options.subscriptions.subscribeIncident(stored.tenantId, stored.conversationId, notice.issue.id);
      await this.options.outbox.enqueue([{
        ...notice, audience: 'customer', tenantId: stored.tenantId, conversationId: stored.conversationId, reference: stored.reference,
        ...(stored.locale === undefined ? {} : { locale: stored.locale }),
      }]);
    }
    const sent = new Set(record.pending.map((n) => n.issue.id));
    await updateItem<InstallRecord>(this.options.storage, key, (current) =>
      current ? { ...current, pending: current.pending.filter((n) => !sent.has(n.issue.id)), updatedAt: new Date(this.now()).toISOString() } : 'abort');
  }

  /** The user removed the app: never installed for them again, and nothing kept for them. */
  async onUninstalled(tenantId: string, userId: string): Promise<void> {
    await updateItem<InstallRecord>(this.options.storage, recordKey(tenantId, userId), () => ({ state: 'uninstalled', pending: [], updatedAt: new Date(this.now()).toISOString() }));
  }

  /** Creates the user's record with the notice; false when one exists (installed before, or uninstalled). */
  private async claim(tenantId: string, userId: string, notice: PendingNotice): Promise<boolean> {
    const result = await updateItem<InstallRecord>(this.options.storage, recordKey(tenantId, userId), (current) =>
      current ? 'abort' : { state: 'installing', pending: [notice], updatedAt: new Date(this.now()).toISOString() });
    return result.changed;
  }

  private async setState(tenantId: string, userId: string, state: InstallState): Promise<void> {
    await updateItem<InstallRecord>(this.options.storage, recordKey(tenantId, userId), (current) =>
      current && current.state === 'installing' ? { ...current, state, updatedAt: new Date(this.now()).toISOString() } : 'abort');
  }
}
