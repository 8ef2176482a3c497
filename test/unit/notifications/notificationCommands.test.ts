import { MemoryStorage, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { setAudience, type Audience } from '../../../src/teams/audience';
import type { Customer } from '../../../src/directory/customerDirectory';
import type { HealthSnapshot } from '../../../src/health/model';
import { NotificationCommands } from '../../../src/notifications/notificationCommands';
import { parseCommand } from '../../../src/teams/commands';
import { Outbox } from '../../../src/notifications/outbox';
import { SubscriptionStore } from '../../../src/notifications/subscriptions';

const TENANT = 't1';
const snapshot: HealthSnapshot = { tenantId: TENANT, fetchedAt: '', services: [{ id: 'Exchange', service: 'Exchange Online', status: 'serviceOperational' }], issues: [] };

function context(audience: Audience, sent: Array<Partial<Activity>>): TurnContext {
  const adapter = new TestAdapter(async () => undefined);
  const turn = new TurnContext(adapter, { type: 'message', channelId: 'msteams', conversation: { id: 'a:1', conversationType: 'personal', isGroup: false, name: '' } });
  turn.onSendActivities(async (_ctx, activities) => {
    sent.push(...activities);
    return activities.map(() => ({ id: 'x' }));
  });
  setAudience(turn, audience);
  return turn;
}

describe('NotificationCommands', () => {
  const customer: Audience = { kind: 'customer', tenantId: TENANT, customer: { name: 'Contoso' } as Customer, locale: 'en' };
  let subscriptions: SubscriptionStore;
  let commands: NotificationCommands;
  beforeEach(() => {
    const storage = new MemoryStorage();
    subscriptions = new SubscriptionStore(storage);
    commands = new NotificationCommands({ subscriptions, health: { getSnapshot: async () => snapshot }, outbox: new Outbox(storage) });
  });

  it('parses the commands (the one command parser)', () => {
    expect(parseCommand('Notify')).toEqual({ name: 'notify' });
    expect(parseCommand('stop  notifications')).toEqual({ name: 'stopNotifications' });
    expect(parseCommand('outage ex123456')).toEqual({ name: 'outage', incidentId: 'EX123456' });
    expect(parseCommand('hello')).toBeUndefined();
  });

  it('notify sends the card; notify.save stores the toggles; stop unsubscribes', async () => {
    const sent: Array<Partial<Activity>> = [];
    await commands.notify(context(customer, sent));
    expect(sent[0]?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const result = await commands.handle(context(customer, sent), 'notify.save', { services: ['Exchange Online'], svc0: 'true', all: 'false' });
    expect(result.kind).toBe('card');
    expect(await subscriptions.get(TENANT, 'a:1')).toMatchObject({ services: ['Exchange Online'], all: false });
    await commands.stop(context(customer, sent));
    expect(await subscriptions.list(TENANT)).toHaveLength(0);
    expect(await subscriptions.get(TENANT, 'a:1')).toMatchObject({ services: [], incidentIds: [], all: false });
  });

  it('outage <id> answers agents with the delivery report', async () => {
    const sent: Array<Partial<Activity>> = [];
    await commands.outage(context({ kind: 'partner', tenantId: 'p', locale: 'en' }, sent), 'EX1');
    expect(sent[0]?.text).toBe('No notifications were sent for EX1.');
  });

  it('keeps directory defaults from coming back after stop', async () => {
    await subscriptions.applyDefaults(TENANT, 'a:2', ['Exchange Online']);
    await subscriptions.unsubscribeAll(TENANT, 'a:2');
    await subscriptions.applyDefaults(TENANT, 'a:2', ['Exchange Online']);
    expect(await subscriptions.list(TENANT)).toHaveLength(0);
  });
});
