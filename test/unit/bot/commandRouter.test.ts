import { Writable } from 'node:stream';
import { ConversationState, MemoryStorage } from 'botbuilder';
import pino from 'pino';
import { CustomerConversation } from '../../../src/bot/customerConversation';
import { PartnerConversation } from '../../../src/bot/partnerConversation';
import { CaseDesk } from '../../../src/cases/caseDesk';
import type { Customer } from '../../../src/directory/customerDirectory';
import { NotificationCommands } from '../../../src/notifications/notificationCommands';
import { Outbox } from '../../../src/notifications/outbox';
import { SubscriptionStore } from '../../../src/notifications/subscriptions';
import { setAudience, type Audience } from '../../../src/teams/audience';
import type { VerbHandler } from '../../../src/teams/cardActions';
import { CommandRouter } from '../../../src/teams/commandRouter';
import { COMMAND_WORDS, parseCommand, type Command, type CommandLocale, type CommandName } from '../../../src/teams/commands';
import { BotConversationMemory } from '../../../src/teams/conversationMemory';
import type { AuthorizationRequest } from '../../../src/teams/guard';
import type { Activity, Turn } from '../../../src/teams/turn';

const PARTNER: Audience = { kind: 'partner', tenantId: 'partner-tenant', locale: 'en' };
const CUSTOMER: Audience = { kind: 'customer', tenantId: 'customer-tenant', customer: { name: 'Contoso' } as Customer, locale: 'en' };

/** A turn as the kernel hands it to features, recording what is sent. */
function turnOf(audience: Audience, text: string, conversationType = 'personal'): Turn & { sent: Array<string | Partial<Activity>> } {
  const sent: Array<string | Partial<Activity>> = [];
  const turn = {
    activity: {
      type: 'message', text, channelId: 'msteams', id: 'activity-1',
      from: { id: '29:user', name: 'User', aadObjectId: 'user-object-id' },
      conversation: { id: `conversation-${conversationType}`, conversationType, isGroup: conversationType !== 'personal', name: '', tenantId: audience.tenantId },
      recipient: { id: 'bot', name: 'bot' },
    } as Activity,
    turnState: new Map<symbol, unknown>(),
    sendActivity: (activity: string | Partial<Activity>) => {
      sent.push(activity);
      return Promise.resolve({ id: 'sent' });
    },
    sent,
  };
  setAudience(turn, audience);
  return turn;
}

function capture(): { logger: pino.Logger; events: (name: string) => Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), events: (name) => lines.filter((line) => line.event === name) };
}

function routerWith(options: { allowed?: boolean; agentsPlace?: boolean; logger?: pino.Logger } = {}): { router: CommandRouter; asked: AuthorizationRequest[] } {
  const asked: AuthorizationRequest[] = [];
  const router = new CommandRouter({
    logger: options.logger ?? pino({ level: 'silent' }),
    authorizer: { authorize: (_id, request) => { asked.push(request); return Promise.resolve(options.allowed ?? true ? 'allowed' : 'refused'); } },
    places: { isAgentsPlace: () => Promise.resolve(options.agentsPlace ?? true) },
  });
  return { router, asked };
}

/** A sample argument for each command typed with one. */
const ARGUMENTS: Partial<Record<CommandName, string>> = { case: '1042', health: 'fabrikam', queue: '2', outage: 'EX1093214' };

/** Every form of every command, in each locale: [locale, name, text]. */
const FORMS: Array<[CommandLocale, CommandName, string]> = (Object.keys(COMMAND_WORDS) as CommandName[]).flatMap((name) => (['en', 'fr'] as const).flatMap((locale) => {
  const { exact, withArgument } = COMMAND_WORDS[name];
  const alone = (exact?.[locale] ?? []).map((word): [CommandLocale, CommandName, string] => [locale, name, word]);
  const withArg = (withArgument?.words[locale] ?? []).map((word): [CommandLocale, CommandName, string] => [locale, name, `${word} ${ARGUMENTS[name] ?? ''}`]);
  return [...alone, ...withArg];
}));

describe('every registered command, in English and French', () => {
  const { router } = routerWith();
  const storage = new MemoryStorage();
  const silent = pino({ level: 'silent' });
  const stub = {} as never;
  const caseDesk = new CaseDesk({ store: stub, messenger: stub, references: stub, roles: stub, directory: stub, partnerTenantId: 'partner-tenant', logger: silent }, storage);
  caseDesk.registerCommands(router);
  new NotificationCommands({ subscriptions: new SubscriptionStore(storage), health: stub, outbox: new Outbox(storage) }).registerCommands(router);
  new CustomerConversation({ partnerName: 'Partner', memory: new BotConversationMemory(new ConversationState(storage)), commands: router, health: stub, logger: silent, capabilities: stub });
  new PartnerConversation({ caseDesk, commands: router, openServiceRequests: () => Promise.resolve([]), directory: stub, health: stub, logger: silent });

  it('has words in both locales', () => {
    for (const name of Object.keys(COMMAND_WORDS) as CommandName[]) {
      for (const locale of ['en', 'fr'] as const) expect(FORMS.some(([l, n]) => l === locale && n === name)).toBe(true);
    }
  });

  it.each(FORMS)('%s %s: "%s" parses and reaches a registration', (_locale, name, text) => {
    const command = parseCommand(text) as Command;
    expect(command.name).toBe(name);
    const registered = [...router.registrationsFor(command, 'customer'), ...router.registrationsFor(command, 'partner')];
    expect(registered.length).toBeGreaterThan(0);
  });

  it('answers agents\' commands only from the partner tenant, and customers\' only from customers', () => {
    const agentOnly: Command[] = [{ name: 'queue' }, { name: 'useThisChannel' }, { name: 'requests' }, { name: 'outage', incidentId: 'EX1' }, { name: 'health', target: 'x' }];
    for (const command of agentOnly) {
      for (const registration of router.registrationsFor(command, 'partner')) expect(registration.requires).toBeDefined();
    }
    for (const command of [{ name: 'queue' }, { name: 'requests' }, { name: 'useThisChannel' }] as Command[]) expect(router.registrationsFor(command, 'customer')).toEqual([]);
    for (const command of [{ name: 'status' }, { name: 'notify' }, { name: 'agent' }, { name: 'health' }] as Command[]) expect(router.registrationsFor(command, 'partner')).toEqual([]);
  });

  it('in a case thread, only the commands that answer there', () => {
    expect(router.registrationsFor({ name: 'queue' }, 'partner', { inThread: true })).toHaveLength(1);
    expect(router.registrationsFor({ name: 'requests' }, 'partner', { inThread: true })).toEqual([]);
  });
});

describe('the guard of typed commands', () => {
  it('runs an admitted command once, asking the authorizer for the declared action', async () => {
    const { router, asked } = routerWith();
    const ran: string[] = [];
    router.register({ command: 'requests', audience: 'partner', agentsPlaceOnly: true, requires: 'customers.read', run: async () => { ran.push('requests'); } });
    expect(await router.dispatch(turnOf(PARTNER, 'requests'), { name: 'requests' })).toBe(true);
    expect(ran).toEqual(['requests']);
    expect(asked).toEqual([{ action: 'customers.read' }]);
  });

  it('refuses a user without the authorization: told so, logged with tenant and conversation, nothing run', async () => {
    const logs = capture();
    const { router } = routerWith({ allowed: false, logger: logs.logger });
    const run = jest.fn();
    router.register({ command: 'requests', audience: 'partner', requires: 'customers.read', run });
    const turn = turnOf(PARTNER, 'requests');
    expect(await router.dispatch(turn, { name: 'requests' })).toBe(true);
    expect(run).not.toHaveBeenCalled();
    expect(turn.sent).toEqual(['This action is not available to you.']);
    expect(logs.events('security.agentCommandRefused')).toEqual([expect.objectContaining({ tenantId: 'partner-tenant', conversationId: 'conversation-personal', command: 'requests' })]);
  });

  it('refuses outside the agents\' places before asking for the authorization', async () => {
    const logs = capture();
    const { router, asked } = routerWith({ agentsPlace: false, logger: logs.logger });
    const run = jest.fn();
    router.register({ command: 'queue', audience: 'partner', agentsPlaceOnly: true, requires: 'cases.act', run });
    const turn = turnOf(PARTNER, 'queue', 'groupChat');
    expect(await router.dispatch(turn, { name: 'queue' })).toBe(true);
    expect(run).not.toHaveBeenCalled();
    expect(asked).toEqual([]);
    expect(turn.sent).toEqual([expect.stringContaining('only in the agents\' channel')]);
    expect(logs.events('security.agentCommandOutOfPlace')).toEqual([expect.objectContaining({ tenantId: 'partner-tenant', conversationType: 'groupChat' })]);
  });

  it('leaves a command no registration of the speaker\'s audience answers to the caller', async () => {
    const { router } = routerWith();
    router.register({ command: 'queue', audience: 'partner', run: jest.fn() });
    const turn = turnOf(CUSTOMER, 'queue');
    expect(await router.dispatch(turn, { name: 'queue' })).toBe(false);
    expect(turn.sent).toEqual([]);
  });

  it('tries the next registration when one does not apply, then gives up', async () => {
    const { router } = routerWith();
    const order: string[] = [];
    router.register({ command: 'status', audience: 'customer', run: async () => { order.push('first'); return false; } });
    router.register({ command: 'status', audience: 'customer', run: async () => { order.push('second'); return false; } });
    expect(await router.dispatch(turnOf(CUSTOMER, 'status'), { name: 'status' })).toBe(false);
    expect(order).toEqual(['first', 'second']);
  });
});

describe('the guard of card verbs', () => {
  function handler(): VerbHandler & { handled: string[] } {
    const handled: string[] = [];
    return {
      handled,
      verbs: ['x.act', 'x.rate'],
      guard: { verbs: ['x.act'], audience: 'partner', requires: 'cases.act', refusal: { event: 'security.roleDenied', message: 'errors.notForYou' } },
      handle: async (_turn, verb) => { handled.push(verb); return { kind: 'message', text: 'done' }; },
    };
  }

  it('refuses a guarded verb from a user without the authorization, and logs it with the verb and case', async () => {
    const logs = capture();
    const { router } = routerWith({ allowed: false, logger: logs.logger });
    const inner = handler();
    const guarded = router.guardVerbs(inner);
    expect(await guarded.handle(turnOf(PARTNER, ''), 'x.act', { caseId: '1001' })).toEqual({ kind: 'message', text: 'This action is not available to you.' });
    expect(inner.handled).toEqual([]);
    expect(logs.events('security.roleDenied')).toEqual([expect.objectContaining({ verb: 'x.act', caseId: '1001', tenantId: 'partner-tenant' })]);
  });

  it('refuses a guarded verb from the other audience, replays included', async () => {
    const { router } = routerWith();
    const inner = handler();
    const guarded = router.guardVerbs(inner);
    expect(await guarded.handle(turnOf(CUSTOMER, ''), 'x.act', {})).toMatchObject({ kind: 'message' });
    expect(await guarded.replay?.(turnOf(CUSTOMER, ''), 'x.act', {})).toMatchObject({ kind: 'message' });
    expect(inner.handled).toEqual([]);
  });

  it('passes an admitted verb, and a verb the guard does not list, to the handler', async () => {
    const { router } = routerWith({ allowed: false });
    const inner = handler();
    const guarded = router.guardVerbs(inner);
    await guarded.handle(turnOf(CUSTOMER, ''), 'x.rate', {});
    await routerWith().router.guardVerbs(inner).handle(turnOf(PARTNER, ''), 'x.act', {});
    expect(inner.handled).toEqual(['x.rate', 'x.act']);
  });
});
