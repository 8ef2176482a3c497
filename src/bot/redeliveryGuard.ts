import type { Middleware, Storage, TurnContext } from 'botbuilder';
import { ActivityEventNames, ActivityTypes } from 'botbuilder';
import type { Logger } from 'pino';
import { isStorageConflict, storageKey, updateItem } from '../storage';
import { turnLog } from './turnLog';

/** One activity id seen in a conversation: claimed when its turn started, `done` once the turn succeeded. */
interface SeenActivity {
  id: string;
  claimedAt: number;
  done?: true;
}

interface SeenActivities {
  recent: SeenActivity[];
}

/** How many recent activity ids are remembered per conversation. */
const REMEMBERED = 100;

/**
 * How long an unfinished claim is honoured. A turn that has not finished by then died with its process (a crash,
 * a kill), so a redelivery of its activity is processed instead of being dropped.
 */
export const STALE_CLAIM_MS = 60_000;

/** Whether an activity is to be processed, given what this conversation has seen. Pure. */
export function isNewTurn(seen: SeenActivity | undefined, now: number): boolean {
  return !seen || (!seen.done && now - seen.claimedAt >= STALE_CLAIM_MS);
}

/** A turn the bot started itself (a relay, a card update, a notification): never a redelivery, nothing to claim. */
function isProactiveTurn(context: TurnContext): boolean {
  const { type, name } = context.activity;
  return type === ActivityTypes.Event && (name === ActivityEventNames.ContinueConversation || name === ActivityEventNames.CreateConversation);
}

/**
 * Teams redelivers an activity it thinks was not received. A repeated activity id is skipped, so it changes
 * nothing twice. The id is claimed in storage before the turn (CAS, so two instances agree), marked done when the
 * turn succeeds and released when it fails, so Teams' retry of a failed turn is still processed; the claim of a
 * turn whose process died expires.
 */
export class RedeliveryGuard implements Middleware {
  constructor(private readonly storage: Storage, private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, conversation, channelId } = context.activity;
    if (!id || !conversation?.id || isProactiveTurn(context)) return next();
    const key = storageKey('seen', channelId ?? 'unknown', conversation.id);
    // Every message of a busy conversation (a case thread where agents all press Take) writes this one item.
    const edit = (change: (recent: SeenActivity[]) => SeenActivity[] | 'abort') => updateItem<SeenActivities>(this.storage, key, (current) => {
      const recent = change(current?.recent ?? []);
      return recent === 'abort' ? 'abort' : { recent: recent.slice(-REMEMBERED) };
    }, { maxAttempts: 50 });
    const claim = await edit((recent) => {
      const now = Date.now();
      if (!isNewTurn(recent.find((seen) => seen.id === id), now)) return 'abort';
      return [...recent.filter((seen) => seen.id !== id), { id, claimedAt: now }];
    });
    if (!claim.changed) {
      turnLog(this.logger, context).info({ event: 'activity.redelivered' }, 'repeated activity id skipped');
      return;
    }
    try {
      await next();
    } catch (err) {
      await edit((recent) => recent.filter((seen) => seen.id !== id));
      throw err;
    }
    try {
      await edit((recent) => recent.map((seen) => (seen.id === id ? { ...seen, done: true } : seen)));
    } catch (err) {
      // The turn is done; without the mark, a redelivery is still skipped until the claim goes stale.
      if (!isStorageConflict(err)) throw err;
      turnLog(this.logger, context).warn({ event: 'activity.doneMarkLost', err }, 'could not mark the activity as handled');
    }
  }
}
