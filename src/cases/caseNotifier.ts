/**
 * The proactive side of a case, for every feature that speaks about one (the case desk, the relay, the SLA monitor,
 * the support escalation): its thread card, posts in its thread, messages to its customer. Failures to reach Teams
 * are logged with the case and tenant, never thrown, because the case change they follow is already stored.
 */
import type { Logger } from 'pino';
import { withTenant, type ConversationReferenceStore } from '../teams/conversationReferences';
import type { Messenger } from '../teams/teamsMessenger';
import type { Activity, ConversationReference } from '../teams/turn';
import { cardActivity } from '../teams/cardMessages';
import { truncate } from '../health/graphParse';
import type { Locale } from '../i18n';
import { caseCard } from './caseCards';
import type { Case } from './caseModel';
import type { CaseStore } from './caseStore';

/**
 * Longest text the bot posts in one message. Teams refuses a bot message over 40 KB, counted as UTF-16 with the whole
 * payload (learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages); 16,000 characters leave
 * room for the envelope.
 */
export const MAX_POST_CHARS = 16_000;

/** What the notifier sends with and through. */
export interface CaseNotifierDeps {
  /** Read for the agents named on the case card. */
  store: Pick<CaseStore, 'agents'>;
  messenger: Messenger;
  references: ConversationReferenceStore;
  /** Added to thread references stored without a tenant (older versions). */
  partnerTenantId: string;
  logger: Logger;
  /** Language of the cards and messages in the agents' channel (default `en`). */
  agentsLocale?: Locale;
}

/** Sends the proactive messages of a case; each resolves to whether the Connector accepted it. */
export class CaseNotifier {
  constructor(private readonly deps: CaseNotifierDeps) {}

  get agentsLocale(): Locale {
    return this.deps.agentsLocale ?? 'en';
  }

  /** Replaces the case card at the root of the case thread. */
  async refreshThreadCard(c: Case): Promise<boolean> {
    if (!c.thread) return false;
    const agents = await this.deps.store.agents();
    return this.attempt(c, 'cases.threadCardUpdateFailed', () =>
      this.deps.messenger.update(this.threadReference(c), c.thread?.activityId ?? '', cardActivity(caseCard(c, this.agentsLocale, { agents }))));
  }

  /**
   * Posts a message in the case thread, rendered as markdown: text anyone outside the partner wrote must be put in
   * it through `plainText`.
   */
  async postToThread(c: Case, text: string): Promise<boolean> {
    const post = text.length > MAX_POST_CHARS ? truncate(text, MAX_POST_CHARS) : text;
    return this.sendToThread(c, { type: 'message', text: post, textFormat: 'markdown' });
  }

  /** Posts an activity (a card, a message with an @mention) in the case thread. */
  async sendToThread(c: Case, activity: Partial<Activity>): Promise<boolean> {
    if (!c.thread) {
      this.deps.logger.warn({ event: 'cases.noThread', caseId: c.id }, 'case has no thread; message not posted');
      return false;
    }
    const reference = this.threadReference(c);
    return this.attempt(c, 'cases.threadPostFailed', () => this.deps.messenger.send(reference, activity));
  }

  /** Sends an activity to the customer's 1:1 chat, through its stored reference (works after a restart). */
  async toCustomer(c: Case, activity: Partial<Activity>): Promise<boolean> {
    const stored = await this.deps.references.get(c.tenantId, c.customerConversationId);
    if (!stored) {
      this.deps.logger.warn({ event: 'cases.noCustomerReference', caseId: c.id }, 'no conversation reference for the customer');
      return false;
    }
    return this.attempt(c, 'cases.customerSendFailed', () => this.deps.messenger.send(stored.reference, activity));
  }

  /** The case thread's reference, with the partner's tenant when it was stored without one (older versions). */
  private threadReference(c: Case): Partial<ConversationReference> {
    return withTenant(c.thread?.reference ?? {}, this.deps.partnerTenantId);
  }

  /** True when the Connector accepted the message; a failure is logged with the case and tenant ids. */
  private async attempt(c: Case, event: string, send: () => Promise<unknown>): Promise<boolean> {
    try {
      await send();
      return true;
    } catch (err) {
      this.deps.logger.error({ event, caseId: c.id, tenantId: c.tenantId, err }, 'proactive message failed');
      return false;
    }
  }
}
