/**
 * The editable Azure support ticket proposal: subscription, service, problem classification, severity, title,
 * description, the contact Microsoft will reach, and the advanced diagnostics consent. Submit files the ticket.
 */
import type { RenderedCard } from '../../cards/renderCard';
import type { Translate } from '../../i18n';
import type { AzureService, NewAzureTicket, ProblemClassification } from './model';
import { card, type Element, problemInputs, rendered, submitActions, text } from '../cards';

export interface AzureProposalCardInput {
  caseId: string;
  ticket: NewAzureTicket;
  /** The customer's subscriptions from the directory (the route offers no Azure ticket without one). */
  subscriptions: readonly string[];
  services: readonly AzureService[];
  /** Problem classifications of `ticket.serviceId`. */
  classifications: readonly ProblemClassification[];
  routeExplanation: string;
  /** A warning above the fields (e.g. a field Azure refused). */
  notice?: string;
  /** The Azure Service Health events the customer was shown, in one line, for the agent to weigh before filing. */
  serviceHealth?: string;
}

function choice(id: string, label: string, value: string, choices: { title: string; value: string }[], errorMessage: string): Element {
  return { type: 'Input.ChoiceSet', id, label, value, choices, isRequired: true, errorMessage };
}

function input(id: string, label: string, value: string, errorMessage: string, extra: Element = {}): Element {
  return { type: 'Input.Text', id, label, value, isRequired: true, errorMessage, ...extra };
}

export function azureProposalCard(proposal: AzureProposalCardInput, t: Translate): RenderedCard {
  const { ticket } = proposal;
  const contact = ticket.contactDetails;
  const required = t('escalation.azure.required');
  const subscription = choice('subscriptionId', t('escalation.azure.subscription'), ticket.subscriptionId, proposal.subscriptions.map((id) => ({ title: id, value: id })), required);
  const body: Element[] = [
    text(t('escalation.azure.heading'), { size: 'Medium', weight: 'Bolder' }),
    text(proposal.routeExplanation, { isSubtle: true }),
    ...(proposal.notice ? [text(proposal.notice, { color: 'Attention' })] : []),
    ...(proposal.serviceHealth ? [text(proposal.serviceHealth, { color: 'Warning' })] : []),
    subscription,
    choice('serviceId', t('escalation.azure.service'), ticket.serviceId, proposal.services.map((s) => ({ title: s.displayName, value: s.id })), required),
    choice('problemClassificationId', t('escalation.azure.problemClassification'), ticket.problemClassificationId,
      proposal.classifications.map((c) => ({ title: c.displayName, value: c.id })), required),
    ...problemInputs(ticket, t),
    text(t('escalation.azure.contact'), { weight: 'Bolder', spacing: 'Medium' }),
    input('firstName', t('escalation.azure.firstName'), contact.firstName, required),
    input('lastName', t('escalation.azure.lastName'), contact.lastName, required),
    input('primaryEmailAddress', t('escalation.azure.email'), contact.primaryEmailAddress, t('escalation.azure.invalid.primaryEmailAddress'), { style: 'Email' }),
    input('country', t('escalation.azure.country'), contact.country, t('escalation.azure.invalid.country'), { maxLength: 3 }),
    input('preferredTimeZone', t('escalation.azure.timeZone'), contact.preferredTimeZone, required),
    input('preferredSupportLanguage', t('escalation.azure.language'), contact.preferredSupportLanguage, t('escalation.azure.invalid.preferredSupportLanguage')),
    {
      type: 'Input.Toggle', id: 'advancedDiagnosticConsent', title: t('escalation.azure.diagnosticConsent'),
      value: ticket.advancedDiagnosticConsent, valueOn: 'Yes', valueOff: 'No',
    },
  ];
  return rendered(card(body, submitActions(proposal.caseId, t)), t('escalation.azure.summary', { caseId: proposal.caseId }));
}
