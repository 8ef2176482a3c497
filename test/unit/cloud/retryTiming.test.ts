import { BOT_CONNECTOR_RETRY_POLICY, GRAPH_RETRY_POLICY } from '../../../src/cloud/retryPolicies';
import { backoffDelay, NO_JITTER, parseRetryAfter } from '../../../src/cloud/retryTiming';

const NOW = Date.parse('2024-05-14T09:40:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['2', 2000],
    ['2.5', 3000],
    ['2.128', 3000],
    ['0', 0],
    ['120', 120_000],
    ['30,120', 30000],
    [' 7 , 9', 7000],
    ['Tue, 14 May 2024 09:40:04 GMT', 4000],
    ['Tue, 14 May 2024 09:40:01 GMT', 1000],
    ['Tue, 14 May 2024 09:40:00 GMT', 0],
    ['Tue, 14 May 2024 09:39:00 GMT', 0],
    ['Tuesday, 14-May-24 09:40:10 GMT', 10_000],
  ])('%p → %p ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it('rounds a date that is not on a whole second up to the next one', () => {
    expect(parseRetryAfter('Tue, 14 May 2024 09:40:04 GMT', NOW + 500)).toBe(4000);
  });

  it.each([undefined, null, '', ' ', 'soon', '-1', '1e3', 'NaN', '2 seconds'])('%p → undefined', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it.each([
    [1, 0, 250], [1, 1, 500],
    [2, 0, 500], [2, 1, 1000],
    [3, 0.5, 1500],
    [10, 1, 4000],
  ])('Graph: attempt %p with random %p waits %p ms', (attempt, random, ms) => {
    expect(backoffDelay(attempt, GRAPH_RETRY_POLICY, () => random)).toBe(ms);
  });

  it('doubles the step per failure and never exceeds the cap, whatever the random', () => {
    for (let attempt = 1; attempt <= 40; attempt += 1) {
      for (const random of [0, 0.25, 0.999, 1]) {
        const step = Math.min(BOT_CONNECTOR_RETRY_POLICY.maxDelayMs, 1_000 * 2 ** (attempt - 1));
        const delay = backoffDelay(attempt, BOT_CONNECTOR_RETRY_POLICY, () => random);
        expect(delay).toBeGreaterThanOrEqual(step / 2);
        expect(delay).toBeLessThanOrEqual(step);
      }
    }
  });

  it('treats an attempt below 1 as the first', () => {
    expect(backoffDelay(0, GRAPH_RETRY_POLICY, () => 1)).toBe(500);
  });

  it('waits the whole step without jitter', () => {
    const bounds = { baseDelayMs: 15_000, maxDelayMs: 60 * 60_000 };
    expect([1, 2, 3, 9, 20].map((attempt) => backoffDelay(attempt, bounds, NO_JITTER))).toEqual([15_000, 30_000, 60_000, 3_600_000, 3_600_000]);
  });
});
