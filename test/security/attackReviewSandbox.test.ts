/**
 * Attacker's review (wt/attack): the sandbox (and with it the tab's unauthenticated development sign-in, which mints
 * an agent token for anyone, and the sandbox's Entra as the tab's token authority) is switched on by default for any
 * deployment that is not NODE_ENV=production and sets no AZURE_CLIENT_ID, even one with a real bot identity
 * (MicrosoftAppId) and real storage. NODE_ENV defaults to development. Fails on the code as merged.
 */
import { loadConfig } from '../../src/config';

describe('attack review: sandbox defaults', () => {
  it('a deployment with a real bot identity does not get the sandbox (dev-token route) unless SANDBOX=on says so', () => {
    const config = loadConfig({
      MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant',
      PARTNER_TENANT_ID: '0f6c1b2a-9e8d-4c7b-a6f5-e4d3c2b1a090', BOT_DOMAIN: 'bot.example.com',
    });
    expect(config.nodeEnv).toBe('development');
    expect(config.sandbox).toBe(false);
  });
});
