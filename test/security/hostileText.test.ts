/**
 * Hostile text through the real server: a text too long in any field of an activity (typed, a card's submitted
 * answer, an edit, an Action.Execute's data) is refused with the localized "too long" answer, costs the event loop
 * nothing noticeable and is stored nowhere; words that name members of JavaScript's Object are ordinary text.
 */
import type { RunningApp } from '../../src/app';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed } from '../../src/sandbox/graphSeed';
import { cardAction, personalConversation, personalInstall, personalMessage, personalSubmit, TENANTS, user } from '../support/activities';
import { Chat, visibleText } from '../support/chat';
import { FakeConnector } from '../support/fakeConnector';
import { post, startTestBot } from '../support/testBot';

const FR = jest.requireActual<{ errors: { textTooLong: string }; triage: { start: string } }>('../../src/i18n/fr.json');
/** "Votre message est trop long pour moi": the French answer up to its first placeholder. */
const TOO_LONG_FR = FR.errors.textTooLong.split('(')[0]!.trim();
const TRIAGE_START_FR = FR.triage.start;
/** The one timing bound of this suite, and the requirement itself: /healthz answers within a second meanwhile. */
const HEALTHZ_BOUND_MS = 1_000;

describe('hostile text: size limits and ordinary words', () => {
  let connector: FakeConnector;
  let graph: GraphSandbox;
  let app: RunningApp;

  beforeAll(async () => {
    connector = await FakeConnector.start();
    graph = await startGraphSandbox({ requireAuth: false, seed: loadGraphSandboxSeed() });
    app = await startTestBot({ GRAPH_BASE_URL: graph.url });
  });
  afterAll(async () => {
    await app.stop();
    await graph.close();
    await connector.close();
  });

  async function newCustomer(): Promise<Chat> {
    const chat = new Chat(app, connector, user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR'));
    expect((await post(app, personalInstall(chat.user, connector.url))).status).toBe(200);
    return chat;
  }

  /** Polls /healthz one request after the other until `work` settles; resolves to the slowest answer in ms. */
  async function slowestHealthzDuring(work: Promise<unknown>): Promise<number> {
    let settled = false;
    const done = work.finally(() => {
      settled = true;
    });
    let slowest = 0;
    while (!settled) {
      const started = performance.now();
      const res = await fetch(`${app.url}/healthz`);
      expect(res.status).toBe(200);
      slowest = Math.max(slowest, performance.now() - started);
    }
    await done;
    return slowest;
  }

  it('LongCardAnswer_IsRefusedInFrench_WhileHealthzKeepsAnswering_AndStartsNoTriage', async () => {
    const customer = await newCustomer();
    const answer = `a${' '.repeat(250_000)}b`;
    const before = connector.sentTo(customer.conversationId).length;
    const submit = post(app, personalSubmit(customer.user, connector.url, { triageAnswer: answer }));
    expect(await slowestHealthzDuring(submit)).toBeLessThan(HEALTHZ_BOUND_MS);
    expect((await submit).status).toBe(200);
    const replies = connector.sentTo(customer.conversationId).slice(before).map(visibleText);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain(TOO_LONG_FR);
    // Nothing was kept: the next message starts a triage of its own, and its description is that message.
    const next = await customer.say('Teams plante au démarrage');
    expect(next).toContain(TRIAGE_START_FR);
    expect(next).not.toContain('   ');
  });

  it('LongEdit_IsRefused_NotRelayed', async () => {
    const customer = await newCustomer();
    const edit = personalMessage(customer.user, connector.url, 'x'.repeat(5_000));
    const before = connector.sentTo(customer.conversationId).length;
    await post(app, { ...edit, type: 'messageUpdate', channelData: { ...(edit.channelData as object), eventType: 'editMessage' } });
    const replies = connector.sentTo(customer.conversationId).slice(before).map(visibleText);
    expect(replies).toEqual([expect.stringContaining(TOO_LONG_FR)]);
  });

  it('LongFieldOfAnActionExecute_IsAnsweredTooLong_BeforeAnyHandlerReadsIt', async () => {
    const customer = await newCustomer();
    const rate = cardAction(customer.user, connector.url, personalConversation(customer.user), 'case.rate', { caseId: 'C-1001', score: '5', comment: 'y'.repeat(5_000) });
    const res = await post(app, rate);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining(TOO_LONG_FR) });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('"%s" is ordinary text: it starts a triage', async (word) => {
    const customer = await newCustomer();
    expect(await customer.say(word)).toContain(TRIAGE_START_FR);
  });
});
