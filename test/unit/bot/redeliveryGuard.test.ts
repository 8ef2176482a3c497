import { deliveryKey, isNewTurn, STALE_CLAIM_MS } from '../../../src/teams/redeliveryGuard';

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

describe('what makes a delivery a redelivery', () => {
  const edit = { type: 'messageUpdate', id: '1666977568748', text: 'new text', channelData: { eventType: 'editMessage' } };

  it('AMessageDeliveredAgain_IsTheSameDelivery', () => {
    expect(deliveryKey({ type: 'message', id: '1666977568748', text: 'a' })).toBe(deliveryKey({ type: 'message', id: '1666977568748', text: 'a' }));
  });

  it('AnEditOrADelete_IsNotTheMessageItIsAbout', () => {
    const message = deliveryKey({ type: 'message', id: edit.id, text: 'old text' });
    expect(deliveryKey(edit)).not.toBe(message);
    expect(deliveryKey({ type: 'messageDelete', id: edit.id, channelData: { eventType: 'softDeleteMessage' } })).not.toBe(message);
  });

  it('TwoEditsWithDifferentText_AreTwoEvents_AndTheSameEditAgainIsOne', () => {
    expect(deliveryKey({ ...edit, text: 'newer text' })).not.toBe(deliveryKey(edit));
    expect(deliveryKey({ ...edit })).toBe(deliveryKey(edit));
  });

  it('AnUndeleteAndADeleteOfTheSameMessage_AreTwoEvents', () => {
    const undelete = deliveryKey({ type: 'messageUpdate', id: edit.id, channelData: { eventType: 'undeleteMessage' } });
    expect(deliveryKey({ type: 'messageDelete', id: edit.id, channelData: { eventType: 'softDeleteMessage' } })).not.toBe(undelete);
  });

  it('AnActivityWithoutId_HasNoKey', () => {
    expect(deliveryKey({ type: 'message' })).toBeUndefined();
  });
});
