import pino from 'pino';
import { PartnerCenterError } from '../../../src/cloud/microsoftApiError';
import { PartnerCenterClient } from '../../../src/escalation/partnerCenter/client';
import { fault } from '../../../src/sandbox/faults';
import { encodeUnsignedJwt } from '../../../src/sandbox/jwt';
import { type PartnerCenterSandbox, startPartnerCenterSandbox } from '../../../src/sandbox/partnerCenterSandbox';

const logger = pino({ level: 'silent' });
const request = { title: 'Mail delays for Fabrikam', description: 'Tenant aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee: mail delayed', severity: 'moderate' as const, supportTopicId: '32444667' };
const userToken = encodeUnsignedJwt({ aud: 'https://api.partnercenter.microsoft.com', scp: 'user_impersonation', exp: Math.floor(Date.now() / 1000) + 3600 });

async function expectFailure(promise: Promise<unknown>): Promise<PartnerCenterError> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PartnerCenterError);
  return error as PartnerCenterError;
}

describe('PartnerCenterClient against the Partner Center stand-in', () => {
  let sandbox: PartnerCenterSandbox;
  let client: PartnerCenterClient;

  beforeAll(async () => {
    sandbox = await startPartnerCenterSandbox({
      customers: [1, 2, 3].map((n) => ({ tenantId: `0000000${String(n)}-0000-4000-8000-000000000000`, domain: `c${String(n)}.onmicrosoft.com`, companyName: `Customer ${String(n)}` })),
    });
    client = new PartnerCenterClient({
      baseUrl: sandbox.url, logger, locale: 'fr-FR', timeoutMs: 300, retry: { baseDelayMs: 10, maxDelayMs: 20 },
      tokens: { getToken: () => Promise.resolve(userToken) },
    });
  });
  afterEach(() => { sandbox.reset(); });
  afterAll(() => sandbox.close());

  it('creates a request: 201, status none, 15-digit id, PascalCase body and the documented headers', async () => {
    const created = await client.createServiceRequest(request, { agentLocale: 'en-US' });
    expect(created).toMatchObject({ title: request.title, severity: 'moderate', status: 'none', supportTopicId: '32444667', supportTopicName: 'Exchange Online', notes: [] });
    expect(created.id).toMatch(/^\d{15}$/);
    expect(created.createdDate).toBeUndefined();
    const [sent] = sandbox.requests;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/servicerequests/en-US', locale: 'fr-FR' });
    expect(sent?.body).toEqual({ Title: request.title, Description: request.description, Severity: 'moderate', SupportTopicId: '32444667', Attributes: { ObjectType: 'ServiceRequest' } });
    expect(sent?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries a timed-out create with the same MS-RequestId and ends with one request', async () => {
    const before = sandbox.serviceRequests().length;
    sandbox.failNext('createRequest', fault.delay(600));
    const created = await client.createServiceRequest(request, { agentLocale: 'en-US', requestId: '0b6f4a47-6a5e-4c0d-9a43-3d9e2c1f7a10' });
    await new Promise((resolve) => setTimeout(resolve, 700));
    const creates = sandbox.requests.filter((r) => r.route === 'createRequest');
    expect(creates.length).toBe(2);
    expect(new Set(creates.map((r) => r.requestId))).toEqual(new Set(['0b6f4a47-6a5e-4c0d-9a43-3d9e2c1f7a10']));
    expect(sandbox.serviceRequests().length).toBe(before + 1);
    const again = await client.createServiceRequest(request, { agentLocale: 'en-US', requestId: '0b6f4a47-6a5e-4c0d-9a43-3d9e2c1f7a10' });
    expect(again.id).toBe(created.id);
    expect(sandbox.serviceRequests().length).toBe(before + 1);
  });

  it('waits for Retry-After on 429, then succeeds with the same MS-RequestId', async () => {
    const created = await client.createServiceRequest(request, { agentLocale: 'en-US' });
    sandbox.reset();
    sandbox.failNext('getRequest', fault.throttle('1'));
    const started = Date.now();
    const read = await client.getServiceRequest(created.id);
    expect(read.id).toBe(created.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const [first, second] = sandbox.requests;
    expect(first?.requestId).toBe(second?.requestId);
  });

  it('reads integer enums and PATCHes notes and closing', async () => {
    const created = await client.createServiceRequest(request, { agentLocale: 'en-US' });
    sandbox.setEnumMode('integer');
    try {
      const noted = await client.addNote(created.id, '30 users affected.');
      expect(noted.notes.map((n) => n.text)).toEqual(['30 users affected.']);
      expect(sandbox.requests.at(-1)?.body).toEqual({ NewNote: { Text: '30 users affected.' } });
      const closed = await client.close(created.id);
      expect(closed.status).toBe('closed');
      expect(closed.lastClosedDate).toBeDefined();
    } finally {
      sandbox.setEnumMode('string');
    }
  });

  it('lists support topics, customer requests and every customer page', async () => {
    expect((await client.listSupportTopics()).map((t) => t.id)).toContain('32444667');
    expect((await client.listCustomerServiceRequests('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee')).length).toBeGreaterThan(0);
    const customers = await client.listCustomers(2);
    expect(customers.map((c) => c.domain)).toEqual(['c1.onmicrosoft.com', 'c2.onmicrosoft.com', 'c3.onmicrosoft.com']);
    expect(sandbox.requests.filter((r) => r.route === 'customers').length).toBe(2);
  });

  it('types 400, 401, 404, 429 and 500 failures', async () => {
    const invalid = await expectFailure(client.createServiceRequest({ ...request, supportTopicId: '1' }, { agentLocale: 'en-US' }));
    expect(invalid.kind).toBe('validation');
    expect(invalid.details).toMatchObject({ status: 400, code: '3000', attempts: 1 });
    expect(invalid.details.description).toMatch(/SupportTopicId/);

    const anonymous = new PartnerCenterClient({ baseUrl: sandbox.url, logger });
    expect((await expectFailure(anonymous.getServiceRequest('1'))).kind).toBe('consent');

    expect((await expectFailure(client.getServiceRequest('999999999999999'))).details).toMatchObject({ status: 404, code: '1000' });

    sandbox.failAlways('getRequest', fault.status(500));
    const down = await expectFailure(client.getServiceRequest('1'));
    expect(down.kind).toBe('unavailable');
    expect(down.details.attempts).toBe(4);
    sandbox.failAlways('getRequest', fault.throttle('60'));
    expect((await expectFailure(client.getServiceRequest('1'))).kind).toBe('throttled');
  });

  it('rejects app-only tokens on service request routes', async () => {
    const appOnly = new PartnerCenterClient({ baseUrl: sandbox.url, logger, tokens: { getToken: () => Promise.resolve(encodeUnsignedJwt({ roles: [] })) } });
    expect((await expectFailure(appOnly.listSupportTopics())).details).toMatchObject({ status: 403, code: '2032' });
    expect((await appOnly.listCustomers(5)).length).toBe(3);
  });
});
