import { cardActivity, type CardMessage } from './cardMessages';
import type { Turn } from './turn';

/** Sends a card as its own activity (Teams splits text + card into two messages). */
export async function sendCard(turn: Turn, card: CardMessage): Promise<string | undefined> {
  const response = await turn.sendActivity(cardActivity(card));
  return response?.id;
}
