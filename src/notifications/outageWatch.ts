/**
 * OutageWatch: the one leader (storage lease) polls the health of every subscribed tenant, turns changes into
 * outbox deliveries for matching subscribers and the agents' channel, and drains the outbox.
 */
import type { StoredReference } from '../teams/conversationReferences';
import type { HealthSnapshot, ServiceHealthSource } from '../health/model';
import { createLease, storageKey, updateItem, type Lease, type Storage } from '../storage';
import { diffIssues, snapshotState, type HealthEvent, type IssueState } from './healthDiff';
import type { DeliveryRequest, Outbox } from './outbox';
import type { PendingNotice } from './proactiveInstall';
import type { DrainResult, OutboxSender } from './sender';
import { isSubscribedTo, type SubscriptionStore } from './subscriptions';

/** Default time between two polls of every tenant: 5 minutes. */
export const DEFAULT_POLL_INTERVAL_MS = 300_000;

/** Options of {@link OutageWatch}. */
export interface OutageWatchOptions {
  storage: Storage;
  health: ServiceHealthSource;
  subscriptions: SubscriptionStore;
  /** Finds the reference of a subscriber's conversation. */
  references: { get(tenantId: string, conversationId: string): Promise<StoredReference | undefined> };
  outbox: Outbox;
  sender: OutboxSender;
  /** The agents' channel, if configured. */
  agentsChannel: () => Promise<StoredReference | undefined>;
  /** A customer's display name for the agents' card. */
  customerName: (tenantId: string) => string;
  /** This instance's unique id. */
  instanceId: string;
  pollIntervalMs?: number;
  /** How often the timer ticks: lease renewal and outbox drain (default 5 s). */
  tickMs?: number;
  /** Lease duration (default 30 s); renewed every tick. */
  leaseTtlMs?: number;
  /**
   * Opt-in proactive install (proactiveInstall.ts): tenants polled even without subscribers, and what reaches
   * their users the bot cannot message yet when a new incident appears.
   */
  proactive?: { tenants(): string[]; reach(tenantId: string, notice: PendingNotice): Promise<unknown> };
  /** Called when a tenant poll or a tick fails (must not throw); polling goes on with the next tenant. */
  onError?: (tenantId: string | undefined, err: unknown) => void;
  now?: () => number;
}

interface StoredSnapshot {
  fetchedAt: string;
  issues: Record<string, IssueState>;
}

interface WatchState {
  lastPollAt: number;
}

/** Polls health and feeds the outbox, on one instance at a time. */
export class OutageWatch {
  private readonly lease: Lease;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private leaderUntil = 0;
  private running: Promise<void> | undefined;

  constructor(private readonly options: OutageWatchOptions) {
    this.now = options.now ?? Date.now;
    this.lease = createLease(options.storage, 'outage-watch', options.instanceId, this.leaseTtlMs, { now: this.now });
  }

  private get leaseTtlMs(): number {
    return this.options.leaseTtlMs ?? 30_000;
  }

  /** Whether this instance holds the lease (with a safety margin of a fifth of the TTL). */
  isLeader(): boolean {
    return this.now() < this.leaderUntil;
  }

  /** Starts ticking. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.heartbeat(), this.options.tickMs ?? 5_000);
    this.timer.unref();
    void this.tick();
  }

  /** Stops ticking, waits for the current tick and frees the lease for another instance. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    this.leaderUntil = 0;
    await this.lease.release();
  }

  /** Timer callback: a tick, or while a long tick runs (a big fan-out), a lease renewal so leadership holds. */
  private async heartbeat(): Promise<void> {
    if (!this.running) return this.tick();
    if (!this.isLeader()) return;
    try {
      const startedAt = this.now();
      this.leaderUntil = (await this.lease.renew()) ? startedAt + (this.leaseTtlMs * 4) / 5 : 0;
    } catch (err) {
      this.options.onError?.(undefined, err);
    }
  }

  /** One tick: take or renew the lease; if leader, poll when due and drain the outbox. Never overlaps itself. */
  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.runTick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runTick(): Promise<void> {
    try {
      const startedAt = this.now();
      const held = this.isLeader() ? await this.lease.renew() : await this.lease.acquire();
      this.leaderUntil = held ? startedAt + (this.leaseTtlMs * 4) / 5 : 0;
      if (!held) return;
      if (await this.pollDue()) await this.pollAll();
      await this.drain();
    } catch (err) {
      this.options.onError?.(undefined, err);
    }
  }

  /** Drains the outbox while this instance is the leader. */
  async drain(): Promise<DrainResult> {
    return this.options.sender.drain(() => this.isLeader());
  }

  private async pollDue(): Promise<boolean> {
    const interval = this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    const at = this.now();
    const result = await updateItem<WatchState>(this.options.storage, storageKey('notif-watch'), (state) =>
      state && at - state.lastPollAt < interval ? 'abort' : { lastPollAt: at });
    return result.changed;
  }

  /** Polls every subscribed tenant and every tenant opted in to proactive install, one after the other. */
  async pollAll(): Promise<void> {
    const tenants = new Set([...await this.options.subscriptions.tenants(), ...(this.options.proactive?.tenants() ?? [])]);
    for (const tenantId of tenants) {
      if (!this.isLeader()) return;
      try {
        await this.pollTenant(tenantId);
      } catch (err) {
        this.options.onError?.(tenantId, err);
      }
    }
  }

  /**
   * Polls one tenant: diffs with the persisted snapshot, enqueues deliveries, then persists the new snapshot.
   * The first poll of a tenant only records its issues. Enqueuing is idempotent, so a crash before the snapshot
   * is saved re-enqueues nothing new.
   */
  async pollTenant(tenantId: string): Promise<HealthEvent[]> {
    const snapshot = await this.options.health.getSnapshot(tenantId);
    const key = storageKey('notif-snapshot', tenantId);
    const previous = (await this.options.storage.read([key]))[key] as StoredSnapshot | undefined;
    const events = previous ? diffIssues(previous.issues, snapshot.issues) : [];
    for (const event of events) await this.options.outbox.enqueue(await this.requestsFor(tenantId, event));
    for (const event of events.filter((e) => e.kind === 'new')) await this.reachByInstall(tenantId, event);
    await this.saveSnapshot(key, snapshot);
    return events;
  }

  /** Proactive install for a new incident; a failure is reported and does not stop the poll (nor re-diff the event). */
  private async reachByInstall(tenantId: string, event: HealthEvent): Promise<void> {
    try {
      await this.options.proactive?.reach(tenantId, { issue: event.issue, issueTenantId: tenantId, kind: event.kind, changes: event.changes });
    } catch (err) {
      this.options.onError?.(tenantId, err);
    }
  }

  private async saveSnapshot(key: string, snapshot: HealthSnapshot): Promise<void> {
    const issues = snapshotState(snapshot.issues);
    await updateItem<StoredSnapshot>(this.options.storage, key, () => ({ fetchedAt: snapshot.fetchedAt, issues }));
  }

  private async requestsFor(tenantId: string, event: HealthEvent): Promise<DeliveryRequest[]> {
    const base = { issue: event.issue, issueTenantId: tenantId, kind: event.kind, changes: event.changes };
    const requests: DeliveryRequest[] = [];
    for (const subscriber of await this.options.subscriptions.list(tenantId)) {
      if (!isSubscribedTo(subscriber, event.issue)) continue;
      const stored = await this.options.references.get(tenantId, subscriber.conversationId);
      if (!stored) continue;
      requests.push({ ...base, audience: 'customer', tenantId, conversationId: stored.conversationId, reference: stored.reference, locale: stored.locale });
    }
    const agents = await this.options.agentsChannel();
    if (agents) {
      requests.push({
        ...base,
        audience: 'agents',
        tenantId: agents.tenantId,
        conversationId: agents.conversationId,
        reference: agents.reference,
        locale: agents.locale,
        customer: this.options.customerName(tenantId),
      });
    }
    return requests;
  }
}
