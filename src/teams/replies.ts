import { cardActivity, type RenderedCard } from '../cards/renderCard';
import type { Turn } from './turn';

/** Sends a card as its own activity (Teams splits text + card into two messages). */
export async function sendCard(context: Turn, card: RenderedCard): Promise<string | undefined> {
  const response = await context.sendActivity(cardActivity(card));
  return response?.id;
}
