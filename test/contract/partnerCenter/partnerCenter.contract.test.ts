import pino from 'pino';
import { PartnerCenterError } from '../../../src/cloud/microsoftApiError';
import { failureText } from '../../../src/escalation/messages';
import { PartnerCenterClient } from '../../../src/escalation/partnerCenter/client';
import { translator } from '../../../src/i18n';
import { startPartnerCenterSandbox } from '../../../src/sandbox/partnerCenterSandbox';
import { fixture, fixtureText, type FixtureServer, startFixtureServer } from '../fixtureServer';

const logger = pino({ level: 'silent' });
const published = (name: string): Record<string, unknown> => fixture(__dirname, name) as Record<string, unknown>;
const SR_ID = '616122292874576';

/**
 * The real PartnerCenterClient against the request and answer bodies of Microsoft's Partner Center REST pages,
 * served verbatim (SOURCES.md), and the Partner Center stand-in answering in the same shape.
 */
describe('Partner Center published samples through the real client', () => {
  let server: FixtureServer;
  const client = (baseUrl = server.url): PartnerCenterClient => new PartnerCenterClient({ baseUrl, logger, retry: { baseDelayMs: 1, maxDelayMs: 2 } });

  beforeAll(async () => { server = await startFixtureServer(); });
  afterAll(() => server.close());
  beforeEach(() => { server.received.length = 0; });

  it('creates a service request: sends the published fields, reads the published 201 (unset dates read as none)', async () => {
    server.serve([{ method: 'POST', path: '/v1/servicerequests/en-US', status: 201, body: fixtureText(__dirname, 'create-a-service-request.response.json') }]);
    const created = await client().createServiceRequest({ title: 'TrialSR', description: 'Ignore this SR', severity: 'critical', supportTopicId: '32444671' }, { agentLocale: 'en-US', requestId: '55f86bfb-d3bb-4fe4-9f01-2fdaef11a81f' });

    const sent = server.received[0];
    const request = published('create-a-service-request.request.json');
    expect(sent?.body).toEqual(Object.fromEntries(Object.keys(sent?.body as object).map((key) => [key, request[key]])));
    expect(sent?.headers['ms-requestid']).toBe('55f86bfb-d3bb-4fe4-9f01-2fdaef11a81f');
    expect(created).toEqual({ id: SR_ID, title: 'TrialSR', description: 'Ignore this SR', severity: 'critical', status: 'none', supportTopicId: '32444671', notes: [] });
  });

  it('adds a note and reads the published update answer; zone-less note dates read as UTC', async () => {
    server.serve([{ method: 'PATCH', path: `/v1/servicerequests/${SR_ID}`, status: 200, body: fixtureText(__dirname, 'update-a-service-request.response.json') }]);
    const updated = await client().addNote(SR_ID, 'Sample Note');
    const request = published('update-a-service-request.request.json') as { NewNote: { Text: string } };
    expect((server.received[0]?.body as { NewNote: { Text: string } }).NewNote.Text).toBe(request.NewNote.Text);
    expect(updated).toMatchObject({
      id: SR_ID, status: 'open', supportTopicName: 'Cannot manage my profile', createdDate: '2016-12-22T20:31:17.24Z', lastModifiedDate: '2017-01-09T23:31:15.373Z',
      notes: [{ createdByName: 'Account', createdDate: '2017-01-09T23:31:15.373Z', text: 'Sample Note' }],
    });
    expect(updated.lastClosedDate).toBeUndefined();
  });

  it('reads a service request (the published ServiceRequest resource of the update page) on GET', async () => {
    server.serve([{ method: 'GET', path: `/v1/servicerequests/${SR_ID}`, status: 200, body: fixtureText(__dirname, 'update-a-service-request.response.json') }]);
    expect(await client().getServiceRequest(SR_ID)).toMatchObject({ id: SR_ID, status: 'open', severity: 'critical', notes: [{ text: 'Sample Note' }] });
  });

  it('lists customers by their Partner Center id (the published companyProfile.tenantId is a "<guid>" placeholder)', async () => {
    server.serve([{ method: 'GET', path: '/v1/customers', status: 200, body: fixtureText(__dirname, 'get-a-list-of-customers.response.json') }]);
    expect(await client().listCustomers(40)).toEqual([
      { tenantId: 'b44bb1fb-c595-45b0-9e09-d657365580bf', domain: 'domain', companyName: 'companyName' },
      { tenantId: '45c44870-ef77-4fdd-b6fe-3dacb075cff2', domain: 'domain', companyName: 'companyName' },
    ]);
    expect(server.received[0]?.query.get('size')).toBe('40');
  });

  it("keeps the error's code, description and data, and shows them to the agent", async () => {
    server.serve([{ method: 'POST', path: '/v1/servicerequests/en-US', status: 400, body: fixtureText(__dirname, 'assign-licenses-to-a-user.error-400.json') }]);
    const error = await client().createServiceRequest({ title: 't', description: 'd', severity: 'minimal', supportTopicId: '32444671' }, { agentLocale: 'en-US' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterError);
    const data = 'LicenseQuotaExceededException : Subscription with Account 0c39d6d5-c70d-4c55-bc02-f620844f3fd1 and SKU f8a1db68-be16-40ed-86d5-cb42ce701560 does not have any available licenses left.';
    expect((error as PartnerCenterError).details).toMatchObject({
      status: 400, code: '60012', description: "We're sorry, it looks like you've run out of licenses. Buy more licenses, and then try again.", data: [data],
    });
    const told = failureText(error as PartnerCenterError, translator('en'));
    expect(told).toContain("We're sorry, it looks like you've run out of licenses.");
    expect(told).toContain("Microsoft's error code: 60012.");
    expect(told).toContain(`Microsoft's details: ${data}`);
    expect(failureText(error as PartnerCenterError, translator('fr'))).toContain(`Détails de Microsoft : ${data}`);
  });

  it('the stand-in answers in the published shapes: service request keys, customers, and errors with data', async () => {
    const sandbox = await startPartnerCenterSandbox({ requireAuth: false });
    try {
      const standIn = client(sandbox.url);
      const created = await standIn.createServiceRequest({ title: 'TrialSR', description: 'Ignore this SR', severity: 'critical', supportTopicId: '32444671' }, { agentLocale: 'en-US' });
      const raw = await (await fetch(`${sandbox.url}/v1/servicerequests/${created.id}`)).json() as Record<string, unknown>;
      const publishedKeys = Object.keys(published('create-a-service-request.response.json'));
      for (const key of ['title', 'description', 'severity', 'supportTopicId', 'id', 'status', 'createdDate', 'lastModifiedDate', 'lastClosedDate', 'attributes']) {
        expect([key, publishedKeys.includes(key), typeof raw[key]]).toEqual([key, true, typeof published('create-a-service-request.response.json')[key]]);
      }
      sandbox.addNote(created.id, 'Sample Note', 'Microsoft');
      const noted = await standIn.getServiceRequest(created.id);
      expect(noted.notes[0]?.createdDate).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
      const wireNote = ((await (await fetch(`${sandbox.url}/v1/servicerequests/${created.id}`)).json()) as { notes: { createdDate: string }[] }).notes[0];
      expect(wireNote?.createdDate).not.toMatch(/Z$/);
      const customers = await (await fetch(`${sandbox.url}/v1/customers?size=40`)).json() as Record<string, unknown>;
      expect(Object.keys(customers).sort()).toEqual(expect.arrayContaining(['items', 'attributes']));
      const refused = await standIn.createServiceRequest({ title: 't', description: 'd', severity: 'minimal', supportTopicId: '99999999' }, { agentLocale: 'en-US' }).catch((e: unknown) => e);
      expect((refused as PartnerCenterError).details).toMatchObject({ status: 400, code: '3000', data: [expect.stringContaining('SupportTopicId 99999999') as string] });
    } finally {
      await sandbox.close();
    }
  });
});
