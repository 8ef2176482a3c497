import { GRAPH_RETRY_POLICY } from '../../../src/cloud/retryPolicies';
import { decideRetry, failureForStatus } from '../../../src/cloud/retryPolicy';

describe('failureForStatus', () => {
  it.each([
    [429, 'throttled', 'throttled'], [401, 'fatal', 'unauthorized'], [403, 'fatal', 'forbidden'], [404, 'fatal', 'notFound'],
    [400, 'fatal', 'unreachable'], [408, 'transient', 'unreachable'], [500, 'transient', 'unreachable'],
    [502, 'transient', 'unreachable'], [503, 'transient', 'unreachable'], [504, 'transient', 'unreachable'],
  ])('%p is %s / %s', (status, kind, reason) => {
    expect(failureForStatus(status)).toEqual({ kind, reason });
  });
});

describe('decideRetry', () => {
  const half = (): number => 0.5;

  it('retries a transient failure with backoff while attempts and budget remain', () => {
    expect(decideRetry({ kind: 'transient', reason: 'unreachable' }, 1, 9000, GRAPH_RETRY_POLICY, half)).toEqual({ retry: true, delayMs: 375 });
  });

  it('waits what Retry-After asks when the budget allows it', () => {
    expect(decideRetry({ kind: 'throttled', reason: 'throttled', retryAfterMs: 3000 }, 1, 9000, GRAPH_RETRY_POLICY, half)).toEqual({ retry: true, delayMs: 3000 });
  });

  it.each([
    ['a Retry-After beyond the remaining budget', { kind: 'throttled', reason: 'throttled', retryAfterMs: 30000 } as const, 1, 9000],
    ['a fatal failure', { kind: 'fatal', reason: 'forbidden' } as const, 1, 9000],
    ['the third failed attempt', { kind: 'transient', reason: 'unreachable' } as const, 3, 9000],
    ['a spent budget', { kind: 'transient', reason: 'unreachable' } as const, 1, 100],
  ])('gives up on %s', (_label, failure, attempt, remaining) => {
    expect(decideRetry(failure, attempt, remaining, GRAPH_RETRY_POLICY, half)).toEqual({ retry: false });
  });
});
