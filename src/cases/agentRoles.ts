/**
 * Who may act on cases: partner users holding an allowed directory role or in an allowed group, read from Graph
 * (`GET /users/{id}/transitiveMemberOf` in the partner tenant). Fails closed.
 */
import type { Logger } from 'pino';
import type { GraphRequester } from '../health/graphRequester';

/** Directory role templates that allow acting on cases: Global, User and Helpdesk Administrator. */
export const ALLOWED_ROLE_TEMPLATE_IDS: readonly string[] = [
  '62e90394-69f5-4237-9190-012177145e10',
  'fe930be7-5e62-47db-91af-98c3a49a38b1',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8',
];

/** Partner security groups (display names) that allow acting on cases. */
export const ALLOWED_GROUP_NAMES: readonly string[] = ['AdminAgents', 'HelpdeskAgents'];

/** Default cache lifetime of one user's answer. */
export const ROLE_CACHE_MS = 5 * 60_000;

/** Decides whether a partner user may act on cases. */
export interface AgentRoleChecker {
  isAllowedAgent(aadObjectId: string): Promise<boolean>;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** Whether a transitiveMemberOf collection holds an allowed directory role or group. Pure. */
export function grantsAgentRole(memberships: readonly unknown[]): boolean {
  return memberships.some((entry) => {
    const type = field(entry, '@odata.type');
    if (type === '#microsoft.graph.directoryRole') {
      const template = field(entry, 'roleTemplateId');
      return typeof template === 'string' && ALLOWED_ROLE_TEMPLATE_IDS.includes(template.toLowerCase());
    }
    if (type === '#microsoft.graph.group') {
      const name = field(entry, 'displayName');
      return typeof name === 'string' && ALLOWED_GROUP_NAMES.includes(name);
    }
    return false;
  });
}

export interface GraphAgentRoleCheckerOptions {
  ttlMs?: number;
  now?: () => number;
}

/** {@link AgentRoleChecker} over Graph, caching each user's answer at most `ttlMs`; errors are not cached. */
export class GraphAgentRoleChecker implements AgentRoleChecker {
  private readonly cache = new Map<string, { allowed: boolean; at: number }>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly graph: Pick<GraphRequester, 'getCollection'>,
    private readonly partnerTenantId: string,
    private readonly logger: Logger,
    options: GraphAgentRoleCheckerOptions = {},
  ) {
    this.ttlMs = Math.min(options.ttlMs ?? ROLE_CACHE_MS, ROLE_CACHE_MS);
    this.now = options.now ?? Date.now;
  }

  async isAllowedAgent(aadObjectId: string): Promise<boolean> {
    if (!aadObjectId) return false;
    const cached = this.cache.get(aadObjectId);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.allowed;
    try {
      const memberships = await this.graph.getCollection(this.partnerTenantId, `users/${encodeURIComponent(aadObjectId)}/transitiveMemberOf`);
      const allowed = grantsAgentRole(memberships);
      this.cache.set(aadObjectId, { allowed, at: this.now() });
      return allowed;
    } catch (err) {
      this.logger.warn({ event: 'security.roleCheckFailed', aadObjectId, err }, 'agent role check failed; refusing (fail closed)');
      return false;
    }
  }
}
