/**
 * GDAP access, pure: reading Graph's delegated admin relationships and access assignments, and deciding which roles
 * an agent's security groups hold in which customer tenants. No I/O here (see gdapSource.ts for the reads).
 */
import { AGENT_ACTIONS, type AuthorizationGrant } from '../teams/guard';

/** Role template ids (Entra built-in roles) the defaults and the case card name. */
export const GDAP_ROLES = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  serviceSupportAdministrator: 'f023fd81-a637-4b56-95fd-791ac0226033',
} as const;

/** Display names of the roles the bot names on a case card; others are shown by id. */
export const GDAP_ROLE_NAMES: Readonly<Record<string, string>> = {
  [GDAP_ROLES.globalAdministrator]: 'Global Administrator',
  [GDAP_ROLES.userAdministrator]: 'User Administrator',
  [GDAP_ROLES.helpdeskAdministrator]: 'Helpdesk Administrator',
  [GDAP_ROLES.serviceSupportAdministrator]: 'Service Support Administrator',
};

/** Working a case: Helpdesk Administrator or higher (User, Global); Service Support Administrator too (it opens tickets for the customer). */
export const DEFAULT_GDAP_CASE_ROLES: readonly string[] = [
  GDAP_ROLES.helpdeskAdministrator, GDAP_ROLES.userAdministrator, GDAP_ROLES.globalAdministrator, GDAP_ROLES.serviceSupportAdministrator,
];

/** Opening a Microsoft service request: Service Support Administrator or Global Administrator (the roles that may file one). */
export const DEFAULT_GDAP_ESCALATION_ROLES: readonly string[] = [GDAP_ROLES.serviceSupportAdministrator, GDAP_ROLES.globalAdministrator];

/** One active relationship with a customer. */
export interface GdapRelationship {
  id: string;
  customerTenantId: string;
  customerName: string;
}

/** One active access assignment: a partner security group holding roles in a customer tenant. */
export interface GdapAssignment {
  relationshipId: string;
  customerTenantId: string;
  customerName: string;
  /** Object id of the partner's security group, lower-case. */
  groupId: string;
  /** Role template ids, lower-case. */
  roleIds: readonly string[];
}

/** Which roles allow which action (`cases.act`, `customers.read`, `escalation.file`), by role template id. */
export type GdapPolicy = Readonly<Record<string, readonly string[]>>;

/** The policy from the configured roles: reading a customer's data needs a role of either list. */
export function gdapPolicy(caseRoles: readonly string[], escalationRoles: readonly string[]): GdapPolicy {
  return {
    [AGENT_ACTIONS.cases]: caseRoles,
    [AGENT_ACTIONS.escalation]: escalationRoles,
    [AGENT_ACTIONS.customers]: [...new Set([...caseRoles, ...escalationRoles])],
  };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function lower(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value.toLowerCase() : undefined;
}

function roleIdsOf(item: unknown): string[] {
  const roles = field(field(item, 'accessDetails'), 'unifiedRoles');
  return Array.isArray(roles) ? roles.map((role) => lower(field(role, 'roleDefinitionId'))).filter((id): id is string => id !== undefined) : [];
}

/**
 * The active relationships of a `delegatedAdminRelationships` collection. A relationship past its `endDateTime`
 * counts as ended even when its status still says active (the status flips a little later).
 */
export function activeRelationships(items: readonly unknown[], now: Date): GdapRelationship[] {
  return items.flatMap((item) => {
    const id = field(item, 'id');
    const tenantId = lower(field(field(item, 'customer'), 'tenantId'));
    const end = field(item, 'endDateTime');
    const ended = typeof end === 'string' && Date.parse(end) <= now.getTime();
    if (typeof id !== 'string' || !tenantId || lower(field(item, 'status')) !== 'active' || ended) return [];
    const name = field(field(item, 'customer'), 'displayName');
    return [{ id, customerTenantId: tenantId, customerName: typeof name === 'string' ? name : tenantId }];
  });
}

/** The active security-group assignments of one relationship's `accessAssignments` collection. */
export function activeAssignments(items: readonly unknown[], relationship: GdapRelationship): GdapAssignment[] {
  return items.flatMap((item) => {
    const container = field(item, 'accessContainer');
    const groupId = lower(field(container, 'accessContainerId'));
    if (lower(field(item, 'status')) !== 'active' || lower(field(container, 'accessContainerType')) !== 'securitygroup' || !groupId) return [];
    return [{ relationshipId: relationship.id, customerTenantId: relationship.customerTenantId, customerName: relationship.customerName, groupId, roleIds: roleIdsOf(item) }];
  });
}

/** The roles the agent's groups hold per customer tenant (through active assignments only). */
export function rolesPerCustomer(groupIds: readonly string[], assignments: readonly GdapAssignment[]): Map<string, Set<string>> {
  const groups = new Set(groupIds.map((id) => id.toLowerCase()));
  const roles = new Map<string, Set<string>>();
  for (const assignment of assignments) {
    if (!groups.has(assignment.groupId)) continue;
    const held = roles.get(assignment.customerTenantId) ?? new Set<string>();
    assignment.roleIds.forEach((id) => held.add(id));
    roles.set(assignment.customerTenantId, held);
  }
  return roles;
}

/** The first role of the policy's order for the action that the agent holds, or undefined. */
function allowedRole(held: ReadonlySet<string> | undefined, policy: GdapPolicy, action: string): string | undefined {
  return held ? (policy[action] ?? []).find((id) => held.has(id.toLowerCase())) : undefined;
}

/** What allows the agent's groups the action for the customer through GDAP, or undefined when nothing does. */
export function gdapGrant(roles: ReadonlyMap<string, ReadonlySet<string>>, policy: GdapPolicy, action: string, customerTenantId: string): AuthorizationGrant | undefined {
  const roleId = allowedRole(roles.get(customerTenantId.toLowerCase()), policy, action);
  return roleId ? { via: 'gdap', roleId, roleName: GDAP_ROLE_NAMES[roleId] ?? roleId } : undefined;
}

/** The customer tenants for which the agent's groups hold a role allowing the action. */
export function customersAllowed(roles: ReadonlyMap<string, ReadonlySet<string>>, policy: GdapPolicy, action: string): Set<string> {
  return new Set([...roles].filter(([, held]) => allowedRole(held, policy, action) !== undefined).map(([tenantId]) => tenantId));
}
