/**
 * The partner's customers as Partner Center lists them (`GET /v1/customers?size=…`), every page followed:
 * a page names the next one in `links.next` (its `uri` and `headers`, among them `MS-ContinuationToken`) and
 * repeats the token as `continuationToken` in the body. Parsing is pure; {@link PartnerCenterCustomerList} does the I/O.
 */
import { prop } from '../cloud/caseInsensitiveJson';
import { malformedAnswer } from '../cloud/microsoftApiError';
import type { CallOptions, PartnerCenterTransport } from '../cloud/partnerCenterTransport';
import { isJsonObject } from '../jsonObject';

/** A customer of the partner: `id` is the customer's Entra tenant id. */
export interface ListedCustomer {
  tenantId: string;
  companyName: string;
  /** `companyProfile.domain`, e.g. contoso.onmicrosoft.com. */
  domain: string;
}

/** One page of the list and where the next one is, if any. */
export interface CustomerPage {
  customers: ListedCustomer[];
  next?: { path: string; headers: Record<string, string> };
}

/** Partner Center's answer is not a customer collection. */
export class CustomerListError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CustomerListError';
  }
}

const CONTINUATION_HEADER = 'MS-ContinuationToken';
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function text(record: Record<string, unknown>, name: string): string | undefined {
  const value = prop(record, name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A `Customer` resource; the tenant id is `id` (the published sample's `companyProfile.tenantId` is a placeholder). */
export function parseCustomer(item: unknown): ListedCustomer {
  if (!isJsonObject(item)) throw new CustomerListError('a customer is not an object');
  const id = text(item, 'id');
  if (id === undefined || !TENANT_ID.test(id)) throw new CustomerListError(`customer id ${String(id)} is not a tenant id`);
  const profileValue = prop(item, 'companyProfile');
  const profile = isJsonObject(profileValue) ? profileValue : {};
  const domain = text(profile, 'domain') ?? '';
  return { tenantId: id.toLowerCase(), companyName: text(profile, 'companyName') ?? (domain || id.toLowerCase()), domain };
}

/** `/customers?…` → `/v1/customers?…`; an absolute URI keeps only its path and query. */
export function versionedPath(uri: string): string {
  const path = uri.replace(/^https?:\/\/[^/]+/i, '');
  const rooted = path.startsWith('/') ? path : `/${path}`;
  return /^\/v1\//i.test(rooted) ? rooted : `/v1${rooted}`;
}

function nextHeaders(next: Record<string, unknown>, bodyToken: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const listed = prop(next, 'headers');
  for (const header of Array.isArray(listed) ? listed : []) {
    const key = isJsonObject(header) ? text(header, 'key') : undefined;
    const value = isJsonObject(header) ? text(header, 'value') : undefined;
    if (key !== undefined && value !== undefined) headers[key] = value;
  }
  const hasToken = Object.keys(headers).some((key) => key.toLowerCase() === CONTINUATION_HEADER.toLowerCase());
  return hasToken || bodyToken === undefined ? headers : { ...headers, [CONTINUATION_HEADER]: bodyToken };
}

/** Reads one page of `GET /v1/customers`. */
export function parseCustomerPage(body: unknown): CustomerPage {
  if (!isJsonObject(body)) throw new CustomerListError('the customer list is not an object');
  const items = prop(body, 'items');
  if (!Array.isArray(items)) throw new CustomerListError('the customer list has no items array');
  const customers = items.map(parseCustomer);
  const links = prop(body, 'links');
  const next = isJsonObject(links) ? prop(links, 'next') : undefined;
  const uri = isJsonObject(next) ? text(next, 'uri') : undefined;
  if (!isJsonObject(next) || uri === undefined) return { customers };
  return { customers, next: { path: versionedPath(uri), headers: nextHeaders(next, text(body, 'continuationToken')) } };
}

/** Pages followed before the list is called malformed (a server that never stops paging). */
export const MAX_CUSTOMER_PAGES = 500;

/** Lists every customer of the partner through the Partner Center transport (app+user or app-only token). */
export class PartnerCenterCustomerList {
  constructor(private readonly transport: Pick<PartnerCenterTransport, 'call'>, private readonly pageSize = 100) {}

  /**
   * Every customer, once each (first occurrence wins), following the continuation pages.
   *
   * @throws PartnerCenterError when a call fails or an answer is not a customer collection.
   */
  async list(): Promise<ListedCustomer[]> {
    const byTenant = new Map<string, ListedCustomer>();
    let call: CallOptions | undefined = { method: 'GET', path: `/v1/customers?size=${String(this.pageSize)}` };
    for (let page = 0; call !== undefined; page += 1) {
      if (page >= MAX_CUSTOMER_PAGES) throw malformedAnswer('partnerCenter', new CustomerListError(`more than ${String(MAX_CUSTOMER_PAGES)} pages of customers`));
      const answer = await this.transport.call(call);
      let parsed: CustomerPage;
      try {
        parsed = parseCustomerPage(answer);
      } catch (error) {
        throw malformedAnswer('partnerCenter', error as Error);
      }
      for (const customer of parsed.customers) if (!byTenant.has(customer.tenantId)) byTenant.set(customer.tenantId, customer);
      call = parsed.next && { method: 'GET', path: parsed.next.path, headers: parsed.next.headers };
    }
    return [...byTenant.values()];
  }
}
