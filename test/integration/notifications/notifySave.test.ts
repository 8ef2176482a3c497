import type { RunningApp } from '../../../src/app';
import { cardAction, personalConversation, personalConversationId, personalInstall, personalMessage, TENANTS, user, type TeamsUser } from '../../support/activities';
import { FakeConnector } from '../../support/fakeConnector';
import { post, startTestBot } from '../../support/testBot';

/** The toggles (title → value) of the last `notify` card the bot sent to a customer. */
function lastNotifyToggles(connector: FakeConnector, customer: TeamsUser): Record<string, string> {
  const cards = connector.sentTo(personalConversationId(customer))
    .flatMap((a) => ((a.body as { attachments?: Array<{ content?: { body?: Array<Record<string, unknown>> } }> }).attachments ?? []))
    .map((attachment) => attachment.content?.body ?? [])
    .filter((body) => body.some((e) => e.type === 'Input.Toggle'));
  const last = cards.at(-1) ?? [];
  return Object.fromEntries(last.filter((e) => e.type === 'Input.Toggle').map((e) => [String(e.title), String(e.value)]));
}

/** Submits the card; resolves with the HTTP status and the invoke response as text. */
async function save(app: RunningApp, connector: FakeConnector, customer: TeamsUser, data: Record<string, unknown>): Promise<{ status: number; text: string }> {
  const res = await post(app, cardAction(customer, connector.url, personalConversation(customer), 'notify.save', data));
  return { status: res.status, text: JSON.stringify(res.body) };
}

/** A customer's `notify` card submit (Action.Execute `notify.save`) through the real server, tampered with. */
describe('notify.save only accepts the services of the customer\'s tenant', () => {
  let connector: FakeConnector;
  let app: RunningApp;
  const customer = user(TENANTS.fabrikam, 'Megan Bowen', 'en-US');

  beforeAll(async () => {
    connector = await FakeConnector.start();
    app = await startTestBot({ SANDBOX: 'on' });
    expect((await post(app, personalInstall(customer, connector.url))).status).toBe(200);
    const saved = await save(app, connector, customer, { services: ['Exchange Online', 'Microsoft Teams'], svc0: 'true', svc1: 'false', all: 'false' });
    expect(saved).toMatchObject({ status: 200, text: expect.stringContaining('Your choices are saved.') });
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  const NOT_SAVED = { status: 400, text: expect.stringContaining('These choices were not saved') as unknown };
  /** Past MAX_TEXT_CHARS (a huge field, or more values than the limit walks) no handler reads the card at all. */
  const TOO_LONG = { status: 200, text: expect.stringContaining('Your message is too long for me') as unknown };

  async function expectRefusedAndUnchanged(data: Record<string, unknown>, refusal: Record<string, unknown> = NOT_SAVED): Promise<void> {
    expect(await save(app, connector, customer, data)).toMatchObject(refusal);
    await post(app, personalMessage(customer, connector.url, 'notify'));
    const toggles = lastNotifyToggles(connector, customer);
    expect(toggles['Exchange Online']).toBe('true');
    expect(toggles['Microsoft Teams']).toBe('false');
    expect(Object.keys(toggles).some((title) => title.includes('Imaginary'))).toBe(false);
  }

  it('refuses 101 service names (more than the card ever lists)', async () => {
    const services = Array.from({ length: 101 }, (_, i) => `S${i}`);
    await expectRefusedAndUnchanged({ services, svc0: 'true', all: 'false' });
  });

  it('refuses a made-up service name and keeps the earlier choices', async () => {
    await expectRefusedAndUnchanged({ services: ['Exchange Online', 'Contoso Imaginary Service'], svc0: 'false', svc1: 'true', all: 'false' });
  });

  it('refuses 10,000 service names (within the request size limit)', async () => {
    const services = Array.from({ length: 10_000 }, (_, i) => `S${i}`);
    await expectRefusedAndUnchanged({ services, svc0: 'true', svc9999: 'true', all: 'false' }, TOO_LONG);
  });

  it('refuses a huge service name', async () => {
    await expectRefusedAndUnchanged({ services: ['Imaginary'.repeat(5_000)], svc0: 'true', all: 'false' }, TOO_LONG);
  });

  it('tells a French-speaking customer in French', async () => {
    const french = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
    expect((await post(app, personalInstall(french, connector.url))).status).toBe(200);
    expect(await save(app, connector, french, { services: ['Service inventé'], svc0: 'true', all: 'false' }))
      .toMatchObject({ status: 400, text: expect.stringContaining("Ces choix n'ont pas été enregistrés") });
  });
});
