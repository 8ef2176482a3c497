/** Public surface of the health area. */
export * from './model';
export { issueLink, serviceHealthLink } from './adminCenterLinks';
export { type GraphAppCredentialConfig, TenantCredentials, TokenAcquisitionError, type TokenFailureKind } from '../cloud/graphCredentials';
export { createGraphClients, type GraphClientFactoryOptions, type GraphClients, GRAPH_DEFAULT_SCOPE, SANDBOX_TENANT_HEADER } from '../cloud/graphClientFactory';
export { GraphParseError, htmlToText, parseIssue, parseService } from './graphParse';
export { type CallScope, GraphRequester, GraphRequestError, type GraphRequesterOptions } from '../cloud/graphRequester';
export { CachedServiceHealthSource, type HealthCacheOptions } from './healthCache';
export { MATCH_WEIGHTS, matchIssues, type IssueMatches, type MatchEvidence, type MatchQuery, type RankedIssue } from './incidentMatching';
export { DEFAULT_RETRY_POLICY, type FailureReason, type RetryPolicy } from '../cloud/retryPolicy';
export { resolveService, SERVICE_ALIASES, type ServiceAlias } from './serviceAliases';
export { GraphServiceHealthClient, type ServiceHealthClientOptions } from './serviceHealthClient';
