/**
 * Azure support tickets over ARM `Microsoft.Support` (api-version 2024-04-01): services and problem
 * classifications, create (checkNameAvailability, then PUT, following the `Azure-AsyncOperation` of a 202),
 * read and close. Calls on a subscription carry the customer tenant's token and the partner tenant's
 * auxiliary token; retries come from {@link fetchJsonWithRetries}.
 *
 * Idempotency: the ticket name is chosen by the caller (derived from the case's idempotency key). A name that
 * is already taken, before the PUT or by a 409 on it, means our earlier attempt created the ticket: it is read back.
 */
import { randomUUID } from 'node:crypto';
import { parseRetryAfter } from '../../cloud/retryTiming';
import { AzureSupportError, malformedAnswer } from '../../cloud/microsoftApiError';
import {
  AZURE_SUPPORT_API_VERSION, type AzureCommunication, type AzureService, type NewAzureTicket, type ProblemClassification,
} from './model';
import {
  parseArmError, parseArmList, parseArmPage, parseAzureService, parseAzureTicket, parseCommunication, parseOperationStatus, parseProblemClassification,
} from './parse';
import type { AzureSupportTokenSource } from '../../cloud/azureSupportTokens';
import type { ServiceRequest } from '../partnerCenter/model';
import { fetchJsonWithRetries, type JsonAnswer, type RetryingFetchOptions } from '../../cloud/retryingFetch';
import { readAnswer, WireParseError } from '../partnerCenter/wireParse';

export interface AzureSupportClientOptions extends RetryingFetchOptions {
  /** ARM endpoint, e.g. https://management.azure.com (AZURE_RESOURCE_MANAGER_URL). */
  baseUrl: string;
  /** Tenant whose token lists services and problem classifications (the partner's). */
  partnerTenantId: string;
  /** Undefined: no Authorization headers (local stand-in). */
  tokens?: AzureSupportTokenSource;
  /** Status polls of a create's long-running operation before the ticket is returned as submitted; default 6. */
  maxOperationPolls?: number;
  /** Longest wait between two polls, ms (Retry-After is honoured up to it); default 10 000. */
  maxPollDelayMs?: number;
  /** Accept-Language of the answers; default en-US. */
  locale?: string;
  /** Pages of a list followed before the rest is dropped; default 20. */
  maxPages?: number;
}

/** Where a ticket lives: the subscription, its name, and the customer tenant that owns the subscription. */
export interface TicketLocation {
  subscriptionId: string;
  name: string;
  tenantId: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

export class AzureSupportClient {
  private readonly base: URL;

  constructor(private readonly options: AzureSupportClientOptions) {
    this.base = new URL(options.baseUrl);
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
      answer = await this.call('GET', armPathOf(nextLink, 'nextLink', this.base), location.tenantId, undefined, false);
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
    const path = armPathOf(target, 'Azure-AsyncOperation', this.base);
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
  private async call(method: Method, path: string, tenantId: string, body?: unknown, versioned = true): Promise<JsonAnswer> {
    const url = new URL(path, this.base);
    // A path that names a host of its own (`//evil.example/x`) would take the customer's token elsewhere.
    if (url.origin !== this.base.origin) throw malformedAnswer('azureSupport', new WireParseError('a link to another host than Azure Resource Manager'));
    if (versioned) url.searchParams.set('api-version', AZURE_SUPPORT_API_VERSION);
    const ids = { requestId: randomUUID(), correlationId: randomUUID() };
    const headers = async (): Promise<Record<string, string>> => ({
      Accept: 'application/json',
      'Accept-Language': this.options.locale ?? 'en-US',
      'x-ms-client-request-id': ids.requestId,
      'x-ms-correlation-request-id': ids.correlationId,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(this.options.tokens ? await this.options.tokens.headersFor(tenantId) : {}),
    });
    const result = await fetchJsonWithRetries({ method, url: url.toString(), headers, body, log: { path: url.pathname, requestId: ids.requestId, tenantId } }, this.options, 'azure support');
    if (result.ok) return result.answer;
    const { kind, status, attempts, cause } = result.failure;
    const error = parseArmError(result.failure.body);
    throw new AzureSupportError(kind, { ...ids, attempts, ...(status === undefined ? {} : { status }), ...error }, { cause });
  }
}

function ticketPath(location: TicketLocation): string {
  return `/subscriptions/${encodeURIComponent(location.subscriptionId)}/providers/Microsoft.Support/supportTickets/${encodeURIComponent(location.name)}`;
}

/** A ticket whose create operation still runs: known by its name, `none` (submitted) until the tracker reads it. */
function submittedTicket(ticket: NewAzureTicket, location: TicketLocation): ServiceRequest {
  return { id: location.name, title: ticket.title, description: ticket.description, severity: ticket.severity, status: 'none', supportTopicId: ticket.problemClassificationId, notes: [] };
}

/**
 * The path and query of a link of an answer (operation status, nextLink), to be called on the configured ARM host
 * whatever host the link names: published answers name management.azure.com, and tokens go to no other host.
 */
function armPathOf(link: string | null | undefined, what: string, base: URL): string {
  const url = link ? URL.parse(link, base.href) : null;
  if (!url) throw malformedAnswer('azureSupport', new WireParseError(`answer without a usable ${what}`));
  return `${url.pathname}${url.search}`;
}
