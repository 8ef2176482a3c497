/**
 * Bad input: property-based fuzzing (fast-check) of Teams-shaped activities POSTed to the real server, and of the
 * storage keys built from user input. About 150 HTTP runs in all, to stay fast.
 */
import fc from 'fast-check';
import type { RunningApp } from '../../src/app';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed } from '../../src/sandbox/graphSeed';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../src/sandbox/partnerCenterSandbox';
import { escapeKeyPart, KEY_SEPARATOR, MAX_STORAGE_KEY_LENGTH, storageKey } from '../../src/storage/storageKeys';
import { cardAction, personalConversation, personalConversationId, personalMessage, TENANTS, user } from '../support/activities';
import { visibleText } from '../support/chat';
import { FakeConnector } from '../support/fakeConnector';
import { post, startTestBot } from '../support/testBot';

const MAX_TEXT_CHARS = 500;

/**
 * What a client fault may get back: anything below 500, except the 501 that botbuilder's contract gives an
 * invoke whose name no handler knows (an invoke *response*, not a failure). A card action without `action`
 * is refused at the edge with 400 (finding F1, fixed).
 */
function expectNoServerFault(activity: Record<string, unknown>, status: number): void {
  if (activity.type === 'invoke' && activity.name !== 'adaptiveCard/action') {
    expect(status === 501 || status < 500).toBe(true);
    return;
  }
  expect(status).toBeLessThan(500);
}

describe('bad input never breaks the bot', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;
  let partnerCenter: PartnerCenterSandbox;
  let app: RunningApp;

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, seed: loadGraphSandboxSeed() });
    partnerCenter = await startPartnerCenterSandbox({ requireAuth: false });
    app = await startTestBot({ GRAPH_BASE_URL: graph.url, PARTNER_CENTER_BASE_URL: partnerCenter.url, MAX_TEXT_CHARS: String(MAX_TEXT_CHARS) });
  });
  afterAll(async () => {
    await app.stop();
    await partnerCenter.close();
    await graph.close();
    await connector.close();
  });

  const healthy = async (): Promise<void> => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
  };

  const tenant = fc.constantFrom<string | undefined>(TENANTS.fabrikam, TENANTS.contoso, TENANTS.partner, TENANTS.stranger, undefined, '', '../../etc', 'x'.repeat(300));
  const oddValue = fc.oneof(
    fc.constant(null), fc.constant(undefined), fc.integer(), fc.double(), fc.boolean(), fc.string(), fc.string({ unit: 'grapheme' }),
    fc.array(fc.anything(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }),
  );
  const FIELDS = ['id', 'type', 'text', 'from', 'recipient', 'conversation', 'channelData', 'entities', 'attachments', 'value', 'locale', 'timestamp', 'membersAdded', 'name', 'replyToId', 'textFormat', 'channelId'];

  it('answers every mutated Teams activity with a non-5xx status and stays up', async () => {
    await fc.assert(fc.asyncProperty(
      tenant,
      fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('help', 'status', 'agent', 'case C-1', 'health', 'health ../..', '<at>x</at>', '\u0000\u202e')),
      fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'typing', 'event', 'endOfConversation', 'deleteUserData', 'unknownType', 'MESSAGE', ' '),
      fc.array(fc.tuple(fc.constantFrom(...FIELDS), oddValue), { maxLength: 3 }),
      fc.array(fc.constantFrom(...FIELDS), { maxLength: 2 }),
      async (tenantId, text, type, overrides, removed) => {
        const u = { ...user(TENANTS.fabrikam, 'Fuzz', 'en-US'), tenantId: tenantId as string };
        const activity: Record<string, unknown> = { ...personalMessage(u, connector.url, text), type };
        if (tenantId === undefined) delete (activity.channelData as Record<string, unknown>).tenant;
        for (const [field, value] of overrides) activity[field] = value;
        for (const field of removed) Reflect.deleteProperty(activity, field);
        const res = await post(app, activity);
        expectNoServerFault(activity, res.status);
      },
    ), { numRuns: 70 });
    await healthy();
  });

  it('answers broken Universal Action invokes with a non-5xx status', async () => {
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(TENANTS.fabrikam, TENANTS.partner),
      fc.oneof(fc.constantFrom('case.take', 'case.resolve', 'case.rate', 'case.assign', 'case.refresh', 'escalation.submit', 'escalation.propose', 'escalation.addNote', 'escalation.close', 'notify.save', 'nope', ''), fc.string()),
      fc.oneof(fc.dictionary(fc.constantFrom('caseId', 'score', 'summary', 'assignTo', 'severity', 'note', 'x'), oddValue, { maxKeys: 4 }), oddValue),
      fc.oneof(fc.constant('ok'), fc.constant('noAction'), fc.constant('badValue'), fc.constant('badName')),
      async (tenantId, verb, data, shape) => {
        const u = user(tenantId, 'Fuzz Invoker', 'en-US');
        const activity = cardAction(u, connector.url, personalConversation(u), verb, data as Record<string, unknown>);
        if (shape === 'noAction') activity.value = { trigger: 'manual' };
        if (shape === 'badValue') activity.value = data;
        if (shape === 'badName') activity.name = verb;
        const res = await post(app, activity);
        expectNoServerFault(activity, res.status);
      },
    ), { numRuns: 50 });
    await healthy();
  });

  it('refuses raw bodies that are not activities with 400, never 5xx', async () => {
    await fc.assert(fc.asyncProperty(
      fc.oneof(fc.string(), fc.json(), fc.constantFrom('{', '[]', 'null', '"x"', '{"type":1}', '{"type":"message"}', '{"type":"message","serviceUrl":"javascript:alert(1)","conversation":{"id":"x"}}')),
      async (raw) => {
        const res = await post(app, raw);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      },
    ), { numRuns: 30 });
    await healthy();
  });

  it('refuses text over MAX_TEXT_CHARS politely, in the user\'s language, without running triage', async () => {
    const u = user(TENANTS.fabrikam, 'Long Writer', 'en-US');
    const graphCallsBefore = graph.requests.length;
    const res = await post(app, personalMessage(u, connector.url, 'é'.repeat(MAX_TEXT_CHARS + 1)));
    expect(res.status).toBe(200);
    const replies = connector.sentTo(personalConversationId(u)).map(visibleText).join('\n');
    expect(replies).toContain(`Your message is too long for me (${MAX_TEXT_CHARS + 1} characters, at most ${MAX_TEXT_CHARS})`);
    expect(graph.requests.length).toBe(graphCallsBefore);
    const fr = user(TENANTS.fabrikam, 'Long Writer FR', 'fr-FR');
    await post(app, personalMessage(fr, connector.url, 'x'.repeat(MAX_TEXT_CHARS * 3)));
    expect(connector.sentTo(personalConversationId(fr)).map(visibleText).join('\n')).toMatch(/trop long/i);
  });

  it('refuses a body over the size limit with 413, and the server stays up', async () => {
    const u = user(TENANTS.fabrikam, 'Huge', 'en-US');
    const res = await post(app, personalMessage(u, connector.url, 'x'.repeat(300 * 1024)));
    expect(res.status).toBe(413);
    expect(connector.sentTo(personalConversationId(u))).toEqual([]);
    await healthy();
  });
});

describe('storage keys built from user input cannot escape their tenant', () => {
  const part = fc.oneof(
    fc.string({ minLength: 1 }), fc.string({ unit: 'grapheme', minLength: 1 }), fc.string({ unit: 'binary', minLength: 1 }),
    fc.constantFrom('/', ':', '..', '../..', '%3A', '~', '~abc', 'a:b', 'a%3Ab', '\ud800', '\udfff', '%u'),
    fc.string({ minLength: 256, maxLength: 1200 }),
  );
  const tenantId = fc.oneof(fc.uuid(), part);

  it('never lets two different (tenant, input) lists share a key', () => {
    fc.assert(fc.property(tenantId, tenantId, fc.array(part, { minLength: 1, maxLength: 3 }), fc.array(part, { minLength: 1, maxLength: 3 }), (t1, t2, rest1, rest2) => {
      fc.pre(t1 !== t2);
      expect(storageKey('case', t1, ...rest1)).not.toBe(storageKey('case', t2, ...rest2));
    }), { numRuns: 400 });
  });

  it('keeps the prefix and a tenant id in their own slots whatever the input, with no "/" and within the length limit', () => {
    fc.assert(fc.property(fc.uuid(), fc.array(part, { minLength: 1, maxLength: 4 }), (t, rest) => {
      const key = storageKey('case', t, ...rest);
      const slots = key.split(KEY_SEPARATOR);
      expect(slots[0]).toBe('case');
      expect(slots[1]).toBe(escapeKeyPart(t));
      expect(slots).toHaveLength(2 + rest.length);
      expect(key).not.toContain('/');
      expect(key).not.toContain('..');
      expect(key.length).toBeLessThanOrEqual(MAX_STORAGE_KEY_LENGTH);
    }), { numRuns: 300 });
  });

  it('gives different keys to different inputs of the same tenant (no collision through escaping)', () => {
    fc.assert(fc.property(fc.uuid(), part, part, (t, a, b) => {
      fc.pre(a !== b);
      expect(storageKey('conv', t, a)).not.toBe(storageKey('conv', t, b));
    }), { numRuns: 300 });
  });
});
