/**
 * Who wants outage notifications, per tenant, on our Storage: one subscriber per personal conversation.
 */
import type { Storage } from 'botbuilder';
import type { HealthIssue } from '../health/model';
import { storageKey, updateItem } from '../storage';

/** What one conversation (a user's personal chat with the bot) is subscribed to. */
export interface Subscriber {
  conversationId: string;
  /** Incidents confirmed in triage ("yes, that is my problem"). */
  incidentIds: string[];
  /** Services (display names, e.g. "Exchange Online") whose incidents and advisories are wanted. */
  services: string[];
  /** Every incident and advisory of the tenant. */
  all: boolean;
}

interface TenantSubscriptions {
  subscribers: Record<string, Subscriber>;
}

interface TenantIndex {
  tenantIds: string[];
}

const fold = (service: string): string => service.trim().toLowerCase();

/** Whether an issue of the subscriber's own tenant concerns the subscriber. */
export function isSubscribedTo(subscriber: Subscriber, issue: HealthIssue): boolean {
  return subscriber.all || subscriber.incidentIds.includes(issue.id)
    || subscriber.services.some((service) => fold(service) === fold(issue.service));
}

/** Whether a subscriber still wants anything. */
export function isActive(subscriber: Subscriber): boolean {
  return subscriber.all || subscriber.incidentIds.length > 0 || subscriber.services.length > 0;
}

/**
 * Subscriptions keyed by tenant (`notif-subs:<tenant>`), plus the index of tenants OutageWatch polls.
 *
 * @remarks A stopped subscriber is kept with nothing subscribed, so directory defaults are not applied again.
 */
export class SubscriptionStore {
  constructor(private readonly storage: Storage) {}

  private key(tenantId: string): string {
    return storageKey('notif-subs', tenantId);
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

  /** Active subscribers of a tenant. */
  async list(tenantId: string): Promise<Subscriber[]> {
    const key = this.key(tenantId);
    const item = (await this.storage.read([key]))[key] as TenantSubscriptions | undefined;
    return Object.values(item?.subscribers ?? {}).filter(isActive);
  }

  /** One conversation's subscription, if any. */
  async get(tenantId: string, conversationId: string): Promise<Subscriber | undefined> {
    const key = this.key(tenantId);
    const item = (await this.storage.read([key]))[key] as TenantSubscriptions | undefined;
    return item?.subscribers[conversationId];
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

  /** Forgets a conversation entirely (the bot was blocked or uninstalled). */
  async remove(tenantId: string, conversationId: string): Promise<void> {
    await updateItem<TenantSubscriptions>(this.storage, this.key(tenantId), (item) => {
      if (!item?.subscribers[conversationId]) return 'abort';
      return { subscribers: Object.fromEntries(Object.entries(item.subscribers).filter(([id]) => id !== conversationId)) };
    });
  }

  private async change(tenantId: string, conversationId: string, mutate: (current: Subscriber | undefined) => Subscriber): Promise<Subscriber> {
    let next: Subscriber | undefined;
    await updateItem<TenantSubscriptions>(this.storage, this.key(tenantId), (item) => {
      const subscribers = item?.subscribers ?? {};
      next = mutate(subscribers[conversationId]);
      return { subscribers: { ...subscribers, [conversationId]: next } };
    });
    await updateItem<TenantIndex>(this.storage, this.indexKey(), (index) => {
      const ids = index?.tenantIds ?? [];
      return ids.includes(tenantId) ? 'abort' : { tenantIds: [...ids, tenantId] };
    });
    if (!next) throw new Error('SubscriptionStore: mutation did not run');
    return next;
  }
}

function emptySubscriber(conversationId: string, services: string[]): Subscriber {
  return { conversationId, incidentIds: [], services, all: false };
}
