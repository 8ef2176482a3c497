import { isNewTurn, STALE_CLAIM_MS } from '../../../src/bot/redeliveryGuard';

describe('redelivered activities', () => {
  const now = Date.parse('2026-11-29T09:00:00Z');

  it('AnActivityNeverSeen_IsProcessed', () => {
    expect(isNewTurn(undefined, now)).toBe(true);
  });

  it('AnActivityWhoseTurnSucceeded_IsSkippedForever', () => {
    expect(isNewTurn({ id: 'a', claimedAt: now - 10 * STALE_CLAIM_MS, done: true }, now)).toBe(false);
  });

  it('AnActivityWhoseTurnIsStillRunning_IsSkipped', () => {
    expect(isNewTurn({ id: 'a', claimedAt: now - 1_000 }, now)).toBe(false);
  });

  it('AnActivityWhoseProcessDiedMidTurn_IsProcessedOnceTheClaimIsStale', () => {
    expect(isNewTurn({ id: 'a', claimedAt: now - STALE_CLAIM_MS }, now)).toBe(true);
  });
});
