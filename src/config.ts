import { z } from 'zod';
import type { DirectorySettings } from './directory/directorySource';
import { DEFAULT_OPEN_CASE_LIMITS } from './cases/caseModel';
import { DEFAULT_GDAP_CASE_ROLES, DEFAULT_GDAP_ESCALATION_ROLES } from './cases/gdapAccess';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './http/connectionLimits';
import { type DigestSchedule, WEEKDAYS } from './notifications/messageCenterDigestPlan';

/**
 * Typed, validated configuration read from environment variables.
 * One call reports every missing or bad variable at once.
 */
export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  logLevel: string;
  version: string;
  bot: {
    appId: string;
    appType: 'SingleTenant' | 'UserAssignedMSI' | 'MultiTenant';
    appTenantId: string | undefined;
    /** Local anonymous mode: no app id, no inbound JWT check, no outbound token. */
    anonymous: boolean;
    /** Every botbuilder auth setting, passed to ConfigurationBotFrameworkAuthentication as botbuilder documents it. */
    frameworkSettings: Record<string, string>;
  };
  storage: {
    kind: 'sqlite' | 'memory' | 'blob';
    sqlitePath: string;
    /** Set when `kind` is `blob`: a connection string, or an account URL used with managed identity (DefaultAzureCredential). */
    blob?: { connectionString?: string; accountUrl?: string; managedIdentityClientId?: string; container: string };
  };
  customersFile: string;
  /** Where customers come from (CUSTOMER_DIRECTORY_SOURCE), the plans file and the Partner Center sync timers. */
  directory: DirectorySettings;
  partner: { tenantId: string; name: string };
  azure: {
    clientId: string | undefined;
    clientSecret: string | undefined;
    certificatePath: string | undefined;
    authorityHost: string;
  };
  /** Undefined in sandbox mode until the embedded Graph sandbox is started. */
  graphBaseUrl: string | undefined;
  /** Undefined in sandbox mode until the embedded Partner Center sandbox is started. */
  partnerCenterBaseUrl: string | undefined;
  /** Azure Resource Manager (Azure support tickets); undefined in sandbox mode until the embedded ARM stand-in is started. */
  azureResourceManagerUrl: string | undefined;
  /** Local sandbox endpoints (Graph, Partner Center, ARM Microsoft.Support) are started in-process: no cloud credentials are set. */
  sandbox: boolean;
  health: { cacheTtlMs: number; requestTimeoutMs: number };
  /** The weekly Message center digest in the agents' channel (UTC day and hour). */
  messageCenterDigest: DigestSchedule & { enabled: boolean };
  /** Secure Application Model credentials for Partner Center (App+User); absent against the sandbox. */
  partnerCenter: { clientId: string | undefined; clientSecret: string | undefined; refreshToken: string | undefined };
  timers: { outagePollMs: number; serviceRequestPollMs: number; slaCheckMs: number; relayRetryMs: number };
  /** Language of cards and messages in the agents' channel. */
  agentsLocale: 'en' | 'fr';
  /** Who is an agent: members of these partner groups (object ids, lower-case) and, when on, the allowed directory roles. */
  agents: { groupIds: string[]; directoryRoles: boolean };
  /**
   * How agents are authorized: `partnerWide` (an agent role acts for every customer) or `gdap` (per customer, by the
   * GDAP roles of the agent's groups; the groups above count as legacy DAP groups, acting for every customer).
   */
  agentAuthorization: {
    mode: 'partnerWide' | 'gdap';
    /** Role template ids (lower-case) that allow working a case, and filing a Microsoft service request. */
    caseRoles: string[];
    escalationRoles: string[];
    refreshMs: number;
    missRefreshMs: number;
  };
  limits: { maxTextChars: number; maxBodyBytes: number; shutdownGraceMs: number; openCases: { perTenant: number; perUser: number } };
  /** Timeouts and connection cap of the HTTP server (slow or too many clients). */
  http: ConnectionLimits;
  /**
   * The agents' tab: the Entra resource its Teams SSO tokens are for (`webApplicationInfo` of the app package);
   * `devSignIn`: the sandbox's development sign-in (which signs an agent token for anyone who asks) exists only with
   * the sandbox AND without a bot identity, never for a deployment with a MicrosoftAppId.
   */
  dashboard: { appId: string; botDomain: string; devSignIn: boolean };
  /** Opt-in proactive install for outage notices (customers with `proactiveInstall`), and the app's manifest id. */
  proactiveInstall: { enabled: boolean; teamsAppId: string };
}

/** Raised at start-up; its message lists every bad variable and what it expects. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** botbuilder's own setting names (see teams-bot-wire.md §3); read by botbuilder, passed through untouched. */
export const BOTBUILDER_SETTINGS = [
  'MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId',
  'CertificateThumbprint', 'CertificatePrivateKey', 'ChannelService', 'ValidateAuthority',
  'ToChannelFromBotLoginUrl', 'ToChannelFromBotOAuthScope', 'ToBotFromChannelTokenIssuer',
  'OAuthUrl', 'OAuthApiEndpoint', 'ToBotFromChannelOpenIdMetadataUrl', 'BotOpenIdMetadata',
  'ToBotFromEmulatorOpenIdMetadataUrl', 'CallerId',
] as const;

const optionalText = z.string().trim().optional().transform((v) => (v ? v : undefined));
const httpUrl = (fallback: string) =>
  z.string().trim().default(fallback).pipe(z.string().url('an absolute http(s) URL').regex(/^https?:\/\//, 'an http(s) URL'))
    .transform((v) => v.replace(/\/+$/, ''));
const positiveInt = (fallback: number) => z.coerce.number({ invalid_type_error: 'a number' }).int('an integer').positive('a positive number').default(fallback);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A comma-separated list of GUIDs (lower-cased), `fallback` when unset or empty. */
const guidList = (fallback: readonly string[], message: string) => z.string().default('')
  .transform((v) => v.split(',').map((id) => id.trim().toLowerCase()).filter((id) => id !== ''))
  .refine((ids) => ids.every((id) => GUID.test(id)), message)
  .transform((ids) => (ids.length > 0 ? ids : [...fallback]));
const guid = z.string().trim().regex(GUID, 'a tenant GUID');

/** Example partner tenant used by the local sandbox and the shipped example directory. */
export const EXAMPLE_PARTNER_TENANT_ID = '0f6c1b2a-9e8d-4c7b-a6f5-e4d3c2b1a090';

/** The tab's Entra app id in anonymous local mode (no MicrosoftAppId): only the sandbox's development sign-in issues tokens for it. */
export const LOCAL_DASHBOARD_APP_ID = '00000000-0000-0000-0000-00000000da5b';

/** The agents' group of the local sandbox (config/sandbox-health.json, "Support Agents"): trusted when the sandbox is on and AGENT_GROUP_IDS is unset. */
export const SANDBOX_AGENT_GROUP_ID = 'e8f7d6c5-b4a3-4291-8f7e-6d5c4b3a2910';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['SingleTenant', 'UserAssignedMSI', 'MultiTenant']).default('SingleTenant'),
  MicrosoftAppTenantId: optionalText,
  STORAGE: z.enum(['sqlite', 'memory', 'blob']).default('sqlite'),
  SQLITE_PATH: z.string().trim().min(1).default('./data/bot.sqlite'),
  AZURE_STORAGE_CONNECTION_STRING: optionalText,
  AZURE_STORAGE_ACCOUNT_URL: z.string().trim().regex(/^https?:\/\/[^\s/?#]+\/*$/, 'an absolute http(s) URL of the blob endpoint, without a path').optional(),
  AZURE_STORAGE_MANAGED_IDENTITY_CLIENT_ID: optionalText,
  AZURE_STORAGE_CONTAINER: z.string().trim().default('support-triage-bot')
    .pipe(z.string().regex(/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/, 'a blob container name: 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit')),
  CUSTOMERS_FILE: z.string().trim().min(1).default('./config/customers.json'),
  CUSTOMER_DIRECTORY_SOURCE: z.enum(['auto', 'file', 'partnerCenter']).default('file'),
  SUPPORT_PLANS_FILE: z.string().trim().min(1).default('./config/support-plans.json'),
  DIRECTORY_SYNC_INTERVAL_SECONDS: positiveInt(900),
  DIRECTORY_REFRESH_INTERVAL_SECONDS: positiveInt(60),
  PARTNER_TENANT_ID: guid.optional(),
  PARTNER_NAME: z.string().trim().min(1).default('Contoso Cloud Services'),
  AZURE_CLIENT_ID: optionalText,
  AZURE_CLIENT_SECRET: optionalText,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalText,
  AZURE_AUTHORITY_HOST: httpUrl('https://login.microsoftonline.com'),
  GRAPH_BASE_URL: z.string().trim().url('an absolute http(s) URL').optional(),
  PARTNER_CENTER_BASE_URL: z.string().trim().url('an absolute http(s) URL').optional(),
  AZURE_RESOURCE_MANAGER_URL: z.string().trim().url('an absolute http(s) URL').optional(),
  SANDBOX: z.enum(['auto', 'on', 'off']).default('auto'),
  HEALTH_CACHE_TTL_SECONDS: positiveInt(60),
  HEALTH_REQUEST_TIMEOUT_MS: positiveInt(4000),
  MAX_TEXT_CHARS: positiveInt(4000),
  MAX_OPEN_CASES_PER_TENANT: positiveInt(DEFAULT_OPEN_CASE_LIMITS.perTenant),
  MAX_OPEN_CASES_PER_USER: positiveInt(DEFAULT_OPEN_CASE_LIMITS.perUser),
  PARTNER_CENTER_CLIENT_ID: optionalText,
  PARTNER_CENTER_CLIENT_SECRET: optionalText,
  PARTNER_CENTER_REFRESH_TOKEN: optionalText,
  OUTAGE_POLL_INTERVAL_SECONDS: positiveInt(300),
  MESSAGE_CENTER_DIGEST: z.enum(['on', 'off']).default('on'),
  MESSAGE_CENTER_DIGEST_DAY: z.enum(WEEKDAYS).default('mon'),
  MESSAGE_CENTER_DIGEST_HOUR: z.coerce.number({ invalid_type_error: 'a number' }).int('an integer').min(0).max(23, 'an hour of the day, 0 to 23 (UTC)').default(7),
  SR_TRACKER_INTERVAL_SECONDS: positiveInt(60),
  SLA_CHECK_INTERVAL_SECONDS: positiveInt(60),
  RELAY_RETRY_INTERVAL_SECONDS: positiveInt(15),
  AGENTS_LOCALE: z.enum(['en', 'fr']).default('en'),
  SHUTDOWN_GRACE_MS: positiveInt(10000),
  HTTP_HEADERS_TIMEOUT_MS: positiveInt(DEFAULT_CONNECTION_LIMITS.headersTimeoutMs),
  HTTP_REQUEST_TIMEOUT_MS: positiveInt(DEFAULT_CONNECTION_LIMITS.requestTimeoutMs),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInt(DEFAULT_CONNECTION_LIMITS.keepAliveTimeoutMs),
  HTTP_MAX_CONNECTIONS: positiveInt(DEFAULT_CONNECTION_LIMITS.maxConnections),
  AGENT_GROUP_IDS: z.string().default('').transform((v) => v.split(',').map((id) => id.trim()).filter((id) => id !== ''))
    .refine((ids) => ids.every((id) => GUID.test(id)), 'comma-separated object ids (GUIDs) of the partner\'s agent security groups'),
  AGENT_DIRECTORY_ROLES: z.enum(['on', 'off']).default('on'),
  AGENT_AUTHORIZATION: z.enum(['partnerWide', 'gdap']).default('partnerWide'),
  GDAP_CASE_ROLES: guidList(DEFAULT_GDAP_CASE_ROLES, 'comma-separated role template ids (GUIDs) that allow working a case'),
  GDAP_ESCALATION_ROLES: guidList(DEFAULT_GDAP_ESCALATION_ROLES, 'comma-separated role template ids (GUIDs) that allow filing a Microsoft service request'),
  GDAP_REFRESH_INTERVAL_SECONDS: positiveInt(300),
  GDAP_MISS_REFRESH_SECONDS: positiveInt(30),
  BOT_DOMAIN: z.string().trim().default('localhost').pipe(z.string().regex(/^[a-z0-9.-]+$/i, 'a bare host name such as bot.contoso.com (no scheme, port or path)')),
  PROACTIVE_INSTALL: z.enum(['off', 'on']).default('off'),
  TEAMS_APP_ID: z.string().trim().regex(GUID, 'the Teams app manifest id (a GUID)').default('132c1b4a-688e-4078-b2a0-33f06689c868'),
});

type Env = z.infer<typeof schema>;

/** Every environment variable the configuration reads itself (botbuilder's own are in {@link BOTBUILDER_SETTINGS}). */
export const CONFIG_SETTINGS: readonly string[] = Object.keys(schema.shape);

/** STORAGE=blob needs exactly one way to reach the account. */
function blobStorageProblems(e: Env): string[] {
  if (e.STORAGE !== 'blob') return [];
  if (!e.AZURE_STORAGE_CONNECTION_STRING && !e.AZURE_STORAGE_ACCOUNT_URL) {
    return ['AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT_URL: one is required with STORAGE=blob (the account URL uses managed identity)'];
  }
  if (e.AZURE_STORAGE_CONNECTION_STRING && e.AZURE_STORAGE_ACCOUNT_URL) {
    return ['AZURE_STORAGE_CONNECTION_STRING, AZURE_STORAGE_ACCOUNT_URL: set only one of them'];
  }
  return [];
}

function blobStorageConfig(e: Env): Pick<Config['storage'], 'blob'> {
  if (e.STORAGE !== 'blob') return {};
  return {
    blob: {
      connectionString: e.AZURE_STORAGE_CONNECTION_STRING,
      accountUrl: e.AZURE_STORAGE_ACCOUNT_URL?.replace(/\/+$/, ''),
      managedIdentityClientId: e.AZURE_STORAGE_MANAGED_IDENTITY_CLIENT_ID,
      container: e.AZURE_STORAGE_CONTAINER,
    },
  };
}

function describeIssue(issue: z.ZodIssue): string {
  const name = issue.path.join('.') || '(environment)';
  return `${name}: ${issue.message}`;
}

/** Reads and validates the configuration; throws ConfigError naming every problem. */
export function loadConfig(env: NodeJS.ProcessEnv, version = '0.0.0'): Config {
  const parsed = schema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map(describeIssue);
  if (!parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const anonymous = !e.MicrosoftAppId;
  if (anonymous && production) {
    problems.push('MicrosoftAppId: required when NODE_ENV=production (anonymous local mode is for development only)');
  }
  if (e.MicrosoftAppId && e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword && !env.CertificatePrivateKey) {
    problems.push('MicrosoftAppPassword: required with MicrosoftAppId unless MicrosoftAppType=UserAssignedMSI or a certificate is set');
  }
  if (e.MicrosoftAppId && e.MicrosoftAppType !== 'MultiTenant' && !e.MicrosoftAppTenantId) {
    problems.push(`MicrosoftAppTenantId: required with MicrosoftAppType=${e.MicrosoftAppType}`);
  }
  if (production && !e.PARTNER_TENANT_ID) problems.push('PARTNER_TENANT_ID: required when NODE_ENV=production (the partner tenant GUID)');
  if (e.AZURE_CLIENT_ID && !e.AZURE_CLIENT_SECRET && !e.AZURE_CLIENT_CERTIFICATE_PATH) {
    problems.push('AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH: one is required with AZURE_CLIENT_ID');
  }
  const sandbox = e.SANDBOX === 'on' || (e.SANDBOX === 'auto' && !e.AZURE_CLIENT_ID && !production);
  if (sandbox && production) problems.push('SANDBOX: cannot be on when NODE_ENV=production');
  const pcSecrets = [e.PARTNER_CENTER_CLIENT_ID, e.PARTNER_CENTER_CLIENT_SECRET, e.PARTNER_CENTER_REFRESH_TOKEN].filter(Boolean).length;
  if (pcSecrets > 0 && pcSecrets < 3) {
    problems.push('PARTNER_CENTER_CLIENT_ID, PARTNER_CENTER_CLIENT_SECRET, PARTNER_CENTER_REFRESH_TOKEN: set all three (Secure Application Model) or none');
  }
  const directorySource = e.CUSTOMER_DIRECTORY_SOURCE === 'auto' ? (pcSecrets === 3 ? 'partnerCenter' : 'file') : e.CUSTOMER_DIRECTORY_SOURCE;
  if (production && directorySource === 'partnerCenter' && pcSecrets === 0) {
    problems.push('CUSTOMER_DIRECTORY_SOURCE: partnerCenter needs PARTNER_CENTER_CLIENT_ID, PARTNER_CENTER_CLIENT_SECRET and PARTNER_CENTER_REFRESH_TOKEN when NODE_ENV=production');
  }
  problems.push(...blobStorageProblems(e));
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) problems.push('HTTP_HEADERS_TIMEOUT_MS: at most HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)');
  if (production && e.AGENT_DIRECTORY_ROLES === 'off' && e.AGENT_GROUP_IDS.length === 0) {
    problems.push('AGENT_GROUP_IDS: required when NODE_ENV=production and AGENT_DIRECTORY_ROLES=off (otherwise nobody could act as an agent)');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const frameworkSettings: Record<string, string> = {};
  for (const key of BOTBUILDER_SETTINGS) {
    const value = env[key];
    if (value) frameworkSettings[key] = value;
  }
  if (e.MicrosoftAppId) frameworkSettings.MicrosoftAppType = e.MicrosoftAppType;
  else delete frameworkSettings.MicrosoftAppType;

  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    version,
    bot: { appId: e.MicrosoftAppId ?? '', appType: e.MicrosoftAppType, appTenantId: e.MicrosoftAppTenantId, anonymous, frameworkSettings },
    storage: { kind: e.STORAGE, sqlitePath: e.SQLITE_PATH, ...blobStorageConfig(e) },
    customersFile: e.CUSTOMERS_FILE,
    directory: {
      source: directorySource, customersFile: e.CUSTOMERS_FILE, supportPlansFile: e.SUPPORT_PLANS_FILE,
      syncIntervalMs: e.DIRECTORY_SYNC_INTERVAL_SECONDS * 1000, refreshIntervalMs: e.DIRECTORY_REFRESH_INTERVAL_SECONDS * 1000,
    },
    partner: { tenantId: (e.PARTNER_TENANT_ID ?? EXAMPLE_PARTNER_TENANT_ID).toLowerCase(), name: e.PARTNER_NAME },
    azure: {
      clientId: e.AZURE_CLIENT_ID,
      clientSecret: e.AZURE_CLIENT_SECRET,
      certificatePath: e.AZURE_CLIENT_CERTIFICATE_PATH,
      authorityHost: e.AZURE_AUTHORITY_HOST,
    },
    graphBaseUrl: e.GRAPH_BASE_URL ? e.GRAPH_BASE_URL.replace(/\/+$/, '') : sandbox ? undefined : 'https://graph.microsoft.com',
    partnerCenterBaseUrl: e.PARTNER_CENTER_BASE_URL ? e.PARTNER_CENTER_BASE_URL.replace(/\/+$/, '') : sandbox ? undefined : 'https://api.partnercenter.microsoft.com',
    azureResourceManagerUrl: e.AZURE_RESOURCE_MANAGER_URL ? e.AZURE_RESOURCE_MANAGER_URL.replace(/\/+$/, '') : sandbox ? undefined : 'https://management.azure.com',
    sandbox,
    health: { cacheTtlMs: e.HEALTH_CACHE_TTL_SECONDS * 1000, requestTimeoutMs: e.HEALTH_REQUEST_TIMEOUT_MS },
    messageCenterDigest: { enabled: e.MESSAGE_CENTER_DIGEST === 'on', day: e.MESSAGE_CENTER_DIGEST_DAY, hour: e.MESSAGE_CENTER_DIGEST_HOUR },
    partnerCenter: { clientId: e.PARTNER_CENTER_CLIENT_ID, clientSecret: e.PARTNER_CENTER_CLIENT_SECRET, refreshToken: e.PARTNER_CENTER_REFRESH_TOKEN },
    timers: {
      outagePollMs: e.OUTAGE_POLL_INTERVAL_SECONDS * 1000,
      serviceRequestPollMs: e.SR_TRACKER_INTERVAL_SECONDS * 1000,
      slaCheckMs: e.SLA_CHECK_INTERVAL_SECONDS * 1000,
      relayRetryMs: e.RELAY_RETRY_INTERVAL_SECONDS * 1000,
    },
    agentsLocale: e.AGENTS_LOCALE,
    agents: {
      groupIds: (e.AGENT_GROUP_IDS.length === 0 && sandbox ? [SANDBOX_AGENT_GROUP_ID] : e.AGENT_GROUP_IDS).map((id) => id.toLowerCase()),
      directoryRoles: e.AGENT_DIRECTORY_ROLES === 'on',
    },
    agentAuthorization: {
      mode: e.AGENT_AUTHORIZATION, caseRoles: e.GDAP_CASE_ROLES, escalationRoles: e.GDAP_ESCALATION_ROLES,
      refreshMs: e.GDAP_REFRESH_INTERVAL_SECONDS * 1000, missRefreshMs: e.GDAP_MISS_REFRESH_SECONDS * 1000,
    },
    limits: {
      maxTextChars: e.MAX_TEXT_CHARS, maxBodyBytes: 256 * 1024, shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
      openCases: { perTenant: e.MAX_OPEN_CASES_PER_TENANT, perUser: e.MAX_OPEN_CASES_PER_USER },
    },
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
    dashboard: { appId: e.MicrosoftAppId ?? LOCAL_DASHBOARD_APP_ID, botDomain: e.BOT_DOMAIN.toLowerCase(), devSignIn: sandbox && anonymous },
    proactiveInstall: { enabled: e.PROACTIVE_INSTALL === 'on', teamsAppId: e.TEAMS_APP_ID.toLowerCase() },
  };
}
