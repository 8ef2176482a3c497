import type { RunningApp } from '../../src/app';
import { FakeConnector } from '../support/fakeConnector';
import { personalConversationId, personalInstall, personalMessage, TENANTS, user } from '../support/activities';
import { post, startTestBot } from '../support/testBot';

function cardOf(body: Record<string, unknown>): Record<string, unknown> {
  const attachments = body.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined;
  const card = attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`no adaptive card in ${JSON.stringify(body)}`);
  return card.content;
}

describe('foundation: install, welcome, commands, tenant gate, HTTP edge', () => {
  let connector: FakeConnector;
  let app: RunningApp;

  beforeAll(async () => {
    connector = await FakeConnector.start();
    app = await startTestBot();
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });
  beforeEach(() => connector.reset());

  it('Install_FrenchCustomer_GetsFrenchWelcomeCardWithTheSupportOffer', async () => {
    const customer = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
    const res = await post(app, personalInstall(customer, connector.url));
    expect(res.status).toBe(200);
    const sent = await connector.waitFor((a) => a.conversationId === personalConversationId(customer));
    const text = JSON.stringify(cardOf(sent.body));
    expect(text).toContain("Bonjour, je suis l'assistant support de Contoso Cloud Services");
    expect(text).toContain('Horaires du service');
    expect(text).toContain('lun.–ven., 08:00–18:00 (Europe/Paris)');
    expect(text).toContain('Inclus dans votre contrat');
    expect(sent.body.summary).toBe('Bienvenue au support de Contoso Cloud Services');
  });

  it('Install_EnglishCustomer_GetsEnglishWelcomeWithPricing', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    await post(app, personalInstall(customer, connector.url));
    const sent = await connector.waitFor((a) => a.conversationId === personalConversationId(customer));
    const text = JSON.stringify(cardOf(sent.body));
    expect(text).toContain("Hello, I'm the Contoso Cloud Services support assistant");
    expect(text).toContain('$95.00 per incident');
    expect(text).toContain('By email: help@contoso-cloud.example');
  });

  it('Install_Twice_WelcomesOnce', async () => {
    const customer = user(TENANTS.contoso, 'Sam Lee', 'en-US');
    await post(app, personalInstall(customer, connector.url));
    await post(app, { ...personalInstall(customer, connector.url), type: 'installationUpdate', action: 'add' });
    expect(connector.sentTo(personalConversationId(customer))).toHaveLength(1);
  });

  it('Message_FromUnknownTenant_GetsOnlyOnePoliteRefusal', async () => {
    const stranger = user(TENANTS.stranger, 'Eve', 'fr-FR');
    await post(app, personalMessage(stranger, connector.url, 'aide'));
    await post(app, personalInstall(stranger, connector.url));
    const sent = connector.sentTo(personalConversationId(stranger));
    expect(sent).toHaveLength(2);
    for (const s of sent) {
      expect(s.body.text).toBe("Désolé, votre organisation n'est pas inscrite à ce service de support. Contactez votre partenaire informatique pour être ajouté.");
      expect(s.body.attachments ?? []).toHaveLength(0);
    }
  });

  it('RedeliveredActivity_GetsNoSecondReply', async () => {
    const customer = user(TENANTS.fabrikam, 'Élise Martin', 'en-US');
    const message = personalMessage(customer, connector.url, 'help');
    await post(app, message);
    await post(app, message);
    expect(connector.sentTo(personalConversationId(customer))).toHaveLength(1);
  });

  it.each([
    ['help', 'What I can do'],
    ['aide', 'What I can do'],
    ['support', 'Your support with Contoso Cloud Services — Business Care'],
  ])('Command_%s_ShowsItsCard', async (command, expected) => {
    const customer = user(TENANTS.fabrikam, 'Élise Martin', 'en-US');
    await post(app, personalMessage(customer, connector.url, command));
    const sent = await connector.waitFor((a) => a.conversationId === personalConversationId(customer));
    expect(JSON.stringify(cardOf(sent.body))).toContain(expected);
  });

  it('TextOverTheLimit_IsRefusedPolitely', async () => {
    const customer = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
    await post(app, personalMessage(customer, connector.url, 'x'.repeat(5000)));
    const sent = await connector.waitFor((a) => a.conversationId === personalConversationId(customer));
    expect(sent.body.text).toContain('Votre message est trop long');
  });

  it.each([
    ['malformed JSON', '{"type":"message",'],
    ['an array', '[1,2]'],
    ['an object without type', '{"text":"hi"}'],
    ['a message without conversation', JSON.stringify({ type: 'message', serviceUrl: 'http://x/', text: 'hi' })],
  ])('Body_%s_Gets400AndServerStaysUp', async (_name, body) => {
    const res = await post(app, body);
    expect(res.status).toBe(400);
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('BodyOver256KB_Gets413', async () => {
    const customer = user(TENANTS.fabrikam);
    const res = await post(app, personalMessage(customer, connector.url, 'x'.repeat(300 * 1024)));
    expect(res.status).toBe(413);
  });

  it('Healthz_And_Readyz_Answer200', async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', version: 'test' });
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });
});
