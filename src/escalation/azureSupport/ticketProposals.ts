/**
 * The Azure side of the escalation desk: builds the ticket proposal card for a case (catalogues from ARM, cached)
 * and reads a submitted proposal back against the same catalogues and the customer's subscriptions.
 */
import type { Customer } from '../../directory/customerDirectory';
import type { Translate } from '../../i18n';
import { type AzureSubmission, readAzureSubmission } from './submission';
import type { TicketLocation } from './client';
import type { AzureService, NewAzureTicket, ProblemClassification } from './model';
import { azureProposalCard } from './ticketCard';
import { contactDetailsFor, matchAzureService, proposeAzureTicket } from './ticketProposal';
import { cachedLoader } from '../cachedLoader';
import type { RenderedCard } from '../../cards/renderCard';
import type { ServiceRequest } from '../partnerCenter/model';
import type { ProposalInput } from '../partnerCenter/proposal';
import { azureEventsFact } from '../../health/azureServiceHealthCards';

/** The ARM operations the desk uses (AzureSupportClient fits). */
export interface AzureSupportApi {
  listServices(): Promise<AzureService[]>;
  listProblemClassifications(serviceName: string): Promise<ProblemClassification[]>;
  createTicket(ticket: NewAzureTicket, location: TicketLocation): Promise<ServiceRequest>;
  closeTicket(location: TicketLocation): Promise<ServiceRequest>;
}

/** A case as an Azure proposal needs it: the proposal facts, the directory entry, the subscription picked if any. */
export interface AzureCaseContext extends Omit<ProposalInput, 'topics'> {
  directoryEntry: Customer;
  subscriptionId?: string;
}

export class AzureTicketProposals {
  private readonly services: () => Promise<AzureService[]>;
  private readonly classificationsOf: (serviceName: string) => Promise<ProblemClassification[]>;

  constructor(api: AzureSupportApi, ttlMs: number) {
    const services = cachedLoader(() => api.listServices(), ttlMs);
    this.services = () => services('');
    this.classificationsOf = cachedLoader((name) => api.listProblemClassifications(name), ttlMs);
  }

  /** The proposal card: `ticket` as submitted before (shown again with `notice`), or a fresh proposal for the case. */
  async card(caseId: string, context: AzureCaseContext, routeExplanation: string, t: Translate, shown?: { ticket: NewAzureTicket; notice?: string }): Promise<RenderedCard> {
    const services = await this.services();
    const service = shown ? services.find((s) => s.id === shown.ticket.serviceId) : matchAzureService(services, context.triage);
    const classifications = service ? await this.classificationsOf(service.name) : [];
    const ticket = shown?.ticket ?? proposeAzureTicket({
      ...context, service, classifications,
      contactDetails: contactDetailsFor(context.triage.user.name, context.triage.locale, context.directoryEntry),
    }, t);
    const serviceHealth = azureEventsFact(context.triage.diagnosis?.azureEvents, t);
    return azureProposalCard({
      caseId, ticket, services, classifications, routeExplanation, subscriptions: context.directoryEntry.azureSubscriptionIds,
      ...(shown?.notice === undefined ? {} : { notice: shown.notice }),
      ...(serviceHealth ? { serviceHealth: `${serviceHealth.label}: ${serviceHealth.value}` } : {}),
    }, t);
  }

  /** Reads a submitted proposal: the ticket, or the first field to fix. */
  async read(data: Record<string, unknown>, context: AzureCaseContext): Promise<AzureSubmission> {
    const services = await this.services();
    const service = services.find((s) => s.id === data.serviceId);
    const classifications = service ? await this.classificationsOf(service.name) : [];
    return readAzureSubmission(data, { subscriptions: context.directoryEntry.azureSubscriptionIds, services, classifications });
  }
}
