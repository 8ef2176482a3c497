/** The weekly Message center digest card for the agents' channel: per customer, the posts needing action soon. */
import { renderCard, type RenderedCard } from '../cards/renderCard';
import { formatDay } from '../health/messageCenterCards';
import { messageCenterLink, type MessageCenterPost } from '../health/messageCenterModel';
import { translator, type Locale } from '../i18n';
import { DIGEST_HORIZON_DAYS } from './messageCenterDigestPlan';

/** One customer's section of the digest. */
export interface DigestSection {
  customer: string;
  tenantId: string;
  posts: MessageCenterPost[];
  /** The customer's post count when `posts` is one part of them (a section split across cards). */
  total?: number;
}

const DIGEST_TEMPLATE = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: '${title}', weight: 'Bolder', wrap: true, style: 'heading' },
    { type: 'TextBlock', text: '${week}', isSubtle: true, wrap: true, spacing: 'None' },
    {
      type: 'Container',
      $data: '${sections}',
      separator: true,
      items: [
        { type: 'TextBlock', text: '${heading}', weight: 'Bolder', wrap: true },
        { type: 'TextBlock', $data: '${lines}', text: '${text}', wrap: true, spacing: 'Small' },
      ],
    },
  ],
};

/** Markdown link text: brackets would end the label early. */
function linkLabel(text: string): string {
  return text.replace(/[[\]]/g, (bracket) => `\\${bracket}`);
}

/** Post lines per card: about 12 KB, well under Teams' 28 KB message limit. */
export const DIGEST_LINES_PER_CARD = 40;

/**
 * The digest as cards of at most {@link DIGEST_LINES_PER_CARD} posts each, sections kept in order (a customer with
 * more posts continues on the next card).
 */
export function messageCenterDigestCards(week: string, sections: readonly DigestSection[], locale: Locale): RenderedCard[] {
  const cards: DigestSection[][] = [[]];
  let lines = 0;
  for (const section of sections) {
    for (let start = 0; start < section.posts.length;) {
      if (lines === DIGEST_LINES_PER_CARD) {
        cards.push([]);
        lines = 0;
      }
      const posts = section.posts.slice(start, start + DIGEST_LINES_PER_CARD - lines);
      cards[cards.length - 1]?.push({ ...section, posts, total: section.posts.length });
      lines += posts.length;
      start += posts.length;
    }
  }
  return cards.filter((card) => card.length > 0).map((card) => messageCenterDigestCard(week, card, locale));
}

/** One card of the digest. */
export function messageCenterDigestCard(week: string, sections: readonly DigestSection[], locale: Locale): RenderedCard {
  const t = translator(locale);
  const count = sections.reduce((sum, section) => sum + section.posts.length, 0);
  return renderCard(DIGEST_TEMPLATE, {
    title: t('messageCenter.digest.title', { days: DIGEST_HORIZON_DAYS }),
    week: t('messageCenter.digest.week', { week: formatDay(week, locale) }),
    sections: sections.map((section) => ({
      heading: t('messageCenter.digest.customer', { customer: section.customer, count: section.total ?? section.posts.length }),
      lines: section.posts.map((post) => ({
        text: `[${linkLabel(`${post.id} · ${post.title}`)}](${messageCenterLink(post.id)}) — ${t('messageCenter.digest.due', { date: formatDay(post.actionRequiredByDateTime ?? '', locale) })}`,
      })),
    })),
  }, t('messageCenter.digest.preview', { count }));
}
