/** ServiceHealthSource reading a tenant's health from Graph: healthOverviews (with issues) plus the issues list. */
import type { Logger } from 'pino';
import { GraphRequester, GraphRequestError, type GraphRequesterOptions } from '../cloud/graphRequester';
import { GraphParseError } from '../cloud/graphJson';
import { parseIssue, parseService } from './graphParse';
import { type HealthIssue, type HealthSnapshot, HealthUnavailableError, type ServiceHealthSource } from './model';

export const HEALTH_OVERVIEWS_PATH = 'admin/serviceAnnouncement/healthOverviews?$expand=issues';
export const ISSUES_PATH = 'admin/serviceAnnouncement/issues';

/** Clients, logger, timeout (default 4 s) and retry policy (default 3 tries within 10 s). */
export type ServiceHealthClientOptions = GraphRequesterOptions;

/** Issues by id; on duplicates the later lastModifiedDateTime wins (the issues list on ties). */
export function mergeIssues(fromList: readonly HealthIssue[], fromOverviews: readonly HealthIssue[]): HealthIssue[] {
  const byId = new Map<string, HealthIssue>();
  for (const issue of [...fromList, ...fromOverviews]) {
    const known = byId.get(issue.id);
    if (!known || Date.parse(issue.lastModifiedDateTime) > Date.parse(known.lastModifiedDateTime)) byId.set(issue.id, issue);
  }
  return [...byId.values()];
}

function toUnavailable(tenantId: string, error: unknown): HealthUnavailableError {
  if (error instanceof GraphParseError) return new HealthUnavailableError(tenantId, 'malformed', { cause: error });
  const reason = error instanceof GraphRequestError && error.reason !== 'notFound' ? error.reason : 'unreachable';
  return new HealthUnavailableError(tenantId, reason, { cause: error });
}

export class GraphServiceHealthClient implements ServiceHealthSource {
  private readonly requester: GraphRequester;
  private readonly logger: Logger;
  private readonly now: () => number;

  constructor(options: ServiceHealthClientOptions) {
    this.requester = new GraphRequester(options);
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
  }

  /** Both lists are fetched in parallel within one retry budget; the first failure cancels the other. */
  async getSnapshot(tenantId: string): Promise<HealthSnapshot> {
    const started = this.now();
    const controller = new AbortController();
    const scope = { deadline: this.requester.deadlineFromNow(), signal: controller.signal };
    try {
      const [overviews, listed] = await Promise.all([
        this.requester.getCollection(tenantId, HEALTH_OVERVIEWS_PATH, scope),
        this.requester.getCollection(tenantId, ISSUES_PATH, scope),
      ]).catch((error: unknown) => {
        controller.abort(error);
        throw error;
      });
      const parsed = overviews.map(parseService);
      const snapshot: HealthSnapshot = {
        tenantId,
        fetchedAt: new Date(this.now()).toISOString(),
        services: parsed.map((item) => item.service),
        issues: mergeIssues(listed.map(parseIssue), parsed.flatMap((item) => item.issues)),
      };
      this.logger.debug({ tenantId, services: snapshot.services.length, issues: snapshot.issues.length, ms: this.now() - started }, 'service health fetched');
      return snapshot;
    } catch (error) {
      const unavailable = toUnavailable(tenantId, error);
      this.logger.info({ tenantId, reason: unavailable.reason, ms: this.now() - started }, 'service health unavailable');
      throw unavailable;
    }
  }
}
