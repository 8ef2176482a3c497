import { MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import pino from 'pino';
import { setAudience } from '../../../src/teams/audience';
import type { Triage } from '../../../src/problem/triageModel';
import { CustomerDirectory, parseCustomerDirectory } from '../../../src/directory/customerDirectory';
import { type CaseForEscalation, EscalationDesk } from '../../../src/escalation/escalationDesk';
import type { VerbHandler } from '../../../src/teams/cardActions';
import { CommandRouter } from '../../../src/teams/commandRouter';
import { AzureSupportClient } from '../../../src/escalation/azureSupport/client';
import { PartnerCenterClient } from '../../../src/escalation/partnerCenter/client';
import { ServiceRequestStore } from '../../../src/escalation/serviceRequestStore';
import { fault } from '../../../src/sandbox/faults';
import { type PartnerCenterSandbox, startPartnerCenterSandbox } from '../../../src/sandbox/partnerCenterSandbox';

const logger = pino({ level: 'silent' });
const PREMIER = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const NO_PLAN = 'bbbbbbbb-bbbb-4ccc-8ddd-eeeeeeeeeeee';

function customer(tenantId: string, name: string, entitlement: string): unknown {
  return {
    tenantId, name, defaultDomain: `${name.toLowerCase()}.onmicrosoft.com`,
    supportPlan: {
      name: 'Gold', scope: ['Microsoft 365'], hours: { timeZone: 'Europe/Paris', days: ['mon'], open: '09:00', close: '18:00' },
      contact: { method: 'teams' }, pricing: { model: 'included' }, microsoftTechnicalSupport: entitlement,
    },
  };
}

function triage(tenantId: string): Triage {
  return {
    service: 'Exchange Online', description: 'External mail delayed', since: { kind: 'today' }, usersAffected: 'several', severity: 'moderate',
    locale: 'en-US', tenantId, conversationId: 'c', user: { id: 'u', name: 'Marie' }, startedAt: '2026-11-25T08:00:00Z',
  };
}

function contextFor(aadObjectId: string): TurnContext {
  const context = new TurnContext(new TestAdapter(), { type: 'invoke', from: { id: '29:agent', name: 'Ana', aadObjectId }, conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' }, channelId: 'msteams', recipient: { id: 'bot', name: 'bot' }, serviceUrl: 'https://example.test' });
  setAudience(context, { kind: 'partner', tenantId: 'partner', locale: 'en' });
  return context;
}

type Element = { type?: string; id?: string; value?: string; text?: string; verb?: string; facts?: { value: string }[] };
function elements(card: Record<string, unknown>): Element[] {
  return [...(card.body as Element[]), ...(card.actions as Element[])];
}

describe('EscalationDesk with the Partner Center stand-in', () => {
  let sandbox: PartnerCenterSandbox;
  let desk: VerbHandler;
  let escalation: EscalationDesk;
  let store: ServiceRequestStore;
  const filed: string[] = [];

  beforeAll(async () => {
    sandbox = await startPartnerCenterSandbox({ requireAuth: false });
    const directory: CustomerDirectory = parseCustomerDirectory([customer(PREMIER, 'Fabrikam', 'premier'), customer(NO_PLAN, 'Contoso', 'none')], 'test.json');
    const cases = new Map<string, CaseForEscalation>([
      ['case-1', { id: 'case-1', tenantId: PREMIER, triage: triage(PREMIER), customerName: 'Fabrikam', matchedIssues: [], transcriptSummary: 'summary', open: true }],
      ['case-2', { id: 'case-2', tenantId: NO_PLAN, triage: triage(NO_PLAN), customerName: 'Contoso', matchedIssues: [], transcriptSummary: '', open: true }],
      ['case-3', { id: 'case-3', tenantId: PREMIER, triage: triage(PREMIER), customerName: 'Fabrikam', matchedIssues: [], transcriptSummary: 'summary', open: true }],
    ]);
    store = new ServiceRequestStore(new MemoryStorage());
    const router = new CommandRouter({
      logger, authorizer: { authorize: (id) => Promise.resolve(id === 'agent-1' ? 'allowed' : 'refused') }, places: { isAgentsPlace: () => Promise.resolve(true) },
    });
    escalation = new EscalationDesk({
      api: new PartnerCenterClient({ baseUrl: sandbox.url, logger, retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 } }),
      azure: new AzureSupportClient({ baseUrl: 'http://127.0.0.1:9', partnerTenantId: PREMIER, logger }),
      store, directory, logger, cases: { getCase: (id) => cases.get(id), caseCard: () => Promise.resolve(undefined) },
      onFiled: (record) => { filed.push(record.caseId); return Promise.resolve(); },
    });
    desk = router.guardVerbs(escalation);
  });
  afterAll(() => sandbox.close());

  it('refuses people who are not agents', async () => {
    expect(await desk.handle(contextFor('someone'), 'escalation.propose', { caseId: 'case-1' })).toMatchObject({ kind: 'message' });
  });

  it('explains the route instead of proposing when there is no technical entitlement', async () => {
    const result = await desk.handle(contextFor('agent-1'), 'escalation.propose', { caseId: 'case-2' });
    expect(result.kind).toBe('message');
    expect(result.kind === 'message' ? result.text : '').toMatch(/noTechnicalEntitlement|no Microsoft technical support entitlement/);
  });

  it('proposes, keeps a refused field, files once on a double press, then notes and closes', async () => {
    const proposed = await desk.handle(contextFor('agent-1'), 'escalation.propose', { caseId: 'case-1' });
    if (proposed.kind !== 'card') throw new Error('expected a card');
    const inputs = Object.fromEntries(elements(proposed.card).filter((e) => e.id).map((e) => [e.id, e.value]));
    expect(inputs).toMatchObject({ supportTopicId: '32444667', severity: 'moderate' });
    expect(elements(proposed.card).find((e) => e.verb)?.verb).toBe('escalation.submit');

    const submit = { caseId: 'case-1', ...inputs, title: 'Edited title' };
    const titleOf = (result: Awaited<ReturnType<EscalationDesk['handle']>>): string | undefined =>
      result.kind === 'card' ? elements(result.card).find((e) => e.id === 'title')?.value : undefined;
    const unknownTopic = await desk.handle(contextFor('agent-1'), 'escalation.submit', { ...submit, supportTopicId: 'nope' });
    expect(titleOf(unknownTopic)).toBe('Edited title');
    expect(await store.get('case-1')).toBeUndefined();

    sandbox.failNext('createRequest', fault.status(400));
    const refused = await desk.handle(contextFor('agent-1'), 'escalation.submit', submit);
    expect(titleOf(refused)).toBe('Edited title');
    const firstKey = (await store.get('case-1'))?.idempotencyKey;

    sandbox.failAlways('createRequest', fault.status(500));
    const failed = await desk.handle(contextFor('agent-1'), 'escalation.submit', submit);
    sandbox.failAlways('createRequest', undefined);
    expect(failed.kind).toBe('card');
    const afterOutage = await store.get('case-1');
    expect(afterOutage?.attempts.map((a) => a.outcome)).toEqual(['validation', 'unavailable']);
    expect(afterOutage?.idempotencyKey).not.toBe(firstKey);

    const [first, second] = await Promise.all([
      desk.handle(contextFor('agent-1'), 'escalation.submit', submit),
      desk.handle(contextFor('agent-1'), 'escalation.submit', submit),
    ]);
    expect(first.kind).toBe('card');
    expect(second.kind).toBe('card');
    expect(sandbox.serviceRequests().filter((r) => r.title === 'Edited title')).toHaveLength(1);
    const record = await store.get('case-1');
    expect(record).toMatchObject({ state: 'filed', requestedBy: { aadObjectId: 'agent-1', name: 'Ana' } });
    expect(filed).toEqual(['case-1']);
    expect(record?.attempts.map((a) => a.outcome)).toEqual(['validation', 'unavailable', 'created']);
    expect((await escalation.listOpen()).map((r) => r.caseId)).toEqual(['case-1']);

    await desk.handle(contextFor('agent-1'), 'escalation.addNote', { caseId: 'case-1', note: 'Logs attached.' });
    expect(sandbox.serviceRequests().find((r) => r.title === 'Edited title')?.notes.map((n) => n.text)).toEqual(['Logs attached.']);
    await desk.handle(contextFor('agent-1'), 'escalation.close', { caseId: 'case-1' });
    expect(sandbox.serviceRequests().find((r) => r.title === 'Edited title')?.status).toBe('closed');
    expect(await escalation.listOpen()).toEqual([]);
  });

  it('never sends an edited request under the MS-RequestId of an unsettled attempt: the request as sent is filed once', async () => {
    const proposed = await desk.handle(contextFor('agent-1'), 'escalation.propose', { caseId: 'case-3' });
    if (proposed.kind !== 'card') throw new Error('expected a card');
    const sent = { ...Object.fromEntries(elements(proposed.card).filter((e) => e.id).map((e) => [e.id, e.value])), caseId: 'case-3', title: 'Mail delayed: as first sent' };
    const titleOf = (result: Awaited<ReturnType<EscalationDesk['handle']>>): string | undefined =>
      result.kind === 'card' ? elements(result.card).find((e) => e.id === 'title')?.value : undefined;
    sandbox.failAlways('createRequest', fault.status(503));
    await desk.handle(contextFor('agent-1'), 'escalation.submit', sent);
    sandbox.failAlways('createRequest', undefined);

    const edited = await desk.handle(contextFor('agent-1'), 'escalation.submit', { ...sent, title: 'Mail delayed: edited' });
    expect(titleOf(edited)).toBe('Mail delayed: as first sent');
    expect(JSON.stringify(edited)).toContain('The previous attempt may have reached Microsoft');
    expect(sandbox.serviceRequests().filter((r) => r.title.startsWith('Mail delayed'))).toHaveLength(0);
    expect((await store.get('case-3'))?.request).toMatchObject({ title: 'Mail delayed: as first sent' });

    await desk.handle(contextFor('agent-1'), 'escalation.submit', sent);
    expect(sandbox.serviceRequests().filter((r) => r.title.startsWith('Mail delayed')).map((r) => r.title)).toEqual(['Mail delayed: as first sent']);
    expect((await store.get('case-3'))?.state).toBe('filed');
  });
});
