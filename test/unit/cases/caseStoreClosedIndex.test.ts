/** The day-bucketed index of closed cases the dashboard's statistics read (CaseStore.closedOn). */
import { MemoryStorage } from 'botbuilder';
import { CaseStore, type NewCase } from '../../../src/cases/caseStore';
import { ALICE, aCase } from './caseFixtures';

const LIMITS = { perTenant: 50, perUser: 50 };

function draft(conversationId: string): NewCase {
  const { id: _id, ...rest } = aCase('new', { customerConversationId: conversationId });
  return rest;
}

async function opened(store: CaseStore, conversationId: string): Promise<string> {
  const result = await store.create(draft(conversationId), LIMITS, new Date('2026-11-25T10:00:00.000Z'));
  if (!('created' in result)) throw new Error('not created');
  return result.created.id;
}

describe('CaseStore.closedOn', () => {
  it('BucketsEachClosedCase_UnderTheUtcDayItClosed_Once', async () => {
    const store = new CaseStore(new MemoryStorage());
    const [a, b, c] = [await opened(store, 'a:1'), await opened(store, 'a:2'), await opened(store, 'a:3')];
    const agent = { kind: 'agent' as const, ...ALICE };
    await store.apply(a, { kind: 'take' }, agent, new Date('2026-11-25T11:00:00.000Z'));
    await store.apply(a, { kind: 'resolve', summary: 'done' }, agent, new Date('2026-11-25T23:59:00.000Z'));
    await store.apply(b, { kind: 'withdraw' }, { kind: 'customer', name: 'Sam' }, new Date('2026-11-26T00:01:00.000Z'));
    await store.apply(a, { kind: 'rate', score: 4 }, { kind: 'customer', name: 'Sam' }, new Date('2026-11-26T08:00:00.000Z'));

    expect((await store.closedOn(['2026-11-25'])).map((x) => x.id)).toEqual([a]);
    expect((await store.closedOn(['2026-11-26'])).map((x) => x.id)).toEqual([b]);
    const both = await store.closedOn(['2026-11-25', '2026-11-26', '2026-11-27']);
    expect(both.map((x) => x.id)).toEqual([a, b]);
    expect(both[0]?.satisfaction?.score).toBe(4);
    expect((await store.openCases()).map((x) => x.id)).toEqual([c]);
    expect(await store.closedOn([])).toEqual([]);
  });

  it('ConcurrentClosings_OnOneDay_AllLand', async () => {
    const store = new CaseStore(new MemoryStorage());
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => opened(store, `a:c${i}`)));
    const at = new Date('2026-11-25T12:00:00.000Z');
    await Promise.all(ids.map((id) => store.apply(id, { kind: 'withdraw' }, { kind: 'customer', name: 'Sam' }, at)));
    expect((await store.closedOn(['2026-11-25'])).map((x) => x.id).sort()).toEqual([...ids].sort());
  });
});
