import { type PartnerCenterSandbox, startPartnerCenterSandbox } from '../../../src/sandbox/partnerCenterSandbox';

describe('Partner Center stand-in wire format', () => {
  let sandbox: PartnerCenterSandbox;

  beforeAll(async () => {
    sandbox = await startPartnerCenterSandbox({ requireAuth: false, customers: [{ tenantId: 't1', domain: 'a.com', companyName: 'A' }, { tenantId: 't2', domain: 'b.com', companyName: 'B' }] });
  });
  afterAll(() => sandbox.close());

  const post = (body: unknown, requestId: string): Promise<Response> => fetch(`${sandbox.url}/v1/servicerequests/en-US`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'MS-RequestId': requestId, 'MS-CorrelationId': 'corr-1' }, body: JSON.stringify(body),
  });

  it('answers 201 with camelCase and snake_case enums, echoes ids, and replays a repeated MS-RequestId', async () => {
    const created = await post({ title: 'T', description: 'D', severity: 'MODERATE', supportTopicId: 32444667 }, 'req-1');
    expect(created.status).toBe(201);
    expect(created.headers.get('ms-requestid')).toBe('req-1');
    expect(created.headers.get('ms-correlationid')).toBe('corr-1');
    expect(created.headers.get('ms-cv')).toBeTruthy();
    const body = (await created.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'none', severity: 'moderate', createdDate: '0001-01-01T00:00:00', attributes: { objectType: 'ServiceRequest' } });
    const replay = await post({ Title: 'T', Description: 'D', Severity: 2, SupportTopicId: '32444667' }, 'req-1');
    expect(((await replay.json()) as Record<string, unknown>).id).toBe(body.id);
    expect(sandbox.serviceRequests()).toHaveLength(1);
  });

  it('refuses missing fields and unknown ids with ApiFault bodies', async () => {
    const missing = await post({ Title: 'T', Severity: 'minimal', SupportTopicId: '32444667' }, 'req-2');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ code: 800002, description: 'Description is required', data: ['InvalidInputException : Description must be set'], source: 'PartnerFD' });
    const unknown = await fetch(`${sandbox.url}/v1/servicerequests/1`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 1000, source: 'PartnerFD' });
  });

  it('pages customers with MS-ContinuationToken in links.next', async () => {
    const first = (await (await fetch(`${sandbox.url}/v1/customers?size=1`)).json()) as { totalCount: number; links: { next: { uri: string; headers: { key: string; value: string }[] } } };
    expect(first.totalCount).toBe(1);
    const [token] = first.links.next.headers;
    expect(token?.key).toBe('MS-ContinuationToken');
    const second = (await (await fetch(`${sandbox.url}/v1${first.links.next.uri}`, { headers: { 'MS-ContinuationToken': token?.value ?? '' } })).json()) as { items: { id: string }[]; links: Record<string, unknown> };
    expect(second.items.map((c) => c.id)).toEqual(['t2']);
    expect(second.links.next).toBeUndefined();
  });

  it('requires a bearer token by default', async () => {
    const secured = await startPartnerCenterSandbox();
    try {
      const response = await fetch(`${secured.url}/v1/servicerequests/supporttopics`);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 800001 });
    } finally {
      await secured.close();
    }
  });
});
