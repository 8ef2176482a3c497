/**
 * Keeps the in-memory {@link CustomerDirectory} equal to the partner's customer list in Partner Center, on every
 * instance:
 * - **sync** (one instance, storage lease): lists the customers, stores the list in storage (compare-and-swap), logs
 *   who joined and who left (`directory.customerJoined`, `directory.customerLeft`), and applies it at once;
 * - **refresh** (every instance): reads that one stored item on an interval and applies it when it changed.
 *
 * The tenant gate only ever reads memory: a flood of unknown tenants costs no storage read and no Partner Center
 * call. A new customer is served, and a departed one refused, within one sync interval on the syncing instance and
 * one sync plus one refresh interval on the others; a restart serves the stored list before Partner Center answers.
 */
import type { Logger } from 'pino';
import { createLease, type Lease, type Storage, storageKey, updateItem } from '../storage';
import type { CustomerDirectory } from './customerDirectory';
import type { ListedCustomer } from './partnerCenterCustomers';
import type { SupportPlans } from './supportPlans';

/** The stored list: what the last successful sync saw. */
export interface StoredCustomerList {
  customers: ListedCustomer[];
  /** ISO time of the sync that wrote it; a refresh applies the list only when this changed. */
  syncedAt: string;
}

export interface PartnerCenterDirectoryOptions {
  directory: CustomerDirectory;
  /** Lists every customer (Partner Center); throws when it cannot. */
  listCustomers: () => Promise<ListedCustomer[]>;
  plans: SupportPlans;
  storage: Storage;
  /** This instance's id (lease holder). */
  instanceId: string;
  logger: Logger;
  /** DIRECTORY_SYNC_INTERVAL_SECONDS in ms. */
  syncIntervalMs: number;
  /** DIRECTORY_REFRESH_INTERVAL_SECONDS in ms. */
  refreshIntervalMs: number;
  now?: () => Date;
}

export const CUSTOMER_LIST_KEY = storageKey('directory', 'partner-center-customers');
const LEASE_NAME = 'directory-sync';

/** Who joined and who left between two lists. Pure. */
export function diffCustomers(before: ListedCustomer[], after: ListedCustomer[]): { joined: ListedCustomer[]; left: ListedCustomer[] } {
  const beforeIds = new Set(before.map((c) => c.tenantId));
  const afterIds = new Set(after.map((c) => c.tenantId));
  return { joined: after.filter((c) => !beforeIds.has(c.tenantId)), left: before.filter((c) => !afterIds.has(c.tenantId)) };
}

export class PartnerCenterDirectory {
  private readonly lease: Lease;
  private readonly now: () => Date;
  private appliedSyncedAt: string | undefined;
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<boolean> | undefined;

  constructor(private readonly options: PartnerCenterDirectoryOptions) {
    this.now = options.now ?? (() => new Date());
    // Held a little over two intervals, as the other pollers: a crashed holder is replaced within ~3 syncs.
    this.lease = createLease(options.storage, LEASE_NAME, options.instanceId, options.syncIntervalMs * 2 + 5_000);
  }

  /** Serves the stored list, then syncs once (if this instance holds the lease) and starts both intervals. Never throws. */
  async start(): Promise<void> {
    await this.refreshOnce();
    await this.syncOnce();
    const every = (ms: number, job: () => Promise<unknown>): NodeJS.Timeout => {
      const timer = setInterval(() => { void job(); }, ms);
      timer.unref();
      return timer;
    };
    this.timers = [every(this.options.syncIntervalMs, () => this.syncOnce()), every(this.options.refreshIntervalMs, () => this.refreshOnce())];
  }

  async stop(): Promise<void> {
    this.timers.forEach(clearInterval);
    this.timers = [];
    await this.running;
    await this.lease.release().catch(() => false);
  }

  /** One sync, if this instance holds the lease: resolves to whether the stored list changed. Never throws. */
  syncOnce(): Promise<boolean> {
    return this.exclusive(async () => {
      try {
        if (!(await this.lease.acquire())) return false;
        return await this.sync(await this.options.listCustomers());
      } catch (err) {
        this.options.logger.warn({ err, event: 'directory.syncFailed' }, 'customer list not synchronized from Partner Center; the last list stays in use');
        return false;
      }
    });
  }

  /** Reads the stored list and applies it if another instance (or an earlier run) wrote a newer one. Never throws. */
  refreshOnce(): Promise<boolean> {
    return this.exclusive(async () => {
      try {
        const stored = (await this.options.storage.read([CUSTOMER_LIST_KEY]))[CUSTOMER_LIST_KEY] as StoredCustomerList | undefined;
        if (!stored || stored.syncedAt === this.appliedSyncedAt) return false;
        this.apply(stored);
        return true;
      } catch (err) {
        this.options.logger.warn({ err, event: 'directory.refreshFailed' }, 'stored customer list not read; the last list stays in use');
        return false;
      }
    });
  }

  /** Runs one job at a time: a tick while a job runs (a slow Partner Center) is skipped and resolves to false. */
  private exclusive(job: () => Promise<boolean>): Promise<boolean> {
    if (this.running) return Promise.resolve(false);
    const run = job().finally(() => { this.running = undefined; });
    this.running = run;
    return run;
  }

  private async sync(listed: ListedCustomer[]): Promise<boolean> {
    const { logger } = this.options;
    let before: ListedCustomer[] = [];
    const written = await updateItem<StoredCustomerList>(this.options.storage, CUSTOMER_LIST_KEY, (current) => {
      before = current?.customers ?? [];
      // An empty answer after a non-empty list is far likelier a Partner Center fault than every customer leaving at once.
      if (listed.length === 0 && before.length > 0) return 'abort';
      return { customers: listed, syncedAt: this.now().toISOString() };
    });
    if (!written.changed || !written.value) {
      logger.warn({ event: 'directory.emptyListIgnored', customers: before.length }, 'Partner Center listed no customers; the stored list is kept');
      return false;
    }
    const { joined, left } = diffCustomers(before, listed);
    for (const customer of joined) logger.info({ event: 'directory.customerJoined', tenantId: customer.tenantId, customer: customer.companyName }, 'new customer in Partner Center: served from now on');
    for (const customer of left) logger.warn({ event: 'directory.customerLeft', tenantId: customer.tenantId, customer: customer.companyName }, 'customer no longer in Partner Center: refused from now on, its cases stay readable to agents');
    this.apply(written.value);
    logger.info({ event: 'directory.synced', customers: listed.length, joined: joined.length, left: left.length }, 'customer list synchronized from Partner Center');
    return true;
  }

  private apply(stored: StoredCustomerList): void {
    this.options.directory.replace(stored.customers.map((listed) => this.options.plans.customerOf(listed)));
    this.appliedSyncedAt = stored.syncedAt;
  }
}
