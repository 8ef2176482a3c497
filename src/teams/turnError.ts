import type { TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import type { Logger } from 'pino';
import { translator } from '../i18n';
import { audienceOf } from './audience';
import { turnLog } from './turnLog';

/** Names of the MSAL errors botbuilder lets through when it cannot get a token for its outbound calls. */
const TOKEN_ERRORS = new Set(['ServerError', 'ClientAuthError', 'ClientConfigurationError', 'AuthError', 'NetworkError']);

/** Whether the bot could not get its own outbound token (Entra down or refusing): nothing can be sent at all. */
export function isOutboundTokenFailure(error: Error): boolean {
  return TOKEN_ERRORS.has(error.name) || typeof (error as { errorCode?: unknown }).errorCode === 'string';
}

/**
 * Last line of defence for a failed turn: the cause goes to the log with the turn's ids, the user
 * gets one short localized sentence, and the error is rethrown only where Teams should redeliver: when the bot
 * cannot get an outbound token it cannot answer anyone, so the request fails (500) instead of being acknowledged
 * as handled, and the redelivery guard has released the activity for Teams' retry.
 */
export async function handleTurnError(context: TurnContext, error: Error, logger: Logger): Promise<void> {
  turnLog(logger, context).error({ err: error, event: 'turn.failed' }, 'turn failed');
  if (isOutboundTokenFailure(error)) {
    turnLog(logger, context).error({ event: 'turn.noOutboundToken' }, 'no outbound token: the activity is refused so that Teams redelivers it');
    throw new Error('The bot cannot reach Microsoft Entra ID for its token; retry later.');
  }
  if (context.activity.type !== ActivityTypes.Message) return;
  let locale: 'en' | 'fr' = 'en';
  try {
    locale = audienceOf(context).locale;
  } catch {
    locale = 'en';
  }
  try {
    await context.sendActivity(translator(locale)('errors.generic'));
  } catch (sendError) {
    turnLog(logger, context).error({ err: sendError, event: 'turn.errorReplyFailed' }, 'could not tell the user about the failure');
  }
}
