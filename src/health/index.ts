/** Public surface of the health area (Graph access itself is src/cloud/). */
export * from './model';
export { issueLink, serviceHealthLink } from './adminCenterLinks';
export { htmlToText, parseIssue, parseService } from './graphParse';
export { CachedServiceHealthSource, type HealthCacheOptions } from './healthCache';
export { MATCH_WEIGHTS, matchIssues, type IssueMatches, type MatchEvidence, type MatchQuery, type RankedIssue } from './incidentMatching';
export { resolveService, SERVICE_ALIASES, type ServiceAlias } from './serviceAliases';
export { GraphServiceHealthClient, type ServiceHealthClientOptions } from './serviceHealthClient';
