/**
 * Classifies Connector errors into what to do with the delivery and its recipient, following Microsoft's table
 * "Status codes from bot conversational APIs" (MicrosoftDocs/msteams-docs,
 * msteams-platform/bots/build-conversational-capability.md; teams-bot-wire.md §2).
 */
import type { RetryBounds } from '../cloud/retryPolicies';
import { backoffDelay, parseRetryAfter } from '../cloud/retryTiming';

/**
 * What the failure means for the recipient:
 * - `retry`: try the delivery again later (412, 429, 502, 503, 504, network errors);
 * - `pause`: keep the subscription but send nothing until the user writes to the bot again (403 BotDisabledByAdmin:
 *   "Stop posting to conversation until interaction with bot is explicitly initiated by a user");
 * - `remove`: forget the conversation (403 ConversationBlockedByUser, MessageWritesBlocked, BotNotInConversationRoster,
 *   ForbiddenOperationException; 404 ConversationNotFound: "Delete the conversation from cache", "Remove the ID");
 * - `report`: the bot's own request is wrong or the service failed in a way not to retry (400, 401, 413
 *   MessageSizeTooBig, 500 ServiceError, other 403s): give up on this delivery and tell the operator.
 */
export type SendOutcome = 'retry' | 'pause' | 'remove' | 'report';

/** What to do after a failed request. */
export interface SendFailure {
  /** Short reason kept on the delivery, e.g. "429 Throttled" or "403 ConversationBlockedByUser". */
  reason: string;
  outcome: SendOutcome;
  /** Retrying may succeed (`outcome` is `retry`). */
  retryable: boolean;
  /** Milliseconds from the Retry-After header, when present. */
  retryAfterMs?: number;
  /** The activity to update no longer exists (it can be sent again as a new one). */
  activityMissing: boolean;
}

const RETRYABLE = new Set([412, 429, 502, 503, 504]);
const PAUSE_CODES = ['BotDisabledByAdmin'];
const REMOVE_CODES = ['ConversationBlockedByUser', 'MessageWritesBlocked', 'BotNotInConversationRoster', 'ForbiddenOperationException', 'ConversationNotFound'];
const KNOWN_CODES = [...PAUSE_CODES, ...REMOVE_CODES, 'ActivityNotFoundInConversation', 'MessageSizeTooBig'];

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function retryAfterOf(err: unknown, nowMs: number): number | undefined {
  const headers = field(field(err, 'response'), 'headers');
  const get = field(headers, 'get');
  const raw = typeof get === 'function' ? (get as (name: string) => unknown).call(headers, 'retry-after') : undefined;
  return typeof raw === 'string' ? parseRetryAfter(raw, nowMs) : undefined;
}

/** Pure: the outcome of an HTTP status and the Teams code found in the error (if any). */
export function outcomeOf(statusCode: number | undefined, code: string | undefined): SendOutcome {
  if (statusCode === undefined || RETRYABLE.has(statusCode)) return 'retry';
  if (statusCode === 403 && code !== undefined && PAUSE_CODES.includes(code)) return 'pause';
  if (statusCode === 403 && code !== undefined && REMOVE_CODES.includes(code)) return 'remove';
  if (statusCode === 404 && code !== 'ActivityNotFoundInConversation') return 'remove';
  return 'report';
}

/** Reads the status, Teams code and Retry-After of an error thrown by botbuilder's Connector client. */
export function classifySendError(err: unknown, nowMs: number = Date.now()): SendFailure {
  const status = field(err, 'statusCode');
  const statusCode = typeof status === 'number' ? status : undefined;
  const codeValue = field(err, 'code');
  const message = err instanceof Error ? err.message : String(err);
  const body = field(field(err, 'response'), 'bodyAsText');
  const text = `${typeof codeValue === 'string' ? codeValue : ''} ${message} ${typeof body === 'string' ? body : ''}`;
  const known = KNOWN_CODES.find((m) => text.includes(m));
  const code = known ?? (typeof codeValue === 'string' && codeValue !== '' ? codeValue : undefined);
  const outcome = outcomeOf(statusCode, code);
  return {
    reason: [statusCode ?? 'network', code ?? message.slice(0, 120)].join(' '),
    outcome,
    retryable: outcome === 'retry',
    retryAfterMs: retryAfterOf(err, nowMs),
    activityMissing: statusCode === 404 && code === 'ActivityNotFoundInConversation',
  };
}

/**
 * How long to wait before attempt `failedAttempt + 1` (`failedAttempt` is 1-based): the Connector's Retry-After when it
 * gave one, else the shared backoff; never more than `bounds.maxDelayMs`.
 *
 * @param random - Returns a number in [0, 1] (injectable for tests).
 */
export function retryDelayMs(failedAttempt: number, failure: SendFailure, bounds: Pick<RetryBounds, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  return Math.min(bounds.maxDelayMs, failure.retryAfterMs ?? backoffDelay(failedAttempt, bounds, random));
}
