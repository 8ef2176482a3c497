/**
 * Adaptive Cards as Bot Framework messages: the attachment that carries a card and the message that carries it.
 */
import { CardFactory, MessageFactory } from 'botbuilder';
import type { Activity, Attachment } from './turn';

/** A card ready to send as its own message: its attachment and its preview text (notification and chat list). */
export interface CardMessage {
  attachment: Attachment;
  summary: string;
}

/** The attachment carrying an Adaptive Card. Pure. */
export function adaptiveCardAttachment(card: Record<string, unknown>): Attachment {
  return CardFactory.adaptiveCard(card);
}

/** A message activity carrying only the card (Teams splits text + card), with the preview as summary. Pure. */
export function cardActivity(card: CardMessage): Partial<Activity> {
  const activity = MessageFactory.attachment(card.attachment);
  activity.summary = card.summary;
  return activity;
}
