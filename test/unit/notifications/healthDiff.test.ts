import { diffIssues, snapshotState } from '../../../src/notifications/healthDiff';
import { issue } from './issueFixture';

describe('diffIssues', () => {
  it('reports an unseen unresolved issue as new, and ignores an unseen resolved one', () => {
    const events = diffIssues({}, [issue(), issue({ id: 'EX2', isResolved: true, status: 'serviceRestored' })]);
    expect(events.map((e) => [e.kind, e.issue.id])).toEqual([['new', 'EX100001']]);
  });

  it('reports nothing when nothing that matters changed', () => {
    const before = issue();
    expect(diffIssues(snapshotState([before]), [issue({ lastModifiedDateTime: '2026-11-25T09:00:00Z' })])).toEqual([]);
  });

  it('reports a status change and a new post as one update listing both', () => {
    const after = issue({ status: 'restoringService', latestPost: { createdDateTime: '2026-11-25T09:00:00Z', text: 'Fix deploying.' } });
    const [event, ...rest] = diffIssues(snapshotState([issue()]), [after]);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ kind: 'updated', changes: ['status', 'post'], previousStatus: 'investigating' });
  });

  it('reports a new post alone as an update', () => {
    const after = issue({ latestPost: { createdDateTime: '2026-11-25T09:00:00Z', text: 'More.' } });
    expect(diffIssues(snapshotState([issue()]), [after])[0]).toMatchObject({ kind: 'updated', changes: ['post'] });
  });

  it('reports resolution once', () => {
    const resolved = issue({ isResolved: true, status: 'serviceRestored' });
    expect(diffIssues(snapshotState([issue()]), [resolved]).map((e) => e.kind)).toEqual(['resolved']);
    expect(diffIssues(snapshotState([resolved]), [resolved])).toEqual([]);
  });

  it('reports a post-incident report after resolution', () => {
    const resolved = issue({ isResolved: true, status: 'serviceRestored' });
    const pir = issue({ isResolved: true, status: 'postIncidentReviewPublished' });
    expect(diffIssues(snapshotState([resolved]), [pir]).map((e) => e.kind)).toEqual(['postIncidentReport']);
  });

  it('ignores issues that disappeared from the snapshot', () => {
    expect(diffIssues(snapshotState([issue()]), [])).toEqual([]);
  });
});
