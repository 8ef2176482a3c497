/**
 * Attacker's review: the sandbox is on by default for any deployment that is not NODE_ENV=production and sets no
 * AZURE_CLIENT_ID, even one with a real bot identity. The tab's development sign-in (which signs an agent token for
 * anyone who asks, trusted by the tab when the sandbox's Entra is its authority) must then not exist.
 */
import { loadConfig } from '../../src/config';

describe('attack review: the development sign-in', () => {
  it('does not exist for a deployment with a real bot identity, even when the sandbox is on', () => {
    const config = loadConfig({
      MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant',
      PARTNER_TENANT_ID: '0f6c1b2a-9e8d-4c7b-a6f5-e4d3c2b1a090', BOT_DOMAIN: 'bot.example.com',
    });
    expect(config.nodeEnv).toBe('development');
    expect(config.sandbox).toBe(true);
    expect(config.dashboard.devSignIn).toBe(false);
  });

  it('exists for npm run dev: the sandbox without a bot identity', () => {
    expect(loadConfig({}).dashboard.devSignIn).toBe(true);
  });
});
