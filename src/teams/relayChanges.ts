import { translator, type Translate } from '../i18n';
import { audienceOf } from './audience';
import { NOTE_PREFIX, normalizeAgentActivity, splitNote } from './teamsText';
import type { Turn } from './turn';

/** A change Teams tells about a message already sent: an edit, an undelete, a (soft) delete. */
export type MessageChange = 'edited' | 'restored' | 'deleted';

/** Where a change, rewritten as a message line, is relayed: the live case conversations (the case desk). */
export interface ChangeRelay {
  /** Relays a customer's message into its case, if any. */
  onCustomerMessage(turn: Turn): Promise<unknown>;
  /** Relays an agent's message from a case thread, if it is one. */
  onPartnerMessage(turn: Turn): Promise<unknown>;
}

/**
 * The line that relays an edit or an undelete: "(edited) <new text>" / "(restored) <text>", or, when Teams sent no
 * text (as in its published samples), a sentence saying what happened; never an empty line. An agent's message
 * restored without its text may have been an internal note, so that one stays internal. Pure.
 */
function changedLine(kind: 'edited' | 'restored', text: string, fromAgent: boolean, t: Translate): string {
  const note = fromAgent ? splitNote(text) : { internal: false, text: text.trim() };
  if (note.text === '' && kind === 'restored' && fromAgent) return `${NOTE_PREFIX} ${t('relay.restoredNoText')}`;
  const withText = kind === 'edited' ? t('relay.edited', { text: note.text }) : t('relay.restored', { text: note.text });
  const withoutText = kind === 'edited' ? t('relay.editedNoText') : t('relay.restoredNoText');
  return `${note.internal ? `${NOTE_PREFIX} ` : ''}${note.text === '' ? withoutText : withText}`;
}

/**
 * Edits, undeletes and deletes of relayed messages are relayed too, never lost silently (an edited `/note` stays
 * internal; an agent's text is normalized first, as for new messages). A customer's delete is announced in the case
 * thread; an agent's delete, and an agent's message restored without its text, are recorded as internal notes,
 * because what was deleted may have been one.
 */
export async function relayChange(turn: Turn, kind: MessageChange, relay: ChangeRelay): Promise<void> {
  const audience = audienceOf(turn);
  const t = translator(audience.locale);
  const fromAgent = audience.kind === 'partner';
  if (fromAgent) normalizeAgentActivity(turn.activity);
  if (kind === 'deleted') {
    turn.activity.text = fromAgent ? `${NOTE_PREFIX} ${t('relay.agentDeleted')}` : t('relay.customerDeleted');
  } else {
    turn.activity.text = changedLine(kind, turn.activity.text ?? '', fromAgent, t);
  }
  if (audience.kind === 'customer') await relay.onCustomerMessage(turn);
  else if (fromAgent) await relay.onPartnerMessage(turn);
}
