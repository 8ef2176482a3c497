import { Template } from 'adaptivecards-templating';
import { adaptiveCardAttachment, type CardMessage } from '../teams/cardMessages';

/** An expanded Adaptive Card (schema 1.5) as sent to Teams. */
export type AdaptiveCard = Record<string, unknown>;

/** Parsed templates, by template object: parsing the `${...}` expressions is the costly part of rendering. */
const templates = new WeakMap<object, Template>();

/**
 * Expands a JSON card template with its data. Templates use `${...}` bindings and `$when`/`$data`;
 * strings are always passed in the data (from i18n), never written in templates.
 */
export function expandCard(template: object, data: object): AdaptiveCard {
  let parsed = templates.get(template);
  if (!parsed) {
    parsed = new Template(template);
    templates.set(template, parsed);
  }
  return parsed.expand({ $root: data }) as AdaptiveCard;
}

/** A card ready to send: the card itself, its attachment and its preview text (notification and chat list). */
export interface RenderedCard extends CardMessage {
  card: AdaptiveCard;
}

export function renderCard(template: object, data: object, summary: string): RenderedCard {
  const card = expandCard(template, data);
  return { card, attachment: adaptiveCardAttachment(card), summary };
}
