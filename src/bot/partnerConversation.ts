import type { TurnContext } from 'botbuilder';
import { TurnContext as Turn } from 'botbuilder';
import { helpCard } from '../cards/helpCard';
import { audienceOf } from './audience';
import { sendCard } from './replies';
import type { MessageHandler } from './supportBot';

/** Messages from the partner's own tenant: agents in their channel or in a 1:1 chat. */
export class PartnerConversation implements MessageHandler {
  async onMessage(context: TurnContext): Promise<void> {
    Turn.removeRecipientMention(context.activity);
    await sendCard(context, helpCard(audienceOf(context).locale, 'agent'));
  }
}
