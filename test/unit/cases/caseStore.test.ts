import { MemoryStorage } from 'botbuilder';
import type { OpenCaseLimits } from '../../../src/cases/caseModel';
import { CaseStore, type NewCase } from '../../../src/cases/caseStore';
import { storageKey } from '../../../src/storage';
import { aCase } from './caseFixtures';

const LIMITS: OpenCaseLimits = { perTenant: 3, perUser: 2 };
const NOW = new Date('2026-11-25T10:00:00.000Z');

function draft(conversationId: string, changes: { tenantId?: string; aadObjectId?: string } = {}): NewCase {
  const { id: _id, ...rest } = aCase('new', { customerConversationId: conversationId, tenantId: changes.tenantId ?? 'tenant-1' });
  return { ...rest, user: { ...rest.user, aadObjectId: changes.aadObjectId ?? 'aad-u' } };
}

describe('CaseStore.create: one open case per conversation, bounded per tenant and per user', () => {
  it('gives a conversation that has an open case that case, also when asked many times at once', async () => {
    const store = new CaseStore(new MemoryStorage());
    const results = await Promise.all(Array.from({ length: 10 }, () => store.create(draft('a:conv'), LIMITS, NOW)));
    const created = results.filter((r) => 'created' in r);
    expect(created).toHaveLength(1);
    expect(results.every((r) => 'created' in r || 'existing' in r || ('refused' in r && r.refused === 'inProgress'))).toBe(true);
    expect(await store.openCases()).toHaveLength(1);
    expect(await store.create(draft('a:conv'), LIMITS, NOW)).toEqual({ existing: expect.objectContaining({ id: 'C-1001' }) });
  });

  it('opens a new case once the previous one is closed', async () => {
    const store = new CaseStore(new MemoryStorage());
    const first = await store.create(draft('a:conv'), LIMITS, NOW);
    if (!('created' in first)) throw new Error('not created');
    await store.apply(first.created.id, { kind: 'withdraw' }, { kind: 'customer', name: 'Sam' }, NOW);
    expect(await store.create(draft('a:conv'), LIMITS, NOW)).toHaveProperty('created.id', 'C-1002');
  });

  it('refuses past the per-user and the per-tenant limits, other tenants unaffected', async () => {
    const store = new CaseStore(new MemoryStorage());
    await store.create(draft('a:1'), LIMITS, NOW);
    await store.create(draft('a:2'), LIMITS, NOW);
    expect(await store.create(draft('a:3'), LIMITS, NOW)).toEqual({ refused: 'userLimit' });
    await store.create(draft('a:3', { aadObjectId: 'aad-other' }), LIMITS, NOW);
    expect(await store.create(draft('a:4', { aadObjectId: 'aad-third' }), LIMITS, NOW)).toEqual({ refused: 'tenantLimit' });
    expect(await store.create(draft('a:5', { tenantId: 'tenant-2' }), LIMITS, NOW)).toHaveProperty('created');
  });

  it('takes over a conversation whose case creation died half-way, once the claim is old', async () => {
    const storage = new MemoryStorage();
    const store = new CaseStore(storage);
    await storage.write({ [storageKey('cases', 'active', 'tenant-1', 'a:conv')]: { caseId: 'C-0999', claimedAt: NOW.toISOString() } });
    expect(await store.create(draft('a:conv'), LIMITS, NOW)).toEqual({ refused: 'inProgress' });
    expect(await store.create(draft('a:conv'), LIMITS, new Date(NOW.getTime() + 61_000))).toHaveProperty('created');
  });
});
