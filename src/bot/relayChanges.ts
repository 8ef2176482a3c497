import type { TurnContext } from 'botbuilder';
import type { CaseDesk } from '../cases/caseDesk';
import { NOTE_PREFIX } from '../cases/agentDesk';
import { translator } from '../i18n';
import { audienceOf } from './audience';

/**
 * Edits and deletes of relayed messages are relayed too, never lost silently: an edit goes through as
 * "(edited) <new text>", or says that the message was edited when Teams sent no text (an edited `/note` stays internal); a customer's delete is announced in the case
 * thread; an agent's delete is recorded as an internal note, because what was deleted may have been one.
 */
export async function relayChange(context: TurnContext, kind: 'edited' | 'deleted', caseDesk: CaseDesk): Promise<void> {
  const audience = audienceOf(context);
  const t = translator(audience.locale);
  const original = (context.activity.text ?? '').trim();
  const isNote = original.toLowerCase().startsWith(NOTE_PREFIX);
  if (kind === 'edited') {
    const body = isNote ? original.slice(NOTE_PREFIX.length).trim() : original;
    const line = body === '' ? t('relay.editedNoText') : t('relay.edited', { text: body });
    context.activity.text = `${isNote ? `${NOTE_PREFIX} ` : ''}${line}`;
  } else {
    context.activity.text = audience.kind === 'partner' ? `${NOTE_PREFIX} ${t('relay.agentDeleted')}` : t('relay.customerDeleted');
  }
  if (audience.kind === 'customer') await caseDesk.onCustomerMessage(context);
  else if (audience.kind === 'partner') await caseDesk.onPartnerMessage(context);
}
