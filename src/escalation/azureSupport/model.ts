/**
 * Azure support tickets (ARM `Microsoft.Support`, api-version 2024-04-01), as the bot files them for a customer's
 * Azure subscription. See partner-center-service-requests.md, "Azure support tickets".
 */
import type { Severity } from '../../problem/triageModel';

export const AZURE_SUPPORT_API_VERSION = '2024-04-01';

/** An Azure service from `GET /providers/Microsoft.Support/services`; `id` is the full resource id. */
export interface AzureService {
  id: string;
  /** Last segment of the id (the service's GUID), used in the problem classifications route. */
  name: string;
  displayName: string;
}

/** A problem classification of a service; `id` is the full resource id. */
export interface ProblemClassification {
  id: string;
  name: string;
  displayName: string;
}

/** `contactDetails` of a ticket: who Microsoft contacts, in which language, country and time zone. */
export interface AzureContactDetails {
  firstName: string;
  lastName: string;
  preferredContactMethod: 'email';
  primaryEmailAddress: string;
  /** Windows time zone name, e.g. "Romance Standard Time". */
  preferredTimeZone: string;
  /** ISO 3166-1 alpha-3, e.g. "FRA". */
  country: string;
  /** e.g. "fr-fr". */
  preferredSupportLanguage: string;
}

/** What the bot files: the ticket's writable fields, and the subscription it is filed on. */
export interface NewAzureTicket {
  kind: 'azureSupportTicket';
  subscriptionId: string;
  serviceId: string;
  problemClassificationId: string;
  title: string;
  description: string;
  severity: Severity;
  advancedDiagnosticConsent: 'Yes' | 'No';
  contactDetails: AzureContactDetails;
}

/** A message on a support ticket (`…/supportTickets/{name}/communications`). */
export interface AzureCommunication {
  /** ARM name of the communication: unique within the ticket. */
  name: string;
  subject: string;
  body: string;
  /** `inbound`: from Microsoft to the customer; `outbound`: from the customer's side (as in the published example). */
  direction: 'inbound' | 'outbound' | 'unknown';
  sender: string;
  createdDate: string;
}

/** Whether a filed request is an Azure support ticket (otherwise a Partner Center service request). */
export function isAzureTicket(request: object): request is NewAzureTicket {
  return 'kind' in request && request.kind === 'azureSupportTicket';
}
