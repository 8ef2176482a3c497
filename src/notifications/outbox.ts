/**
 * The persisted outbox: one delivery record per (incident, recipient) holding the latest version to show,
 * what was sent (activity id, version) and its status. Enqueuing is idempotent and claims use CAS.
 */
import type { ConversationReference } from '../teams/turn';
import type { HealthIssue } from '../health/model';
import { storageKey, updateItem, type Storage } from '../storage';
import type { HealthChange, HealthEventKind } from './healthDiff';
import { PagedIndex } from './pagedIndex';

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

/** The pre-index layout of the queue (`notif-queue`) and of an incident's deliveries (`notif-incident:<id>`). */
interface LegacyKeyList {
  keys: string[];
}

/** The one scope of the queue index. */
const QUEUE_SCOPE = 'all';

/**
 * Buckets and page size of the queue and incident indexes: they are written in batches (a poll's deliveries, a
 * drain round's settled ones), so pages are larger than the subscribers' and listing (every drain round) reads
 * fewer keys. 16,384 deliveries per incident before a bucket needs a second page.
 */
const OUTBOX_BUCKETS = 64;
const OUTBOX_PAGE_SIZE = 256;

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

/**
 * Outbox on Storage: delivery records, the queue of unfinished ones and an index per incident, both paged
 * ({@link PagedIndex}) so that no single item holds every delivery. Queue entries carry the time they were
 * (re)queued: a dequeue only drops an entry no newer than the one its caller saw settled.
 */
export class Outbox {
  private readonly queueIndex: PagedIndex;
  private readonly incidentIndex: PagedIndex;
  private readonly migrated = new Set<string>();
  private lastQueuedAt = 0;

  constructor(private readonly storage: Storage, private readonly now: () => number = Date.now) {
    this.queueIndex = new PagedIndex(storage, 'notif-queue-idx', OUTBOX_BUCKETS, OUTBOX_PAGE_SIZE);
    this.incidentIndex = new PagedIndex(storage, 'notif-incident-idx', OUTBOX_BUCKETS, OUTBOX_PAGE_SIZE);
  }

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
    const queuedAt = Math.max(this.now(), this.lastQueuedAt + 1);
    this.lastQueuedAt = queuedAt;
    await this.queueIndex.add(QUEUE_SCOPE, new Map(keys.map((k) => [k, queuedAt])));
    for (const incidentId of new Set(requests.map((r) => r.issue.id))) {
      await this.incidentIndex.add(incidentId, new Map(keys.filter((_, i) => requests[i]?.issue.id === incidentId).map((k) => [k, 0])));
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
    return [...(await this.queue()).keys()];
  }

  /** The queue: key of each delivery not yet settled → when it was last queued (for {@link dequeue}). */
  async queue(): Promise<Map<string, number>> {
    await this.migrate(storageKey('notif-queue'), this.queueIndex, QUEUE_SCOPE, this.now());
    return this.queueIndex.list(QUEUE_SCOPE);
  }

  /** Every delivery of an incident, for the delivery report. */
  async forIncident(incidentId: string): Promise<Delivery[]> {
    await this.migrate(storageKey('notif-incident', incidentId), this.incidentIndex, incidentId, 0);
    return this.readMany([...(await this.incidentIndex.list(incidentId)).keys()]);
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

  /** Drops settled keys from the queue, each unless queued again after the time given (as read by {@link queue}). */
  async dequeue(settled: ReadonlyMap<string, number>): Promise<void> {
    await this.queueIndex.remove(QUEUE_SCOPE, settled);
  }

  private async settle(key: string, holder: string, next: (d: Delivery) => Delivery): Promise<DeliveryStatus | undefined> {
    const result = await updateItem<Delivery>(this.storage, key, (d) => {
      if (!d || d.claimedBy !== holder || d.status !== 'sending') return 'abort';
      return { ...next(d), claimedBy: undefined, claimUntil: undefined, updatedAt: new Date(this.now()).toISOString() };
    });
    return result.changed ? result.value?.status : undefined;
  }

  /** Moves a legacy key list into its index, then deletes it; checked once per list per process. */
  private async migrate(legacyKey: string, index: PagedIndex, scope: string, gen: number): Promise<void> {
    if (this.migrated.has(legacyKey)) return;
    const legacy = (await this.storage.read([legacyKey]))[legacyKey] as LegacyKeyList | undefined;
    if (legacy) {
      await index.add(scope, new Map(legacy.keys.map((k) => [k, gen])));
      await this.storage.delete([legacyKey]);
    }
    this.migrated.add(legacyKey);
  }
}
