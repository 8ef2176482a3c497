/**
 * Pure comparison of two service health snapshots of one tenant: what changed, as notification events.
 */
import type { HealthIssue, HealthStatus } from '../health/model';

/** What OutageWatch remembers of an issue between polls (persisted, so a restart does not re-announce). */
export interface IssueState {
  status: HealthStatus;
  isResolved: boolean;
  lastModifiedDateTime: string;
  /** `createdDateTime` of the latest post, or `null` when the issue had none. */
  latestPostAt: string | null;
}

/** Kinds of event a notification is sent for. */
export type HealthEventKind = 'new' | 'updated' | 'resolved' | 'postIncidentReport';

/** What changed in an `updated` event. */
export type HealthChange = 'status' | 'post';

/** One notification-worthy change of one issue. */
export interface HealthEvent {
  kind: HealthEventKind;
  issue: HealthIssue;
  /** For `updated`: what changed (status, new post or both); empty otherwise. */
  changes: HealthChange[];
  /** The status before this change, when the issue was known. */
  previousStatus?: HealthStatus;
}

/** Reduces an issue to the state remembered between polls. */
export function issueState(issue: HealthIssue): IssueState {
  return {
    status: issue.status,
    isResolved: issue.isResolved,
    lastModifiedDateTime: issue.lastModifiedDateTime,
    latestPostAt: issue.latestPost?.createdDateTime ?? null,
  };
}

/** The remembered state of every issue of a snapshot, by issue id. */
export function snapshotState(issues: readonly HealthIssue[]): Record<string, IssueState> {
  return Object.fromEntries(issues.map((issue) => [issue.id, issueState(issue)]));
}

function eventFor(previous: IssueState, issue: HealthIssue): HealthEvent | undefined {
  const base = { issue, changes: [] as HealthChange[], previousStatus: previous.status };
  if (issue.status === 'postIncidentReviewPublished' && previous.status !== 'postIncidentReviewPublished') {
    return { ...base, kind: 'postIncidentReport' };
  }
  if (issue.isResolved && !previous.isResolved) {
    return { ...base, kind: 'resolved' };
  }
  const changes: HealthChange[] = [];
  if (issue.status !== previous.status) changes.push('status');
  const postAt = issue.latestPost?.createdDateTime ?? null;
  if (postAt !== null && postAt !== previous.latestPostAt) changes.push('post');
  return changes.length > 0 ? { ...base, kind: 'updated', changes } : undefined;
}

/**
 * Compares the remembered issues of a tenant with a new snapshot's issues.
 *
 * @remarks
 * - An issue never seen before is `new` only if it is not resolved yet (old, closed issues are just remembered).
 * - A known issue yields at most one event: `postIncidentReport` when its status becomes
 *   postIncidentReviewPublished, else `resolved` when it becomes resolved, else `updated` when its status
 *   changed or it has a newer post. A mere `lastModifiedDateTime` change yields nothing.
 * - Issues missing from the new snapshot yield nothing (Graph drops old issues from its list).
 *
 * @param previous - Remembered state by issue id (from {@link snapshotState}); `{}` for none.
 * @param current - The issues of the new snapshot.
 * @returns The events, in the order of `current`.
 */
export function diffIssues(previous: Readonly<Record<string, IssueState>>, current: readonly HealthIssue[]): HealthEvent[] {
  const events: HealthEvent[] = [];
  for (const issue of current) {
    const known = previous[issue.id];
    if (!known) {
      if (!issue.isResolved) events.push({ kind: 'new', issue, changes: [] });
      continue;
    }
    const event = eventFor(known, issue);
    if (event) events.push(event);
  }
  return events;
}
