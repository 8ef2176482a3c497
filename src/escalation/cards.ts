/**
 * Adaptive Cards of the escalation: the editable proposal and the service request status. Built as objects
 * (not templates) so that text from customers and Microsoft is never read as template syntax. Strings via i18n.
 */
import type { Severity } from '../problem/triageModel';
import type { Translate } from '../i18n';
import { plainText } from '../text/plainText';
import type { RenderedCard } from '../cards/renderCard';
import { adaptiveCardAttachment } from '../teams/cardMessages';
import { isAzureTicket } from './azureSupport/model';
import type { SupportTopic } from './partnerCenter/model';
import type { Proposal } from './partnerCenter/proposal';
import type { ServiceRequestRecord } from './serviceRequestStore';

/** A card element or action as JSON. */
export type Element = Record<string, unknown>;

export const VERB_PROPOSE = 'escalation.propose';
export const VERB_SUBMIT = 'escalation.submit';
export const VERB_ADD_NOTE = 'escalation.addNote';
export const VERB_CLOSE = 'escalation.close';

const SEVERITIES: readonly Severity[] = ['critical', 'moderate', 'minimal'];
const TITLE_MAX = 120;

/** An Adaptive Card 1.5 with its body and actions. */
export function card(body: Element[], actions: Element[]): Element {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, actions };
}

/** A wrapping TextBlock. */
export function text(value: string, extra: Element = {}): Element {
  return { type: 'TextBlock', text: value, wrap: true, ...extra };
}

/** The card with its attachment and summary text. */
export function rendered(content: Element, summary: string): RenderedCard {
  return { card: content, attachment: adaptiveCardAttachment(content), summary };
}

export interface ProposalCardInput {
  caseId: string;
  proposal: Proposal;
  topics: readonly SupportTopic[];
  /** How the request will reach Microsoft. */
  routeExplanation: string;
  /** A warning above the fields (e.g. a field Partner Center refused). */
  notice?: string;
}

/** The editable proposal: topic, severity, title, description; submit files the request. */
export function proposalCard(input: ProposalCardInput, t: Translate): RenderedCard {
  const { proposal } = input;
  const body: Element[] = [
    text(t('escalation.proposal.heading'), { size: 'Medium', weight: 'Bolder' }),
    text(input.routeExplanation, { isSubtle: true }),
    ...(input.notice ? [text(input.notice, { color: 'Attention' })] : []),
    {
      type: 'Input.ChoiceSet', id: 'supportTopicId', label: t('escalation.proposal.topic'), isRequired: true, errorMessage: t('escalation.proposal.topicRequired'),
      value: proposal.supportTopicId, choices: input.topics.map((topic) => ({ title: topic.name, value: topic.id })),
    },
    ...problemInputs(proposal, t),
  ];
  return rendered(card(body, submitActions(input.caseId, t)), t('escalation.proposal.summary', { caseId: input.caseId }));
}

/** Severity, title and description inputs, shared by both proposals. */
export function problemInputs(proposal: Pick<Proposal, 'severity' | 'title' | 'description'>, t: Translate): Element[] {
  return [
    {
      type: 'Input.ChoiceSet', id: 'severity', label: t('escalation.proposal.severity'), isRequired: true, value: proposal.severity,
      errorMessage: t('escalation.proposal.severityRequired'),
      choices: SEVERITIES.map((s) => ({ title: t(`escalation.severity.${s}`), value: s })),
    },
    { type: 'Input.Text', id: 'title', label: t('escalation.proposal.title'), isRequired: true, maxLength: TITLE_MAX, value: proposal.title, errorMessage: t('escalation.proposal.titleRequired') },
    { type: 'Input.Text', id: 'description', label: t('escalation.proposal.description'), isRequired: true, isMultiline: true, value: proposal.description, errorMessage: t('escalation.proposal.descriptionRequired') },
  ];
}

/** The submit button of a proposal. */
export function submitActions(caseId: string, t: Translate): Element[] {
  return [{ type: 'Action.Execute', verb: VERB_SUBMIT, title: t('escalation.proposal.submit'), data: { caseId }, style: 'positive' }];
}

/** The request's (or Azure ticket's) id, status, last note, and while open the close action (and add-note for Partner Center). */
export function statusCard(record: ServiceRequestRecord, t: Translate, notice?: string): RenderedCard {
  const sr = record.serviceRequest;
  const azure = isAzureTicket(record.request) ? record.request : undefined;
  const status = sr ? t(`escalation.status.${sr.status}`) : t(`escalation.state.${record.state}`);
  const facts = [
    { title: t(azure ? 'escalation.card.ticketId' : 'escalation.card.requestId'), value: sr?.id ?? '-' },
    { title: t('escalation.card.status'), value: status },
    { title: t('escalation.card.severity'), value: t(`escalation.severity.${record.request.severity}`) },
    { title: t('escalation.card.customer'), value: plainText(record.customerName) },
    ...(azure ? [{ title: t('escalation.azure.subscription'), value: azure.subscriptionId }] : []),
    { title: t('escalation.card.requestedBy'), value: plainText(record.requestedBy.name) },
  ];
  const body: Element[] = [
    text(t(azure ? 'escalation.card.azureHeading' : 'escalation.card.heading'), { size: 'Medium', weight: 'Bolder' }),
    text(plainText(record.request.title)),
    ...(notice ? [text(notice, { color: 'Attention' })] : []),
    { type: 'FactSet', facts },
    ...(sr?.lastNote ? [text(t('escalation.card.lastNote', { author: plainText(sr.lastNote.createdByName), text: plainText(sr.lastNote.text) }), { isSubtle: true })] : []),
  ];
  const open = sr !== undefined && sr.status !== 'closed';
  const data = { caseId: record.caseId };
  const addNote: Element[] = azure ? [] : [
    {
      type: 'Action.ShowCard', title: t('escalation.card.addNote'),
      card: card([{ type: 'Input.Text', id: 'note', isMultiline: true, isRequired: true, label: t('escalation.card.note'), errorMessage: t('escalation.card.noteRequired') }],
        [{ type: 'Action.Execute', verb: VERB_ADD_NOTE, title: t('escalation.card.send'), data }]),
    },
  ];
  const actions: Element[] = open
    ? [...addNote, { type: 'Action.Execute', verb: VERB_CLOSE, title: t('escalation.card.close'), data }]
    : record.state === 'failed' ? [{ type: 'Action.Execute', verb: VERB_PROPOSE, title: t('escalation.card.retry'), data }] : [];
  return rendered(card(body, actions), t('escalation.card.summary', { id: sr?.id ?? '-', status }));
}
