/**
 * The Graph stand-in's GDAP routes, partner tenant side: `tenantRelationships/delegatedAdminRelationships` (with
 * `$filter=status eq '…'`, `$top`, `@odata.nextLink` paging) and `…/{id}/accessAssignments`, with Graph's permission
 * rule (DelegatedAdminRelationship.Read.All or .ReadWrite.All). Wire shapes: microsoft-graph-docs-contrib
 * `tenantrelationship-list-delegatedadminrelationships.md`, `delegatedadminrelationship-list-accessassignments.md`
 * (the published examples are in test/contract/graph/). Pure, but for the seed builder.
 */
import type { GraphReply } from './graphReply';
import { nextLink, paginate } from './odataQuery';

export type DelegatedAdminRoute = 'delegatedAdminRelationships' | 'accessAssignments';

/** A partner tenant's relationships and each one's access assignments, as Graph serializes them. */
export interface SandboxDelegatedAdmin {
  relationships: Array<Record<string, unknown>>;
  /** By relationship id. */
  accessAssignments: Record<string, Array<Record<string, unknown>>>;
}

const READERS = ['DelegatedAdminRelationship.Read.All', 'DelegatedAdminRelationship.ReadWrite.All'];

/** `lower`/`segments`: the path after `/v1.0`. Undefined when not a GDAP route. */
export function matchDelegatedAdminRoute(method: string, lower: readonly string[], segments: readonly string[]): { route: DelegatedAdminRoute; param?: string } | undefined {
  if (method !== 'GET' || lower[0] !== 'tenantrelationships' || lower[1] !== 'delegatedadminrelationships') return undefined;
  if (lower.length === 2) return { route: 'delegatedAdminRelationships' };
  return lower.length === 4 && lower[3] === 'accessassignments' ? { route: 'accessAssignments', param: segments[2] ?? '' } : undefined;
}

export function isDelegatedAdminRoute(route: string): route is DelegatedAdminRoute {
  return route === 'delegatedAdminRelationships' || route === 'accessAssignments';
}

const STATUS_FILTER = /^\s*status\s+eq\s+'([A-Za-z]+)'\s*$/;

/** `permissions` undefined = unauthenticated sandbox mode. */
export function delegatedAdminReply(
  route: DelegatedAdminRoute, param: string | undefined, request: { pathname: string; query: URLSearchParams; baseUrl: string; prefer?: string },
  data: SandboxDelegatedAdmin | undefined, permissions: readonly string[] | undefined,
): GraphReply {
  if (permissions && !READERS.some((permission) => permissions.includes(permission))) {
    return { status: 403, error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } };
  }
  const filter = request.query.get('$filter');
  const status = filter ? STATUS_FILTER.exec(filter)?.[1] : undefined;
  if (filter && !status) return { status: 400, error: { code: 'BadRequest', message: `Invalid filter clause: ${filter}` } };
  let items: Array<Record<string, unknown>>;
  let fragment: string;
  if (route === 'delegatedAdminRelationships') {
    items = (data?.relationships ?? []).filter((r) => status === undefined || r.status === status);
    fragment = 'delegatedAdminRelationships';
  } else {
    const relationship = (data?.relationships ?? []).find((r) => r.id === param);
    if (!relationship) return { status: 404, error: { code: 'NotFound', message: `Delegated admin relationship '${param ?? ''}' was not found.` } };
    items = (data?.accessAssignments[param ?? ''] ?? []).filter((a) => status === undefined || a.status === status);
    fragment = 'accessAssignments';
  }
  const page = paginate(items, request.query, request.prefer);
  return {
    status: 200,
    json: {
      '@odata.context': `${request.baseUrl}/v1.0/tenantRelationships/$metadata#${fragment}`,
      ...(page.nextSkip === undefined ? {} : { '@odata.nextLink': nextLink(request.baseUrl, request.pathname, request.query, page.nextSkip) }),
      value: page.items,
    },
  };
}

/** One customer's relationship and the group → roles assignments in it, to build a seed. */
export interface SandboxGdapGrant {
  relationshipId: string;
  customer: { tenantId: string; displayName: string };
  status?: string;
  assignments: Array<{ groupId: string; roleIds: string[]; status?: string }>;
}

/** Graph-shaped relationships and assignments (fields as in the published examples) from a compact description. */
export function delegatedAdminSeed(grants: readonly SandboxGdapGrant[]): SandboxDelegatedAdmin {
  const roles = (ids: readonly string[]): { unifiedRoles: Array<{ roleDefinitionId: string }> } => ({ unifiedRoles: ids.map((roleDefinitionId) => ({ roleDefinitionId })) });
  return {
    relationships: grants.map((grant) => ({
      '@odata.type': '#microsoft.graph.delegatedAdminRelationship',
      id: grant.relationshipId,
      displayName: `${grant.customer.displayName} admin relationship`,
      duration: 'P730D',
      customer: grant.customer,
      accessDetails: roles([...new Set(grant.assignments.flatMap((a) => a.roleIds))]),
      status: grant.status ?? 'active',
      autoExtendDuration: 'P180D',
      createdDateTime: '2026-01-05T09:00:00Z',
      lastModifiedDateTime: '2026-01-05T09:30:00Z',
      activatedDateTime: '2026-01-05T09:30:00Z',
      endDateTime: '2028-01-05T09:00:00Z',
    })),
    accessAssignments: Object.fromEntries(grants.map((grant) => [grant.relationshipId, grant.assignments.map((a, i) => ({
      '@odata.type': '#microsoft.graph.delegatedAdminAccessAssignment',
      id: `${grant.relationshipId.slice(0, 8)}-${String(i).padStart(4, '0')}-4000-8000-000000000000`,
      status: a.status ?? 'active',
      createdDateTime: '2026-01-05T09:35:00Z',
      lastModifiedDateTime: '2026-01-05T09:40:00Z',
      accessContainer: { accessContainerId: a.groupId, accessContainerType: 'securityGroup' },
      accessDetails: roles(a.roleIds),
    }))])),
  };
}
