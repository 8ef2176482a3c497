import type { Logger } from 'pino';
import type { ConversationReferenceStore } from '../teams/conversationReferences';
import type { Messenger } from '../teams/teamsMessenger';
import type { RenderedCard } from '../cards/renderCard';
import { cardActivity } from '../teams/cardMessages';
import type { CaseStore } from '../cases/caseStore';
import { caseCard } from '../cases/caseCards';
import { isOpenCase, type Case } from '../cases/caseModel';
import { resolveLocale, translator, type Locale } from '../i18n';
import type { CaseForEscalation, CaseLookup } from './escalationDesk';
import { statusCard } from './cards';
import { agentChangeText, customerChangeText, customerFiledText } from './messages';
import type { ServiceRequestRecord } from './serviceRequestStore';
import { needsAgentAttention, type SrChange } from './serviceRequestDiff';

/** Transcript lines carried into a service request description (the most recent ones). */
const TRANSCRIPT_LINES = 20;

/**
 * Joins service requests to cases: the desk reads a case's triage and transcript, and every filing or
 * status change lands on the case thread (status card + message, @mention when Microsoft needs the agent)
 * and in the customer's chat, in the customer's language.
 */
export class CaseEscalation implements CaseLookup {
  constructor(private readonly deps: {
    cases: CaseStore;
    messenger: Messenger;
    references: ConversationReferenceStore;
    logger: Logger;
    agentsLocale: Locale;
  }) {}

  async getCase(caseId: string): Promise<CaseForEscalation | undefined> {
    const c = await this.deps.cases.get(caseId);
    if (!c) return undefined;
    const transcriptSummary = c.transcript.filter((e) => !e.internal).slice(-TRANSCRIPT_LINES)
      .map((e) => `${e.name}: ${e.text}`).join('\n');
    return { id: c.id, tenantId: c.tenantId, triage: c.triage, customerName: c.customerName, matchedIssues: c.matchedIssues, transcriptSummary, open: isOpenCase(c) };
  }

  async caseCard(caseId: string, locale: Locale, notice: string): Promise<RenderedCard | undefined> {
    const c = await this.deps.cases.get(caseId);
    return c ? caseCard(c, locale, { agents: await this.deps.cases.agents(), notice }) : undefined;
  }

  /** A request was filed: status card in the case thread, the customer told what happens next. */
  async onFiled(record: ServiceRequestRecord): Promise<void> {
    const c = await this.deps.cases.get(record.caseId);
    if (!c) return;
    await this.toThread(c, cardActivity(statusCard(record, translator(this.deps.agentsLocale))));
    await this.toCustomer(c, customerFiledText(record, translator(resolveLocale(c.locale))));
  }

  /** Microsoft changed the request: thread card and message (with an @mention when it needs the agent), customer told. */
  async onChange(record: ServiceRequestRecord, change: SrChange): Promise<void> {
    const c = await this.deps.cases.get(record.caseId);
    if (!c) return;
    const t = translator(this.deps.agentsLocale);
    await this.toThread(c, cardActivity(statusCard(record, t)));
    const text = agentChangeText(record, change, t);
    const owner = c.owner;
    if (needsAgentAttention(change) && owner) {
      const mention = `<at>${owner.name}</at>`;
      await this.toThread(c, {
        type: 'message', text: `${mention} ${text}`,
        entities: [{ type: 'mention', text: mention, mentioned: { id: owner.aadObjectId, name: owner.name } }],
      });
    } else {
      await this.toThread(c, { type: 'message', text });
    }
    await this.toCustomer(c, customerChangeText(record, change, translator(resolveLocale(c.locale))));
  }

  private async toThread(c: Case, activity: Parameters<Messenger['send']>[1]): Promise<void> {
    if (!c.thread) return;
    try {
      await this.deps.messenger.send(c.thread.reference, activity);
    } catch (err) {
      this.deps.logger.error({ err, event: 'escalation.threadSendFailed', caseId: c.id, tenantId: c.tenantId }, 'could not post to the case thread');
    }
  }

  private async toCustomer(c: Case, text: string): Promise<void> {
    const stored = await this.deps.references.get(c.tenantId, c.customerConversationId);
    if (!stored) return;
    try {
      await this.deps.messenger.send(stored.reference, { type: 'message', text });
    } catch (err) {
      this.deps.logger.error({ err, event: 'escalation.customerSendFailed', caseId: c.id, tenantId: c.tenantId }, 'could not tell the customer');
    }
  }
}
