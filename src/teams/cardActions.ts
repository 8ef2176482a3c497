import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import { translator } from '../i18n';
import { audienceOf } from './audience';
import type { CardActionResult } from './cardActionResult';
import type { VerbGuard } from './guard';
import type { Activity, Turn } from './turn';

export type { CardActionResult } from './cardActionResult';

/** Handles Universal Actions (`Action.Execute`) and answers with a card or a message. */
export interface CardActionHandler {
  onCardAction(turn: Turn, verb: string, data: Record<string, unknown>): Promise<CardActionResult>;
  /** Answers an action Teams delivered again, without doing it twice. */
  onRepeat(turn: Turn, verb: string, data: Record<string, unknown>): Promise<CardActionResult>;
}

/** A card action handler for one family of verbs. */
export interface VerbHandler {
  verbs: readonly string[];
  /** Who may use these verbs, enforced by the command router before `handle` and `replay` (see CommandRouter.guardVerbs). */
  guard?: VerbGuard;
  handle(turn: Turn, verb: string, data: Record<string, unknown>): Promise<CardActionResult>;
  /**
   * The answer to an action Teams delivered again, changing nothing (typically the current card, after the same
   * checks as the first time). Undefined, or no `replay`, answers that the action was already handled.
   */
  replay?(turn: Turn, verb: string, data: Record<string, unknown>): Promise<CardActionResult | undefined>;
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

  async onCardAction(turn: Turn, verb: string, data: Record<string, unknown>): Promise<CardActionResult> {
    const handler = this.byVerb.get(verb);
    if (handler) return handler.handle(turn, verb, data);
    return this.unknownVerb(turn);
  }

  async onRepeat(turn: Turn, verb: string, data: Record<string, unknown>): Promise<CardActionResult> {
    const handler = this.byVerb.get(verb);
    if (!handler) return this.unknownVerb(turn);
    const replayed = await handler.replay?.(turn, verb, data);
    return replayed ?? { kind: 'message', text: translator(audienceOf(turn).locale)('errors.alreadyHandled') };
  }

  private unknownVerb(turn: Turn): CardActionResult {
    return { kind: 'error', statusCode: 400, code: 'UnknownAction', message: translator(audienceOf(turn).locale)('errors.unsupported') };
  }
}
