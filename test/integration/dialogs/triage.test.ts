import type { RunningApp } from '../../../src/app';
import { fault } from '../../../src/sandbox/faults';
import { FakeConnector } from '../../support/fakeConnector';
import { TENANTS, user } from '../../support/activities';
import { Chat } from '../../support/chat';
import { startTestBot, tempSqlitePath } from '../../support/testBot';
import { APP, startHealthSandboxes, type HealthSandboxes } from '../health/healthSandboxes';

/** Each row: what the customer types (or presses), and what must be visible in the bot's answer. */
type Step = [input: string | Record<string, unknown>, expected: string[]];

describe('triage dialog and service health through Graph (https Graph + token endpoint stand-ins)', () => {
  let sandboxes: HealthSandboxes;
  let connector: FakeConnector;
  let app: RunningApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    sandboxes = await startHealthSandboxes();
    connector = await FakeConnector.start();
    env = {
      STORAGE: 'sqlite', SQLITE_PATH: tempSqlitePath(), GRAPH_BASE_URL: sandboxes.graph.url,
      AZURE_CLIENT_ID: APP.clientId, AZURE_CLIENT_SECRET: APP.clientSecret, AZURE_AUTHORITY_HOST: sandboxes.entra.url,
      // Long enough that no snapshot expires during a test, however loaded the machine: a test that needs Graph
      // to be asked again starts from a fresh bot (an empty cache) instead of waiting for the cache to expire.
      HEALTH_CACHE_TTL_SECONDS: '3600',
    };
    app = await startTestBot(env);
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
    await sandboxes.close();
  });
  beforeEach(() => {
    sandboxes.graph.failAlways('*', undefined);
    sandboxes.graph.reset();
  });

  /** A new bot on the same storage: its service health cache is empty, so the next health read asks Graph. */
  async function restartWithEmptyCache(): Promise<void> {
    await app.stop();
    app = await startTestBot(env);
  }

  async function walk(chat: Chat, steps: Step[]): Promise<string> {
    let last = '';
    for (const [input, expected] of steps) {
      last = typeof input === 'string' ? await chat.say(input) : await chat.submit(input);
      for (const text of expected) expect(last).toContain(text);
    }
    return last;
  }

  it('French customer, typed answers: asks only what the first message does not say, matching incident first, in French', async () => {
    const chat = new Chat(app, connector, user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR'));
    const last = await walk(chat, [
      ['Outlook ne reçoit plus de mails depuis ce matin', ['Regardons cela ensemble', "Combien d'utilisateurs sont touchés ?"]],
      ['tout le monde', ["Quel est l'impact sur votre travail ?"]],
      ['critique', ['Votre demande', 'Exchange Online', "Aujourd'hui", 'Tout le monde', 'Critique : travail bloqué',
        'État des services Microsoft 365 pour Fabrikam', 'Microsoft connaît un problème qui ressemble au vôtre', "Oui, c'est mon problème",
        'Que souhaitez-vous faire ensuite ?', 'Parler à un agent']],
    ]);
    const incidents = last.split('---').filter((part) => part.includes('Microsoft connaît un problème'));
    expect(incidents[0]).toContain('EX1093214');
    expect(incidents[0]).toContain('Dégradé');
  });

  it('English customer, card buttons: every question, Teams incident matched, in English', async () => {
    const chat = new Chat(app, connector, user(TENANTS.fabrikam, 'Sam Lee', 'en-US'));
    const last = await walk(chat, [
      ['delays when joining meetings', ["Let's look at this together", 'Which service is affected?', 'Microsoft Teams', 'Other / not Microsoft 365']],
      ['Microsoft Teams', ['Since when?', 'Just now', 'More than a day']],
      ['Today', ['How many users are affected?', 'Only me']],
      ['Several users', ['What is the impact on your work?']],
      ['Moderate: work slowed down', ['Your request', 'Microsoft knows about an issue that looks like yours', 'TM1093187', 'Talk to an agent']],
    ]);
    expect(last).not.toContain('Parler à un agent');
  });

  it('Card answers: the service from the drop-down, the others from buttons that send their label', async () => {
    const chat = new Chat(app, connector, user(TENANTS.fabrikam, 'Sam Lee', 'en-US'));
    const first = await chat.say('delays when joining meetings');
    expect(first).toContain('"type":"Input.ChoiceSet"');
    expect(first).toContain('"title":"Send"');
    const since = await chat.submit({ triageAnswer: 'Microsoft Teams' });
    expect(since).toContain('Since when?');
    expect(since).toContain('"data":{"triageAnswer":"Just now"}');
    await walk(chat, [
      [{ triageAnswer: 'Today' }, ['How many users are affected?']],
      ['Several users', ['What is the impact on your work?']],
      [{ triageAnswer: 'Moderate: work slowed down' }, ['Your request', 'Microsoft Teams', 'TM1093187']],
    ]);
  });

  it('Invalid answers are re-asked with a hint at most 3 times, then triage carries on', async () => {
    const chat = new Chat(app, connector, user(TENANTS.contoso, 'Sam Lee', 'en-US'));
    await walk(chat, [
      ['teams crashes', ['Since when?']],
      ['banana', ['Pick a button or type a date such as 20/11/2026.']],
      ['banana', ['Pick a button or type a date']],
      ['banana', ['Pick a button or type a date']],
      ['banana', ["I'll carry on without that answer.", 'How many users are affected?']],
      ['20/11/2026', ['Pick a button: only me, several, or everyone.']],
    ]);
  });

  it('Cancel (annuler) leaves the dialog at any step', async () => {
    const chat = new Chat(app, connector, user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR'));
    await walk(chat, [
      ['Teams plante', ['Depuis quand ?']],
      ['annuler', ["D'accord, j'arrête."]],
      ['annuler', ["Il n'y a rien à annuler."]],
    ]);
  });

  it('A restart of the bot mid-dialog loses nothing: the customer continues where they were', async () => {
    const chat = new Chat(app, connector, user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR'));
    await walk(chat, [['SharePoint est lent', ['Depuis quand ?']], ["Aujourd'hui", ["Combien d'utilisateurs"]]]);
    await app.stop();
    app = await startTestBot(env);
    chat.app = app;
    await walk(chat, [['plusieurs', ["Quel est l'impact"]], ['minimal', ['Votre demande', 'SharePoint Online', 'Plusieurs utilisateurs']]]);
  });

  // The 10 s wall-clock budget of those retries is the retry policy's (unit-tested in retryPolicy.test.ts); here the
  // customer sees the plain sentence after a bounded number of Graph attempts, whatever the machine's load.
  it('Graph down: one plain sentence and the next steps, after a bounded number of attempts', async () => {
    await restartWithEmptyCache();
    sandboxes.graph.failAlways('*', fault.status(503));
    const chat = new Chat(app, connector, user(TENANTS.contoso, 'Sam Lee', 'en-US'));
    await chat.say('outlook is broken for everyone since yesterday');
    const last = await chat.say('critical');
    expect(last).toContain("I can't check the Microsoft 365 service health of your organisation right now");
    expect(last).toContain('Talk to an agent');
    expect(sandboxes.graph.requestCount(TENANTS.contoso, 'healthOverviews')).toBeGreaterThan(0);
    expect(sandboxes.graph.requestCount(TENANTS.contoso, 'healthOverviews')).toBeLessThanOrEqual(3);
  }, 40000);

  it('Graph answering 429 then 200 is retried and works', async () => {
    await restartWithEmptyCache();
    sandboxes.graph.failNext('healthOverviews', fault.throttle('1'));
    const chat = new Chat(app, connector, user(TENANTS.fabrikam, 'Sam Lee', 'en-US'));
    expect(await chat.say('health')).toContain('Microsoft 365 service health for Fabrikam');
    expect(sandboxes.graph.requestCount(TENANTS.fabrikam, 'healthOverviews')).toBe(2);
  });

  it('50 customers of one tenant starting triage at once cause one healthOverviews call, and tokens of tenant A never reach tenant B', async () => {
    await restartWithEmptyCache();
    const chats = Array.from({ length: 50 }, () => new Chat(app, connector, user(TENANTS.fabrikam, 'User', 'en-US')));
    await Promise.all(chats.map((c) => c.say('outlook does not work')));
    expect(sandboxes.graph.requestCount(TENANTS.fabrikam, 'healthOverviews')).toBe(1);

    const contosoTokens = new Set(sandboxes.entra.tokensIssuedFor(TENANTS.contoso));
    const sentForFabrikam = sandboxes.graph.authorizationsSeen(TENANTS.fabrikam);
    expect(contosoTokens.size).toBeGreaterThan(0);
    expect(sentForFabrikam.length).toBeGreaterThan(0);
    for (const header of sentForFabrikam) expect(contosoTokens.has(header.replace(/^Bearer /, ''))).toBe(false);
  });
});
