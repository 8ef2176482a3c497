/**
 * Card verbs of the escalation: propose a service request for a case, file it, add a note, close it.
 * Only allowed agents act; the route rules decide whether a Partner Center request may be filed at all.
 */
import { turnLog } from '../bot/turnLog';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { CardActionResult } from '../bot/supportBot';
import type { VerbHandler } from '../bot/cardActions';
import { audienceOf } from '../bot/audience';
import type { Triage } from '../dialogs/triageModel';
import type { CustomerDirectory } from '../directory/customerDirectory';
import { type Locale, translator, type Translate } from '../i18n';
import { proposalCard, statusCard, VERB_ADD_NOTE, VERB_CLOSE, VERB_PROPOSE, VERB_SUBMIT } from './cards';
import { PartnerCenterError } from './errors';
import { failureText } from './messages';
import type { NewServiceRequest, ServiceRequest, SupportTopic } from './model';
import { type MatchedIssueRef, type Proposal, type ProposalInput, proposeServiceRequest } from './proposal';
import { azureSubscriptionOf, categorize, chooseRoute, type EscalationRoute, explainRoute } from './route';
import { type ServiceRequestRecord, type ServiceRequestStore, snapshotOf } from './serviceRequestStore';
import { readSubmission } from './submission';

/** A case as the escalation needs it (wired from the cases feature). */
export interface CaseForEscalation {
  id: string;
  tenantId: string;
  triage: Triage;
  customerName: string;
  matchedIssues: readonly MatchedIssueRef[];
  transcriptSummary: string;
}

export interface CaseLookup {
  getCase(caseId: string): CaseForEscalation | undefined | Promise<CaseForEscalation | undefined>;
}

export interface AgentAuthorizer {
  isAllowedAgent(aadObjectId: string): Promise<boolean>;
}

/** The Partner Center operations the desk uses (PartnerCenterClient fits). */
export interface ServiceRequestApi {
  listSupportTopics(): Promise<SupportTopic[]>;
  createServiceRequest(request: NewServiceRequest, options: { agentLocale: string; requestId?: string }): Promise<ServiceRequest>;
  addNote(id: string, text: string): Promise<ServiceRequest>;
  close(id: string): Promise<ServiceRequest>;
}

export interface EscalationDeskOptions {
  api: ServiceRequestApi;
  store: ServiceRequestStore;
  cases: CaseLookup;
  agents: AgentAuthorizer;
  directory: CustomerDirectory;
  logger: Logger;
  /** After a request is filed: update the case card, tell the customer. Failures are logged. */
  onFiled?: (record: ServiceRequestRecord) => Promise<void>;
  /** How long the support topics are cached, ms (default one hour). */
  topicsTtlMs?: number;
}

const AGENT_LOCALES: Record<Locale, string> = { en: 'en-US', fr: 'fr-FR' };

type Result = Promise<CardActionResult>;

export class EscalationDesk implements VerbHandler {
  readonly verbs = [VERB_PROPOSE, VERB_SUBMIT, VERB_ADD_NOTE, VERB_CLOSE] as const;
  private topics: { list: SupportTopic[]; until: number } | undefined;

  constructor(private readonly options: EscalationDeskOptions) {}

  /** Open requests across customers (agent command `requests`). */
  listOpen(): Promise<ServiceRequestRecord[]> {
    return this.options.store.listOpen();
  }

  async handle(context: TurnContext, verb: string, data: Record<string, unknown>): Result {
    const audience = audienceOf(context);
    const { locale } = audience;
    const t = translator(locale);
    const actor = context.activity.from;
    if (audience.kind !== 'partner' || !actor.aadObjectId || !(await this.options.agents.isAllowedAgent(actor.aadObjectId))) {
      turnLog(this.options.logger, context).warn({ event: 'security.roleDenied', verb, caseId: data.caseId }, 'escalation action refused');
      return { kind: 'message', text: t('escalation.notAllowed') };
    }
    const caseId = typeof data.caseId === 'string' ? data.caseId : undefined;
    if (!caseId) return { kind: 'error', statusCode: 400, code: 'MissingCaseId', message: t('escalation.unknownCase') };
    try {
      switch (verb) {
        case VERB_PROPOSE: return await this.propose(caseId, t);
        case VERB_SUBMIT: return await this.submit(caseId, data, { aadObjectId: actor.aadObjectId, name: actor.name }, locale, t);
        case VERB_ADD_NOTE: return await this.update(caseId, t, (id) => this.options.api.addNote(id, typeof data.note === 'string' ? data.note.trim() : ''), typeof data.note === 'string' && data.note.trim() !== '');
        default: return await this.update(caseId, t, (id) => this.options.api.close(id), true);
      }
    } catch (error) {
      if (!(error instanceof PartnerCenterError)) throw error;
      return { kind: 'message', text: failureText(error, t) };
    }
  }

  /**
   * What propose and submit both need: a request already filed answers with its status card, a case that is
   * unknown or not for Partner Center answers with why; otherwise the case context and the support topics.
   */
  private async prepare(caseId: string, t: Translate): Promise<{ answer: CardActionResult } | {
    existing: ServiceRequestRecord | undefined; context: NonNullable<Awaited<ReturnType<EscalationDesk['caseContext']>>>; topics: SupportTopic[];
  }> {
    const existing = await this.options.store.get(caseId);
    if (existing?.state === 'filed') return { answer: { kind: 'card', card: statusCard(existing, t).card } };
    const context = await this.caseContext(caseId);
    if (!context) return { answer: { kind: 'message', text: t('escalation.unknownCase') } };
    if (context.route.kind !== 'partnerCenter') return { answer: { kind: 'message', text: explainRoute(context.route, t) } };
    return { existing, context, topics: await this.supportTopics() };
  }

  private async propose(caseId: string, t: Translate): Result {
    const prepared = await this.prepare(caseId, t);
    if ('answer' in prepared) return prepared.answer;
    const { existing, context, topics } = prepared;
    const proposal: Proposal = existing?.request ?? proposeServiceRequest({ ...context, topics }, t);
    return { kind: 'card', card: proposalCard({ caseId, proposal, topics, routeExplanation: explainRoute(context.route, t) }, t).card };
  }

  private async submit(caseId: string, data: Record<string, unknown>, requestedBy: { aadObjectId: string; name: string }, locale: Locale, t: Translate): Result {
    const prepared = await this.prepare(caseId, t);
    if ('answer' in prepared) return prepared.answer;
    const { context, topics } = prepared;
    const submission = readSubmission(data, topics);
    const again = (proposal: Proposal, notice: string): CardActionResult =>
      ({ kind: 'card', card: proposalCard({ caseId, proposal, topics, routeExplanation: explainRoute(context.route, t), notice }, t).card });
    if (!submission.ok) return again(submission.proposal, t(`escalation.proposal.invalid.${submission.field}`));
    const { record, alreadyFiled } = await this.options.store.reserve({ caseId, tenantId: context.customer.tenantId, customerName: context.customer.name, request: submission.proposal, requestedBy });
    if (alreadyFiled) return { kind: 'card', card: statusCard(record, t).card };
    try {
      const created = await this.options.api.createServiceRequest(submission.proposal, { agentLocale: AGENT_LOCALES[locale], requestId: record.idempotencyKey });
      const filed = await this.options.store.markFiled(caseId, created);
      if (filed.first) await this.options.onFiled?.(filed.record).catch((error: unknown) => { this.options.logger.warn({ err: error, caseId }, 'escalation onFiled failed'); });
      return { kind: 'card', card: statusCard(filed.record, t).card };
    } catch (error) {
      if (!(error instanceof PartnerCenterError)) throw error;
      const failed = await this.options.store.recordFailure(caseId, error.kind, error.details.description);
      if (error.kind === 'validation') return again(submission.proposal, failureText(error, t));
      return { kind: 'card', card: statusCard(failed, t, failureText(error, t)).card };
    }
  }

  /** Adds a note or closes; the change is ours, so the snapshot moves without notifying anyone. */
  private async update(caseId: string, t: Translate, call: (id: string) => Promise<ServiceRequest>, valid: boolean): Result {
    const record = await this.options.store.get(caseId);
    const seen = record?.serviceRequest;
    if (!record || !seen) return { kind: 'message', text: t('escalation.notFiled') };
    if (!valid) return { kind: 'card', card: statusCard(record, t, t('escalation.card.noteRequired')).card };
    const updated = await call(seen.id);
    const next = updated.status === 'closed' ? snapshotOf(updated) : { ...snapshotOf(updated), status: seen.status };
    const stored = await this.options.store.advanceSnapshot(caseId, seen, next);
    return { kind: 'card', card: statusCard(stored ?? (await this.options.store.get(caseId)) ?? record, t).card };
  }

  private async caseContext(caseId: string): Promise<(Omit<ProposalInput, 'topics'> & { route: EscalationRoute }) | undefined> {
    const found = await this.options.cases.getCase(caseId);
    const customer = found ? this.options.directory.find(found.tenantId) : undefined;
    if (!found || !customer) return undefined;
    const category = categorize(found.triage);
    const azure = azureSubscriptionOf(found.triage, customer.azureSubscriptionIds);
    const route = chooseRoute({
      category, entitlement: customer.supportPlan.microsoftTechnicalSupport,
      ...(azure.id === undefined ? {} : { azureSubscriptionId: azure.id }), azureWithoutSubscription: azure.isAzure && azure.id === undefined,
    });
    return {
      triage: found.triage, category, route, matchedIssues: found.matchedIssues, transcriptSummary: found.transcriptSummary,
      customer: { name: found.customerName || customer.name, tenantId: customer.tenantId, defaultDomain: customer.defaultDomain },
    };
  }

  private async supportTopics(): Promise<SupportTopic[]> {
    if (this.topics && this.topics.until > Date.now()) return this.topics.list;
    const list = await this.options.api.listSupportTopics();
    this.topics = { list, until: Date.now() + (this.options.topicsTtlMs ?? 3_600_000) };
    return list;
  }
}
