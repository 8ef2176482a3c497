import { BOT_CONNECTOR_RETRY_POLICY } from '../../../src/cloud/retryPolicies';
import { classifySendError, retryDelayMs } from '../../../src/notifications/sendErrors';

function restError(statusCode: number, code: string, retryAfter?: string): Error {
  return Object.assign(new Error(code), {
    statusCode, code, response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) }, bodyAsText: '' },
  });
}

describe('classifySendError', () => {
  it.each([412, 429, 502, 503, 504])('retries %i', (status) => {
    expect(classifySendError(restError(status, 'x')).retryable).toBe(true);
  });

  it('reads Retry-After in seconds', () => {
    expect(classifySendError(restError(429, 'Throttled', '2')).retryAfterMs).toBe(2000);
  });

  it('removes a blocked or uninstalled conversation, without retrying', () => {
    const blocked = classifySendError(restError(403, 'ConversationBlockedByUser'));
    expect(blocked).toMatchObject({ retryable: false, outcome: 'remove', reason: '403 ConversationBlockedByUser' });
    expect(classifySendError(new Error('{"subCode":"MessageWritesBlocked"}'))).toMatchObject({ outcome: 'retry' });
    expect(classifySendError(Object.assign(new Error('{"subCode":"MessageWritesBlocked"}'), { statusCode: 403 }))).toMatchObject({ outcome: 'remove' });
    expect(classifySendError(restError(404, 'ConversationNotFound'))).toMatchObject({ outcome: 'remove', activityMissing: false });
  });

  it('pauses a conversation whose tenant admin disabled the bot', () => {
    expect(classifySendError(restError(403, 'BotDisabledByAdmin'))).toMatchObject({ retryable: false, outcome: 'pause', reason: '403 BotDisabledByAdmin' });
  });

  it.each([[413, 'MessageSizeTooBig'], [500, 'ServiceError'], [400, 'BadArgument'], [403, 'NotEnoughPermissions']])('reports %i %s without retrying', (status, code) => {
    expect(classifySendError(restError(status, code))).toMatchObject({ retryable: false, outcome: 'report' });
  });

  it('sees a missing activity as such, not as a gone conversation', () => {
    expect(classifySendError(restError(404, 'ActivityNotFoundInConversation'))).toMatchObject({ outcome: 'report', activityMissing: true });
  });

  it('backs off exponentially with jitter, capped', () => {
    const failure = classifySendError(restError(502, 'x'));
    expect(retryDelayMs(1, failure, BOT_CONNECTOR_RETRY_POLICY, () => 0)).toBe(500);
    expect(retryDelayMs(3, failure, BOT_CONNECTOR_RETRY_POLICY, () => 0.999)).toBeGreaterThan(3990);
    expect(retryDelayMs(20, failure, BOT_CONNECTOR_RETRY_POLICY, () => 0.999)).toBeLessThanOrEqual(60000);
  });

  it('waits what Retry-After asks, up to the cap', () => {
    const now = Date.parse('2024-05-14T09:40:00Z');
    expect(retryDelayMs(1, classifySendError(restError(429, 'Throttled', '7'), now), BOT_CONNECTOR_RETRY_POLICY, () => 0)).toBe(7000);
    expect(retryDelayMs(1, classifySendError(restError(429, 'Throttled', 'Tue, 14 May 2024 09:40:05 GMT'), now), BOT_CONNECTOR_RETRY_POLICY, () => 0)).toBe(5000);
    expect(retryDelayMs(1, classifySendError(restError(429, 'Throttled', '3600'), now), BOT_CONNECTOR_RETRY_POLICY, () => 0)).toBe(60_000);
  });
});
