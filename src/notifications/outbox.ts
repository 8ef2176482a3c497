/**
 * The persisted outbox: one delivery record per (incident, recipient) holding the latest version to show,
 * what was sent (activity id, version) and its status. Enqueuing is idempotent and claims use CAS.
 */
import type { ConversationReference, Storage } from 'botbuilder';
import type { HealthIssue } from '../health/model';
import { storageKey, updateItem } from '../storage';
import type { HealthChange, HealthEventKind } from './healthDiff';

/** Where a delivery stands. `sending` is claimed by one instance until `claimUntil`. */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** A request to show one issue version to one conversation. A customer's resolution also gets a follow-up message. */
export interface DeliveryRequest {
  audience: 'customer' | 'agents';
  /** The recipient conversation's tenant. */
  tenantId: string;
  conversationId: string;
  reference: Partial<ConversationReference>;
  locale?: string;
  issue: HealthIssue;
  /** The customer tenant Graph reported the issue for (admin center link). */
  issueTenantId: string;
  kind: HealthEventKind;
  changes: HealthChange[];
  /** Agents' card: the affected customer to add to its list. */
  customer?: string;
}

/** One (incident, recipient) delivery as stored. */
export interface Delivery extends Omit<DeliveryRequest, 'customer'> {
  key: string;
  /** Agents' card: every affected customer so far. */
  customers: string[];
  /** Bumped by every accepted enqueue; the card shows the latest. */
  version: number;
  /** Version last shown on the card (0: no card yet). */
  sentVersion: number;
  /** Id of the card, updated in place by later versions. */
  activityId?: string;
  /** A resolution follow-up message is still to be sent. */
  followUpDue: boolean;
  status: DeliveryStatus;
  reason?: string;
  /** Failed attempts since the last success. */
  attempts: number;
  nextAttemptAt: number;
  claimedBy?: string;
  claimUntil?: number;
  updatedAt: string;
}

interface KeyList {
  keys: string[];
}

const time = (iso: string): number => Date.parse(iso) || 0;

/**
 * Applies a request to the stored delivery. Returns `'abort'` when the request brings nothing new: the same or an
 * older issue revision (and, for agents, a customer already listed). This is the idempotency rule.
 */
export function mergeRequest(current: Delivery | undefined, request: DeliveryRequest, key: string, now: number): Delivery | 'abort' {
  const { customer, ...rest } = request;
  const customers = current?.customers ?? [];
  const newCustomer = customer !== undefined && !customers.includes(customer);
  const newer = !current || time(request.issue.lastModifiedDateTime) > time(current.issue.lastModifiedDateTime);
  if (current && !newer && !newCustomer) return 'abort';
  const content = newer ? rest : { ...current, ...rest, issue: current?.issue ?? rest.issue, kind: current?.kind ?? rest.kind, changes: current?.changes ?? [] };
  return {
    ...content,
    key,
    customers: newCustomer ? [...customers, customer] : customers,
    version: (current?.version ?? 0) + 1,
    sentVersion: current?.sentVersion ?? 0,
    activityId: current?.activityId,
    followUpDue: (current?.followUpDue ?? false) || (newer && request.kind === 'resolved' && request.audience === 'customer'),
    status: current?.status === 'sending' ? 'sending' : 'pending',
    attempts: 0,
    nextAttemptAt: now,
    claimedBy: current?.claimedBy,
    claimUntil: current?.claimUntil,
    updatedAt: new Date(now).toISOString(),
  };
}

/** Whether a claim may take the delivery at `now`. */
export function isClaimable(delivery: Delivery, now: number): boolean {
  if (delivery.status === 'pending') return delivery.nextAttemptAt <= now;
  return delivery.status === 'sending' && (delivery.claimUntil ?? 0) <= now;
}

/** Outbox on Storage: delivery records, the queue of unfinished ones and an index per incident. */
export class Outbox {
  constructor(private readonly storage: Storage, private readonly now: () => number = Date.now) {}

  /** The key of the delivery of an incident to a conversation. */
  deliveryKey(audience: DeliveryRequest['audience'], tenantId: string, incidentId: string, conversationId: string): string {
    return audience === 'agents'
      ? storageKey('notif-out', 'agents', incidentId, conversationId)
      : storageKey('notif-out', 'customer', tenantId, incidentId, conversationId);
  }

  /**
   * Persists requests before anything is sent. The queue and the incident index are written first, so a crash
   * never leaves a pending delivery out of the queue. Returns how many deliveries changed.
   */
  async enqueue(requests: readonly DeliveryRequest[]): Promise<number> {
    if (requests.length === 0) return 0;
    const keys = requests.map((r) => this.deliveryKey(r.audience, r.tenantId, r.issue.id, r.conversationId));
    await this.addKeys(storageKey('notif-queue'), keys);
    for (const incidentId of new Set(requests.map((r) => r.issue.id))) {
      await this.addKeys(storageKey('notif-incident', incidentId), keys.filter((_, i) => requests[i]?.issue.id === incidentId));
    }
    let changed = 0;
    for (const [i, request] of requests.entries()) {
      const key = keys[i] ?? '';
      const result = await updateItem<Delivery>(this.storage, key, (current) => mergeRequest(current, request, key, this.now()));
      if (result.changed) changed++;
    }
    return changed;
  }

  /** Keys of deliveries not yet settled (some may have just settled). */
  async queued(): Promise<string[]> {
    return (await this.readKeys(storageKey('notif-queue'))).keys;
  }

  /** Every delivery of an incident, for the delivery report. */
  async forIncident(incidentId: string): Promise<Delivery[]> {
    return this.readMany((await this.readKeys(storageKey('notif-incident', incidentId))).keys);
  }

  /** Reads deliveries by key (missing ones skipped). */
  async readMany(keys: readonly string[]): Promise<Delivery[]> {
    if (keys.length === 0) return [];
    const items = await this.storage.read([...keys]);
    return keys.map((k) => items[k] as Delivery | undefined).filter((d): d is Delivery => d !== undefined);
  }

  /** Claims a delivery for `holdMs` if it is due (CAS: of two instances at most one wins). */
  async claim(key: string, holder: string, holdMs: number): Promise<Delivery | undefined> {
    const at = this.now();
    const result = await updateItem<Delivery>(this.storage, key, (d) =>
      d && isClaimable(d, at) ? { ...d, status: 'sending', claimedBy: holder, claimUntil: at + holdMs } : 'abort');
    return result.changed ? result.value : undefined;
  }

  /** Records that the card of `version` is shown as `activityId` (the claim stays). */
  async cardShown(key: string, version: number, activityId: string): Promise<void> {
    await updateItem<Delivery>(this.storage, key, (d) => (d ? { ...d, sentVersion: Math.max(d.sentVersion, version), activityId } : 'abort'));
  }

  /** Records that the resolution follow-up was sent. */
  async followUpSent(key: string): Promise<void> {
    await updateItem<Delivery>(this.storage, key, (d) => (d ? { ...d, followUpDue: false } : 'abort'));
  }

  /** Ends a claim after success: `sent`, or `pending` again if a newer version arrived meanwhile. */
  async release(key: string, holder: string): Promise<DeliveryStatus | undefined> {
    const status = await this.settle(key, holder, (d) => {
      const done = d.sentVersion >= d.version && !d.followUpDue;
      return { ...d, status: done ? 'sent' : 'pending', reason: undefined, attempts: 0, nextAttemptAt: this.now() };
    });
    return status;
  }

  /** Ends a claim after a failure: retried at `retryAt`, or `failed` for good when `retryAt` is undefined. */
  async fail(key: string, holder: string, reason: string, retryAt: number | undefined): Promise<DeliveryStatus | undefined> {
    return this.settle(key, holder, (d) => ({
      ...d,
      status: retryAt === undefined ? 'failed' : 'pending',
      reason,
      attempts: d.attempts + 1,
      nextAttemptAt: retryAt ?? d.nextAttemptAt,
    }));
  }

  /** Drops settled keys from the queue. */
  async dequeue(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const settled = new Set(keys);
    await updateItem<KeyList>(this.storage, storageKey('notif-queue'), (list) =>
      list ? { keys: list.keys.filter((k) => !settled.has(k)) } : 'abort');
  }

  private async settle(key: string, holder: string, next: (d: Delivery) => Delivery): Promise<DeliveryStatus | undefined> {
    const result = await updateItem<Delivery>(this.storage, key, (d) => {
      if (!d || d.claimedBy !== holder || d.status !== 'sending') return 'abort';
      return { ...next(d), claimedBy: undefined, claimUntil: undefined, updatedAt: new Date(this.now()).toISOString() };
    });
    return result.changed ? result.value?.status : undefined;
  }

  private async readKeys(key: string): Promise<KeyList> {
    return ((await this.storage.read([key]))[key] as KeyList | undefined) ?? { keys: [] };
  }

  private async addKeys(listKey: string, keys: readonly string[]): Promise<void> {
    await updateItem<KeyList>(this.storage, listKey, (list) => {
      const present = new Set(list?.keys ?? []);
      const added = [...new Set(keys)].filter((k) => !present.has(k));
      return added.length === 0 ? 'abort' : { keys: [...(list?.keys ?? []), ...added] };
    });
  }
}
