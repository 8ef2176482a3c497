import type { Activity, AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { VerbGuard } from './guard';
import { ActivityTypes } from 'botbuilder';
import { translator } from '../i18n';
import { audienceOf } from './audience';
import type { Turn } from './turn';
import type { CardActionHandler, CardActionResult } from './supportBot';

/** A card action handler for one family of verbs. */
export interface VerbHandler {
  verbs: readonly string[];
  /** Who may use these verbs, enforced by the command router before `handle` and `replay` (see CommandRouter.guardVerbs). */
  guard?: VerbGuard;
  handle(context: Turn, verb: string, data: Record<string, unknown>): Promise<CardActionResult>;
  /**
   * The answer to an action Teams delivered again, changing nothing (typically the current card, after the same
   * checks as the first time). Undefined, or no `replay`, answers that the action was already handled.
   */
  replay?(context: Turn, verb: string, data: Record<string, unknown>): Promise<CardActionResult | undefined>;
}

/**
 * A Universal Action result in the documented `adaptiveCard/action` response shape: `{statusCode, type, value}`
 * with the card, a message, or an error `{code, message}`. Pure.
 */
export function adaptiveCardResponse(result: CardActionResult): AdaptiveCardInvokeResponse {
  if (result.kind === 'card') return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card };
  if (result.kind === 'message') {
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result.text as unknown as Record<string, unknown> };
  }
  return { statusCode: result.statusCode, type: 'application/vnd.microsoft.error', value: { code: result.code, message: result.message } };
}

/**
 * The invokeResponse activity for an answer given outside the bot's handler (middleware refusing a turn). The HTTP
 * status is the body's `statusCode`, as botbuilder's own ActivityHandler answers a handled `adaptiveCard/action`.
 */
export function adaptiveCardReply(result: CardActionResult): Partial<Activity> {
  const body = adaptiveCardResponse(result);
  return { type: ActivityTypes.InvokeResponse, value: { status: body.statusCode, body } };
}

/** Dispatches a Universal Action verb to the capability that owns it; an unknown verb is a client fault. */
export class CardActionRouter implements CardActionHandler {
  private readonly byVerb = new Map<string, VerbHandler>();

  constructor(handlers: VerbHandler[]) {
    for (const handler of handlers) for (const verb of handler.verbs) this.byVerb.set(verb, handler);
  }

  async onCardAction(context: TurnContext, verb: string, data: Record<string, unknown>): Promise<CardActionResult> {
    const handler = this.byVerb.get(verb);
    if (handler) return handler.handle(context, verb, data);
    return this.unknownVerb(context);
  }

  async onRepeat(context: TurnContext, verb: string, data: Record<string, unknown>): Promise<CardActionResult> {
    const handler = this.byVerb.get(verb);
    if (!handler) return this.unknownVerb(context);
    const replayed = await handler.replay?.(context, verb, data);
    return replayed ?? { kind: 'message', text: translator(audienceOf(context).locale)('errors.alreadyHandled') };
  }

  private unknownVerb(context: TurnContext): CardActionResult {
    return { kind: 'error', statusCode: 400, code: 'UnknownAction', message: translator(audienceOf(context).locale)('errors.unsupported') };
  }
}
