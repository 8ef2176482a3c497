import { backoffDelay, decideRetry, DEFAULT_RETRY_POLICY, failureForStatus, parseRetryAfter } from '../../../src/cloud/retryPolicy';

const NOW = Date.parse('2024-05-14T09:40:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['2', 2000],
    ['2.5', 3000],
    ['2.128', 3000],
    ['0', 0],
    ['30,120', 30000],
    [' 7 , 9', 7000],
    ['Tue, 14 May 2024 09:40:04 GMT', 4000],
    ['Tue, 14 May 2024 09:40:01 GMT', 1000],
    ['Tue, 14 May 2024 09:39:00 GMT', 0],
  ])('%p → %p ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it.each([undefined, null, '', 'soon', '-1'])('%p → undefined', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it.each([
    [1, 0, 250], [1, 1, 500],
    [2, 0, 500], [2, 1, 1000],
    [3, 0.5, 1500],
    [10, 1, 4000],
  ])('attempt %p with random %p waits %p ms', (attempt, random, ms) => {
    expect(backoffDelay(attempt, DEFAULT_RETRY_POLICY, () => random)).toBe(ms);
  });
});

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
    expect(decideRetry({ kind: 'transient', reason: 'unreachable' }, 1, 9000, DEFAULT_RETRY_POLICY, half)).toEqual({ retry: true, delayMs: 375 });
  });

  it('waits what Retry-After asks when the budget allows it', () => {
    expect(decideRetry({ kind: 'throttled', reason: 'throttled', retryAfterMs: 3000 }, 1, 9000, DEFAULT_RETRY_POLICY, half)).toEqual({ retry: true, delayMs: 3000 });
  });

  it.each([
    ['a Retry-After beyond the remaining budget', { kind: 'throttled', reason: 'throttled', retryAfterMs: 30000 } as const, 1, 9000],
    ['a fatal failure', { kind: 'fatal', reason: 'forbidden' } as const, 1, 9000],
    ['the third failed attempt', { kind: 'transient', reason: 'unreachable' } as const, 3, 9000],
    ['a spent budget', { kind: 'transient', reason: 'unreachable' } as const, 1, 100],
  ])('gives up on %s', (_label, failure, attempt, remaining) => {
    expect(decideRetry(failure, attempt, remaining, DEFAULT_RETRY_POLICY, half)).toEqual({ retry: false });
  });
});
