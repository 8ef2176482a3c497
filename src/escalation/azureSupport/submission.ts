/** Reads the Azure ticket proposal card's inputs back from an Action.Execute. Pure. */
import type { AzureContactDetails, AzureService, NewAzureTicket, ProblemClassification } from './model';
import { field, invalidProblemField, severityOf } from '../partnerCenter/submission';

export type AzureSubmissionField =
  | 'subscriptionId' | 'serviceId' | 'problemClassificationId' | 'severity' | 'title' | 'description'
  | 'firstName' | 'lastName' | 'primaryEmailAddress' | 'country' | 'preferredTimeZone' | 'preferredSupportLanguage';

/** The submitted ticket, or the first invalid field with what was submitted (to show the card again). */
export type AzureSubmission = { ok: true; ticket: NewAzureTicket } | { ok: false; field: AzureSubmissionField; ticket: NewAzureTicket };

/** What a submission is checked against. */
export interface AzureSubmissionRules {
  /** The customer's subscriptions from the directory: a ticket goes only on one of them (none listed: none). */
  subscriptions: readonly string[];
  services: readonly AzureService[];
  /** Problem classifications of the submitted service. */
  classifications: readonly ProblemClassification[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CONTACT_RULES: ReadonlyArray<[keyof AzureContactDetails & AzureSubmissionField, RegExp]> = [
  ['firstName', /\S/], ['lastName', /\S/], ['primaryEmailAddress', EMAIL], ['country', /^[A-Z]{3}$/i],
  ['preferredTimeZone', /\S/], ['preferredSupportLanguage', /^[a-z]{2}-[a-z]{2,4}$/i],
];

export function readAzureSubmission(data: Record<string, unknown>, rules: AzureSubmissionRules): AzureSubmission {
  const subscriptionId = field(data, 'subscriptionId').toLowerCase();
  const ticket: NewAzureTicket = {
    kind: 'azureSupportTicket',
    subscriptionId,
    serviceId: field(data, 'serviceId'),
    problemClassificationId: field(data, 'problemClassificationId'),
    severity: severityOf(data) ?? 'moderate',
    title: field(data, 'title'),
    description: field(data, 'description'),
    advancedDiagnosticConsent: field(data, 'advancedDiagnosticConsent') === 'Yes' ? 'Yes' : 'No',
    contactDetails: {
      firstName: field(data, 'firstName'),
      lastName: field(data, 'lastName'),
      preferredContactMethod: 'email',
      primaryEmailAddress: field(data, 'primaryEmailAddress'),
      preferredTimeZone: field(data, 'preferredTimeZone'),
      country: field(data, 'country').toUpperCase(),
      preferredSupportLanguage: field(data, 'preferredSupportLanguage').toLowerCase(),
    },
  };
  const knownSubscription = rules.subscriptions.some((s) => s.toLowerCase() === subscriptionId);
  const invalid: AzureSubmissionField | undefined =
    !knownSubscription ? 'subscriptionId'
      : !rules.services.some((s) => s.id === ticket.serviceId) ? 'serviceId'
        : !rules.classifications.some((c) => c.id === ticket.problemClassificationId) ? 'problemClassificationId'
          : invalidProblemField(data) ?? CONTACT_RULES.find(([name, rule]) => !rule.test(ticket.contactDetails[name]))?.[0];
  return invalid === undefined ? { ok: true, ticket } : { ok: false, field: invalid, ticket };
}
