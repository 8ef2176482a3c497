/**
 * Microsoft's published messageUpdate (edit, undelete) and messageDelete (soft delete) events, which carry the id of
 * the ORIGINAL message, sent through the real server in a live case: each new event is relayed once, a redelivery
 * of the same event is not.
 */
import { contractSuite, customerPayload } from './contractBot';
import { nextFrom } from './published';

const EDITED = 'Mike Wilber (Fabrikam): (edited one of their messages; Teams did not send the new text)';

describe('contract: published edit, undelete and soft delete events in a live case', () => {
  const bot = contractSuite();


  /** The customer of a published event opens a case, then writes the message (the event's id) that it is about. */
  async function caseWithOriginal(sample: string): Promise<{ threadConversationId: string; event: () => Record<string, unknown> }> {
    const event = () => customerPayload(sample, bot.connector.url);
    const { threadConversationId } = await bot.openAndTakeCase(event());
    await bot.send(nextFrom(event(), { type: 'message', id: event().id, text: 'Outlook shows error 0x800CCC0E' }));
    expect(bot.seen(threadConversationId)).toContain(`${(event().from as { name: string }).name} (Fabrikam): Outlook shows error 0x800CCC0E`);
    return { threadConversationId, event };
  }

  it('AnEditAsPublished_WithoutText_IsRelayedAsAnEdit_NeverAsAnEmptyLine', async () => {
    const { threadConversationId, event } = await caseWithOriginal('messageUpdate-edit');
    await bot.send(event());
    const seen = bot.seen(threadConversationId);
    expect(seen).toContain(EDITED);
    expect(seen.filter((line) => /\(edited\)\s*$/.test(line))).toEqual([]);
  });

  it('TwoEditsOfTheSameMessage_AreBothRelayed_AndARedeliveredEditOnce', async () => {
    const { threadConversationId, event } = await caseWithOriginal('messageUpdate-edit');
    await bot.send({ ...event(), text: 'Outlook shows error 0x800CCC0F' });
    await bot.send({ ...event(), text: 'Outlook shows error 0x800CCC0F' });
    await bot.send({ ...event(), text: 'Outlook shows error 0x800CCC10' });
    const edits = bot.seen(threadConversationId).filter((line) => line.includes('(edited)'));
    expect(edits).toEqual([
      'Mike Wilber (Fabrikam): (edited) Outlook shows error 0x800CCC0F',
      'Mike Wilber (Fabrikam): (edited) Outlook shows error 0x800CCC10',
    ]);
  });

  it('AnUndeleteThenASoftDelete_OfTheSameMessage_AreBothRelayed_AndARedeliveryIsNot', async () => {
    const { threadConversationId } = await caseWithOriginal('messageDelete-softDelete');
    await bot.send(customerPayload('messageUpdate-undelete', bot.connector.url));
    await bot.send(customerPayload('messageDelete-softDelete', bot.connector.url));
    await bot.send(customerPayload('messageDelete-softDelete', bot.connector.url));
    const changes = bot.seen(threadConversationId).filter((line) => line.includes('(restored') || line.includes('customer deleted'));
    expect(changes).toEqual([
      'Alex Wilber (Fabrikam): (restored one of their deleted messages; Teams did not send its text)',
      'Alex Wilber (Fabrikam): (the customer deleted one of their messages)',
    ]);
  });
});
