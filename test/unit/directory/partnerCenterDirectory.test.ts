import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryStorage } from 'botbuilder';
import pino from 'pino';
import { CustomerDirectory } from '../../../src/directory/customerDirectory';
import type { ListedCustomer } from '../../../src/directory/partnerCenterCustomers';
import { CUSTOMER_LIST_KEY, diffCustomers, PartnerCenterDirectory } from '../../../src/directory/partnerCenterDirectory';
import { parseSupportPlans } from '../../../src/directory/supportPlans';

const plans = parseSupportPlans(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'config', 'support-plans.json'), 'utf8')), 'support-plans.json');
const X: ListedCustomer = { tenantId: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1', companyName: 'Xylo', domain: 'xylo.com' };
const Y: ListedCustomer = { tenantId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', companyName: 'Yonder', domain: 'yonder.com' };

/** A logger whose lines the test reads. */
function recordingLogger(): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line) as Record<string, unknown>); } });
  return { logger, lines };
}

function instance(storage: MemoryStorage, id: string, list: () => Promise<ListedCustomer[]>, logger = pino({ level: 'silent' })): { directory: CustomerDirectory; sync: PartnerCenterDirectory } {
  const directory = new CustomerDirectory([]);
  let tick = 0;
  const sync = new PartnerCenterDirectory({
    directory, plans, storage, instanceId: id, logger, listCustomers: list, syncIntervalMs: 60_000, refreshIntervalMs: 60_000,
    now: () => new Date(Date.UTC(2026, 11, 2, 12, 0, tick++)),
  });
  return { directory, sync };
}

describe('diffCustomers', () => {
  it('says who joined and who left', () => {
    expect(diffCustomers([X], [Y])).toEqual({ joined: [Y], left: [X] });
    expect(diffCustomers([X, Y], [Y, X])).toEqual({ joined: [], left: [] });
  });
});

describe('PartnerCenterDirectory', () => {
  it('syncs on the lease holder, stores the list, and the other instance serves it after a refresh', async () => {
    const storage = new MemoryStorage();
    let listed = [X, Y];
    const a = instance(storage, 'a', () => Promise.resolve(listed));
    const b = instance(storage, 'b', () => Promise.reject(new Error('b must not call Partner Center')));
    expect(await a.sync.syncOnce()).toBe(true);
    expect(await b.sync.syncOnce()).toBe(false);
    expect(a.directory.find(X.tenantId)).toMatchObject({ name: 'Xylo', supportPlan: { name: 'Essentials' } });
    expect(b.directory.find(X.tenantId)).toBeUndefined();
    expect(await b.sync.refreshOnce()).toBe(true);
    expect(b.directory.all().map((c) => c.name)).toEqual(['Xylo', 'Yonder']);
    expect(await b.sync.refreshOnce()).toBe(false);

    listed = [Y];
    await a.sync.syncOnce();
    await b.sync.refreshOnce();
    expect(a.directory.find(X.tenantId)).toBeUndefined();
    expect(b.directory.find(X.tenantId)).toBeUndefined();
    expect(b.directory.search('yonder')?.tenantId).toBe(Y.tenantId);
  });

  it('logs who joined and who left, with the tenant id', async () => {
    const { logger, lines } = recordingLogger();
    let listed = [X];
    const a = instance(new MemoryStorage(), 'a', () => Promise.resolve(listed), logger);
    await a.sync.syncOnce();
    listed = [Y];
    await a.sync.syncOnce();
    const events = lines.map((l) => [l.event, l.tenantId]).filter(([event]) => event === 'directory.customerJoined' || event === 'directory.customerLeft');
    expect(events).toEqual([['directory.customerJoined', X.tenantId], ['directory.customerJoined', Y.tenantId], ['directory.customerLeft', X.tenantId]]);
  });

  it('keeps the last list when Partner Center fails or suddenly lists nobody; a restart serves the stored list', async () => {
    const storage = new MemoryStorage();
    const { logger, lines } = recordingLogger();
    let answer: () => Promise<ListedCustomer[]> = () => Promise.resolve([X]);
    const a = instance(storage, 'a', () => answer(), logger);
    await a.sync.syncOnce();
    answer = () => Promise.reject(new Error('HTTP 503'));
    expect(await a.sync.syncOnce()).toBe(false);
    answer = () => Promise.resolve([]);
    expect(await a.sync.syncOnce()).toBe(false);
    expect(a.directory.find(X.tenantId)).toBeDefined();
    expect(lines.map((l) => l.event)).toEqual(expect.arrayContaining(['directory.syncFailed', 'directory.emptyListIgnored']));
    const stored = (await storage.read([CUSTOMER_LIST_KEY]))[CUSTOMER_LIST_KEY] as { customers: ListedCustomer[] };
    expect(stored.customers).toEqual([X]);

    const restarted = instance(storage, 'a2', () => Promise.reject(new Error('Partner Center down')));
    await restarted.sync.start();
    expect(restarted.directory.find(X.tenantId)?.name).toBe('Xylo');
    await restarted.sync.stop();
  });
});
