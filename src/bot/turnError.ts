import type { TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import type { Logger } from 'pino';
import { translator } from '../i18n';
import { audienceOf } from './audience';
import { turnLog } from './turnLog';

/**
 * Last line of defence for a failed turn: the cause goes to the log with the turn's ids, the user
 * gets one short localized sentence, and the error is rethrown only where Teams should redeliver.
 */
export async function handleTurnError(context: TurnContext, error: Error, logger: Logger): Promise<void> {
  turnLog(logger, context).error({ err: error, event: 'turn.failed' }, 'turn failed');
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
