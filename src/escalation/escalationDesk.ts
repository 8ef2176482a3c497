/**
 * Card verbs of the escalation: propose a Microsoft service request (Partner Center) or an Azure support ticket
 * for a case, file it, add a note, close it. Only allowed agents act (the command router enforces {@link
 * EscalationDesk.guard}); the route rules decide where a case goes.
 */
import type { Logger } from 'pino';
import type { CardActionResult } from '../teams/cardActions';
import type { VerbHandler } from '../teams/cardActions';
import { AGENT_ACTIONS, type VerbGuard } from '../teams/guard';
import type { Turn } from '../teams/turn';
import { audienceOf } from '../teams/audience';
import type { RenderedCard } from '../cards/renderCard';
import type { Triage } from '../problem/triageModel';
import type { CustomerDirectory } from '../directory/customerDirectory';
import { type Locale, translator, type Translate } from '../i18n';
import { isAzureTicket, type NewAzureTicket } from './azureSupport/model';
import { ticketLocationOf, ticketNameFor } from './azureSupport/ticketName';
import { type AzureCaseContext, type AzureSupportApi, AzureTicketProposals } from './azureSupport/ticketProposals';
import { cachedLoader } from './cachedLoader';
import { proposalCard, statusCard, VERB_ADD_NOTE, VERB_CLOSE, VERB_PROPOSE, VERB_SUBMIT } from './cards';
import { MicrosoftApiError } from '../cloud/microsoftApiError';
import { failureText } from './messages';
import type { NewServiceRequest, ServiceRequest, SupportTopic } from './partnerCenter/model';
import { type MatchedIssueRef, type Proposal, proposeServiceRequest } from './partnerCenter/proposal';
import { azureSubscriptionOf, categorize, chooseRoute, type EscalationRoute, explainRoute } from './route';
import { type ServiceRequestRecord, type ServiceRequestStore, snapshotOf } from './serviceRequestStore';
import { readSubmission } from './partnerCenter/submission';

/** A case as the escalation needs it (wired from the cases feature). */
export interface CaseForEscalation {
  id: string;
  tenantId: string;
  triage: Triage;
  customerName: string;
  matchedIssues: readonly MatchedIssueRef[];
  transcriptSummary: string;
  /** False once the case is resolved or withdrawn: nothing is filed for it any more. */
  open: boolean;
}

export interface CaseLookup {
  getCase(caseId: string): CaseForEscalation | undefined | Promise<CaseForEscalation | undefined>;
  /** The case card showing the case's current state, with a notice on top. */
  caseCard(caseId: string, locale: Locale, notice: string): Promise<RenderedCard | undefined>;
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
  /** Azure support tickets (AzureSupportClient fits). */
  azure: AzureSupportApi;
  store: ServiceRequestStore;
  cases: CaseLookup;
  directory: CustomerDirectory;
  logger: Logger;
  /** After a request is filed: update the case card, tell the customer. Failures are logged. */
  onFiled?: (record: ServiceRequestRecord) => Promise<void>;
  /** How long the support topics and Azure catalogues are cached, ms (default one hour). */
  topicsTtlMs?: number;
}

const AGENT_LOCALES: Record<Locale, string> = { en: 'en-US', fr: 'fr-FR' };

type Result = Promise<CardActionResult>;
type CaseContext = AzureCaseContext & { route: EscalationRoute; open: boolean };
type Agent = { aadObjectId: string; name: string };

function cardResult(rendered: RenderedCard): CardActionResult {
  return { kind: 'card', card: rendered.card };
}

export class EscalationDesk implements VerbHandler {
  readonly verbs = [VERB_PROPOSE, VERB_SUBMIT, VERB_ADD_NOTE, VERB_CLOSE] as const;
  /**
   * Every verb needs an agent of the partner tenant, authorized for the case's customer; anyone else is told only
   * agents work on Microsoft requests.
   */
  readonly guard: VerbGuard = {
    audience: 'partner', requires: AGENT_ACTIONS.escalation, refusal: { event: 'security.roleDenied', message: 'escalation.notAllowed' },
    customerOf: async (_turn, _verb, data) => {
      const c = typeof data.caseId === 'string' ? await this.options.cases.getCase(data.caseId) : undefined;
      return c ? { tenantId: c.tenantId, name: c.customerName } : undefined;
    },
  };
  private readonly topics: () => Promise<SupportTopic[]>;
  private readonly azure: AzureTicketProposals;

  constructor(private readonly options: EscalationDeskOptions) {
    const ttlMs = options.topicsTtlMs ?? 3_600_000;
    const topics = cachedLoader(() => options.api.listSupportTopics(), ttlMs);
    this.topics = () => topics('');
    this.azure = new AzureTicketProposals(options.azure, ttlMs);
  }

  /** Open requests across customers (agent command `requests`). */
  listOpen(): Promise<ServiceRequestRecord[]> {
    return this.options.store.listOpen();
  }

  /** An action of an agent the guard admitted. */
  async handle(context: Turn, verb: string, data: Record<string, unknown>): Result {
    const { locale } = audienceOf(context);
    const t = translator(locale);
    const actor = context.activity.from;
    const caseId = typeof data.caseId === 'string' ? data.caseId : undefined;
    if (!caseId) return { kind: 'error', statusCode: 400, code: 'MissingCaseId', message: t('escalation.unknownCase') };
    try {
      switch (verb) {
        case VERB_PROPOSE: return await this.propose(caseId, locale, t);
        case VERB_SUBMIT: return await this.submit(caseId, data, { aadObjectId: actor.aadObjectId ?? '', name: actor.name }, locale, t);
        case VERB_ADD_NOTE: return await this.addNote(caseId, typeof data.note === 'string' ? data.note.trim() : '', t);
        default: return await this.update(caseId, t, (record, id) => (isAzureTicket(record.request)
          ? this.options.azure.closeTicket(ticketLocationOf({ ...record, request: record.request }))
          : this.options.api.close(id)));
      }
    } catch (error) {
      if (!(error instanceof MicrosoftApiError)) throw error;
      return { kind: 'message', text: failureText(error, t) };
    }
  }

  /**
   * What propose and submit both need: a request already filed answers with its status card, a case that is
   * unknown, closed (like Take on a closed case: its card in its current state) or goes nowhere answers with why;
   * otherwise what is on record and the case context.
   */
  private async prepare(caseId: string, locale: Locale, t: Translate): Promise<{ answer: CardActionResult } | { existing: ServiceRequestRecord | undefined; context: CaseContext }> {
    const existing = await this.options.store.get(caseId);
    if (existing?.state === 'filed') return { answer: cardResult(statusCard(existing, t)) };
    const context = await this.caseContext(caseId);
    if (!context) return { answer: { kind: 'message', text: t('escalation.unknownCase') } };
    if (!context.open) {
      this.options.logger.info({ event: 'escalation.refusedClosedCase', caseId, tenantId: context.customer.tenantId }, 'no Microsoft request for a closed case');
      const card = await this.options.cases.caseCard(caseId, locale, t('cases.refused.closed'));
      return { answer: card ? cardResult(card) : { kind: 'message', text: t('cases.refused.closed') } };
    }
    if (context.route.kind === 'explainOnly') return { answer: { kind: 'message', text: explainRoute(context.route, t) } };
    return { existing, context };
  }

  private async propose(caseId: string, locale: Locale, t: Translate): Result {
    const prepared = await this.prepare(caseId, locale, t);
    if ('answer' in prepared) return prepared.answer;
    const { existing, context } = prepared;
    const explanation = explainRoute(context.route, t);
    const earlier = existing?.request;
    if (context.route.kind === 'azureSupportTicket') {
      return cardResult(await this.azure.card(caseId, context, explanation, t, earlier && isAzureTicket(earlier) ? { ticket: earlier } : undefined));
    }
    const topics = await this.topics();
    const proposal: Proposal = earlier && !isAzureTicket(earlier) ? earlier : proposeServiceRequest({ ...context, topics }, t);
    return cardResult(proposalCard({ caseId, proposal, topics, routeExplanation: explanation }, t));
  }

  private async submit(caseId: string, data: Record<string, unknown>, requestedBy: Agent, locale: Locale, t: Translate): Result {
    const prepared = await this.prepare(caseId, locale, t);
    if ('answer' in prepared) return prepared.answer;
    const { context } = prepared;
    const explanation = explainRoute(context.route, t);
    if (context.route.kind === 'azureSupportTicket') {
      const submission = await this.azure.read(data, context);
      const again = async (ticket: NewAzureTicket, notice: string): Result => cardResult(await this.azure.card(caseId, context, explanation, t, { ticket, notice }));
      if (!submission.ok) return again(submission.ticket, t(`escalation.azure.invalid.${submission.field}`));
      const { ticket } = submission;
      return this.file({ caseId, context, request: ticket, requestedBy, t, again: (notice, earlier) => again(earlier && isAzureTicket(earlier) ? earlier : ticket, notice) },
        (record) => this.options.azure.createTicket(ticket, { subscriptionId: ticket.subscriptionId, name: ticketNameFor(record.idempotencyKey), tenantId: record.tenantId }));
    }
    const topics = await this.topics();
    const submission = readSubmission(data, topics);
    const again = (proposal: Proposal, notice: string): Result =>
      Promise.resolve(cardResult(proposalCard({ caseId, proposal, topics, routeExplanation: explanation, notice }, t)));
    if (!submission.ok) return again(submission.proposal, t(`escalation.proposal.invalid.${submission.field}`));
    const { proposal } = submission;
    return this.file({ caseId, context, request: proposal, requestedBy, t, again: (notice, earlier) => again(earlier && !isAzureTicket(earlier) ? earlier : proposal, notice) },
      (record) => this.options.api.createServiceRequest(proposal, { agentLocale: AGENT_LOCALES[locale], requestId: record.idempotencyKey }));
  }

  /**
   * Files once: reserves the record (idempotency key) before the call, records the outcome, notifies on the first
   * filing. A refused field shows the proposal again; any other failure keeps the record and says what to do. An
   * edit while an earlier attempt is unsettled shows that attempt's request again, to be submitted unchanged first.
   */
  private async file(
    filing: {
      caseId: string; context: CaseContext; request: ServiceRequestRecord['request']; requestedBy: Agent; t: Translate;
      again: (notice: string, earlier?: ServiceRequestRecord['request']) => Result;
    },
    create: (record: ServiceRequestRecord) => Promise<ServiceRequest>,
  ): Result {
    const { caseId, context, t } = filing;
    const { record, alreadyFiled, unsettled } = await this.options.store.reserve({ caseId, tenantId: context.customer.tenantId, customerName: context.customer.name, request: filing.request, requestedBy: filing.requestedBy });
    if (alreadyFiled) return cardResult(statusCard(record, t));
    if (unsettled) {
      this.options.logger.warn({ event: 'escalation.unsettledEdit', caseId, tenantId: record.tenantId, lastOutcome: record.attempts.at(-1)?.outcome ?? 'inFlight' }, 'edited request refused while an earlier attempt is unsettled');
      return filing.again(t('escalation.unsettledEdit'), record.request);
    }
    try {
      const created = await create(record);
      const filed = await this.options.store.markFiled(caseId, created);
      if (filed.first) await this.options.onFiled?.(filed.record).catch((error: unknown) => { this.options.logger.warn({ err: error, caseId }, 'escalation onFiled failed'); });
      return cardResult(statusCard(filed.record, t));
    } catch (error) {
      if (!(error instanceof MicrosoftApiError)) throw error;
      const failed = await this.options.store.recordFailure(caseId, error.kind, error.details.description);
      if (error.kind === 'validation') return filing.again(failureText(error, t));
      return cardResult(statusCard(failed, t, failureText(error, t)));
    }
  }

  /** Adds a note to a Partner Center request (Azure tickets take none from the card). */
  private async addNote(caseId: string, note: string, t: Translate): Result {
    const record = await this.options.store.get(caseId);
    if (record && isAzureTicket(record.request)) return cardResult(statusCard(record, t, t('escalation.azure.noNotes')));
    if (record && note === '') return cardResult(statusCard(record, t, t('escalation.card.noteRequired')));
    return this.update(caseId, t, (_record, id) => this.options.api.addNote(id, note));
  }

  /** Adds a note or closes; the change is ours, so the snapshot moves without notifying anyone. */
  private async update(caseId: string, t: Translate, call: (record: ServiceRequestRecord, id: string) => Promise<ServiceRequest>): Result {
    const record = await this.options.store.get(caseId);
    const seen = record?.serviceRequest;
    if (!record || !seen) return { kind: 'message', text: t('escalation.notFiled') };
    const updated = await call(record, seen.id);
    const next = updated.status === 'closed' ? snapshotOf(updated) : { ...snapshotOf(updated), status: seen.status };
    const stored = await this.options.store.advanceSnapshot(caseId, seen, next);
    return cardResult(statusCard(stored ?? (await this.options.store.get(caseId)) ?? record, t));
  }

  private async caseContext(caseId: string): Promise<CaseContext | undefined> {
    const found = await this.options.cases.getCase(caseId);
    const customer = found ? this.options.directory.find(found.tenantId) : undefined;
    if (!found || !customer) return undefined;
    const category = categorize(found.triage);
    const azure = azureSubscriptionOf(found.triage, customer.azureSubscriptionIds);
    const route = chooseRoute({
      category, entitlement: customer.supportPlan.microsoftTechnicalSupport,
      ...(azure.isAzure ? { azure: { subscriptionsListed: customer.azureSubscriptionIds.length > 0, ...(azure.id === undefined ? {} : { subscriptionId: azure.id }) } } : {}),
    });
    return {
      triage: found.triage, category, route, open: found.open, matchedIssues: found.matchedIssues, transcriptSummary: found.transcriptSummary, directoryEntry: customer,
      customer: { name: found.customerName || customer.name, tenantId: customer.tenantId, defaultDomain: customer.defaultDomain },
      ...(route.kind === 'azureSupportTicket' && route.subscriptionId !== undefined ? { subscriptionId: route.subscriptionId } : {}),
    };
  }
}
