/**
 * Who may act on cases: partner users holding an allowed directory role (by role template id) or a member of a
 * configured partner group (by object id), read from Graph (`GET /users/{id}/transitiveMemberOf` in the partner
 * tenant). Names are never trusted: any employee can create a Microsoft 365 group called "AdminAgents". Fails closed.
 */
import type { Logger } from 'pino';
import type { GraphRequester } from '../cloud/graphRequester';
import type { AuthorizationDecision, AuthorizationRequest, Authorizer } from '../teams/guard';

/** Directory role templates that allow acting on cases: Global, User and Helpdesk Administrator. */
export const ALLOWED_ROLE_TEMPLATE_IDS: readonly string[] = [
  '62e90394-69f5-4237-9190-012177145e10',
  'fe930be7-5e62-47db-91af-98c3a49a38b1',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8',
];

/** Default cache lifetime of one user's answer. */
export const ROLE_CACHE_MS = 5 * 60_000;

/** What the role check trusts (from AGENT_GROUP_IDS and AGENT_DIRECTORY_ROLES). */
export interface AgentTrust {
  /** Object ids of the partner's agent groups, lower-case. */
  groupIds: readonly string[];
  /** Whether the allowed directory roles (by template id) make an agent. */
  directoryRoles: boolean;
}

/** Decides whether a partner user may act on cases. */
export interface AgentRoleChecker {
  isAllowedAgent(aadObjectId: string): Promise<boolean>;
}

/** What one read of a user's transitive memberships says: the partner-wide role, and the security groups (by object id). */
export interface AgentMemberships {
  allowed: boolean;
  /** Object ids of every group the user is a transitive member of, lower-case. */
  groupIds: readonly string[];
}

/**
 * The {@link Authorizer} of today: every agent action is allowed to a user holding an agent role, for every customer.
 * Per-customer authorization (GDAP: may this agent act for customer tenant X) replaces it behind the same interface.
 */
export class AgentRoleAuthorizer implements Authorizer {
  constructor(private readonly roles: AgentRoleChecker) {}

  async authorize(aadObjectId: string | undefined, _request: AuthorizationRequest): Promise<AuthorizationDecision> {
    return aadObjectId && (await this.roles.isAllowedAgent(aadObjectId)) ? 'allowed' : 'refused';
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function lowerString(value: unknown): string | undefined {
  return typeof value === 'string' ? value.toLowerCase() : undefined;
}

/** Whether a transitiveMemberOf collection holds a trusted directory role or group. Pure. */
export function grantsAgentRole(memberships: readonly unknown[], trust: AgentTrust): boolean {
  return memberships.some((entry) => {
    const type = field(entry, '@odata.type');
    if (type === '#microsoft.graph.directoryRole') {
      const template = lowerString(field(entry, 'roleTemplateId'));
      return trust.directoryRoles && template !== undefined && ALLOWED_ROLE_TEMPLATE_IDS.includes(template);
    }
    if (type === '#microsoft.graph.group') {
      const id = lowerString(field(entry, 'id'));
      return id !== undefined && trust.groupIds.includes(id);
    }
    return false;
  });
}

export interface GraphAgentRoleCheckerOptions {
  ttlMs?: number;
  now?: () => number;
}

/** Object ids of the groups in a transitiveMemberOf collection, lower-case. Pure. */
export function groupIdsOf(memberships: readonly unknown[]): string[] {
  return memberships.flatMap((entry) => {
    const id = field(entry, '@odata.type') === '#microsoft.graph.group' ? lowerString(field(entry, 'id')) : undefined;
    return id ? [id] : [];
  });
}

/** {@link AgentRoleChecker} over Graph, caching each user's answer at most `ttlMs`; errors are not cached. */
export class GraphAgentRoleChecker implements AgentRoleChecker {
  private readonly cache = new Map<string, AgentMemberships & { at: number }>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly graph: Pick<GraphRequester, 'getCollection'>,
    private readonly partnerTenantId: string,
    private readonly trust: AgentTrust,
    private readonly logger: Logger,
    options: GraphAgentRoleCheckerOptions = {},
  ) {
    this.ttlMs = Math.min(options.ttlMs ?? ROLE_CACHE_MS, ROLE_CACHE_MS);
    this.now = options.now ?? Date.now;
  }

  async isAllowedAgent(aadObjectId: string): Promise<boolean> {
    return (await this.memberships(aadObjectId))?.allowed ?? false;
  }

  /** The user's partner-wide role and groups (one cached read for both); undefined when unknown or unreadable. */
  async memberships(aadObjectId: string): Promise<AgentMemberships | undefined> {
    if (!aadObjectId) return undefined;
    const cached = this.cache.get(aadObjectId);
    if (cached && this.now() - cached.at < this.ttlMs) return cached;
    try {
      const memberships = await this.graph.getCollection(this.partnerTenantId, `users/${encodeURIComponent(aadObjectId)}/transitiveMemberOf`);
      const read = { allowed: grantsAgentRole(memberships, this.trust), groupIds: groupIdsOf(memberships), at: this.now() };
      this.cache.set(aadObjectId, read);
      return read;
    } catch (err) {
      this.logger.warn({ event: 'security.roleCheckFailed', aadObjectId, err }, 'agent role check failed; refusing (fail closed)');
      return undefined;
    }
  }
}
