import { createHash } from 'node:crypto';
import type { Middleware, TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import type { Logger } from 'pino';
import { isStorageConflict, storageKey, updateItem, type Storage } from '../storage';
import type { Activity, Turn } from './turn';
import { isProactive } from './turnHooks';
import { turnLog } from './turnLog';

/** One delivery seen in a conversation (its {@link deliveryKey}): claimed when its turn started, `done` once the turn succeeded. */
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

/**
 * What makes two deliveries the same activity, so the second is a redelivery. A message keeps its bare id (claims
 * stored before this key existed still match). `messageUpdate` and `messageDelete` carry the id of the ORIGINAL
 * message: each edit, undelete or delete is a new event about it, told apart by its `channelData.eventType` and a
 * hash of its text; only the same event with the same text delivered again is a redelivery. Any other activity is
 * its type and id. Undefined when the activity has no id (nothing to compare). Pure.
 */
export function deliveryKey(activity: Partial<Activity>): string | undefined {
  const { type, id } = activity;
  if (!id) return undefined;
  if (type === ActivityTypes.Message) return id;
  if (type === ActivityTypes.MessageUpdate || type === ActivityTypes.MessageDelete) {
    const eventType = (activity.channelData as { eventType?: unknown } | undefined)?.eventType;
    const textHash = createHash('sha256').update(activity.text ?? '').digest('base64url').slice(0, 16);
    return `${type}:${typeof eventType === 'string' ? eventType : ''}:${id}:${textHash}`;
  }
  return `${type ?? ''}:${id}`;
}

const REPEATED_INVOKE = Symbol('repeatedInvoke');

/**
 * Whether this turn is an invoke Teams delivered again. It still runs, because Teams waits for an answer in the
 * HTTP response; its handler must answer without changing anything (the current card, not the action again).
 */
export function isRepeatedInvoke(turn: Turn): boolean {
  return turn.turnState.get(REPEATED_INVOKE) === true;
}

/**
 * Teams redelivers an activity it thinks was not received. A repeated delivery ({@link deliveryKey}) is skipped, so
 * it changes nothing twice; a repeated invoke runs flagged ({@link isRepeatedInvoke}) so that Teams still gets an
 * answer. The key is claimed in storage before the turn (CAS, so two instances agree), marked done when the turn
 * succeeds and released when it fails, so Teams' retry of a failed turn is still processed; the claim of a turn whose
 * process died expires.
 */
export class RedeliveryGuard implements Middleware {
  constructor(private readonly storage: Storage, private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { conversation, channelId } = context.activity;
    const id = deliveryKey(context.activity);
    // A turn the bot started itself (a relay, a card update, a notification) is never a redelivery: nothing to claim.
    if (!id || !conversation?.id || isProactive(context.activity)) return next();
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
      turnLog(this.logger, context).info({ event: 'activity.redelivered' }, 'repeated activity skipped');
      if (context.activity.type !== ActivityTypes.Invoke) return;
      context.turnState.set(REPEATED_INVOKE, true);
      return next();
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
