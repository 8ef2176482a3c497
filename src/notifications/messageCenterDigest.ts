/**
 * The weekly Message center digest in the agents' channel: per customer, the posts whose action-required date is
 * within 30 days. One instance sends (lease); each week is recorded in storage before sending, so a restart or a
 * second instance never sends it again (a crash between the record and the send skips that week). A send the
 * Connector refuses removes the record, so the next check sends the digest again (a long digest is several cards).
 */
import type { Logger } from 'pino';
import type { CustomerDirectory } from '../directory/customerDirectory';
import type { MessageCenterSource } from '../health/messageCenterModel';
import type { Locale } from '../i18n';
import { createLease, storageKey, updateItem, type Lease, type Storage } from '../storage';
import { cardActivity } from '../teams/cardMessages';
import type { StoredReference } from '../teams/conversationReferences';
import type { Messenger } from '../teams/teamsMessenger';
import { type DigestSection, messageCenterDigestCards } from './messageCenterDigestCard';
import { type DigestSchedule, dueWeek, postsDueWithin } from './messageCenterDigestPlan';

export interface MessageCenterDigestOptions {
  storage: Storage;
  messageCenter: MessageCenterSource;
  directory: Pick<CustomerDirectory, 'all'>;
  messenger: Pick<Messenger, 'send'>;
  agentsChannel: () => Promise<StoredReference | undefined>;
  agentsLocale: Locale;
  schedule: DigestSchedule;
  instanceId: string;
  logger: Logger;
  /** Lease duration (default 10 minutes: longer than one run). */
  leaseTtlMs?: number;
  now?: () => number;
}

/** What one run did. */
export type DigestRun = 'notLeader' | 'notDue' | 'alreadyDone' | 'noChannel' | 'empty' | 'sent';

/** The stored record of a week's digest. */
interface DigestRecord {
  week: string;
  outcome: 'sending' | 'sent' | 'empty';
  holder: string;
  at: string;
  posts?: number;
}

export class MessageCenterDigest {
  private readonly lease: Lease;
  private readonly now: () => number;
  private running: Promise<DigestRun> | undefined;

  constructor(private readonly options: MessageCenterDigestOptions) {
    this.now = options.now ?? Date.now;
    this.lease = createLease(options.storage, 'message-center-digest', options.instanceId, options.leaseTtlMs ?? 600_000, { now: this.now });
  }

  /** Sends this week's digest if it is due, not yet done, and this instance holds the lease. Never overlaps itself. */
  run(): Promise<DigestRun> {
    this.running ??= this.runOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Waits for a run in progress (shutdown, before storage closes). */
  async stop(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  private async runOnce(): Promise<DigestRun> {
    const now = new Date(this.now());
    const week = dueWeek(now, this.options.schedule);
    if (!week) return 'notDue';
    const key = storageKey('message-center-digest', week);
    const [stored] = Object.values(await this.options.storage.read([key])) as (DigestRecord | undefined)[];
    if (stored) return 'alreadyDone';
    if (!(await this.lease.acquire())) return 'notLeader';
    try {
      const channel = await this.options.agentsChannel();
      if (!channel) return 'noChannel';
      const sections = await this.sections(now);
      const count = sections.reduce((sum, section) => sum + section.posts.length, 0);
      const record: DigestRecord = { week, outcome: count === 0 ? 'empty' : 'sending', holder: this.options.instanceId, at: now.toISOString(), posts: count };
      const claimed = await updateItem<DigestRecord>(this.options.storage, key, (current) => (current ? 'abort' : record));
      if (!claimed.changed) return 'alreadyDone';
      if (count === 0) {
        this.options.logger.info({ event: 'messageCenter.digest.empty', week }, 'no Message center post needs action soon: no digest');
        return 'empty';
      }
      try {
        for (const card of messageCenterDigestCards(week, sections, this.options.agentsLocale)) {
          await this.options.messenger.send(channel.reference, cardActivity(card));
        }
      } catch (err) {
        await this.options.storage.delete([key]);
        throw err;
      }
      await updateItem<DigestRecord>(this.options.storage, key, (current) => (current?.holder === this.options.instanceId ? { ...current, outcome: 'sent' } : 'abort'));
      this.options.logger.info({ event: 'messageCenter.digest.sent', week, posts: count, customers: sections.length }, 'Message center digest sent');
      return 'sent';
    } finally {
      await this.lease.release();
    }
  }

  /** Customers with posts due within the horizon, in directory order; a tenant that cannot be read is skipped (logged). */
  private async sections(now: Date): Promise<DigestSection[]> {
    const sections: DigestSection[] = [];
    for (const customer of this.options.directory.all()) {
      try {
        const snapshot = await this.options.messageCenter.getMessages(customer.tenantId);
        const posts = postsDueWithin(snapshot.posts, now);
        if (posts.length > 0) sections.push({ customer: customer.name, tenantId: customer.tenantId, posts });
      } catch (err) {
        this.options.logger.info({ err, tenantId: customer.tenantId, event: 'messageCenter.digest.tenantSkipped' }, 'Message center not read for the digest');
      }
    }
    return sections;
  }
}
