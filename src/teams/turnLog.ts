import type { Logger } from 'pino';
import { tenantOf } from './tenantOf';
import type { Turn } from './turn';

/** A child logger carrying the ids that let an operator find a turn: tenant, conversation, activity. */
export function turnLog(logger: Logger, context: Turn, extra: Record<string, unknown> = {}): Logger {
  const a = context.activity;
  return logger.child({ tenantId: tenantOf(a), conversationId: a.conversation?.id, activityId: a.id, activityType: a.type, ...extra });
}
