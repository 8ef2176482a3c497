import { MemoryStorage } from 'botbuilder';
import pino from 'pino';
import type { Customer } from '../../../src/directory/customerDirectory';
import type { MessageCenterPost, MessageCenterSnapshot } from '../../../src/health/messageCenterModel';
import { MessageCenterDigest, type MessageCenterDigestOptions } from '../../../src/notifications/messageCenterDigest';
import type { StoredReference } from '../../../src/teams/conversationReferences';

const FABRIKAM = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';
const CONTOSO = '3c9d1e2f-4a5b-46c7-8d9e-0f1a2b3c4d5e';
const NORTHWIND = '11111111-2222-4333-8444-555555555555';
const WEDNESDAY = Date.parse('2026-12-02T10:00:00Z');
const day = (offset: number): string => new Date(WEDNESDAY + offset * 86_400_000).toISOString();

const post = (id: string, due: string | null): MessageCenterPost => ({
  id, title: `Title of ${id}`, category: 'planForChange', services: ['Exchange Online'], tags: [], isMajorChange: false,
  startDateTime: day(-30), actionRequiredByDateTime: due, lastModifiedDateTime: day(-1), text: '', details: {},
});

const POSTS: Record<string, MessageCenterPost[]> = {
  [FABRIKAM]: [post('MC100', day(20)), post('MC101', day(45)), post('MC102', day(-3))],
  [CONTOSO]: [post('MC100', day(20)), post('MC200', day(5))],
};

const CHANNEL = { tenantId: 'partner', conversationId: '19:agents', scope: 'channel', reference: { conversation: { id: '19:agents' } } } as unknown as StoredReference;

function digest(storage: MemoryStorage, sent: unknown[], overrides: Partial<MessageCenterDigestOptions> = {}): MessageCenterDigest {
  return new MessageCenterDigest({
    storage,
    messageCenter: {
      getMessages: (tenantId: string): Promise<MessageCenterSnapshot> => {
        if (tenantId === NORTHWIND) return Promise.reject(new Error('Graph unreachable'));
        return Promise.resolve({ tenantId, fetchedAt: day(0), available: true, posts: POSTS[tenantId] ?? [] });
      },
    },
    directory: { all: () => [FABRIKAM, NORTHWIND, CONTOSO].map((tenantId) => ({ tenantId, name: { [FABRIKAM]: 'Fabrikam', [CONTOSO]: 'Contoso Pharma', [NORTHWIND]: 'Northwind' }[tenantId] }) as Customer) },
    messenger: { send: (_reference, activity) => { sent.push(activity); return Promise.resolve('activity-1'); } },
    agentsChannel: () => Promise.resolve(CHANNEL),
    agentsLocale: 'en',
    schedule: { day: 'wed', hour: 9 },
    instanceId: 'instance-a',
    logger: pino({ level: 'silent' }),
    now: () => WEDNESDAY,
    ...overrides,
  });
}

const cardText = (activity: unknown): string => JSON.stringify((activity as { attachments: { content: unknown }[] }).attachments[0]?.content);

describe('weekly Message center digest', () => {
  it('sends once per week: per customer, only posts due within 30 days; a second instance or a restart sends nothing', async () => {
    const storage = new MemoryStorage();
    const sent: unknown[] = [];
    expect(await digest(storage, sent).run()).toBe('sent');
    expect(await digest(storage, sent, { instanceId: 'instance-b' }).run()).toBe('alreadyDone');
    expect(await digest(storage, sent).run()).toBe('alreadyDone');
    expect(sent).toHaveLength(1);
    const text = cardText(sent[0]);
    expect(text).toContain('Fabrikam (1)');
    expect(text).toContain('Contoso Pharma (2)');
    expect(text).not.toContain('Northwind');
    expect(text).toContain('MC100 · Title of MC100');
    expect(text).toContain('https://admin.microsoft.com/#/MessageCenter/:/messages/MC200');
    expect(text).not.toContain('MC101');
    expect(text).not.toContain('MC102');
    expect(text.indexOf('MC200')).toBeLessThan(text.lastIndexOf('MC100'));
  });

  it('is not due before the configured day and hour; due again the next week', async () => {
    const storage = new MemoryStorage();
    const sent: unknown[] = [];
    expect(await digest(storage, sent, { now: () => WEDNESDAY - 2 * 3_600_000 }).run()).toBe('notDue');
    expect(await digest(storage, sent).run()).toBe('sent');
    expect(await digest(storage, sent, { now: () => WEDNESDAY + 7 * 86_400_000 }).run()).toBe('sent');
    expect(sent).toHaveLength(2);
  });

  it('waits for the agents channel, records an empty week without sending, and retries a failed send', async () => {
    const storage = new MemoryStorage();
    const sent: unknown[] = [];
    expect(await digest(storage, sent, { agentsChannel: () => Promise.resolve(undefined) }).run()).toBe('noChannel');
    const failing = digest(storage, sent, { messenger: { send: () => Promise.reject(new Error('Connector 503')) } });
    await expect(failing.run()).rejects.toThrow('Connector 503');
    expect(await digest(storage, sent).run()).toBe('sent');

    const quiet = new MemoryStorage();
    const none = digest(quiet, sent, { now: () => WEDNESDAY + 60 * 86_400_000 });
    expect(await none.run()).toBe('empty');
    expect(await none.run()).toBe('alreadyDone');
    expect(sent).toHaveLength(1);
  });

  it('writes the card in the agents\' language', async () => {
    const sent: unknown[] = [];
    await digest(new MemoryStorage(), sent, { agentsLocale: 'fr' }).run();
    expect(cardText(sent[0])).toContain('Centre de messages : action requise sous 30 jours');
    expect(cardText(sent[0])).toContain('échéance');
  });
});
