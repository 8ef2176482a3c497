import pino from 'pino';
import { AzureSupportClient, type TicketLocation } from '../../../src/escalation/azureSupport/client';
import type { NewAzureTicket } from '../../../src/escalation/azureSupport/model';
import { microsoftNotes } from '../../../src/escalation/azureSupport/parse';
import { diffServiceRequest, settledRequest } from '../../../src/escalation/serviceRequestDiff';
import { type AzureSupportSandbox, startAzureSupportSandbox } from '../../../src/sandbox/azureSupportSandbox';
import { SANDBOX_AZURE_SERVICES } from '../../../src/sandbox/azureSupportStore';
import { fixture, type FixtureServer, startFixtureServer } from '../fixtureServer';

/** A published example: request parameters and answers by status. */
interface Example {
  parameters: Record<string, unknown> & { subscriptionId: string; supportTicketName?: string };
  responses: Record<string, { body?: unknown; headers?: Record<string, string> }>;
}

const example = (name: string): Example => fixture(__dirname, name) as Example;
const logger = pino({ level: 'silent' });
const PROVIDER = 'providers/Microsoft.Support';
const ticketPath = (e: Example): string => `/subscriptions/${e.parameters.subscriptionId}/${PROVIDER}/supportTickets/${e.parameters.supportTicketName ?? ''}`;
const locationOf = (e: Example): TicketLocation => ({ subscriptionId: e.parameters.subscriptionId, name: e.parameters.supportTicketName ?? '', tenantId: 'customer-tenant' });
const answer = (e: Example, status: string): unknown => e.responses[status]?.body;

/** What the bot files, taken from the create example's request. */
function ticketOf(create: Example): NewAzureTicket {
  const { properties } = create.parameters.createSupportTicketParameters as { properties: Record<string, unknown> & { contactDetails: NewAzureTicket['contactDetails'] } };
  return {
    kind: 'azureSupportTicket', subscriptionId: create.parameters.subscriptionId,
    serviceId: properties.serviceId as string, problemClassificationId: properties.problemClassificationId as string,
    title: properties.title as string, description: properties.description as string, severity: 'moderate',
    advancedDiagnosticConsent: properties.advancedDiagnosticConsent as 'Yes', contactDetails: properties.contactDetails,
  };
}

/**
 * The real AzureSupportClient against Microsoft's published Microsoft.Support 2024-04-01 examples, served
 * verbatim (SOURCES.md), and the ARM stand-in answering the same calls in the same shape.
 */
describe('ARM Microsoft.Support 2024-04-01 published examples through the real client', () => {
  let server: FixtureServer;
  const client = (): AzureSupportClient => new AzureSupportClient({ baseUrl: server.url, partnerTenantId: 'partner-tenant', logger, retry: { baseDelayMs: 1, maxDelayMs: 2 }, maxPollDelayMs: 1 });

  beforeAll(async () => { server = await startFixtureServer(); });
  afterAll(() => server.close());
  beforeEach(() => { server.received.length = 0; });

  it('creates a ticket: sends the published fields, follows the 202 operation on its own host, reads the published ticket', async () => {
    const create = example('CreateTechnicalSupportTicketForSubscription.json');
    const operation = new URL(create.responses['202']?.headers?.['azure-asyncoperation'] ?? '');
    server.serve([
      // Not published: the spec's CheckNameAvailabilityOutput for a free name, and an ARM operation status.
      { method: 'POST', path: `/subscriptions/${create.parameters.subscriptionId}/${PROVIDER}/checkNameAvailability`, status: 200, body: { nameAvailable: true } },
      { method: 'PUT', path: ticketPath(create), status: 202, ...(create.responses['202']?.headers ? { headers: create.responses['202'].headers } : {}) },
      { method: 'GET', path: operation.pathname, status: 200, body: { status: 'Succeeded' } },
      { method: 'GET', path: ticketPath(create), status: 200, body: answer(create, '200') },
    ]);
    const ticket = ticketOf(create);

    const filed = await client().createTicket(ticket, locationOf(create));

    const sent = server.received.find((r) => r.method === 'PUT')?.body as { properties: Record<string, unknown> };
    const published = (create.parameters.createSupportTicketParameters as { properties: Record<string, unknown> }).properties;
    expect(sent).toEqual({ properties: Object.fromEntries(Object.keys(sent.properties).map((key) => [key, published[key]])) });
    expect(server.received.find((r) => r.path === operation.pathname)?.query.get('api-version')).toBe('2024-04-01');
    expect(filed).toMatchObject({ id: '119120321001170', status: 'open', severity: 'moderate', title: 'my title' });
  });

  it('reads back a ticket whose name is taken (published CheckNameAvailability answer) instead of filing it again', async () => {
    const taken = example('CheckNameAvailabilityWithSubscription.json');
    const get = example('GetSubscriptionSupportTicketDetails.json');
    server.serve([
      { method: 'POST', path: `/subscriptions/${get.parameters.subscriptionId}/${PROVIDER}/checkNameAvailability`, status: 200, body: answer(taken, '200') },
      { method: 'GET', path: ticketPath(get), status: 200, body: answer(get, '200') },
    ]);
    const read = await client().createTicket(ticketOf(example('CreateTechnicalSupportTicketForSubscription.json')), locationOf(get));
    expect(server.received.find((r) => r.method === 'POST')?.body).toEqual({ name: get.parameters.supportTicketName, type: 'Microsoft.Support/supportTickets' });
    expect(server.received.some((r) => r.method === 'PUT')).toBe(false);
    expect(read).toMatchObject({ id: '118032014183770', status: 'open', severity: 'minimal', createdDate: '2020-03-20T21:36:18Z', lastModifiedDate: '2020-03-20T21:36:23Z' });
  });

  it('closes a ticket with the flat body of UpdateStatusOfSupportTicketForSubscription.json', async () => {
    const update = example('UpdateStatusOfSupportTicketForSubscription.json');
    server.serve([{ method: 'PATCH', path: ticketPath(update), status: 200, body: answer(update, '200') }]);
    const closed = await client().closeTicket(locationOf(update));
    expect(server.received[0]?.body).toEqual(update.parameters.updateSupportTicket);
    expect(closed).toMatchObject({ id: '118032014183770', status: 'closed', severity: 'critical' });
  });

  it('reads a ticket in Updating as being updated: it keeps the last status seen and reports no change', async () => {
    const updating = example('ListSupportTicketsInUpdatingStateBySubscription.json');
    const items = (answer(updating, '200') as { value: { name: string }[] }).value;
    server.serve(items.map((item) => ({ method: 'GET', path: `/subscriptions/${updating.parameters.subscriptionId}/${PROVIDER}/supportTickets/${item.name}`, status: 200, body: item })));
    for (const item of items) {
      const read = await client().getTicket({ ...locationOf(updating), name: item.name });
      expect(read.updating).toBe(true);
      const seen = { id: read.id, status: 'open' as const, notesSeen: 0 };
      expect(settledRequest(seen, read).status).toBe('open');
      expect(diffServiceRequest(seen, settledRequest(seen, read))).toBeUndefined();
    }
  });

  it('lists the communications of a ticket; the published ones are the customer side (outbound), none is Microsoft\'s', async () => {
    const list = example('ListCommunicationsForSubscriptionSupportTicket.json');
    server.serve([{ method: 'GET', path: `${ticketPath(list)}/communications`, status: 200, body: answer(list, '200') }]);
    const communications = await client().listCommunications(locationOf(list));
    expect(communications).toEqual([
      { name: 'testmessage1', subject: 'this is a test message', body: 'this is a test message', direction: 'outbound', sender: 'user@contoso.com', createdDate: '2020-03-24T20:18:19Z' },
      { name: 'testmessage2', subject: 'test', body: 'test', direction: 'outbound', sender: 'user@contoso.com', createdDate: '2020-03-29T10:53:19Z' },
    ]);
    expect(microsoftNotes(communications)).toEqual([]);
  });

  describe('the ARM stand-in answers in the published shape', () => {
    let arm: AzureSupportSandbox;
    const subscriptionId = '132d901f-189d-4381-9214-fe68e27e05a1';
    const service = SANDBOX_AZURE_SERVICES[1];
    const standIn = (): AzureSupportClient => new AzureSupportClient({ baseUrl: arm.url, partnerTenantId: 'partner-tenant', logger, maxPollDelayMs: 1 });
    const at: TicketLocation = { subscriptionId, name: 'testticket', tenantId: 'customer-tenant' };

    beforeAll(async () => { arm = await startAzureSupportSandbox({ subscriptions: { [subscriptionId]: 'customer-tenant' }, requireAuth: false, retryAfterSeconds: 0 }); });
    afterAll(() => arm.close());

    /** The type of each of `keys` in the body's `properties`. */
    const shapeOf = (body: unknown, keys: readonly string[]): unknown => {
      const properties = (body as { properties: Record<string, unknown> }).properties;
      return keys.map((key) => [key, typeof properties[key]]);
    };

    it('files from the published create body, and its ticket, close answer and communications read like the published ones', async () => {
      const create = example('CreateTechnicalSupportTicketForSubscription.json');
      const serviceId = `/providers/Microsoft.Support/services/${service?.name ?? ''}`;
      const filed = await standIn().createTicket({ ...ticketOf(create), serviceId, problemClassificationId: `${serviceId}/problemClassifications/${service?.classifications[0]?.name ?? ''}` }, at);
      const read = await standIn().getTicket(at);
      expect(Object.keys(read).sort()).toEqual(Object.keys(filed).sort());
      const published = answer(create, '200');
      const stood: unknown = await (await fetch(`${arm.url}/subscriptions/${subscriptionId}/${PROVIDER}/supportTickets/testticket?api-version=2024-04-01`)).json();
      const readFields = ['supportTicketId', 'title', 'description', 'severity', 'status', 'problemClassificationId', 'createdDate', 'modifiedDate'];
      expect(shapeOf(stood, readFields)).toEqual(shapeOf(published, readFields));
      expect((stood as { properties: { status: string } }).properties.status).toBe('Open');

      arm.addCommunication('testticket', { subject: 'Next steps', body: 'Send us the boot diagnostics.' });
      const listed = await (await fetch(`${arm.url}/subscriptions/${subscriptionId}/${PROVIDER}/supportTickets/testticket/communications?api-version=2024-04-01`)).json() as { value: { properties: object }[] };
      const publishedItem = (answer(example('ListCommunicationsForSubscriptionSupportTicket.json'), '200') as { value: { properties: object }[] }).value[0];
      expect(Object.keys(listed.value[0] ?? {}).sort()).toEqual(Object.keys(publishedItem ?? {}).sort());
      expect(Object.keys(listed.value[0]?.properties ?? {}).sort()).toEqual(Object.keys(publishedItem?.properties ?? {}).sort());
      expect(microsoftNotes(await standIn().listCommunications(at))).toMatchObject([{ text: 'Next steps: Send us the boot diagnostics.' }]);

      arm.setStatus('testticket', 'Updating');
      expect((await standIn().getTicket(at)).updating).toBe(true);
      const update = example('UpdateStatusOfSupportTicketForSubscription.json');
      expect((await standIn().closeTicket(at)).status).toBe('closed');
      expect(arm.requests.at(-1)?.body).toEqual(update.parameters.updateSupportTicket);
    });
  });
});
