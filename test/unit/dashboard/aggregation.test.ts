import type { Case } from '../../../src/cases/caseModel';
import { computeStats, firstResponseAt, lastDays, percentile, slaBreached } from '../../../src/dashboard/aggregation';

function aCase(id: string, changes: Partial<Case> = {}): Case {
  return {
    id, tenantId: 't', customerName: 'Fabrikam', user: { id: 'u', name: 'U' }, customerConversationId: 'c', locale: 'en',
    triage: { severity: 'moderate' } as Case['triage'], matchedIssues: [], state: 'new', history: [], transcript: [],
    slaDueAt: '2026-12-02T10:00:00.000Z', createdAt: '2026-12-02T09:00:00.000Z', ...changes,
  };
}

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 50, undefined],
    [[7], 99, 7],
    [[1, 2, 3, 4], 50, 2],
    [[4, 3, 2, 1], 90, 4],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90, 90],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 99, 100],
    [[5, 1], 0, 1],
  ])('%j p%d = %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe('lastDays', () => {
  it('EndsWithToday_OldestFirst_AcrossAMonth', () => {
    expect(lastDays(3, new Date('2026-03-01T23:59:59Z'))).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});

describe('first response and SLA', () => {
  it('FirstResponse_IsTheEarlierOfTakeAndAgentMessage_NotesIgnored', () => {
    const c = aCase('C-1', {
      history: [{ action: 'take', by: 'A', at: '2026-12-02T09:30:00.000Z', state: 'taken' }],
      transcript: [
        { from: 'agent', name: 'A', text: 'note', at: '2026-12-02T09:10:00.000Z', internal: true },
        { from: 'agent', name: 'A', text: 'hi', at: '2026-12-02T09:20:00.000Z' },
      ],
    });
    expect(firstResponseAt(c)).toBe('2026-12-02T09:20:00.000Z');
    expect(firstResponseAt(aCase('C-2'))).toBeUndefined();
  });

  it('Breached_WhenUnansweredPastDue_OrAnsweredLate', () => {
    expect(slaBreached(aCase('C-1'), new Date('2026-12-02T09:59:00Z'))).toBe(false);
    expect(slaBreached(aCase('C-1'), new Date('2026-12-02T10:01:00Z'))).toBe(true);
    const late = aCase('C-2', { history: [{ action: 'take', by: 'A', at: '2026-12-02T10:30:00.000Z', state: 'taken' }] });
    expect(slaBreached(late, new Date('2026-12-02T09:00:00Z'))).toBe(true);
  });
});

describe('computeStats', () => {
  const days = ['2026-12-01', '2026-12-02'];
  const resolved = aCase('C-1', {
    createdAt: '2026-12-01T08:00:00.000Z', state: 'resolved',
    history: [{ action: 'take', by: 'A', at: '2026-12-01T08:10:00.000Z', state: 'taken' }],
    resolution: { summary: 's', by: 'A', at: '2026-12-02T08:00:00.000Z' },
    satisfaction: { score: 4, at: '2026-12-02T09:00:00.000Z' },
  });
  const rated = aCase('C-2', {
    createdAt: '2026-12-02T08:00:00.000Z', state: 'resolved',
    transcript: [{ from: 'agent', name: 'A', text: 'hi', at: '2026-12-02T08:30:00.000Z' }],
    resolution: { summary: 's', by: 'A', at: '2026-12-02T09:00:00.000Z' }, satisfaction: { score: 5, at: '2026-12-02T09:30:00.000Z' },
  });
  const old = aCase('C-3', { createdAt: '2026-11-01T08:00:00.000Z', state: 'withdrawn', satisfaction: { score: 1, at: '2026-11-02T00:00:00.000Z' } });

  it('CountsPerDay_Percentiles_AndSatisfactionInTheWindow', () => {
    const stats = computeStats([resolved, rated, old, aCase('C-4')], days);
    expect(stats.days).toEqual([{ date: '2026-12-01', opened: 1, resolved: 0 }, { date: '2026-12-02', opened: 2, resolved: 2 }]);
    expect(stats.firstResponse).toEqual({ count: 2, p50Ms: 10 * 60_000, p90Ms: 30 * 60_000, p99Ms: 30 * 60_000 });
    expect(stats.csat).toEqual({ count: 2, average: 4.5, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 } });
  });

  it('NoCases_NullsNotZeros', () => {
    expect(computeStats([], days)).toEqual({
      days: [{ date: '2026-12-01', opened: 0, resolved: 0 }, { date: '2026-12-02', opened: 0, resolved: 0 }],
      firstResponse: { count: 0, p50Ms: null, p90Ms: null, p99Ms: null },
      csat: { count: 0, average: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
    });
  });
});
