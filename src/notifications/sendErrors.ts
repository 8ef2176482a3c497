/**
 * Classifies Connector errors (teams-bot-wire.md §2) into retry, permanent failure, or recipient gone.
 */

/** What to do after a failed request. */
export interface SendFailure {
  /** Short reason kept on the delivery, e.g. "429 Throttled" or "403 ConversationBlockedByUser". */
  reason: string;
  /** Retrying may succeed (412, 429, 502, 503, 504, network errors). */
  retryable: boolean;
  /** Milliseconds from the Retry-After header, when present. */
  retryAfterMs?: number;
  /** The bot can no longer write to this conversation (blocked, uninstalled, not in roster, unknown conversation). */
  gone: boolean;
  /** The activity to update no longer exists (it can be sent again as a new one). */
  activityMissing: boolean;
}

const RETRYABLE = new Set([412, 429, 502, 503, 504]);
const GONE_MARKERS = ['BotNotInConversationRoster', 'ConversationBlockedByUser', 'ForbiddenOperationException', 'MessageWritesBlocked', 'BotDisabledByAdmin', 'ConversationNotFound'];

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function retryAfterOf(err: unknown): number | undefined {
  const headers = field(field(err, 'response'), 'headers');
  const get = field(headers, 'get');
  const raw = typeof get === 'function' ? (get as (name: string) => unknown).call(headers, 'retry-after') : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Reads the status, Teams code and Retry-After of an error thrown by botbuilder's Connector client. */
export function classifySendError(err: unknown): SendFailure {
  const status = field(err, 'statusCode');
  const statusCode = typeof status === 'number' ? status : undefined;
  const codeValue = field(err, 'code');
  const message = err instanceof Error ? err.message : String(err);
  const body = field(field(err, 'response'), 'bodyAsText');
  const text = `${typeof codeValue === 'string' ? codeValue : ''} ${message} ${typeof body === 'string' ? body : ''}`;
  const marker = GONE_MARKERS.find((m) => text.includes(m));
  const activityMissing = statusCode === 404 && text.includes('ActivityNotFound');
  const gone = (statusCode === 403 && marker !== undefined) || (statusCode === 404 && !activityMissing);
  const code = marker ?? (typeof codeValue === 'string' && codeValue !== '' ? codeValue : undefined);
  return {
    reason: [statusCode ?? 'network', code ?? message.slice(0, 120)].join(' '),
    retryable: statusCode === undefined || RETRYABLE.has(statusCode),
    retryAfterMs: retryAfterOf(err),
    gone,
    activityMissing,
  };
}

/**
 * Jittered exponential backoff for attempt `attempt` (1-based), or Retry-After when the Connector gave one.
 *
 * @param random - A number in [0, 1) (injectable for tests).
 */
export function retryDelayMs(attempt: number, failure: SendFailure, baseMs: number, maxMs: number, random: number): number {
  if (failure.retryAfterMs !== undefined) return Math.min(maxMs, failure.retryAfterMs);
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + random / 2));
}
