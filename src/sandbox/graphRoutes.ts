/** Routing and response bodies of the Graph stand-in, computed from one tenant's data. Pure. */
import { type DirectoryObject, type EnumCasing, type SeedIssue, serializeIssue, serializeService, type TenantDirectory, type TenantHealthData } from './graphSeed';
import type { GraphReply } from './graphReply';
import { applyFilter, nextLink, paginate, parseFilter } from './odataQuery';
import { matchMessageRoute, type MessageRoute } from './graphMessageRoutes';
import { matchUserAccountRoute, type UserAccountRoute } from './graphUserAccounts';
import { matchTeamsAppRoute, type TeamsAppRoute } from './graphTeamsApps';

export type GraphRoute = 'healthOverviews' | 'healthOverview' | 'issues' | 'issue' | 'incidentReport' | 'transitiveMemberOf' | MessageRoute | UserAccountRoute | TeamsAppRoute;

export interface RouteMatch {
  route: GraphRoute | 'notFound';
  /** Decoded path parameter: service name, issue id or user id. */
  param?: string;
}

const ANNOUNCEMENT = ['admin', 'serviceannouncement'];

/** Matches a request path (including `/v1.0`) case-insensitively. */
export function matchRoute(method: string, pathname: string): RouteMatch {
  const segments = pathname.split('/').filter(Boolean).map((segment) => decodeURIComponent(segment));
  const lower = segments.map((segment) => segment.toLowerCase());
  if (lower[0] !== 'v1.0') return { route: 'notFound' };
  const teamsApp = matchTeamsAppRoute(method, lower.slice(1), segments.slice(1));
  if (teamsApp) return teamsApp;
  if (method !== 'GET') return { route: 'notFound' };
  const [, first, second, third, , fifth] = lower;
  const param = segments[4];
  if (first === 'users' && third === 'transitivememberof' && segments.length === 4) return { route: 'transitiveMemberOf', param: segments[2] ?? '' };
  const account = matchUserAccountRoute(method, lower.slice(1), segments.slice(1));
  if (account) return account;
  if (first !== ANNOUNCEMENT[0] || second !== ANNOUNCEMENT[1]) return { route: 'notFound' };
  if (third === 'healthoverviews') return segments.length === 4 ? { route: 'healthOverviews' } : segments.length === 5 ? { route: 'healthOverview', param: param ?? '' } : { route: 'notFound' };
  if (third === 'messages') return matchMessageRoute(segments);
  if (third !== 'issues') return { route: 'notFound' };
  if (segments.length === 4) return { route: 'issues' };
  if (segments.length === 5) return { route: 'issue', param: param ?? '' };
  return segments.length === 6 && fifth === 'incidentreport' ? { route: 'incidentReport', param: param ?? '' } : { route: 'notFound' };
}

/** What the stand-in answers, before headers common to every response. */
export type { GraphReply } from './graphReply';

export interface HealthRequest {
  route: GraphRoute;
  param?: string;
  pathname: string;
  query: URLSearchParams;
  prefer?: string;
  /** Public base URL of the stand-in (scheme, host, port). */
  baseUrl: string;
  casing: EnumCasing;
}

const notFound = (message: string): GraphReply => ({ status: 404, error: { code: 'NotFound', message } });

function context(baseUrl: string, fragment: string): string {
  return `${baseUrl}/v1.0/$metadata#${fragment}`;
}

function wantsIssues(query: URLSearchParams): boolean {
  return (query.get('$expand') ?? '').split(',').some((item) => item.trim().toLowerCase() === 'issues');
}

function issuesOf(data: TenantHealthData, service: string): SeedIssue[] {
  return data.issues.filter((issue) => issue.service.toLowerCase() === service.toLowerCase());
}

function collection<T>(request: HealthRequest, items: readonly T[], fragment: string, toWire: (item: T) => unknown): GraphReply {
  const page = paginate(items, request.query, request.prefer);
  return {
    status: 200,
    json: {
      '@odata.context': context(request.baseUrl, fragment),
      ...(page.nextSkip === undefined ? {} : { '@odata.nextLink': nextLink(request.baseUrl, request.pathname, request.query, page.nextSkip) }),
      value: page.items.map(toWire),
    },
  };
}

/** Answers the service-announcement routes for one tenant. Throws ODataQueryError on a bad query. */
export function healthReply(request: HealthRequest, data: TenantHealthData): GraphReply {
  const { casing, query } = request;
  const expand = wantsIssues(query);
  const key = (request.param ?? '').toLowerCase();
  switch (request.route) {
    case 'healthOverviews':
      return collection(request, data.services, `admin/serviceAnnouncement/healthOverviews${expand ? '(issues())' : ''}`,
        (service) => serializeService(service, casing, expand ? issuesOf(data, service.service) : undefined));
    case 'healthOverview': {
      const service = data.services.find((item) => item.id.toLowerCase() === key || item.service.toLowerCase() === key);
      if (!service) return notFound(`Service '${request.param ?? ''}' was not found.`);
      return {
        status: 200,
        json: {
          '@odata.context': context(request.baseUrl, 'admin/serviceAnnouncement/healthOverviews/$entity'),
          ...serializeService(service, casing, expand ? issuesOf(data, service.service) : undefined),
        },
      };
    }
    case 'issues': {
      const filter = query.get('$filter');
      const issues = filter ? applyFilter(data.issues, parseFilter(filter)) : data.issues;
      return collection(request, issues, 'admin/serviceAnnouncement/issues', (issue) => serializeIssue(issue, casing));
    }
    case 'issue':
    case 'incidentReport': {
      const issue = data.issues.find((item) => item.id.toLowerCase() === key);
      if (!issue) return notFound(`Issue '${request.param ?? ''}' was not found.`);
      if (request.route === 'issue') {
        return { status: 200, json: { '@odata.context': context(request.baseUrl, 'admin/serviceAnnouncement/issues/$entity'), ...serializeIssue(issue, casing) } };
      }
      if (issue.status.toLowerCase() !== 'postincidentreviewpublished') return notFound(`No post-incident review is published for issue '${issue.id}'.`);
      return { status: 200, bytes: Buffer.from(issue.incidentReport ?? `Post-incident review ${issue.id}: ${issue.title}`), contentType: 'application/octet-stream' };
    }
    case 'transitiveMemberOf': case 'user': case 'licenseDetails': case 'signIns':
    case 'messages':
    case 'message':
    case 'teamsApps': case 'teamsAppPublish': case 'teamsAppDefinitionUpload': case 'userInstalledApps': case 'userInstallApp': case 'userInstalledAppChat': case 'groupUsers':
      return notFound('Not a service announcement route.');
  }
}

/** Permissions that let an app read another user's memberships, and those that reveal each object type in full. */
const MEMBERSHIP_READERS = ['User.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All', 'Group.Read.All', 'GroupMember.Read.All'];
const GROUP_READERS = ['Directory.Read.All', 'Directory.ReadWrite.All', 'Group.Read.All', 'GroupMember.Read.All'];
const ROLE_READERS = ['Directory.Read.All', 'Directory.ReadWrite.All', 'RoleManagement.Read.Directory', 'RoleManagement.Read.All'];

export function canReadMemberships(permissions: readonly string[] | undefined): boolean {
  return permissions === undefined || MEMBERSHIP_READERS.some((permission) => permissions.includes(permission));
}

/** Objects the caller may not read in full come back with only `@odata.type` and `id`, as Graph does. */
function visible(object: DirectoryObject, permissions: readonly string[] | undefined): Record<string, unknown> {
  const readers = object['@odata.type'] === '#microsoft.graph.group' ? GROUP_READERS : ROLE_READERS;
  if (permissions === undefined || readers.some((permission) => permissions.includes(permission))) return { ...object };
  return { '@odata.type': object['@odata.type'], id: object.id, displayName: null };
}

/** `permissions` undefined = unauthenticated sandbox mode (everything visible). */
export function membershipReply(request: HealthRequest, directory: TenantDirectory | undefined, permissions: readonly string[] | undefined): GraphReply {
  const userId = request.param ?? '';
  const memberships = directory?.users[userId] ?? directory?.users[userId.toLowerCase()] ?? directory?.defaultMemberOf;
  if (!memberships) {
    return { status: 404, error: { code: 'Request_ResourceNotFound', message: `Resource '${userId}' does not exist or one of its queried reference-property objects are not present.` } };
  }
  return collection(request, memberships, 'directoryObjects', (object) => visible(object, permissions));
}
