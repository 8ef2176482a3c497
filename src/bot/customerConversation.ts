import type { TurnContext } from 'botbuilder';
import { helpCard } from '../cards/helpCard';
import { welcomeCard } from '../cards/welcomeCard';
import { audienceOf } from './audience';
import { parseCommand } from './commands';
import { sendCard } from './replies';
import type { MessageHandler } from './supportBot';

/** A customer's 1:1 chat: commands first, anything else is a problem description for triage. */
export class CustomerConversation implements MessageHandler {
  constructor(private readonly partnerName: string) {}

  async onMessage(context: TurnContext): Promise<void> {
    const audience = audienceOf(context);
    if (audience.kind !== 'customer') return;
    const command = parseCommand(context.activity.text);
    switch (command?.name) {
      case 'support':
        await sendCard(context, welcomeCard(audience.customer, this.partnerName, audience.locale));
        return;
      default:
        await sendCard(context, helpCard(audience.locale, 'customer'));
    }
  }
}
