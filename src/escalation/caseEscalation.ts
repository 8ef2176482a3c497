import { cardActivity } from '../teams/cardMessages';
import type { RenderedCard } from '../cards/renderCard';
import type { CaseStore } from '../cases/caseStore';
import { caseCard } from '../cases/caseCards';
import { isOpenCase } from '../cases/caseModel';
import type { CaseNotifier } from '../cases/caseNotifier';
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
 * and in the customer's chat, in the customer's language, through the cases' own notifier.
 */
export class CaseEscalation implements CaseLookup {
  constructor(private readonly deps: { cases: CaseStore; notifier: CaseNotifier }) {}

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
    const { notifier } = this.deps;
    await notifier.sendToThread(c, cardActivity(statusCard(record, translator(notifier.agentsLocale))));
    await notifier.toCustomer(c, { type: 'message', text: customerFiledText(record, translator(resolveLocale(c.locale))) });
  }

  /** Microsoft changed the request: thread card and message (with an @mention when it needs the agent), customer told. */
  async onChange(record: ServiceRequestRecord, change: SrChange): Promise<void> {
    const c = await this.deps.cases.get(record.caseId);
    if (!c) return;
    const { notifier } = this.deps;
    const t = translator(notifier.agentsLocale);
    await notifier.sendToThread(c, cardActivity(statusCard(record, t)));
    const text = agentChangeText(record, change, t);
    const owner = c.owner;
    if (needsAgentAttention(change) && owner) {
      const mention = `<at>${owner.name}</at>`;
      await notifier.sendToThread(c, {
        type: 'message', text: `${mention} ${text}`,
        entities: [{ type: 'mention', text: mention, mentioned: { id: owner.aadObjectId, name: owner.name } }],
      });
    } else {
      await notifier.sendToThread(c, { type: 'message', text });
    }
    await notifier.toCustomer(c, { type: 'message', text: customerChangeText(record, change, translator(resolveLocale(c.locale))) });
  }
}
