import pino from 'pino';
import { AzureSupportClient, type TicketLocation } from '../../../src/escalation/azureSupport/client';
import type { NewAzureTicket } from '../../../src/escalation/azureSupport/model';
import type { AzureSupportTokenSource } from '../../../src/cloud/azureSupportTokens';
import { AzureSupportError } from '../../../src/cloud/microsoftApiError';
import { type AzureSupportSandbox, startAzureSupportSandbox } from '../../../src/sandbox/azureSupportSandbox';
import { fault } from '../../../src/sandbox/faults';
import { encodeUnsignedJwt } from '../../../src/sandbox/jwt';

const logger = pino({ level: 'silent' });
const PARTNER = '0f6c1b2a-9e8d-4c7b-a6f5-e4d3c2b1a090';
const CUSTOMER = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';
const SUBSCRIPTION = '6b1e3c2d-7f4a-4b5c-8d9e-0a1b2c3d4e5f';
const SERVICE = '/providers/Microsoft.Support/services/6f16735c-b0ae-b275-ad3a-03479cfa1396';

const bearer = (tid: string): string => `Bearer ${encodeUnsignedJwt({ tid })}`;
/** Customer token as primary, partner token as auxiliary: what the bot sends. */
const crossTenant: AzureSupportTokenSource = {
  headersFor: (tenantId) => Promise.resolve<Record<string, string>>(tenantId === PARTNER ? { Authorization: bearer(PARTNER) } : { Authorization: bearer(tenantId), 'x-ms-authorization-auxiliary': bearer(PARTNER) }),
};

const ticket: NewAzureTicket = {
  kind: 'azureSupportTicket', subscriptionId: SUBSCRIPTION, serviceId: SERVICE,
  problemClassificationId: `${SERVICE}/problemClassifications/c1f6a8e3-7d42-4b2a-9e11-5f0a3b7c2d21`,
  title: 'VM does not start', description: 'Since 07:00', severity: 'moderate', advancedDiagnosticConsent: 'No',
  contactDetails: {
    firstName: 'Élise', lastName: 'Martin', preferredContactMethod: 'email', primaryEmailAddress: 'elise@fabrikam.example',
    preferredTimeZone: 'Romance Standard Time', country: 'FRA', preferredSupportLanguage: 'fr-fr',
  },
};

describe('AzureSupportClient against the ARM Microsoft.Support stand-in', () => {
  let arm: AzureSupportSandbox;
  const client = (tokens: AzureSupportTokenSource = crossTenant): AzureSupportClient => new AzureSupportClient({
    baseUrl: arm.url, partnerTenantId: PARTNER, tokens, logger, retry: { baseDelayMs: 10, maxDelayMs: 20 }, maxPollDelayMs: 10,
  });
  const at = (name: string): TicketLocation => ({ subscriptionId: SUBSCRIPTION, name, tenantId: CUSTOMER });

  beforeAll(async () => {
    arm = await startAzureSupportSandbox({ subscriptions: { [SUBSCRIPTION]: CUSTOMER }, partnerTenantId: PARTNER, retryAfterSeconds: 0, operationPolls: 2 });
  });
  afterAll(() => arm.close());
  beforeEach(() => { arm.failAlways('*', undefined); });

  it('lists services and the problem classifications of one', async () => {
    const services = await client().listServices();
    expect(services[0]).toEqual({ id: SERVICE, name: '6f16735c-b0ae-b275-ad3a-03479cfa1396', displayName: 'Virtual Machine running Windows' });
    const classifications = await client().listProblemClassifications(services[0]?.name ?? '');
    expect(classifications.map((c) => c.displayName)).toContain('VM start, stop or restart issues');
  });

  it('creates through 202 + Azure-AsyncOperation, then reads the ticket Open; the same name again files nothing', async () => {
    const created = await client().createTicket(ticket, at('case-1'));
    expect(created).toMatchObject({ status: 'open', title: 'VM does not start', severity: 'moderate' });
    expect(arm.requestCount('operationStatus')).toBeGreaterThanOrEqual(3);
    const again = await client().createTicket(ticket, at('case-1'));
    expect(again.id).toBe(created.id);
    expect(arm.tickets().filter((t) => t.name === 'case-1')).toHaveLength(1);
    expect(arm.requests.filter((r) => r.route === 'createTicket' && r.path.includes('case-1'))).toHaveLength(1);
  });

  it('files one ticket when two attempts race past the name check (409 → read back), and after a 500 retried', async () => {
    const [a, b] = await Promise.all([client().createTicket(ticket, at('case-2')), client().createTicket(ticket, at('case-2'))]);
    expect(a.id).toBe(b.id);
    expect(arm.tickets().filter((t) => t.name === 'case-2')).toHaveLength(1);
    arm.failNext('createTicket', fault.status(500));
    await client().createTicket(ticket, at('case-3'));
    expect(arm.tickets().filter((t) => t.name === 'case-3')).toHaveLength(1);
  });

  it('closes a ticket with the flat UpdateSupportTicket body; ARM refuses a body wrapped in properties', async () => {
    await client().createTicket(ticket, at('case-4'));
    const path = `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Support/supportTickets/case-4?api-version=2024-04-01`;
    const wrapped = await fetch(`${arm.url}${path}`, {
      method: 'PATCH', body: JSON.stringify({ properties: { status: 'closed' } }),
      headers: { 'Content-Type': 'application/json', Authorization: bearer(CUSTOMER), 'x-ms-authorization-auxiliary': bearer(PARTNER) },
    });
    expect(wrapped.status).toBe(400);
    expect((await client().getTicket(at('case-4'))).status).toBe('open');

    expect((await client().closeTicket(at('case-4'))).status).toBe('closed');
    expect(arm.requests.filter((r) => r.route === 'updateTicket').at(-1)?.body).toEqual({ status: 'closed' });
    expect((await client().getTicket(at('case-4'))).status).toBe('closed');
  });

  it('turns ARM refusals into typed errors: missing field, missing auxiliary token, wrong tenant', async () => {
    const refused = await client().createTicket({ ...ticket, contactDetails: { ...ticket.contactDetails, country: '' } }, at('case-5')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AzureSupportError);
    expect(refused).toMatchObject({ kind: 'validation', details: { status: 400, code: 'BadRequest', description: "The property 'properties.contactDetails.country' is required." } });
    const primaryOnly: AzureSupportTokenSource = { headersFor: (tenantId) => Promise.resolve({ Authorization: bearer(tenantId) }) };
    await expect(client(primaryOnly).createTicket(ticket, at('case-6'))).rejects.toMatchObject({ kind: 'consent', details: { status: 403, code: 'LinkedAuthorizationFailed' } });
    const partnerAsPrimary: AzureSupportTokenSource = { headersFor: () => Promise.resolve({ Authorization: bearer(PARTNER) }) };
    await expect(client(partnerAsPrimary).createTicket(ticket, at('case-6'))).rejects.toMatchObject({ kind: 'consent', details: { status: 401, code: 'InvalidAuthenticationTokenTenant' } });
    const none = arm.requests.filter((r) => r.path.includes('case-6') && r.route === 'createTicket');
    expect(none).toHaveLength(0);
  });

  it('answers 400 without api-version and records the auxiliary header', async () => {
    const res = await fetch(`${arm.url}/providers/Microsoft.Support/services`, { headers: { Authorization: bearer(PARTNER) } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'MissingApiVersionParameter' } });
    await client().getTicket(at('case-1'));
    expect(arm.requests.at(-1)).toMatchObject({ route: 'getTicket', tokenTenant: CUSTOMER, auxiliaryTenant: PARTNER, apiVersion: '2024-04-01' });
  });

  it('gives up on a lasting 429 as throttled, after the bounded retries', async () => {
    arm.failAlways('getTicket', fault.throttle('0'));
    await expect(client().getTicket(at('case-1'))).rejects.toMatchObject({ kind: 'throttled', details: { status: 429, attempts: 4, code: 'TooManyRequests' } });
  });
});

describe('AzureSupportClient and links in ARM answers', () => {
  it('never takes the token to a host a nextLink smuggles in its path (//other-host/…)', async () => {
    const { createServer } = await import('node:http');
    const stolen: string[] = [];
    const elsewhere = createServer((req, res) => { stolen.push(req.headers.authorization ?? ''); res.end('{}'); });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const { port } = elsewhere.address() as { port: number };
    const armLike = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ value: [], nextLink: `https://management.azure.com//127.0.0.1:${String(port)}/steal?x=1` }));
    });
    await new Promise<void>((resolve) => armLike.listen(0, '127.0.0.1', resolve));
    try {
      const client = new AzureSupportClient({
        baseUrl: `http://127.0.0.1:${String((armLike.address() as { port: number }).port)}`, partnerTenantId: PARTNER, tokens: crossTenant, logger,
        retry: { baseDelayMs: 10, maxDelayMs: 20 },
      });
      await expect(client.listCommunications({ subscriptionId: SUBSCRIPTION, name: 'case-9', tenantId: CUSTOMER })).rejects.toBeInstanceOf(AzureSupportError);
      expect(stolen).toEqual([]);
    } finally {
      armLike.close();
      elsewhere.close();
    }
  });
});
