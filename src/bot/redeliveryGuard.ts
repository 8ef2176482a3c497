import type { Middleware, Storage, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { storageKey, updateItem } from '../storage';
import { turnLog } from './turnLog';

interface SeenActivities {
  ids: string[];
}

/** How many recent activity ids are remembered per conversation. */
const REMEMBERED = 100;

/**
 * Teams redelivers an activity it thinks was not received. A repeated activity id is skipped, so it
 * changes nothing twice. The id is claimed in storage before the turn (CAS, so two instances agree) and
 * released when the turn fails, so Teams' retry of a failed turn is still processed.
 */
export class RedeliveryGuard implements Middleware {
  constructor(private readonly storage: Storage, private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, conversation, channelId } = context.activity;
    if (!id || !conversation?.id) return next();
    const key = storageKey('seen', channelId ?? 'unknown', conversation.id);
    const claim = await updateItem<SeenActivities>(this.storage, key, (current) => {
      const ids = current?.ids ?? [];
      if (ids.includes(id)) return 'abort';
      return { ids: [...ids, id].slice(-REMEMBERED) };
    });
    if (!claim.changed) {
      turnLog(this.logger, context).info({ event: 'activity.redelivered' }, 'repeated activity id skipped');
      return;
    }
    try {
      await next();
    } catch (err) {
      await updateItem<SeenActivities>(this.storage, key, (current) => ({ ids: (current?.ids ?? []).filter((seen) => seen !== id) }));
      throw err;
    }
  }
}
