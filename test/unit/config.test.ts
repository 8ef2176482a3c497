import { DEFAULT_GDAP_CASE_ROLES, DEFAULT_GDAP_ESCALATION_ROLES } from '../../src/cases/gdapAccess';
import { BOTBUILDER_SETTINGS, ConfigError, EXAMPLE_PARTNER_TENANT_ID, LOCAL_DASHBOARD_APP_ID, loadConfig, SANDBOX_AGENT_GROUP_ID } from '../../src/config';

const FABRIKAM = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';
const APP_ID = '4d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a';

/** A complete production environment with a password credential. */
const PRODUCTION = {
  NODE_ENV: 'production',
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'app-password',
  MicrosoftAppTenantId: FABRIKAM,
  PARTNER_TENANT_ID: EXAMPLE_PARTNER_TENANT_ID,
  AZURE_CLIENT_ID: 'graph-client-id',
  AZURE_CLIENT_SECRET: 'graph-secret',
};

/** The ConfigError thrown for env; fails the test if none is thrown. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the configuration');
}

/** The variable each problem names (the text before the first colon). */
function namedVariables(error: ConfigError): string[] {
  return error.problems.map((problem) => problem.split(':')[0] ?? '');
}

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment: anonymous, SQLite, sandbox on', () => {
    expect(loadConfig({}, '1.2.3')).toEqual({
      nodeEnv: 'development',
      port: 3978,
      logLevel: 'info',
      version: '1.2.3',
      bot: { appId: '', appType: 'SingleTenant', appTenantId: undefined, anonymous: true, frameworkSettings: {} },
      storage: { kind: 'sqlite', sqlitePath: './data/bot.sqlite' },
      customersFile: './config/customers.json',
      dashboard: { appId: LOCAL_DASHBOARD_APP_ID, botDomain: 'localhost', devSignIn: true },
      proactiveInstall: { enabled: false, teamsAppId: '132c1b4a-688e-4078-b2a0-33f06689c868' },
      directory: { source: 'file', customersFile: './config/customers.json', supportPlansFile: './config/support-plans.json', syncIntervalMs: 900_000, refreshIntervalMs: 60_000 },
      partner: { tenantId: EXAMPLE_PARTNER_TENANT_ID, name: 'Contoso Cloud Services' },
      azure: { clientId: undefined, clientSecret: undefined, certificatePath: undefined, authorityHost: 'https://login.microsoftonline.com' },
      graphBaseUrl: undefined,
      partnerCenterBaseUrl: undefined,
      sandbox: true,
      health: { cacheTtlMs: 60_000, requestTimeoutMs: 4000 },
      messageCenterDigest: { enabled: true, day: 'mon', hour: 7 },
      partnerCenter: { clientId: undefined, clientSecret: undefined, refreshToken: undefined },
      timers: { outagePollMs: 300_000, serviceRequestPollMs: 60_000, slaCheckMs: 60_000, relayRetryMs: 15_000 },
      agentsLocale: 'en',
      agents: { groupIds: [SANDBOX_AGENT_GROUP_ID], directoryRoles: true },
      agentAuthorization: {
        mode: 'partnerWide', caseRoles: [...DEFAULT_GDAP_CASE_ROLES], escalationRoles: [...DEFAULT_GDAP_ESCALATION_ROLES], refreshMs: 300_000, missRefreshMs: 30_000,
      },
      limits: { maxTextChars: 4000, maxBodyBytes: 256 * 1024, shutdownGraceMs: 10_000, openCases: { perTenant: 50, perUser: 3 } },
      http: { headersTimeoutMs: 20_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_000 },
    });
  });

  it('reads every setting it is given', () => {
    const config = loadConfig({
      ...PRODUCTION,
      PORT: '8080',
      LOG_LEVEL: 'warn',
      STORAGE: 'memory',
      SQLITE_PATH: '/var/lib/bot/bot.sqlite',
      CUSTOMERS_FILE: '/etc/bot/customers.json',
      PARTNER_TENANT_ID: '0F6C1B2A-9E8D-4C7B-A6F5-E4D3C2B1A090',
      PARTNER_NAME: 'Northwind IT',
      AZURE_AUTHORITY_HOST: 'https://login.example.test/',
      GRAPH_BASE_URL: 'https://graph.example.test/',
      PARTNER_CENTER_BASE_URL: 'https://pc.example.test//',
      HEALTH_CACHE_TTL_SECONDS: '30',
      HEALTH_REQUEST_TIMEOUT_MS: '2500',
      MAX_TEXT_CHARS: '500',
      MAX_OPEN_CASES_PER_TENANT: '20',
      MAX_OPEN_CASES_PER_USER: '2',
      SHUTDOWN_GRACE_MS: '3000',
    });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      port: 8080,
      logLevel: 'warn',
      storage: { kind: 'memory', sqlitePath: '/var/lib/bot/bot.sqlite' },
      customersFile: '/etc/bot/customers.json',
      partner: { tenantId: EXAMPLE_PARTNER_TENANT_ID, name: 'Northwind IT' },
      azure: { clientId: 'graph-client-id', clientSecret: 'graph-secret', authorityHost: 'https://login.example.test' },
      graphBaseUrl: 'https://graph.example.test',
      partnerCenterBaseUrl: 'https://pc.example.test',
      sandbox: false,
      health: { cacheTtlMs: 30_000, requestTimeoutMs: 2500 },
      limits: { maxTextChars: 500, shutdownGraceMs: 3000, openCases: { perTenant: 20, perUser: 2 } },
    });
    expect(config.bot).toMatchObject({ appId: APP_ID, appTenantId: FABRIKAM, anonymous: false });
  });

  it('reports every bad variable in one ConfigError', () => {
    const error = configError({ PORT: 'abc', STORAGE: 'nope', PARTNER_TENANT_ID: 'not-a-guid', LOG_LEVEL: 'loud' });
    expect(namedVariables(error).sort()).toEqual(['LOG_LEVEL', 'PARTNER_TENANT_ID', 'PORT', 'STORAGE']);
    for (const name of ['PORT', 'STORAGE', 'PARTNER_TENANT_ID', 'LOG_LEVEL']) expect(error.message).toContain(`- ${name}:`);
    expect(error.message).toMatch(/^Invalid configuration:\n/);
    expect(error.name).toBe('ConfigError');
  });

  it.each([
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['NODE_ENV', 'staging'],
    ['SANDBOX', 'yes'],
    ['MicrosoftAppType', 'Anonymous'],
    ['HEALTH_CACHE_TTL_SECONDS', '0'],
    ['MAX_TEXT_CHARS', '1.5'],
    ['SHUTDOWN_GRACE_MS', 'soon'],
    ['AZURE_AUTHORITY_HOST', 'ftp://login.example.test'],
    ['GRAPH_BASE_URL', 'graph.microsoft.com'],
    ['PARTNER_CENTER_BASE_URL', 'not a url'],
    ['HTTP_MAX_CONNECTIONS', '0'],
    ['HTTP_HEADERS_TIMEOUT_MS', '90000'],
    ['MESSAGE_CENTER_DIGEST', 'yes'],
    ['MESSAGE_CENTER_DIGEST_DAY', 'monday'],
    ['MESSAGE_CENTER_DIGEST_HOUR', '24'],
  ])('rejects %s=%s, naming the variable', (name, value) => {
    expect(namedVariables(configError({ [name]: value }))).toEqual([name]);
  });

  it('keeps the hand-written directory unless told otherwise; auto takes Partner Center when its credentials are set', () => {
    const partnerCenter = { PARTNER_CENTER_CLIENT_ID: 'pc-app', PARTNER_CENTER_CLIENT_SECRET: 'pc-secret', PARTNER_CENTER_REFRESH_TOKEN: 'pc-refresh' };
    expect(loadConfig({ ...PRODUCTION, ...partnerCenter }).directory.source).toBe('file');
    expect(loadConfig({ ...PRODUCTION, ...partnerCenter, CUSTOMER_DIRECTORY_SOURCE: 'auto' }).directory.source).toBe('partnerCenter');
    expect(loadConfig({ ...PRODUCTION, CUSTOMER_DIRECTORY_SOURCE: 'auto' }).directory.source).toBe('file');
    expect(loadConfig({ CUSTOMER_DIRECTORY_SOURCE: 'partnerCenter', SUPPORT_PLANS_FILE: '/etc/bot/plans.json', DIRECTORY_SYNC_INTERVAL_SECONDS: '5', DIRECTORY_REFRESH_INTERVAL_SECONDS: '2' }).directory)
      .toEqual({ source: 'partnerCenter', customersFile: './config/customers.json', supportPlansFile: '/etc/bot/plans.json', syncIntervalMs: 5000, refreshIntervalMs: 2000 });
    expect(namedVariables(configError({ ...PRODUCTION, CUSTOMER_DIRECTORY_SOURCE: 'partnerCenter' }))).toEqual(['CUSTOMER_DIRECTORY_SOURCE']);
    expect(namedVariables(configError({ CUSTOMER_DIRECTORY_SOURCE: 'partner-center' }))).toEqual(['CUSTOMER_DIRECTORY_SOURCE']);
  });

  it('refuses anonymous mode in production', () => {
    const { MicrosoftAppId: _appId, ...withoutAppId } = PRODUCTION;
    const error = configError(withoutAppId);
    expect(namedVariables(error)).toEqual(['MicrosoftAppId']);
    expect(error.message).toContain('anonymous');
  });

  it('requires the partner tenant in production', () => {
    const { PARTNER_TENANT_ID: _partner, ...withoutPartner } = PRODUCTION;
    expect(namedVariables(configError(withoutPartner))).toEqual(['PARTNER_TENANT_ID']);
  });

  it('accepts a complete production configuration: authenticated, sandbox off, the real Graph', () => {
    const config = loadConfig(PRODUCTION);
    expect(config.bot.anonymous).toBe(false);
    expect(config.sandbox).toBe(false);
    expect(config.graphBaseUrl).toBe('https://graph.microsoft.com');
  });

  describe('agent trust', () => {
    const GROUP = '3F0B9A7E-52C1-4D8E-A6B4-9C2D1E0F7A63';

    it('reads the agents\' group object ids (lower-case) and keeps the directory roles on by default', () => {
      expect(loadConfig({ ...PRODUCTION, AGENT_GROUP_IDS: ` ${GROUP} ,1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d` }).agents)
        .toEqual({ groupIds: [GROUP.toLowerCase(), '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'], directoryRoles: true });
    });

    it('trusts no group in production unless configured (roles by template id only)', () => {
      expect(loadConfig(PRODUCTION).agents).toEqual({ groupIds: [], directoryRoles: true });
    });

    it('refuses group names or malformed ids, anywhere', () => {
      for (const value of ['AdminAgents', `${GROUP},HelpdeskAgents`, 'g1']) {
        const error = configError({ AGENT_GROUP_IDS: value });
        expect(namedVariables(error)).toEqual(['AGENT_GROUP_IDS']);
        expect(error.message).toContain('object ids');
      }
    });

    it('refuses to start in production with nothing to trust: directory roles off and no group', () => {
      const error = configError({ ...PRODUCTION, AGENT_DIRECTORY_ROLES: 'off' });
      expect(namedVariables(error)).toEqual(['AGENT_GROUP_IDS']);
      expect(loadConfig({ ...PRODUCTION, AGENT_DIRECTORY_ROLES: 'off', AGENT_GROUP_IDS: GROUP }).agents).toEqual({ groupIds: [GROUP.toLowerCase()], directoryRoles: false });
    });
  });

  describe('bot credentials', () => {
    it('requires MicrosoftAppPassword and MicrosoftAppTenantId with a SingleTenant app id, both in one error', () => {
      const error = configError({ MicrosoftAppId: APP_ID });
      expect(namedVariables(error)).toEqual(['MicrosoftAppPassword', 'MicrosoftAppTenantId']);
      expect(error.message).toContain('MicrosoftAppType=SingleTenant');
    });

    it('accepts a certificate instead of MicrosoftAppPassword', () => {
      const config = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppTenantId: FABRIKAM, CertificateThumbprint: 'AB12', CertificatePrivateKey: 'pem' });
      expect(config.bot.anonymous).toBe(false);
    });

    it('needs no MicrosoftAppPassword for a user-assigned managed identity, but still its tenant', () => {
      expect(namedVariables(configError({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI' }))).toEqual(['MicrosoftAppTenantId']);
      expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: FABRIKAM }).bot.appType).toBe('UserAssignedMSI');
    });

    it('needs no MicrosoftAppTenantId for a MultiTenant app', () => {
      const config = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'app-password', MicrosoftAppType: 'MultiTenant' });
      expect(config.bot).toMatchObject({ appType: 'MultiTenant', appTenantId: undefined });
    });

    it('treats a blank MicrosoftAppId as anonymous mode', () => {
      expect(loadConfig({ MicrosoftAppId: '  ' }).bot).toMatchObject({ appId: '', anonymous: true });
    });
  });

  describe('sandbox', () => {
    it('is on by default outside production when no Graph credential is set', () => {
      expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({ sandbox: true, graphBaseUrl: undefined });
    });

    it('turns off by itself when AZURE_CLIENT_ID is set', () => {
      const config = loadConfig({ AZURE_CLIENT_ID: 'graph-client-id', AZURE_CLIENT_CERTIFICATE_PATH: '/etc/bot/graph.pem' });
      expect(config).toMatchObject({ sandbox: false, graphBaseUrl: 'https://graph.microsoft.com' });
    });

    it('is off by default in production', () => {
      expect(loadConfig(PRODUCTION).sandbox).toBe(false);
    });

    it('follows SANDBOX=on and SANDBOX=off over the automatic choice', () => {
      expect(loadConfig({ SANDBOX: 'on', AZURE_CLIENT_ID: 'graph-client-id', AZURE_CLIENT_SECRET: 'graph-secret' }).sandbox).toBe(true);
      expect(loadConfig({ SANDBOX: 'off' })).toMatchObject({ sandbox: false, graphBaseUrl: 'https://graph.microsoft.com' });
    });

    it('keeps an explicit GRAPH_BASE_URL even when the sandbox is on', () => {
      expect(loadConfig({ SANDBOX: 'on', GRAPH_BASE_URL: 'http://127.0.0.1:4000/' }).graphBaseUrl).toBe('http://127.0.0.1:4000');
    });

    it('cannot be forced on in production', () => {
      expect(namedVariables(configError({ ...PRODUCTION, SANDBOX: 'on' }))).toEqual(['SANDBOX']);
    });

    it('requires a secret or a certificate with AZURE_CLIENT_ID', () => {
      const error = configError({ AZURE_CLIENT_ID: 'graph-client-id' });
      expect(error.problems).toHaveLength(1);
      expect(error.message).toContain('AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH');
    });
  });

  describe('botbuilder settings', () => {
    it('passes every botbuilder setting through untouched, and nothing else', () => {
      const env: NodeJS.ProcessEnv = { ...PRODUCTION, MicrosoftAppType: 'MultiTenant', PORT: '8080' };
      for (const key of BOTBUILDER_SETTINGS) env[key] ??= ` value of ${key} `;
      const { frameworkSettings } = loadConfig(env).bot;
      const expected = Object.fromEntries(BOTBUILDER_SETTINGS.map((key) => [key, env[key]]));
      expect(frameworkSettings).toEqual(expected);
      expect(frameworkSettings.ToBotFromChannelOpenIdMetadataUrl).toBe(' value of ToBotFromChannelOpenIdMetadataUrl ');
    });

    it('adds no defaults for unset endpoint keys (botbuilder treats them as all or nothing)', () => {
      const metadata = 'http://127.0.0.1:9000/v1/.well-known/openidconfiguration';
      const config = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'app-password', MicrosoftAppTenantId: FABRIKAM, ToBotFromChannelOpenIdMetadataUrl: metadata });
      expect(config.bot.frameworkSettings).toEqual({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'app-password',
        MicrosoftAppTenantId: FABRIKAM,
        MicrosoftAppType: 'SingleTenant',
        ToBotFromChannelOpenIdMetadataUrl: metadata,
      });
    });
  });
});

describe('the agents\' tab resource', () => {
  it('IsTheBotAppId_AtBotDomain_AndRefusesADomainWithAScheme', () => {
    const appId = '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e';
    expect(loadConfig({ MicrosoftAppId: appId, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: EXAMPLE_PARTNER_TENANT_ID, BOT_DOMAIN: 'Bot.Contoso.com' }).dashboard)
      .toEqual({ appId, botDomain: 'bot.contoso.com', devSignIn: false });
    expect(() => loadConfig({ BOT_DOMAIN: 'https://bot.contoso.com' })).toThrow(/BOT_DOMAIN/);
  });
});
