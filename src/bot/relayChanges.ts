import type { TurnContext } from 'botbuilder';
import type { CaseDesk } from '../cases/caseDesk';
import { translator } from '../i18n';
import { audienceOf } from './audience';
import { NOTE_PREFIX, normalizeAgentActivity, splitNote } from './teamsText';

/**
 * Edits and deletes of relayed messages are relayed too, never lost silently: an edit goes through as
 * "(edited) <new text>" (an edited `/note` stays internal); a customer's delete is announced in the case
 * thread; an agent's delete is recorded as an internal note, because what was deleted may have been one.
 */
export async function relayChange(context: TurnContext, kind: 'edited' | 'deleted', caseDesk: CaseDesk): Promise<void> {
  const audience = audienceOf(context);
  const t = translator(audience.locale);
  if (audience.kind === 'partner') normalizeAgentActivity(context.activity);
  const original = (context.activity.text ?? '').trim();
  const note = audience.kind === 'partner' ? splitNote(original) : { internal: false, text: original };
  if (kind === 'edited') {
    context.activity.text = `${note.internal ? `${NOTE_PREFIX} ` : ''}${t('relay.edited', { text: note.text })}`;
  } else {
    context.activity.text = audience.kind === 'partner' ? `${NOTE_PREFIX} ${t('relay.agentDeleted')}` : t('relay.customerDeleted');
  }
  if (audience.kind === 'customer') await caseDesk.onCustomerMessage(context);
  else if (audience.kind === 'partner') await caseDesk.onPartnerMessage(context);
}
