/**
 * Secrets: a full run with every secret configured (bot app password with real inbound JWT validation, the Graph
 * app's client secret, the Partner Center app secret and refresh token) logs at trace level, and no log line
 * carries a secret or a bearer token, not even on the error paths.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { MsalAppCredentials, ServiceClientCredentialsFactory, type ServiceClientCredentials } from 'botframework-connector';
import type { RunningApp } from '../../src/app';
import { startEntraSandbox, type EntraSandbox } from '../../src/sandbox/entraSandbox';
import { fault } from '../../src/sandbox/faults';
import { startGraphSandbox, type GraphSandbox } from '../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed } from '../../src/sandbox/graphSeed';
import { startPartnerCenterSandbox, type PartnerCenterSandbox } from '../../src/sandbox/partnerCenterSandbox';
import {
  cardAction, channel, channelConversation, channelMention, personalConversationId, personalInstall, personalMessage, personalSubmit, TENANTS, teamInstall, user,
} from '../support/activities';
import { visibleText } from '../support/chat';
import { FakeConnector } from '../support/fakeConnector';
import { startIdentityProvider, type IdentityProvider } from '../support/identityProvider';
import { post, startTestBot } from '../support/testBot';
import { captureLogs, type CapturedLogs } from './logCapture';
import { AGENT_GROUP as HELPDESK } from '../support/agentGroups';

const CERTS = join(__dirname, '..', 'support', 'certs');
const BOT_APP = { clientId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a', clientSecret: 'BotPassw0rd~s3cret.ValueThatMustNeverBeLogged' };
const GRAPH_APP = { clientId: '6e0b7a51-2c4d-4f8e-9a1b-3c5d7e9f1a2b', clientSecret: 'AzureClientS3cret~NeverInLogs.0123456789' };
const PC_APP = { clientId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', clientSecret: 'PartnerCenterS3cret~NeverInLogs.abcdef', refreshToken: '0.ARefreshTokenThatMustNeverBeLogged.AgABAAEAAAD--DLA3VO7QrddgJg7WevrAgDs_wQA9P' };

class SandboxCredentialsFactory extends ServiceClientCredentialsFactory {
  async isValidAppId(appId: string): Promise<boolean> { return appId === BOT_APP.clientId; }
  async isAuthenticationDisabled(): Promise<boolean> { return false; }
  async createCredentials(appId: string, audience: string | undefined, loginEndpoint: string): Promise<ServiceClientCredentials> {
    const authority = loginEndpoint.toLowerCase();
    const client = new ConfidentialClientApplication({ auth: { clientId: appId, clientSecret: BOT_APP.clientSecret, authority, knownAuthorities: [new URL(authority).host] } });
    return new MsalAppCredentials(client as never, appId, authority, audience ?? 'https://api.botframework.com');
  }
}

describe('secrets never reach the logs', () => {
  let idp: IdentityProvider;
  let entra: EntraSandbox;
  let graph: GraphSandbox;
  let partnerCenter: PartnerCenterSandbox;
  let connector: FakeConnector;
  let app: RunningApp;
  let logs: CapturedLogs;
  const channelTokens: string[] = [];

  beforeAll(async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error('run through `npm test` (NODE_EXTRA_CA_CERTS trusts the https stand-ins)');
    const https = { key: readFileSync(join(CERTS, 'key.pem')), cert: readFileSync(join(CERTS, 'cert.pem')) };
    idp = await startIdentityProvider();
    entra = await startEntraSandbox({
      https,
      clients: [{ ...BOT_APP, roles: [] }, { ...GRAPH_APP, roles: ['ServiceHealth.Read.All', 'GroupMember.Read.All', 'Directory.Read.All'] }, PC_APP],
    });
    graph = await startGraphSandbox({ https, requireAuth: true, seed: loadGraphSandboxSeed() });
    partnerCenter = await startPartnerCenterSandbox({ requireAuth: false });
    connector = await FakeConnector.start();
    logs = captureLogs('trace');
    app = await startTestBot({
      LOG_LEVEL: 'trace',
      GRAPH_BASE_URL: graph.url, PARTNER_CENTER_BASE_URL: partnerCenter.url,
      AZURE_CLIENT_ID: GRAPH_APP.clientId, AZURE_CLIENT_SECRET: GRAPH_APP.clientSecret, AZURE_AUTHORITY_HOST: entra.url,
      PARTNER_CENTER_CLIENT_ID: PC_APP.clientId, PARTNER_CENTER_CLIENT_SECRET: PC_APP.clientSecret, PARTNER_CENTER_REFRESH_TOKEN: PC_APP.refreshToken,
      MicrosoftAppId: BOT_APP.clientId, MicrosoftAppPassword: BOT_APP.clientSecret, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANTS.partner,
      ToChannelFromBotLoginUrl: `${entra.url}/${TENANTS.partner}`, ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: idp.issuer, OAuthUrl: 'https://api.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: idp.metadataUrl, ToBotFromEmulatorOpenIdMetadataUrl: idp.metadataUrl, CallerId: 'urn:botframework:azure',
    }, { credentialsFactory: new SandboxCredentialsFactory(), logger: logs.logger });
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

  const send = async (activity: Record<string, unknown>, token?: string): Promise<number> => {
    const bearer = token ?? idp.sign(BOT_APP.clientId, connector.url);
    channelTokens.push(bearer);
    return (await post(app, activity, { authorization: `Bearer ${bearer}` })).status;
  };

  it('runs triage, service health, a case, an agent and a service request attempt with every secret configured', async () => {
    const agent = user(TENANTS.partner, 'Alice Agent', 'en-US');
    graph.setUserMemberships(TENANTS.partner, agent.aadObjectId, [HELPDESK]);
    const agents = channel(TENANTS.partner);
    expect(await send(teamInstall(agent, connector.url, agents))).toBe(200);
    expect(await send(channelMention(agent, connector.url, agents, 'use this channel'))).toBe(200);

    const customer = user(TENANTS.fabrikam, 'Élise Martin', 'fr-FR');
    expect(await send(personalInstall(customer, connector.url))).toBe(200);
    for (const text of ['Outlook ne reçoit plus de mails depuis ce matin', 'tout le monde', 'critique']) {
      expect(await send(personalMessage(customer, connector.url, text))).toBe(200);
    }
    const customerView = (): string => connector.sentTo(personalConversationId(customer)).map(visibleText).join('\n');
    expect(customerView()).toContain('EX1093214');
    expect(await send(personalSubmit(customer, connector.url, { action: 'next.agent' }))).toBe(200);
    const caseId = /C-\d+/.exec(customerView())![0];
    const thread = connector.conversationsCreated.find((c) => c.id.startsWith(`${agents.channelId};messageid=`))!;
    const threadId = thread.id.split(';messageid=')[1]!;
    expect(await send(cardAction(agent, connector.url, channelConversation(agents, threadId), 'case.take', { caseId }))).toBe(200);
    expect(await send(cardAction(agent, connector.url, channelConversation(agents, threadId), 'escalation.submit', {
      caseId, supportTopicId: '32444667', severity: 'critical', title: 'Fabrikam: no inbound mail', description: 'Inbound mail stopped.',
    }))).toBe(200);
    // Error paths too: Graph failing, a forged channel token, a bad Authorization header.
    graph.failNext('*', fault.status(500), fault.status(503), fault.destroy());
    await send(channelMention(agent, connector.url, agents, 'health Fabrikam'));
    await send(personalMessage(customer, connector.url, 'help'), `${idp.sign(BOT_APP.clientId, connector.url)}x`);
    await send(personalMessage(customer, connector.url, 'help'), idp.sign('someone-else', connector.url));

    // The run really used the secrets: tokens were issued by Entra for the bot and the Graph app and presented.
    expect(entra.tokensIssuedFor(TENANTS.partner).length).toBeGreaterThanOrEqual(1);
    expect(entra.issued.some((t) => t.clientId === GRAPH_APP.clientId)).toBe(true);
    expect(graph.requests.some((r) => r.authorization?.startsWith('Bearer '))).toBe(true);
    expect(connector.activities.every((a) => String(a.headers.authorization).startsWith('Bearer '))).toBe(true);
    expect(logs.lines.length).toBeGreaterThanOrEqual(6);
    expect(logs.entries().some((e) => e.level === 10 || e.level === 20)).toBe(true);
    // The Partner Center token redemption failed (the Entra sandbox has no refresh_token grant): an error path with
    // the refresh token and secret in hand was logged, with its error object.
    expect(logs.entries().some((e) => e.level === 40 && JSON.stringify(e.err ?? '').includes('TokenAcquisitionError'))).toBe(true);
  }, 45000);

  it('finds no configured secret, refresh token or bearer token in any log line', () => {
    // Control: the capture sees every line the app's logger writes, children included.
    logs.logger.child({ tenantId: 'control' }).trace({ event: 'test.canary' }, 'canary-7f3a');
    expect(logs.text()).toContain('canary-7f3a');
    const text = logs.text();
    const secrets: Array<[string, string]> = [
      ['MicrosoftAppPassword', BOT_APP.clientSecret], ['AZURE_CLIENT_SECRET', GRAPH_APP.clientSecret],
      ['PARTNER_CENTER_CLIENT_SECRET', PC_APP.clientSecret], ['PARTNER_CENTER_REFRESH_TOKEN', PC_APP.refreshToken],
    ];
    const tokens = [...entra.issued.map((t) => t.accessToken), ...channelTokens];
    expect(tokens.length).toBeGreaterThan(5);
    const leaks = [
      ...secrets.filter(([, value]) => text.includes(value) || text.includes(encodeURIComponent(value))).map(([name]) => name),
      ...tokens.filter((token) => {
        const [, payload = '', signature = ''] = token.split('.');
        return text.includes(token) || text.includes(payload) || (signature.length > 16 && text.includes(signature));
      }).map((token) => `token ${token.slice(0, 12)}…`),
    ];
    expect(leaks).toEqual([]);
    expect(text).not.toMatch(/Bearer\s+ey/);
    expect(text).not.toMatch(/client_secret=/);
  });
});
