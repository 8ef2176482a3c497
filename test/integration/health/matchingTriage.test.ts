/**
 * Issue 18 through a real turn: the bot, the Graph and token stand-ins serving config/sandbox-health.json. A problem
 * that only shares its service with the tenant's issues gets no "looks like yours"; those issues are listed as the
 * service's other known issues. A problem an issue explains shows it with why (en, fr).
 */
import type { RunningApp } from '../../../src/app';
import { FakeConnector } from '../../support/fakeConnector';
import { TENANTS, user } from '../../support/activities';
import { Chat } from '../../support/chat';
import { startTestBot, tempSqlitePath } from '../../support/testBot';
import { APP, startHealthSandboxes, type HealthSandboxes } from './healthSandboxes';

describe('incident matching in triage: precision before recall', () => {
  let sandboxes: HealthSandboxes;
  let connector: FakeConnector;
  let app: RunningApp;

  beforeAll(async () => {
    sandboxes = await startHealthSandboxes();
    connector = await FakeConnector.start();
    app = await startTestBot({
      STORAGE: 'sqlite', SQLITE_PATH: tempSqlitePath(), GRAPH_BASE_URL: sandboxes.graph.url,
      AZURE_CLIENT_ID: APP.clientId, AZURE_CLIENT_SECRET: APP.clientSecret, AZURE_AUTHORITY_HOST: sandboxes.entra.url,
      HEALTH_CACHE_TTL_SECONDS: '3600',
    });
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
    await sandboxes.close();
  });

  async function triage(locale: string, steps: string[]): Promise<string> {
    const chat = new Chat(app, connector, user(TENANTS.fabrikam, 'Sam Lee', locale));
    let last = '';
    for (const step of steps) last = await chat.say(step);
    return last;
  }

  it('a Teams problem no issue explains: no match, the Teams issues listed apart (en)', async () => {
    const last = await triage('en-US', ['my profile photo will not change', 'Microsoft Teams', 'Today', 'Only me', 'Minimal: minor inconvenience']);
    expect(last).not.toContain('looks like yours');
    expect(last).toContain('Other known issues for Microsoft Teams');
    expect(last).toContain('TM1093187');
    expect(last).toContain('Microsoft reports no known issue that matches your problem.');
    expect(last).not.toContain('triage.confirm');
  });

  it('a problem an issue explains: shown with why, in French', async () => {
    const last = await triage('fr-FR', ['Outlook ne reçoit plus de mails depuis ce matin', 'tout le monde', 'critique']);
    const incident = last.split('---').find((part) => part.includes('Microsoft connaît un problème'));
    expect(incident).toContain('EX1093214');
    expect(incident).toContain('Pourquoi : même service, mots : outlook, reçoit, mails ; a commencé');
  });
});
