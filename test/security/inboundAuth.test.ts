/**
 * Inbound auth end to end: botbuilder's real JWT validation (ConfigurationBotFrameworkAuthentication with the 7
 * endpoint override keys) against a local OpenID metadata + JWKS server, and outbound calls carrying a token from
 * the https Entra sandbox. teams-bot-wire.md §3.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { MsalAppCredentials, ServiceClientCredentialsFactory, type ServiceClientCredentials } from 'botframework-connector';
import type { RunningApp } from '../../src/app';
import { startEntraSandbox, type EntraSandbox } from '../../src/sandbox/entraSandbox';
import { fault } from '../../src/sandbox/faults';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../src/sandbox/partnerCenterSandbox';
import { personalConversationId, personalMessage, TENANTS, user } from '../support/activities';
import { FakeConnector } from '../support/fakeConnector';
import { newSigningKey, startIdentityProvider, type IdentityProvider } from '../support/identityProvider';
import { post, startTestBot } from '../support/testBot';
import { captureLogs, type CapturedLogs } from './logCapture';

const CERTS = join(__dirname, '..', 'support', 'certs');
const BOT_APP = { clientId: '5b1e9c3a-7d2f-4e6a-8b0c-1d3e5f7a9b2c', clientSecret: 'bot-app-password-7c1f0e' };
const BOT_TENANT = TENANTS.partner;

/** Test-only outbound credentials: MSAL against the https Entra sandbox, with the sandbox host as a known authority. */
class SandboxCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(private readonly appId: string, private readonly password: string) {
    super();
  }
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials(appId: string, audience: string | undefined, loginEndpoint: string): Promise<ServiceClientCredentials> {
    const authority = loginEndpoint.toLowerCase();
    const client = new ConfidentialClientApplication({
      auth: { clientId: appId, clientSecret: this.password, authority, knownAuthorities: [new URL(authority).host] },
    });
    return new MsalAppCredentials(client as never, appId, authority, audience ?? 'https://api.botframework.com');
  }
}

describe('inbound auth: only tokens the channel really signed run a turn', () => {
  let idp: IdentityProvider;
  let entra: EntraSandbox;
  let graph: GraphSandbox;
  let partnerCenter: PartnerCenterSandbox;
  let connector: FakeConnector;
  let app: RunningApp;
  let logs: CapturedLogs;

  beforeAll(async () => {
    // CloudAdapter console.error()s every refused request; the assertions below say what matters.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error('run through `npm test` (NODE_EXTRA_CA_CERTS trusts the https Entra sandbox)');
    idp = await startIdentityProvider();
    entra = await startEntraSandbox({
      https: { key: readFileSync(join(CERTS, 'key.pem')), cert: readFileSync(join(CERTS, 'cert.pem')) },
      clients: [{ ...BOT_APP, roles: [] }],
    });
    graph = await startGraphSandbox({ requireAuth: false });
    partnerCenter = await startPartnerCenterSandbox({ requireAuth: false });
    connector = await FakeConnector.start();
    logs = captureLogs('trace');
    app = await startTestBot({
      GRAPH_BASE_URL: graph.url, PARTNER_CENTER_BASE_URL: partnerCenter.url,
      MicrosoftAppId: BOT_APP.clientId, MicrosoftAppPassword: BOT_APP.clientSecret, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: BOT_TENANT,
      ToChannelFromBotLoginUrl: `${entra.url}/${BOT_TENANT}`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: idp.issuer,
      OAuthUrl: 'https://api.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: idp.metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: idp.metadataUrl,
      CallerId: 'urn:botframework:azure',
    }, { credentialsFactory: new SandboxCredentialsFactory(BOT_APP.clientId, BOT_APP.clientSecret), logger: logs.logger });
  }, 30000);
  afterAll(async () => {
    await app.stop();
    await connector.close();
    await partnerCenter.close();
    await graph.close();
    await entra.close();
    await idp.close();
    jest.restoreAllMocks();
  });

  // Runs first: botbuilder caches the outbound token for the whole process once it has one.
  it('sends nothing unauthenticated while the Entra token endpoint fails, refuses the activity (500) and answers its redelivery once Entra is back', async () => {
    const customer = user(TENANTS.fabrikam, 'Token Outage', 'en-US');
    const tokenRequestsBefore = entra.tokenRequestCount();
    entra.failAlways('token', fault.status(503));
    const sentBefore = connector.activities.length;
    const message = personalMessage(customer, connector.url, 'help');
    const during = await post(app, message, { authorization: `Bearer ${idp.sign(BOT_APP.clientId, connector.url)}` });
    // The turn fails inside and nothing can be said without a token: Teams gets 500 so it may redeliver, nothing goes out bare.
    expect(during.status).toBe(500);
    const tries = entra.tokenRequestCount() - tokenRequestsBefore;
    expect(tries).toBeGreaterThanOrEqual(1);
    expect(tries).toBeLessThanOrEqual(3);
    expect(connector.activities.length).toBe(sentBefore);
    expect(logs.events('turn.').map((e) => e.event)).toEqual(expect.arrayContaining(['turn.failed', 'turn.noOutboundToken']));
    entra.failAlways('token', undefined);
    // Teams' redelivery of the same activity is answered: the failed turn did not consume its id.
    const after = await post(app, message, { authorization: `Bearer ${idp.sign(BOT_APP.clientId, connector.url)}` });
    expect(after.status).toBe(200);
    const reply = await connector.waitFor((a) => a.conversationId === personalConversationId(customer));
    expect(String(reply.headers.authorization)).toMatch(/^Bearer ey/);
  });

  it('runs the turn for a valid channel token and answers with a bearer token from Entra', async () => {
    const customer = user(TENANTS.fabrikam, 'Valid Token', 'en-US');
    const token = idp.sign(BOT_APP.clientId, connector.url);
    const res = await post(app, personalMessage(customer, connector.url, 'help'), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    const reply = await connector.waitFor((a) => a.conversationId === personalConversationId(customer));
    const issued = entra.tokensIssuedFor(BOT_TENANT);
    expect(issued.length).toBeGreaterThanOrEqual(1);
    expect(reply.headers.authorization).toBe(`Bearer ${issued[issued.length - 1]}`);
    expect(idp.requests).toEqual(expect.arrayContaining(['/v1/.well-known/openidconfiguration', '/v1/.well-known/keys']));
    // Every activity the bot sent carries an Entra token, none goes out bare.
    for (const sent of connector.activities) expect(String(sent.headers.authorization)).toMatch(/^Bearer ey/);
  });

  const now = (): number => Math.floor(Date.now() / 1000);
  const forgeries: Array<[string, (serviceUrl: string) => Record<string, string>, number]> = [
    ['a forged signature (right kid, wrong key)', (s) => ({ authorization: `Bearer ${idp.sign(BOT_APP.clientId, s, { signingKey: newSigningKey() })}` }), 401],
    ['an expired token (beyond the 300 s skew)', (s) => ({ authorization: `Bearer ${idp.sign(BOT_APP.clientId, s, { claims: { nbf: now() - 7200, exp: now() - 600 } })}` }), 401],
    ['a token not yet valid (beyond the 300 s skew)', (s) => ({ authorization: `Bearer ${idp.sign(BOT_APP.clientId, s, { claims: { nbf: now() + 900 } })}` }), 401],
    ['a token for another bot (wrong audience)', (s) => ({ authorization: `Bearer ${idp.sign('00000000-1111-2222-3333-444444444444', s)}` }), 401],
    ['a token from another issuer', (s) => ({ authorization: `Bearer ${idp.sign(BOT_APP.clientId, s, { claims: { iss: 'https://evil.example.com' } })}` }), 401],
    ['a token signed with an unknown kid', (s) => ({ authorization: `Bearer ${idp.sign(BOT_APP.clientId, s, { kid: 'unknown-kid', signingKey: newSigningKey() })}` }), 401],
    ['a token whose serviceurl claim is another service URL', () => ({ authorization: `Bearer ${idp.sign(BOT_APP.clientId, 'https://smba.trafficmanager.net/evil/')}` }), 401],
    ['a token of another scheme (Basic)', (s) => ({ authorization: `Basic ${idp.sign(BOT_APP.clientId, s)}` }), 401],
    ['no Authorization header at all', () => ({}), 401],
  ];

  it.each(forgeries)('refuses %s: no turn runs, nothing is sent', async (_name, headersFor, expectedStatus) => {
    const attacker = user(TENANTS.fabrikam, 'Forger', 'en-US');
    const sentBefore = connector.activities.length;
    const requestsBefore = connector.requests.length;
    const res = await post(app, personalMessage(attacker, connector.url, 'help'), headersFor(connector.url));
    // Every rejection is a 401 (ChannelAuthentication maps jsonwebtoken's own errors, which botbuilder answers with 500).
    expect(res.status).toBe(expectedStatus);
    await new Promise((r) => setTimeout(r, 150));
    expect(connector.activities.length).toBe(sentBefore);
    expect(connector.requests.length).toBe(requestsBefore);
    expect(connector.sentTo(personalConversationId(attacker))).toEqual([]);
  });

});
