/** Message center posts as Adaptive Cards: the post that may explain a problem (triage), in the customer's language. */
import { renderCard, type RenderedCard } from '../cards/renderCard';
import { translator, type Locale } from '../i18n';
import type { MessageCenterPostRef } from '../problem/diagnosisNotes';
import { plainText } from '../text/plainText';
import type { RankedPost } from './messageCenterMatching';
import { messageCenterLink, type MessageCenterPost } from './messageCenterModel';

const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/** "2 December 2026" / "2 décembre 2026" (UTC), or the raw value when it is not a date. */
export function formatDay(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}

const POST_TEMPLATE = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: '${heading}', isSubtle: true, wrap: true, size: 'Small' },
    { type: 'TextBlock', text: '${id} · ${title}', weight: 'Bolder', wrap: true, style: 'heading' },
    {
      type: 'FactSet',
      facts: [
        { title: '${labels.category}', value: '${category}' },
        { title: '${labels.actionRequiredBy}', value: '${actionRequiredBy}' },
      ],
    },
    { type: 'TextBlock', text: '${explanation}', wrap: true },
  ],
  actions: [{ type: 'Action.OpenUrl', title: '${labels.open}', url: '${url}' }],
};

/** One post that may explain the customer's problem: title, category, action-required date and a link to it. */
export function messageCenterPostCard(post: MessageCenterPost, locale: Locale): RenderedCard {
  const t = translator(locale);
  return renderCard(POST_TEMPLATE, {
    heading: t('messageCenter.matchHeading'),
    id: post.id,
    title: post.title,
    category: t(`messageCenter.category.${post.category}`),
    actionRequiredBy: post.actionRequiredByDateTime ? formatDay(post.actionRequiredByDateTime, locale) : t('messageCenter.noActionDate'),
    explanation: t('messageCenter.matchExplanation'),
    labels: { category: t('messageCenter.categoryLabel'), actionRequiredBy: t('messageCenter.actionRequiredBy'), open: t('messageCenter.open') },
    url: messageCenterLink(post.id),
  }, t('messageCenter.preview', { id: post.id, title: post.title }));
}

/** What the case keeps of a post the customer was shown. Pure. */
export function messageCenterPostRef(match: RankedPost): MessageCenterPostRef {
  return { id: match.post.id, title: match.post.title, actionRequiredBy: match.post.actionRequiredByDateTime, reasons: match.reasons };
}

/** The case card's fact for the Message center posts the customer was shown, with why each matched. */
export function messageCenterFact(posts: readonly MessageCenterPostRef[] | undefined, locale: Locale): { label: string; value: string } | undefined {
  if (!posts || posts.length === 0) return undefined;
  const t = translator(locale);
  const lines = posts.map((post) => t('messageCenter.cardPost', {
    id: post.id,
    title: post.title,
    due: post.actionRequiredBy ? formatDay(post.actionRequiredBy, locale) : t('messageCenter.noActionDate'),
    reasons: post.reasons.join('; '),
  }));
  return { label: t('messageCenter.cardLabel'), value: plainText(lines.join('\n')) };
}
