/**
 * The partner's GDAP assignments, read from Graph in the partner tenant (application permission
 * DelegatedAdminRelationship.Read.All): the active relationships, then each one's access assignments. Kept in memory,
 * refreshed on an interval and, when an agent is refused, at most once per `missRefreshMs` (one read in flight at a
 * time, so a flood of refusals makes one read). A failed read keeps the last good list until it is older than two
 * intervals; then everything is refused (fail closed).
 */
import type { Logger } from 'pino';
import type { GraphRequester } from '../cloud/graphRequester';
import { activeAssignments, activeRelationships, type GdapAssignment } from './gdapAccess';

export const GDAP_RELATIONSHIPS_PATH = "tenantRelationships/delegatedAdminRelationships?$filter=status eq 'active'&$top=300";

/** The access assignments of one relationship. */
export function accessAssignmentsPath(relationshipId: string): string {
  return `tenantRelationships/delegatedAdminRelationships/${encodeURIComponent(relationshipId)}/accessAssignments?$top=300`;
}

export interface GdapSourceOptions {
  /** How often the list is read again. */
  refreshMs: number;
  /** The least time between two reads caused by a refusal. */
  missRefreshMs: number;
  now?: () => number;
}

export class GdapSource {
  private assignments: readonly GdapAssignment[] = [];
  private readAt: number | undefined;
  private lastMissRead = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(
    private readonly graph: Pick<GraphRequester, 'getCollection'>,
    private readonly partnerTenantId: string,
    private readonly logger: Logger,
    private readonly options: GdapSourceOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The active assignments, read first when never read or older than the refresh interval. */
  async current(): Promise<readonly GdapAssignment[]> {
    if (this.readAt === undefined || this.now() - this.readAt >= this.options.refreshMs) await this.refresh();
    return this.fresh();
  }

  /** After a refusal: reads again unless a read caused by a refusal happened within `missRefreshMs`. Resolves to whether it read. */
  async refreshOnMiss(): Promise<boolean> {
    if (this.now() - this.lastMissRead < this.options.missRefreshMs) return false;
    this.lastMissRead = this.now();
    await this.refresh();
    return true;
  }

  /** Reads the list now (joins a read in flight). Errors are logged, never thrown. */
  refresh(): Promise<void> {
    this.inFlight ??= this.read().finally(() => { this.inFlight = undefined; });
    return this.inFlight;
  }

  /** Starts the interval refresh (and a first read). */
  start(): void {
    this.timer ??= setInterval(() => { void this.refresh(); }, this.options.refreshMs);
    this.timer.unref();
    void this.refresh();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private fresh(): readonly GdapAssignment[] {
    return this.readAt !== undefined && this.now() - this.readAt < 2 * this.options.refreshMs ? this.assignments : [];
  }

  private async read(): Promise<void> {
    try {
      const relationships = activeRelationships(await this.graph.getCollection(this.partnerTenantId, GDAP_RELATIONSHIPS_PATH), new Date(this.now()));
      const assignments: GdapAssignment[] = [];
      for (const relationship of relationships) {
        assignments.push(...activeAssignments(await this.graph.getCollection(this.partnerTenantId, accessAssignmentsPath(relationship.id)), relationship));
      }
      this.assignments = assignments;
      this.readAt = this.now();
      this.logger.info({ event: 'gdap.refreshed', relationships: relationships.length, assignments: assignments.length }, 'GDAP assignments read');
    } catch (err) {
      this.logger.warn({ event: 'gdap.refreshFailed', err }, 'GDAP assignments could not be read; keeping the last list while it is fresh');
    }
  }
}
