/**
 * What the case desk needs from the composition root, and the proactive side of a case: its thread card,
 * messages in its thread, messages to its customer. Failures to reach Teams are logged, never thrown, because the
 * case change they follow is already stored.
 */
import type { Activity, ConversationReference } from '../teams/turn';
import type { Logger } from 'pino';
import { withTenant, type ConversationReferenceStore } from '../teams/conversationReferences';
import type { Messenger } from '../teams/teamsMessenger';
import type { CustomerDirectory } from '../directory/customerDirectory';
import { cardActivity } from '../teams/cardMessages';
import { truncate } from '../health/graphParse';
import type { Locale } from '../i18n';
import type { AgentRoleChecker } from './agentRoles';
import { caseCard } from './caseCards';
import type { Case, OpenCaseLimits } from './caseModel';
import type { CaseStore } from './caseStore';

/**
 * Longest text the bot posts in one message. Teams refuses a bot message over 40 KB, counted as UTF-16 with the whole
 * payload (learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages); 16,000 characters leave
 * room for the envelope.
 */
export const MAX_POST_CHARS = 16_000;

export interface CaseDeskDeps {
  store: CaseStore;
  messenger: Messenger;
  references: ConversationReferenceStore;
  roles: AgentRoleChecker;
  directory: CustomerDirectory;
  partnerTenantId: string;
  logger: Logger;
  /** Language of the cards and messages in the agents' channel (default `en`). */
  agentsLocale?: Locale;
  /** Clock (default `() => new Date()`). */
  now?: () => Date;
  /** Period of the relay retry in ms (default 15 s). */
  relayRetryMs?: number;
  /** Open cases allowed at once (default DEFAULT_OPEN_CASE_LIMITS). */
  openCaseLimits?: OpenCaseLimits;
}

/** Sends the proactive messages of a case. */
export class CaseNotifier {
  constructor(private readonly deps: CaseDeskDeps) {}

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
    if (!c.thread) {
      this.deps.logger.warn({ event: 'cases.noThread', caseId: c.id }, 'case has no thread; message not posted');
      return false;
    }
    const reference = this.threadReference(c);
    const post = text.length > MAX_POST_CHARS ? truncate(text, MAX_POST_CHARS) : text;
    return this.attempt(c, 'cases.threadPostFailed', () => this.deps.messenger.send(reference, { type: 'message', text: post, textFormat: 'markdown' }));
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
