import type { Middleware, TurnContext } from 'botbuilder';
import { ActivityEventNames, ActivityTypes } from 'botbuilder';
import type { Activity, Turn } from './turn';

/** Work a feature does at the start of a turn, before the bot handles it. It handles its own failures. */
export type TurnHook = (turn: Turn) => Promise<void>;

/** A turn the bot started itself (a relay, a card update, a notification), not an activity someone sent. Pure. */
export function isProactive(activity: Partial<Activity>): boolean {
  const { type, name } = activity;
  return type === ActivityTypes.Event && (name === ActivityEventNames.ContinueConversation || name === ActivityEventNames.CreateConversation);
}

/**
 * Middleware running `hook` at the start of every turn someone sent (never the bot's own proactive turns), then the
 * rest of the turn. Registered after the TenantGate, so the hook can read the turn's audience.
 */
export function beforeSentTurns(hook: TurnHook): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      if (!isProactive(context.activity)) await hook(context);
      await next();
    },
  };
}
