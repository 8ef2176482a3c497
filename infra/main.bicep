// Support triage bot on Azure: App Service for Linux (Node 24 LTS, 2 instances) on Blob Storage, Azure Bot with the
// Teams channel, Key Vault references for secrets, Application Insights. See docs/deploy.md.
targetScope = 'resourceGroup'

@description('Prefix of every resource name (3-11 lowercase letters or digits).')
@minLength(3)
@maxLength(11)
param resourceBaseName string

param location string = resourceGroup().location

@description('App Service plan SKU (B1 or higher supports several instances).')
param appServiceSku string = 'P0v3'

@description('Instances behind the load balancer.')
@minValue(1)
param instanceCount int = 2

// ---- Bot identity (botbuilder settings) ----
@allowed(['SingleTenant', 'UserAssignedMSI'])
@description('SingleTenant: an Entra app registration with a secret. UserAssignedMSI: the managed identity created here.')
param botAppType string = 'SingleTenant'
@description('Client id of the bot app registration (SingleTenant only).')
param botAppId string = ''
@secure()
@description('Client secret of the bot app registration (SingleTenant only) -> MicrosoftAppPassword.')
param botAppPassword string = ''
param botDisplayName string = 'Support Triage'

// ---- Runtime (src/config.ts) ----
@allowed(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
param logLevel string = 'info'
param maxTextChars int = 4000
param shutdownGraceMs int = 10000
param httpHeadersTimeoutMs int = 20000
param httpRequestTimeoutMs int = 30000
param httpKeepAliveTimeoutMs int = 5000
param httpMaxConnections int = 1000
param maxOpenCasesPerTenant int = 50
param maxOpenCasesPerUser int = 3
@description('Comma-separated object ids of the partner security groups whose members are agents (AGENT_GROUP_IDS).')
param agentGroupIds string = ''
@allowed(['on', 'off'])
param agentDirectoryRoles string = 'on'
@description('partnerWide or gdap: agents authorized per customer by their GDAP roles (AGENT_AUTHORIZATION).')
@allowed(['partnerWide', 'gdap'])
param agentAuthorization string = 'partnerWide'
@description('GDAP role template ids allowing case work; empty = the default list (GDAP_CASE_ROLES).')
param gdapCaseRoles string = ''
@description('GDAP role template ids allowing Microsoft service requests; empty = the default list (GDAP_ESCALATION_ROLES).')
param gdapEscalationRoles string = ''
param gdapRefreshIntervalSeconds int = 300
param gdapMissRefreshSeconds int = 30
@allowed(['off', 'on'])
@description('Opt-in proactive install for outage notices (PROACTIVE_INSTALL); customers opt in with proactiveInstall in the directory.')
param proactiveInstall string = 'off'
@description('The Teams app manifest id (TEAMS_APP_ID), as packaged and rolled out.')
param teamsAppId string = '132c1b4a-688e-4078-b2a0-33f06689c868'
param customersFile string = './config/customers.json'
@description('Where customers come from (CUSTOMER_DIRECTORY_SOURCE): file = customersFile (default), partnerCenter, or auto = Partner Center when its credentials are set.')
@allowed(['auto', 'file', 'partnerCenter'])
param customerDirectorySource string = 'file'
param supportPlansFile string = './config/support-plans.json'
param directorySyncIntervalSeconds int = 900
param directoryRefreshIntervalSeconds int = 60
@description('The partner tenant GUID (PARTNER_TENANT_ID).')
param partnerTenantId string
param partnerName string = 'Contoso Cloud Services'
@allowed(['en', 'fr'])
param agentsLocale string = 'en'
param healthCacheTtlSeconds int = 60
param healthRequestTimeoutMs int = 4000
param outagePollIntervalSeconds int = 300
@allowed(['on', 'off'])
param messageCenterDigest string = 'on'
@allowed(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])
param messageCenterDigestDay string = 'mon'
@minValue(0)
@maxValue(23)
param messageCenterDigestHour int = 7
param srTrackerIntervalSeconds int = 60
param slaCheckIntervalSeconds int = 60
param relayRetryIntervalSeconds int = 15

// ---- Storage ----
@description('Blob container holding every piece of state.')
param storageContainer string = 'support-triage-bot'

// ---- Customer-tenant Graph access (multi-tenant app registration) ----
@description('Client id of the multi-tenant app that reads customer service health (AZURE_CLIENT_ID).')
param azureClientId string
@secure()
@description('Its client secret (AZURE_CLIENT_SECRET).')
param azureClientSecret string = ''
@description('Certificate file instead of the secret (AZURE_CLIENT_CERTIFICATE_PATH), a PEM with key and certificate; empty = use the secret.')
param azureClientCertificatePath string = ''
param azureAuthorityHost string = 'https://login.microsoftonline.com'
@description('Public host name of the bot (BOT_DOMAIN) when a custom domain fronts it; empty = the App Service default host name.')
param botDomain string = ''
param graphBaseUrl string = 'https://graph.microsoft.com'
@description('Azure Resource Manager endpoint of Azure support tickets (national clouds: their own)')
param azureResourceManagerUrl string = 'https://management.azure.com'

// ---- Partner Center (Secure Application Model) ----
param partnerCenterBaseUrl string = 'https://api.partnercenter.microsoft.com'
@secure()
param partnerCenterClientId string = ''
@secure()
param partnerCenterClientSecret string = ''
@secure()
param partnerCenterRefreshToken string = ''

var name = toLower(resourceBaseName)
var suffix = uniqueString(resourceGroup().id, name)
var useMsi = botAppType == 'UserAssignedMSI'
var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}
var secretValues = {
  MicrosoftAppPassword: useMsi ? '' : botAppPassword
  AZURE_CLIENT_SECRET: azureClientSecret
  PARTNER_CENTER_CLIENT_ID: partnerCenterClientId
  PARTNER_CENTER_CLIENT_SECRET: partnerCenterClientSecret
  PARTNER_CENTER_REFRESH_TOKEN: partnerCenterRefreshToken
}
var secrets = filter(items(secretValues), s => !empty(s.value))

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-ai'
  location: location
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logs.id }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('${name}st${suffix}', 24)
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: storageContainer
  properties: { publicAccess: 'None' }
}

resource storageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, roles.storageBlobDataContributor)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${name}-kv-${suffix}', 24)
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource vaultSecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for s in secrets: {
  parent: vault
  name: replace(s.key, '_', '-')
  properties: { value: s.value }
}]

resource vaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku, capacity: instanceCount }
  properties: { reserved: true }
}

var secretSettings = [for s in secrets: {
  name: s.key
  value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${replace(s.key, '_', '-')})'
}]

var plainSettings = [
  { name: 'NODE_ENV', value: 'production' }
  { name: 'PORT', value: '8080' }
  { name: 'WEBSITES_PORT', value: '8080' }
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
  { name: 'ApplicationInsightsAgent_EXTENSION_VERSION', value: '~3' }
  { name: 'LOG_LEVEL', value: logLevel }
  { name: 'MAX_TEXT_CHARS', value: string(maxTextChars) }
  { name: 'SHUTDOWN_GRACE_MS', value: string(shutdownGraceMs) }
  { name: 'HTTP_HEADERS_TIMEOUT_MS', value: string(httpHeadersTimeoutMs) }
  { name: 'HTTP_REQUEST_TIMEOUT_MS', value: string(httpRequestTimeoutMs) }
  { name: 'HTTP_KEEP_ALIVE_TIMEOUT_MS', value: string(httpKeepAliveTimeoutMs) }
  { name: 'HTTP_MAX_CONNECTIONS', value: string(httpMaxConnections) }
  { name: 'MAX_OPEN_CASES_PER_TENANT', value: string(maxOpenCasesPerTenant) }
  { name: 'MAX_OPEN_CASES_PER_USER', value: string(maxOpenCasesPerUser) }
  { name: 'AGENT_GROUP_IDS', value: agentGroupIds }
  { name: 'AGENT_DIRECTORY_ROLES', value: agentDirectoryRoles }
  { name: 'AGENT_AUTHORIZATION', value: agentAuthorization }
  { name: 'GDAP_CASE_ROLES', value: gdapCaseRoles }
  { name: 'GDAP_ESCALATION_ROLES', value: gdapEscalationRoles }
  { name: 'GDAP_REFRESH_INTERVAL_SECONDS', value: string(gdapRefreshIntervalSeconds) }
  { name: 'GDAP_MISS_REFRESH_SECONDS', value: string(gdapMissRefreshSeconds) }
  { name: 'PROACTIVE_INSTALL', value: proactiveInstall }
  { name: 'TEAMS_APP_ID', value: teamsAppId }
  { name: 'MicrosoftAppType', value: botAppType }
  { name: 'MicrosoftAppId', value: useMsi ? identity.properties.clientId : botAppId }
  { name: 'MicrosoftAppTenantId', value: subscription().tenantId }
  { name: 'STORAGE', value: 'blob' }
  { name: 'AZURE_STORAGE_ACCOUNT_URL', value: storage.properties.primaryEndpoints.blob }
  { name: 'AZURE_STORAGE_MANAGED_IDENTITY_CLIENT_ID', value: identity.properties.clientId }
  { name: 'AZURE_STORAGE_CONTAINER', value: storageContainer }
  { name: 'CUSTOMERS_FILE', value: customersFile }
  { name: 'CUSTOMER_DIRECTORY_SOURCE', value: customerDirectorySource }
  { name: 'SUPPORT_PLANS_FILE', value: supportPlansFile }
  { name: 'DIRECTORY_SYNC_INTERVAL_SECONDS', value: string(directorySyncIntervalSeconds) }
  { name: 'DIRECTORY_REFRESH_INTERVAL_SECONDS', value: string(directoryRefreshIntervalSeconds) }
  { name: 'PARTNER_TENANT_ID', value: partnerTenantId }
  { name: 'PARTNER_NAME', value: partnerName }
  { name: 'AGENTS_LOCALE', value: agentsLocale }
  { name: 'AZURE_CLIENT_ID', value: azureClientId }
  { name: 'AZURE_AUTHORITY_HOST', value: azureAuthorityHost }
  { name: 'BOT_DOMAIN', value: empty(botDomain) ? '${name}-app-${suffix}.azurewebsites.net' : botDomain }
  { name: 'GRAPH_BASE_URL', value: graphBaseUrl }
  { name: 'AZURE_RESOURCE_MANAGER_URL', value: azureResourceManagerUrl }
  { name: 'PARTNER_CENTER_BASE_URL', value: partnerCenterBaseUrl }
  { name: 'SANDBOX', value: 'off' }
  { name: 'HEALTH_CACHE_TTL_SECONDS', value: string(healthCacheTtlSeconds) }
  { name: 'HEALTH_REQUEST_TIMEOUT_MS', value: string(healthRequestTimeoutMs) }
  { name: 'OUTAGE_POLL_INTERVAL_SECONDS', value: string(outagePollIntervalSeconds) }
  { name: 'MESSAGE_CENTER_DIGEST', value: messageCenterDigest }
  { name: 'MESSAGE_CENTER_DIGEST_DAY', value: messageCenterDigestDay }
  { name: 'MESSAGE_CENTER_DIGEST_HOUR', value: string(messageCenterDigestHour) }
  { name: 'SR_TRACKER_INTERVAL_SECONDS', value: string(srTrackerIntervalSeconds) }
  { name: 'SLA_CHECK_INTERVAL_SECONDS', value: string(slaCheckIntervalSeconds) }
  { name: 'RELAY_RETRY_INTERVAL_SECONDS', value: string(relayRetryIntervalSeconds) }
]

var certificateSettings = empty(azureClientCertificatePath) ? [] : [{ name: 'AZURE_CLIENT_CERTIFICATE_PATH', value: azureClientCertificatePath }]

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: '${name}-app-${suffix}'
  location: location
  kind: 'app,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identity.id}': {} } }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      healthCheckPath: '/healthz'
      appSettings: concat(plainSettings, certificateSettings, secretSettings)
    }
  }
  dependsOn: [vaultAccess, vaultSecrets, storageAccess]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'S1' }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${web.properties.defaultHostName}/api/messages'
    msaAppType: botAppType
    msaAppId: useMsi ? identity.properties.clientId : botAppId
    msaAppTenantId: subscription().tenantId
    msaAppMSIResourceId: useMsi ? identity.id : null
    developerAppInsightKey: insights.properties.InstrumentationKey
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: { channelName: 'MsTeamsChannel', properties: { isEnabled: true } }
}

output BOT_ID string = bot.properties.msaAppId
output BOT_DOMAIN string = empty(botDomain) ? web.properties.defaultHostName : botDomain
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = web.id
output AZURE_STORAGE_ACCOUNT_URL string = storage.properties.primaryEndpoints.blob
output KEY_VAULT_NAME string = vault.name
