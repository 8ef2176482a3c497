/**
 * Partner Center service request and customer operations over {@link PartnerCenterTransport}, with tolerant
 * parsing of the answers. Requests are written PascalCase like the documentation's samples.
 */
import type { NewServiceRequest, ServiceRequest, SupportTopic } from './model';
import { malformedAnswer } from '../../cloud/microsoftApiError';
import { type CallOptions, PartnerCenterTransport, type TransportOptions } from '../../cloud/partnerCenterTransport';
import { type CollectionPage, parseCollection, parseServiceRequest, parseSupportTopic, readAnswer, WireParseError } from './wireParse';
import { prop } from '../../cloud/caseInsensitiveJson';

/** A customer of the partner from `GET /v1/customers`. */
export interface PartnerCustomer {
  tenantId: string;
  domain: string;
  companyName: string;
}

/** Pages followed per collection before giving up. */
const MAX_PAGES = 100;

export class PartnerCenterClient {
  private readonly transport: PartnerCenterTransport;

  constructor(options: TransportOptions) {
    this.transport = new PartnerCenterTransport(options);
  }

  /** Support topics, the source of `supportTopicId`. */
  async listSupportTopics(): Promise<SupportTopic[]> {
    const items = await this.collection({ method: 'GET', path: '/v1/servicerequests/supporttopics' });
    return readAnswer('partnerCenter', () => items.map(parseSupportTopic));
  }

  /**
   * Files a partner-level service request. Pass the same `requestId` (MS-RequestId) when trying again after
   * an unknown outcome: Partner Center then returns the request it already created.
   */
  async createServiceRequest(request: NewServiceRequest, options: { agentLocale: string; requestId?: string }): Promise<ServiceRequest> {
    const body = {
      Title: request.title,
      Description: request.description,
      Severity: request.severity,
      SupportTopicId: request.supportTopicId,
      Attributes: { ObjectType: 'ServiceRequest' },
    };
    const answer = await this.transport.call({
      method: 'POST', path: `/v1/servicerequests/${encodeURIComponent(options.agentLocale)}`, body,
      ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
    });
    return readAnswer('partnerCenter', () => parseServiceRequest(answer));
  }

  async getServiceRequest(id: string): Promise<ServiceRequest> {
    const answer = await this.transport.call({ method: 'GET', path: `/v1/servicerequests/${encodeURIComponent(id)}` });
    return readAnswer('partnerCenter', () => parseServiceRequest(answer));
  }

  /** Adds a note (PATCH `NewNote`). */
  async addNote(id: string, text: string): Promise<ServiceRequest> {
    return this.patch(id, { NewNote: { Text: text } });
  }

  /** Closes the request (PATCH `Status: closed`). */
  async close(id: string): Promise<ServiceRequest> {
    return this.patch(id, { Status: 'closed' });
  }

  async listCustomerServiceRequests(customerTenantId: string): Promise<ServiceRequest[]> {
    const items = await this.collection({ method: 'GET', path: `/v1/customers/${encodeURIComponent(customerTenantId)}/servicerequests` });
    return readAnswer('partnerCenter', () => items.map(parseServiceRequest));
  }

  /** Every customer, following `MS-ContinuationToken` pages. */
  async listCustomers(pageSize = 100): Promise<PartnerCustomer[]> {
    const items = await this.collection({ method: 'GET', path: `/v1/customers?size=${String(pageSize)}` });
    return readAnswer('partnerCenter', () => items.map(readCustomer));
  }

  private async patch(id: string, body: unknown): Promise<ServiceRequest> {
    const answer = await this.transport.call({ method: 'PATCH', path: `/v1/servicerequests/${encodeURIComponent(id)}`, body });
    return readAnswer('partnerCenter', () => parseServiceRequest(answer));
  }

  /** GETs a collection and its `links.next` pages (relative URIs, sometimes without `/v1`). */
  private async collection(first: CallOptions): Promise<unknown[]> {
    const items: unknown[] = [];
    let call: CallOptions | undefined = first;
    for (let page = 0; call !== undefined; page += 1) {
      if (page >= MAX_PAGES) throw malformedAnswer('partnerCenter', new WireParseError(`more than ${String(MAX_PAGES)} pages`));
      const answer = await this.transport.call(call);
      const parsed: CollectionPage = readAnswer('partnerCenter', () => parseCollection(answer));
      items.push(...parsed.items);
      call = parsed.next && { method: 'GET', path: versionedPath(parsed.next.uri), headers: parsed.next.headers };
    }
    return items;
  }
}

/** `/customers?…` → `/v1/customers?…`; absolute URIs keep only path and query. */
function versionedPath(uri: string): string {
  const path = /^https?:\/\//i.test(uri) ? uri.replace(/^https?:\/\/[^/]+/i, '') : uri;
  const rooted = path.startsWith('/') ? path : `/${path}`;
  return /^\/v1\//i.test(rooted) ? rooted : `/v1${rooted}`;
}

function readCustomer(item: unknown): PartnerCustomer {
  if (typeof item !== 'object' || item === null) throw new WireParseError('customer is not an object');
  const record = item as Record<string, unknown>;
  const profileValue = prop(record, 'companyProfile');
  const profile = typeof profileValue === 'object' && profileValue !== null ? (profileValue as Record<string, unknown>) : {};
  const id = prop(record, 'id') ?? prop(profile, 'tenantId');
  if (typeof id !== 'string') throw new WireParseError('customer has no id');
  const asText = (value: unknown): string => (typeof value === 'string' ? value : '');
  return { tenantId: id, domain: asText(prop(profile, 'domain')), companyName: asText(prop(profile, 'companyName')) };
}
