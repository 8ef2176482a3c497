import type { TurnContext } from 'botbuilder';
import { cardActivity, type RenderedCard } from '../cards/renderCard';

/** Sends a card as its own activity (Teams splits text + card into two messages). */
export async function sendCard(context: TurnContext, card: RenderedCard): Promise<string | undefined> {
  const response = await context.sendActivity(cardActivity(card));
  return response?.id;
}
