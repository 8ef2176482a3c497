import type { TurnContext } from 'botbuilder';
import { translator } from '../i18n';
import { audienceOf } from './audience';
import type { CardActionHandler, CardActionResult } from './supportBot';

/** A card action handler for one family of verbs. */
export interface VerbHandler {
  verbs: readonly string[];
  handle(context: TurnContext, verb: string, data: Record<string, unknown>): Promise<CardActionResult>;
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
    return { kind: 'error', statusCode: 400, code: 'UnknownAction', message: translator(audienceOf(context).locale)('errors.unsupported') };
  }
}
