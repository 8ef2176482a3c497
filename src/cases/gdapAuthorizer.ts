/**
 * Per-customer authorization through GDAP: an agent may act for a customer when one of their security groups
 * (transitive membership, by object id) holds a role the policy allows for the action, through an active access
 * assignment of an active relationship with that customer. Members of the legacy DAP groups (AdminAgents,
 * HelpdeskAgents, by configured object id) act for every customer. Fails closed.
 */
import type { Logger } from 'pino';
import type { AuthorizationDecision, AuthorizationGrant, AuthorizationRequest, Authorizer, CustomerScope } from '../teams/guard';
import type { AgentMemberships } from './agentRoles';
import { customersAllowed, gdapGrant, rolesPerCustomer, type GdapAssignment, type GdapPolicy } from './gdapAccess';

export interface GdapAuthorizerDeps {
  /** The user's groups, read once for the role check and cached there. */
  members: { memberships(aadObjectId: string): Promise<AgentMemberships | undefined> };
  /** The partner's active GDAP assignments. */
  assignments: { current(): Promise<readonly GdapAssignment[]>; refreshOnMiss(): Promise<boolean> };
  policy: GdapPolicy;
  /** Object ids of the legacy DAP groups, lower-case. */
  legacyGroupIds: readonly string[];
  logger: Logger;
}

export class GdapAuthorizer implements Authorizer {
  constructor(private readonly deps: GdapAuthorizerDeps) {}

  async authorize(aadObjectId: string | undefined, request: AuthorizationRequest): Promise<AuthorizationDecision> {
    return (await this.grantOf(aadObjectId, request)) ? 'allowed' : 'refused';
  }

  /**
   * What allows the action: for a customer, a role in that customer's tenant; without one, a role allowing the action
   * in any customer's tenant. A refusal reads the assignments again first (bounded: see GdapSource.refreshOnMiss), so
   * a role just granted works at once.
   */
  async grantOf(aadObjectId: string | undefined, request: AuthorizationRequest): Promise<AuthorizationGrant | undefined> {
    const memberships = aadObjectId ? await this.deps.members.memberships(aadObjectId) : undefined;
    if (!memberships) return undefined;
    if (this.isLegacyAgent(memberships)) return { via: 'dap' };
    const grant = this.decide(memberships, await this.deps.assignments.current(), request);
    if (grant || !(await this.deps.assignments.refreshOnMiss())) return grant;
    return this.decide(memberships, await this.deps.assignments.current(), request);
  }

  async customersFor(aadObjectId: string | undefined, action: string): Promise<CustomerScope> {
    const memberships = aadObjectId ? await this.deps.members.memberships(aadObjectId) : undefined;
    if (!memberships) return new Set();
    if (this.isLegacyAgent(memberships)) return 'all';
    return customersAllowed(rolesPerCustomer(memberships.groupIds, await this.deps.assignments.current()), this.deps.policy, action);
  }

  private isLegacyAgent(memberships: AgentMemberships): boolean {
    return memberships.groupIds.some((id) => this.deps.legacyGroupIds.includes(id));
  }

  private decide(memberships: AgentMemberships, assignments: readonly GdapAssignment[], request: AuthorizationRequest): AuthorizationGrant | undefined {
    const roles = rolesPerCustomer(memberships.groupIds, assignments);
    if (request.customerTenantId !== undefined) return gdapGrant(roles, this.deps.policy, request.action, request.customerTenantId);
    const [first] = customersAllowed(roles, this.deps.policy, request.action);
    return first === undefined ? undefined : gdapGrant(roles, this.deps.policy, request.action, first);
  }
}
