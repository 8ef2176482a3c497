/**
 * Who wants outage notifications, per tenant, on our Storage: one item per subscribed personal conversation,
 * plus a paged index of the tenant's active subscribers for the outage fan-out.
 */
import type { HealthIssue } from '../health/model';
import { storageKey, updateItem, type Storage } from '../storage';
import { PagedIndex } from './pagedIndex';

/** What one conversation (a user's personal chat with the bot) is subscribed to. */
export interface Subscriber {
  conversationId: string;
  /** Incidents confirmed in triage ("yes, that is my problem"). */
  incidentIds: string[];
  /** Services (display names, e.g. "Exchange Online") whose incidents and advisories are wanted. */
  services: string[];
  /** Every incident and advisory of the tenant. */
  all: boolean;
  /**
   * Teams answered 403 BotDisabledByAdmin: nothing is sent until the user writes to the bot again
   * (subscriptions kept).
   */
  paused?: boolean;
}

/** The stored item: the subscriber and the generation of its last write (see {@link PagedIndex}). */
interface StoredSubscriber extends Subscriber {
  gen: number;
}

/** The pre-index layout: every subscriber of a tenant in one item (`notif-subs:<tenant>`), migrated on first use. */
interface LegacyTenantSubscriptions {
  subscribers: Record<string, Subscriber>;
}

interface TenantIndex {
  tenantIds: string[];
}

/** Subscriber items read per `Storage.read` call when listing. */
const READ_CHUNK = 256;

const fold = (service: string): string => service.trim().toLowerCase();

/** Whether an issue of the subscriber's own tenant concerns the subscriber. */
export function isSubscribedTo(subscriber: Subscriber, issue: HealthIssue): boolean {
  return subscriber.all || subscriber.incidentIds.includes(issue.id)
    || subscriber.services.some((service) => fold(service) === fold(issue.service));
}

/** Whether a subscriber still wants anything. */
export function isActive(subscriber: Subscriber | undefined): boolean {
  return subscriber !== undefined && (subscriber.all || subscriber.incidentIds.length > 0 || subscriber.services.length > 0);
}

/** The generation of the next write of an item: above the current one and, across restarts, the clock. */
const nextGen = (current: StoredSubscriber | undefined, now: number): number => Math.max((current?.gen ?? 0) + 1, now);

/**
 * Subscriptions: `notif-sub:<tenant>:<conversation>` per conversation, the paged index `notif-subidx:<tenant>…`
 * of active subscribers, and the list of tenants OutageWatch polls (`notif-tenants`, written once per tenant).
 *
 * @remarks
 * - A change reads and writes one small item and, when the conversation starts or stops wanting something, one
 *   index page: its cost does not grow with the number of subscribers of the tenant.
 * - The index holds every active subscriber: a conversation is added before the write that activates it (and
 *   again after, if a concurrent write changed the generation), and removed after the write that deactivates it,
 *   only up to that write's generation.
 * - A stopped subscriber keeps its (small) item with nothing subscribed, so directory defaults are not applied
 *   again, but leaves the index; a conversation found gone loses both.
 */
export class SubscriptionStore {
  private readonly index: PagedIndex;
  private readonly migrated = new Set<string>();

  constructor(private readonly storage: Storage, private readonly now: () => number = Date.now) {
    this.index = new PagedIndex(storage, 'notif-subidx');
  }

  private key(tenantId: string, conversationId: string): string {
    return storageKey('notif-sub', tenantId, conversationId);
  }

  private indexKey(): string {
    return storageKey('notif-tenants');
  }

  /** Tenants with at least one subscriber record. */
  async tenants(): Promise<string[]> {
    const key = this.indexKey();
    const index = (await this.storage.read([key]))[key] as TenantIndex | undefined;
    return index?.tenantIds ?? [];
  }

  /** Active subscribers of a tenant (paused ones left out), read through the index. */
  async list(tenantId: string): Promise<Subscriber[]> {
    await this.migrate(tenantId);
    const keys = [...(await this.index.list(tenantId)).keys()].map((id) => this.key(tenantId, id));
    const subscribers: Subscriber[] = [];
    for (let i = 0; i < keys.length; i += READ_CHUNK) {
      const chunk = keys.slice(i, i + READ_CHUNK);
      const items = await this.storage.read(chunk);
      for (const key of chunk) {
        const item = items[key] as StoredSubscriber | undefined;
        if (item && isActive(item) && !item.paused) subscribers.push(publicView(item));
      }
    }
    return subscribers;
  }

  /** One conversation's subscription, if any. */
  async get(tenantId: string, conversationId: string): Promise<Subscriber | undefined> {
    await this.migrate(tenantId);
    const item = await this.read(tenantId, conversationId);
    return item && publicView(item);
  }

  /** Gives a new personal conversation the customer's default services (from the directory); no-op if known. */
  async applyDefaults(tenantId: string, conversationId: string, services: readonly string[]): Promise<void> {
    if (services.length === 0) return;
    await this.change(tenantId, conversationId, (current) => current ?? emptySubscriber(conversationId, [...services]));
  }

  /** Subscribes a conversation to one incident (confirmed in triage). */
  async subscribeIncident(tenantId: string, conversationId: string, incidentId: string): Promise<Subscriber> {
    return this.change(tenantId, conversationId, (current) => {
      const base = current ?? emptySubscriber(conversationId, []);
      return base.incidentIds.includes(incidentId) ? base : { ...base, incidentIds: [...base.incidentIds, incidentId] };
    });
  }

  /** Replaces the services a conversation follows (the `notify` card). */
  async setServices(tenantId: string, conversationId: string, services: readonly string[], all: boolean): Promise<Subscriber> {
    return this.change(tenantId, conversationId, (current) => ({
      ...(current ?? emptySubscriber(conversationId, [])),
      services: [...new Set(services)],
      all,
    }));
  }

  /** Unsubscribes a conversation from everything (`stop notifications`). */
  async unsubscribeAll(tenantId: string, conversationId: string): Promise<void> {
    await this.change(tenantId, conversationId, () => emptySubscriber(conversationId, []));
  }

  /** Stops notifications to a conversation without forgetting its choices (the admin disabled the bot). */
  async pause(tenantId: string, conversationId: string): Promise<void> {
    await this.migrate(tenantId);
    await updateItem<StoredSubscriber>(this.storage, this.key(tenantId, conversationId), (item) =>
      item && !item.paused ? { ...item, paused: true, gen: nextGen(item, this.now()) } : 'abort');
  }

  /**
   * Resumes a paused conversation (its user wrote to the bot again). One read when not paused.
   *
   * @returns Whether it was paused.
   */
  async resume(tenantId: string, conversationId: string): Promise<boolean> {
    const result = await updateItem<StoredSubscriber>(this.storage, this.key(tenantId, conversationId), (item) =>
      item?.paused ? { ...item, paused: false, gen: nextGen(item, this.now()) } : 'abort');
    return result.changed;
  }

  /** Forgets a conversation entirely (the bot was blocked or uninstalled): its item, then its index entry. */
  async remove(tenantId: string, conversationId: string): Promise<void> {
    await this.migrate(tenantId);
    const item = await this.read(tenantId, conversationId);
    if (!item) return;
    await this.storage.delete([this.key(tenantId, conversationId)]);
    await this.index.remove(tenantId, new Map([[conversationId, item.gen]]));
  }

  private async read(tenantId: string, conversationId: string): Promise<StoredSubscriber | undefined> {
    const key = this.key(tenantId, conversationId);
    return (await this.storage.read([key]))[key] as StoredSubscriber | undefined;
  }

  private async change(tenantId: string, conversationId: string, mutate: (current: Subscriber | undefined) => Subscriber): Promise<Subscriber> {
    await this.migrate(tenantId);
    const before = await this.read(tenantId, conversationId);
    const planned = nextGen(before, this.now());
    const activates = !isActive(before) && isActive(mutate(before && publicView(before)));
    if (activates) await this.addToIndex(tenantId, conversationId, planned);
    let previous: StoredSubscriber | undefined;
    const result = await updateItem<StoredSubscriber>(this.storage, this.key(tenantId, conversationId), (current) => {
      previous = current;
      return { ...mutate(current && publicView(current)), paused: current?.paused, gen: Math.max(planned, nextGen(current, this.now())) };
    });
    const next = result.value;
    if (!next) throw new Error('SubscriptionStore: mutation did not run');
    if (isActive(next) && (!activates || next.gen !== planned) && !isActive(previous)) await this.addToIndex(tenantId, conversationId, next.gen);
    if (!isActive(next) && isActive(previous)) await this.index.remove(tenantId, new Map([[conversationId, next.gen]]));
    return publicView(next);
  }

  private async addToIndex(tenantId: string, conversationId: string, gen: number): Promise<void> {
    await this.index.add(tenantId, new Map([[conversationId, gen]]), () => this.registerTenant(tenantId));
  }

  private async registerTenant(tenantId: string): Promise<void> {
    await updateItem<TenantIndex>(this.storage, this.indexKey(), (index) => {
      const ids = index?.tenantIds ?? [];
      return ids.includes(tenantId) ? 'abort' : { tenantIds: [...ids, tenantId] };
    });
  }

  /**
   * Moves a tenant's subscribers from the single legacy item to one item each plus the index, then deletes the
   * legacy item. Idempotent (an existing per-conversation item wins), so a crash midway is finished next time.
   * Checked once per tenant per process.
   */
  private async migrate(tenantId: string): Promise<void> {
    if (this.migrated.has(tenantId)) return;
    const legacyKey = storageKey('notif-subs', tenantId);
    const legacy = (await this.storage.read([legacyKey]))[legacyKey] as LegacyTenantSubscriptions | undefined;
    if (legacy) {
      const gen = this.now();
      const subscribers = Object.values(legacy.subscribers);
      for (let i = 0; i < subscribers.length; i += READ_CHUNK) {
        await Promise.all(subscribers.slice(i, i + READ_CHUNK).map((s) =>
          updateItem<StoredSubscriber>(this.storage, this.key(tenantId, s.conversationId), (current) => (current ? 'abort' : { ...s, gen }))));
      }
      await this.registerTenant(tenantId);
      await this.index.add(tenantId, new Map(subscribers.filter(isActive).map((s) => [s.conversationId, gen])));
      await this.storage.delete([legacyKey]);
    }
    this.migrated.add(tenantId);
  }
}

function emptySubscriber(conversationId: string, services: string[]): Subscriber {
  return { conversationId, incidentIds: [], services, all: false };
}

/** The subscriber without storage bookkeeping. */
function publicView(item: StoredSubscriber): Subscriber {
  const { gen: _gen, eTag: _eTag, ...subscriber } = item as StoredSubscriber & { eTag?: string };
  return subscriber;
}
