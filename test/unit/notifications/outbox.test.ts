import { MemoryStorage } from 'botbuilder';
import { Outbox, type DeliveryRequest } from '../../../src/notifications/outbox';
import { issue } from './issueFixture';

function request(overrides: Partial<DeliveryRequest> = {}): DeliveryRequest {
  return {
    audience: 'customer', tenantId: 't1', conversationId: 'a:1', reference: { conversation: { id: 'a:1' } as never },
    issue: issue(), issueTenantId: 't1', kind: 'new', changes: [], ...overrides,
  };
}

describe('Outbox', () => {
  let now: number;
  let outbox: Outbox;
  beforeEach(() => {
    now = 1_000;
    outbox = new Outbox(new MemoryStorage(), () => now);
  });

  it('enqueues a version once (idempotent) and queues the key', async () => {
    expect(await outbox.enqueue([request()])).toBe(1);
    expect(await outbox.enqueue([request()])).toBe(0);
    const [key] = await outbox.queued();
    const [delivery] = await outbox.readMany([key ?? '']);
    expect(delivery).toMatchObject({ status: 'pending', version: 1, sentVersion: 0, followUpDue: false });
  });

  it('lets only one claim win, and takes over an expired claim', async () => {
    await outbox.enqueue([request()]);
    const [key = ''] = await outbox.queued();
    const [a, b] = await Promise.all([outbox.claim(key, 'A', 100), outbox.claim(key, 'B', 100)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    now += 101;
    expect(await outbox.claim(key, 'C', 100)).toMatchObject({ claimedBy: 'C' });
  });

  it('goes back to pending when a newer version arrives during a send, keeping the card id', async () => {
    await outbox.enqueue([request()]);
    const [key = ''] = await outbox.queued();
    await outbox.claim(key, 'A', 100);
    await outbox.cardShown(key, 1, 'act-1');
    const resolved = issue({ isResolved: true, status: 'serviceRestored', lastModifiedDateTime: '2026-11-25T10:00:00Z' });
    expect(await outbox.enqueue([request({ issue: resolved, kind: 'resolved' })])).toBe(1);
    expect(await outbox.release(key, 'A')).toBe('pending');
    const [d] = await outbox.readMany([key]);
    expect(d).toMatchObject({ version: 2, sentVersion: 1, activityId: 'act-1', followUpDue: true, kind: 'resolved' });
  });

  it('ignores an older revision', async () => {
    const later = issue({ lastModifiedDateTime: '2026-11-25T10:00:00Z' });
    await outbox.enqueue([request({ issue: later })]);
    expect(await outbox.enqueue([request()])).toBe(0);
  });

  it('records retries and final failures with their reason', async () => {
    await outbox.enqueue([request()]);
    const [key = ''] = await outbox.queued();
    await outbox.claim(key, 'A', 100);
    expect(await outbox.fail(key, 'A', '429 Throttled', now + 500)).toBe('pending');
    expect(await outbox.claim(key, 'A', 100)).toBeUndefined();
    now += 500;
    await outbox.claim(key, 'A', 100);
    expect(await outbox.fail(key, 'A', '403 ConversationBlockedByUser', undefined)).toBe('failed');
    const [d] = await outbox.forIncident('EX100001');
    expect(d).toMatchObject({ status: 'failed', attempts: 2, reason: '403 ConversationBlockedByUser' });
  });

  it('adds customers to the agents delivery without a newer revision', async () => {
    const agents = request({ audience: 'agents', conversationId: '19:agents', tenantId: 'partner' });
    await outbox.enqueue([{ ...agents, customer: 'Contoso' }]);
    expect(await outbox.enqueue([{ ...agents, customer: 'Contoso' }])).toBe(0);
    expect(await outbox.enqueue([{ ...agents, customer: 'Fabrikam', issueTenantId: 't2' }])).toBe(1);
    const [d] = await outbox.forIncident('EX100001');
    expect(d).toMatchObject({ customers: ['Contoso', 'Fabrikam'], version: 2 });
  });
});
