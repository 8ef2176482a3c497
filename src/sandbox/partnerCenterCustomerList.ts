/**
 * The Partner Center stand-in's customer list (`GET /v1/customers?size=…`), in the shape of the published
 * "Get a list of customers" sample, paged with an `MS-ContinuationToken` in `links.next`; tests add and remove
 * customers while it runs (a customer joining the partner, or leaving it).
 */
import { collection, PcFault, type PcCustomer, serializeCustomer } from './partnerCenterStore';

export class SandboxCustomerList {
  private customers: PcCustomer[];

  constructor(initial: PcCustomer[] = []) {
    this.customers = [...initial];
  }

  /** Test control: the customer joins the partner (or its profile changes). */
  add(customer: PcCustomer): void {
    this.customers = [...this.customers.filter((c) => c.tenantId !== customer.tenantId), customer];
  }

  /** Test control: the customer leaves the partner; false if it was not listed. */
  remove(tenantId: string): boolean {
    const before = this.customers.length;
    this.customers = this.customers.filter((c) => c.tenantId !== tenantId);
    return this.customers.length < before;
  }

  all(): PcCustomer[] {
    return [...this.customers];
  }

  /** One page; the continuation token is the offset of the next page. */
  page(url: URL, token: string | undefined): unknown {
    const size = Number(url.searchParams.get('size'));
    if (!Number.isInteger(size) || size < 1) throw new PcFault(400, 800002, 'size is required');
    const offset = token === undefined ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) throw new PcFault(400, 800002, 'Invalid continuation token');
    const page = this.customers.slice(offset, offset + size);
    const end = offset + page.length;
    const next = end < this.customers.length
      ? { uri: `/customers?size=${String(size)}&seekOperation=Next`, token: Buffer.from(String(end)).toString('base64url') }
      : undefined;
    return collection(page.map(serializeCustomer), `/customers?size=${String(size)}`, next);
  }
}
