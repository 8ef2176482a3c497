import { MemoryStorage } from 'botbuilder';
import pino from 'pino';
import { PartnerCenterClient } from '../../../src/escalation/partnerCenter/client';
import type { AzureTicketReader } from '../../../src/escalation/tracker';
import type { SrChange } from '../../../src/escalation/serviceRequestDiff';
import { type ServiceRequestRecord, ServiceRequestStore } from '../../../src/escalation/serviceRequestStore';
import { ServiceRequestTracker } from '../../../src/escalation/tracker';
import { type PartnerCenterSandbox, startPartnerCenterSandbox } from '../../../src/sandbox/partnerCenterSandbox';

const logger = pino({ level: 'silent' });
const noAzure = (): Promise<never> => Promise.reject(new Error('no Azure ticket in these tests'));
const azure: AzureTicketReader = { getTicket: noAzure, listCommunications: noAzure };
const newRequest = { title: 'Teams calls drop', description: 'Tenant aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', severity: 'critical' as const, supportTopicId: '32444668' };

describe('ServiceRequestTracker against the Partner Center stand-in', () => {
  let sandbox: PartnerCenterSandbox;
  let client: PartnerCenterClient;

  beforeAll(async () => {
    sandbox = await startPartnerCenterSandbox({ requireAuth: false });
    client = new PartnerCenterClient({ baseUrl: sandbox.url, logger, retry: { baseDelayMs: 10, maxDelayMs: 20 } });
  });
  afterAll(() => sandbox.close());

  async function fileCase(store: ServiceRequestStore, caseId: string): Promise<string> {
    const { record } = await store.reserve({ caseId, tenantId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', customerName: 'Fabrikam', request: newRequest, requestedBy: { aadObjectId: 'agent-1', name: 'Ana' } });
    const created = await client.createServiceRequest(newRequest, { agentLocale: 'en-US', requestId: record.idempotencyKey });
    await store.markFiled(caseId, created);
    return created.id;
  }

  it('reports a status change and new note once, from one poller, and drops closed requests', async () => {
    const storage = new MemoryStorage();
    const store = new ServiceRequestStore(storage);
    const seen: { record: ServiceRequestRecord; change: SrChange }[] = [];
    const tracker = (instanceId: string): ServiceRequestTracker => new ServiceRequestTracker({
      store, client, azure, storage, logger, instanceId, intervalMs: 1_000,
      onChange: (record, change) => { seen.push({ record, change }); return Promise.resolve(); },
    });
    const a = tracker('instance-a');
    const b = tracker('instance-b');
    const id = await fileCase(store, 'case-1');
    expect((await store.listOpen()).map((r) => r.caseId)).toEqual(['case-1']);

    expect(await a.pollOnce()).toBe(0);
    sandbox.setStatus(id, 'attention_needed', { text: 'Please send the message trace.' });
    expect(await b.pollOnce()).toBe(0);
    expect(await a.pollOnce()).toBe(1);
    expect(await a.pollOnce()).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.change).toEqual({
      status: { from: 'none', to: 'attention_needed' },
      newNotes: [expect.objectContaining({ createdByName: 'Microsoft Support', text: 'Please send the message trace.' })],
    });
    expect(seen[0]?.record.serviceRequest).toMatchObject({ id, status: 'attention_needed', notesSeen: 1 });

    sandbox.setStatus(id, 'closed');
    expect(await a.pollOnce()).toBe(1);
    expect(seen[1]?.change.status).toEqual({ from: 'attention_needed', to: 'closed' });
    expect(await store.listOpen()).toEqual([]);
    await a.stop();
    await b.stop();
  });

  it('reports a change only once even when two pollers race past the lease', async () => {
    const storage = new MemoryStorage();
    const store = new ServiceRequestStore(storage);
    const id = await fileCase(store, 'case-2');
    sandbox.addNote(id, 'We are looking into it.');
    const [record] = await store.listOpen();
    const seen = record?.serviceRequest;
    if (!seen) throw new Error('no snapshot');
    const next = { ...seen, notesSeen: 1 };
    const results = await Promise.all([store.advanceSnapshot('case-2', seen, next), store.advanceSnapshot('case-2', seen, next)]);
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
  });

  it('keeps polling the other requests when one fails', async () => {
    const storage = new MemoryStorage();
    const store = new ServiceRequestStore(storage);
    const changes: string[] = [];
    const tracker = new ServiceRequestTracker({ store, client, azure, storage, logger, instanceId: 'x', onChange: (record) => { changes.push(record.caseId); return Promise.resolve(); } });
    await fileCase(store, 'case-3');
    const id = await fileCase(store, 'case-4');
    await store.advanceSnapshot('case-3', { id: (await store.get('case-3'))?.serviceRequest?.id ?? '', status: 'none', notesSeen: 0 }, { id: '000000000000000', status: 'none', notesSeen: 0 });
    sandbox.setStatus(id, 'open');
    expect(await tracker.pollOnce()).toBe(1);
    expect(changes).toEqual(['case-4']);
    await tracker.stop();
  });
});
