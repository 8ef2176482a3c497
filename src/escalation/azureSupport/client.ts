/**
 * Azure support tickets over ARM `Microsoft.Support` (api-version 2024-04-01): services and problem
 * classifications, create (checkNameAvailability, then PUT, following the `Azure-AsyncOperation` of a 202),
 * read and close. Calls on a subscription carry the customer tenant's token and the partner tenant's
 * auxiliary token; headers, host check and retries come from {@link ArmTransport}.
 *
 * Idempotency: the ticket name is chosen by the caller (derived from the case's idempotency key). A name that
 * is already taken, before the PUT or by a 409 on it, means our earlier attempt created the ticket: it is read back.
 */
import { type ArmCall, ArmTransport, type ArmTransportOptions } from '../../cloud/armTransport';
import { AzureSupportError } from '../../cloud/microsoftApiError';
import type { JsonAnswer } from '../../cloud/retryingFetch';
import { parseRetryAfter } from '../../cloud/retryTiming';
import {
  AZURE_SUPPORT_API_VERSION, type AzureCommunication, type AzureService, type NewAzureTicket, type ProblemClassification,
} from './model';
import {
  parseArmList, parseArmPage, parseAzureService, parseAzureTicket, parseCommunication, parseOperationStatus, parseProblemClassification,
} from './parse';
import type { ServiceRequest } from '../partnerCenter/model';
import { readAnswer, WireParseError } from '../partnerCenter/wireParse';

/** The ARM endpoint, tokens, locale and retry tunables of {@link ArmTransportOptions}, and the client's own. */
export interface AzureSupportClientOptions extends Omit<ArmTransportOptions, 'apiVersion'> {
  /** Tenant whose token lists services and problem classifications (the partner's). */
  partnerTenantId: string;
  /** Status polls of a create's long-running operation before the ticket is returned as submitted; default 6. */
  maxOperationPolls?: number;
  /** Longest wait between two polls, ms (Retry-After is honoured up to it); default 10 000. */
  maxPollDelayMs?: number;
  /** Pages of a list followed before the rest is dropped; default 20. */
  maxPages?: number;
}

/** Where a ticket lives: the subscription, its name, and the customer tenant that owns the subscription. */
export interface TicketLocation {
  subscriptionId: string;
  name: string;
  tenantId: string;
}

type Method = ArmCall['method'];

export class AzureSupportClient {
  private readonly transport: ArmTransport;

  constructor(private readonly options: AzureSupportClientOptions) {
    this.transport = new ArmTransport({ ...options, apiVersion: AZURE_SUPPORT_API_VERSION });
  }

  /** Azure services that take support tickets. */
  async listServices(): Promise<AzureService[]> {
    const answer = await this.call('GET', '/providers/Microsoft.Support/services', this.options.partnerTenantId);
    return readAnswer('azureSupport', () => parseArmList(answer.body).map(parseAzureService));
  }

  /** Problem classifications of one service (`service.name`). */
  async listProblemClassifications(serviceName: string): Promise<ProblemClassification[]> {
    const answer = await this.call('GET', `/providers/Microsoft.Support/services/${encodeURIComponent(serviceName)}/problemClassifications`, this.options.partnerTenantId);
    return readAnswer('azureSupport', () => parseArmList(answer.body).map(parseProblemClassification));
  }

  /** Files the ticket under `location.name`, or returns the ticket an earlier attempt filed under that name. */
  async createTicket(ticket: NewAzureTicket, location: TicketLocation): Promise<ServiceRequest> {
    if (!(await this.nameAvailable(location))) return this.getTicket(location);
    const { kind: _kind, subscriptionId: _subscriptionId, ...properties } = ticket;
    let answer: JsonAnswer;
    try {
      answer = await this.call('PUT', ticketPath(location), location.tenantId, { properties });
    } catch (error) {
      if (error instanceof AzureSupportError && error.details.status === 409) return this.getTicket(location);
      throw error;
    }
    if (answer.status !== 202) return readAnswer('azureSupport', () => parseAzureTicket(answer.body));
    return (await this.awaitOperation(answer, location.tenantId)) ? this.getTicket(location) : submittedTicket(ticket, location);
  }

  async getTicket(location: TicketLocation): Promise<ServiceRequest> {
    const answer = await this.call('GET', ticketPath(location), location.tenantId);
    return readAnswer('azureSupport', () => parseAzureTicket(answer.body));
  }

  /**
   * Every communication of the ticket, following `nextLink` on the ARM host only (tokens go nowhere else), at most
   * `maxPages` pages (default 20).
   */
  async listCommunications(location: TicketLocation): Promise<AzureCommunication[]> {
    const communications: AzureCommunication[] = [];
    let answer = await this.call('GET', `${ticketPath(location)}/communications`, location.tenantId);
    for (let page = 1; ; page += 1) {
      const { value, nextLink } = readAnswer('azureSupport', () => parseArmPage(answer.body));
      communications.push(...readAnswer('azureSupport', () => value.map(parseCommunication)));
      if (nextLink === undefined || page >= (this.options.maxPages ?? 20)) return communications;
      answer = await this.call('GET', this.transport.pathOf(nextLink, 'nextLink'), location.tenantId, undefined, false);
    }
  }

  /** Closes the ticket: PATCH with the flat UpdateSupportTicket body `{"status":"closed"}` (no `properties` wrapper). */
  async closeTicket(location: TicketLocation): Promise<ServiceRequest> {
    const answer = await this.call('PATCH', ticketPath(location), location.tenantId, { status: 'closed' });
    return readAnswer('azureSupport', () => parseAzureTicket(answer.body));
  }

  private async nameAvailable(location: TicketLocation): Promise<boolean> {
    const path = `/subscriptions/${encodeURIComponent(location.subscriptionId)}/providers/Microsoft.Support/checkNameAvailability`;
    const answer = await this.call('POST', path, location.tenantId, { name: location.name, type: 'Microsoft.Support/supportTickets' });
    return readAnswer('azureSupport', () => {
      const available = (answer.body as { nameAvailable?: unknown } | undefined)?.nameAvailable;
      if (typeof available !== 'boolean') throw new WireParseError('checkNameAvailability has no nameAvailable');
      return available;
    });
  }

  /**
   * Polls the `Azure-AsyncOperation` of a 202 (its path, on the configured ARM host: tokens go nowhere else). True when
   * it succeeded, false when it still runs after the allowed polls; a failed operation is a `validation` error.
   */
  private async awaitOperation(accepted: JsonAnswer, tenantId: string): Promise<boolean> {
    const target = accepted.headers.get('azure-asyncoperation') ?? accepted.headers.get('location');
    const path = this.transport.pathOf(target, 'Azure-AsyncOperation');
    let retryAfter = accepted.headers.get('retry-after');
    for (let poll = 0; poll < (this.options.maxOperationPolls ?? 6); poll += 1) {
      const waitMs = parseRetryAfter(retryAfter, (this.options.now ?? Date.now)()) ?? 1_000;
      await new Promise((resolve) => setTimeout(resolve, Math.min(waitMs, this.options.maxPollDelayMs ?? 10_000)));
      const answer = await this.call('GET', path, tenantId, undefined, false);
      const status = readAnswer('azureSupport', () => parseOperationStatus(answer.body));
      if (status.state === 'succeeded') return true;
      if (status.state === 'failed') throw new AzureSupportError('validation', { description: status.message, ...(status.code ? { code: status.code } : {}), requestId: '', correlationId: '', attempts: 1 });
      retryAfter = answer.headers.get('retry-after');
    }
    return false;
  }

  /** One ARM call on `path` (api-version added unless `versioned` is false: operation URLs carry their own). */
  private call(method: Method, path: string, tenantId: string, body?: unknown, versioned = true): Promise<JsonAnswer> {
    return this.transport.call({ method, path, tenantId, body, versioned });
  }
}

function ticketPath(location: TicketLocation): string {
  return `/subscriptions/${encodeURIComponent(location.subscriptionId)}/providers/Microsoft.Support/supportTickets/${encodeURIComponent(location.name)}`;
}

/** A ticket whose create operation still runs: known by its name, `none` (submitted) until the tracker reads it. */
function submittedTicket(ticket: NewAzureTicket, location: TicketLocation): ServiceRequest {
  return { id: location.name, title: ticket.title, description: ticket.description, severity: ticket.severity, status: 'none', supportTopicId: ticket.problemClassificationId, notes: [] };
}
