import { PartnerCenterError } from '../../../src/cloud/microsoftApiError';
import type { CallOptions } from '../../../src/cloud/partnerCenterTransport';
import { parseCustomerPage, PartnerCenterCustomerList, versionedPath } from '../../../src/directory/partnerCenterCustomers';

const A = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1';
const B = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

function customer(id: string, companyName: string, domain: string): unknown {
  return { id, companyProfile: { tenantId: id, domain, companyName, attributes: { objectType: 'CustomerCompanyProfile' } }, relationshipToPartner: 'reseller', attributes: { objectType: 'Customer' } };
}

function page(items: unknown[], next?: { uri: string; token?: string }, bodyToken?: string): unknown {
  return {
    totalCount: items.length, items,
    ...(bodyToken === undefined ? {} : { continuationToken: bodyToken }),
    links: { self: { uri: '/customers?size=1', method: 'GET', headers: [] }, ...(next ? { next: { uri: next.uri, method: 'GET', headers: next.token ? [{ key: 'MS-ContinuationToken', value: next.token }] : [] } } : {}) },
    attributes: { objectType: 'Collection' },
  };
}

describe('parseCustomerPage', () => {
  it('reads the tenant id from id (lower-cased), the name and domain from companyProfile, and the next page', () => {
    const parsed = parseCustomerPage(page([customer(A.toUpperCase(), 'Fabrikam', 'fabrikam.onmicrosoft.com')], { uri: '/customers?size=1&seekOperation=Next', token: 'tok' }));
    expect(parsed).toEqual({
      customers: [{ tenantId: A, companyName: 'Fabrikam', domain: 'fabrikam.onmicrosoft.com' }],
      next: { path: '/v1/customers?size=1&seekOperation=Next', headers: { 'MS-ContinuationToken': 'tok' } },
    });
  });

  it('takes the body continuationToken when links.next carries no header, and has no next without links.next', () => {
    expect(parseCustomerPage(page([], { uri: '/v1/customers?size=1' }, 'body-token')).next).toEqual({ path: '/v1/customers?size=1', headers: { 'MS-ContinuationToken': 'body-token' } });
    expect(parseCustomerPage(page([customer(B, 'Contoso', 'contoso.com')])).next).toBeUndefined();
  });

  it('names a customer without a company name by its domain', () => {
    expect(parseCustomerPage(page([{ id: B, companyProfile: { domain: 'contoso.com' } }])).customers[0]?.companyName).toBe('contoso.com');
  });

  it.each([
    ['not an object', 'nope'],
    ['no items', { links: {} }],
    ['an item without an id', { items: [{ companyProfile: { domain: 'x.com' } }] }],
    ['an id that is not a tenant id', { items: [customer('<guid>', 'x', 'x.com')] }],
  ])('refuses %s', (_, body) => {
    expect(() => parseCustomerPage(body)).toThrow();
  });

  it('puts /v1 in front of relative next URIs and keeps only path and query of absolute ones', () => {
    expect(versionedPath('customers?size=1')).toBe('/v1/customers?size=1');
    expect(versionedPath('https://api.partnercenter.microsoft.com/v1/customers?size=1')).toBe('/v1/customers?size=1');
  });
});

describe('PartnerCenterCustomerList', () => {
  /** A transport answering the given pages in order and recording the calls. */
  function transport(answers: unknown[]): { call: (call: CallOptions) => Promise<unknown>; calls: CallOptions[] } {
    const calls: CallOptions[] = [];
    return { calls, call: (call) => { calls.push(call); return Promise.resolve(answers.shift()); } };
  }

  it('follows every page with its MS-ContinuationToken and lists each customer once', async () => {
    const wire = transport([
      page([customer(A, 'Fabrikam', 'fabrikam.com')], { uri: '/customers?size=1&seekOperation=Next', token: 't1' }),
      page([customer(B, 'Contoso', 'contoso.com'), customer(A, 'Fabrikam again', 'fabrikam.com')]),
    ]);
    const listed = await new PartnerCenterCustomerList(wire, 1).list();
    expect(listed.map((c) => c.companyName)).toEqual(['Fabrikam', 'Contoso']);
    expect(wire.calls).toEqual([
      { method: 'GET', path: '/v1/customers?size=1' },
      { method: 'GET', path: '/v1/customers?size=1&seekOperation=Next', headers: { 'MS-ContinuationToken': 't1' } },
    ]);
  });

  it('calls a malformed answer a malformed Partner Center answer', async () => {
    const error = await new PartnerCenterCustomerList(transport([{ items: 'no' }])).list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterError);
    expect((error as PartnerCenterError).kind).toBe('malformed');
  });

  it('gives up on a list that never stops paging', async () => {
    const endless = { call: () => Promise.resolve(page([], { uri: '/customers?size=1', token: 'again' })) };
    await expect(new PartnerCenterCustomerList(endless).list()).rejects.toThrow(/pages of customers/);
  });
});
