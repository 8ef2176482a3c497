/**
 * The outage card (customer and agents' variants) and its preview text, all strings from i18n.
 */
import { formatInstant } from '../health/healthCards';
import { renderCard, type RenderedCard } from '../cards/renderCard';
import { cardActivity } from '../teams/cardMessages';
import { issueLink } from '../health/adminCenterLinks';
import { resolveLocale, translator, type Translate } from '../i18n';
import type { Activity } from '../teams/turn';
import type { Delivery } from './outbox';
import template from './templates/outage.json';

/** The localized name of a Graph health status. */
export function statusText(t: Translate, status: string): string {
  return t(`notifications.status.${status}`, { defaultValue: status });
}

/** The preview text (activity summary): what is new in this version. */
export function previewText(t: Translate, delivery: Delivery): string {
  const { issue } = delivery;
  const args = { service: issue.service, title: issue.title, status: statusText(t, issue.status), id: issue.id };
  if (delivery.kind === 'updated') {
    const key = delivery.changes.includes('status') ? 'notifications.preview.status' : 'notifications.preview.post';
    return t(key, args);
  }
  if (delivery.sentVersion === 0 && delivery.kind !== 'new') return t('notifications.preview.new', args);
  return t(`notifications.preview.${delivery.kind}`, args);
}

/** Renders the card of a delivery's current version. */
export function renderOutageCard(delivery: Delivery): RenderedCard {
  const locale = resolveLocale(delivery.locale);
  const t = translator(locale);
  const { issue } = delivery;
  const agents = delivery.audience === 'agents';
  return renderCard(template, {
    heading: t(issue.classification === 'advisory' ? 'notifications.card.advisory' : 'notifications.card.incident', { id: issue.id }),
    color: issue.isResolved ? 'Good' : 'Attention',
    title: issue.title,
    facts: [
      { label: t('notifications.card.service'), value: issue.feature ? `${issue.service} — ${issue.feature}` : issue.service },
      { label: t('notifications.card.status'), value: statusText(t, issue.status) },
      { label: t('notifications.card.classification'), value: t(`notifications.classification.${issue.classification}`) },
      { label: t('notifications.card.start'), value: formatInstant(issue.startDateTime, locale) },
      ...(issue.endDateTime ? [{ label: t('notifications.card.end'), value: formatInstant(issue.endDateTime, locale) }] : []),
    ],
    impactLabel: t('notifications.card.impact'),
    impact: issue.impactDescription,
    hasUpdate: issue.latestPost !== null,
    updateLabel: t('notifications.card.latestUpdate', { date: issue.latestPost ? formatInstant(issue.latestPost.createdDateTime, locale) : '' }),
    update: issue.latestPost?.text ?? '',
    customersLabel: t('notifications.card.customers', { count: delivery.customers.length }),
    customers: agents ? delivery.customers : [],
    linkLabel: t('notifications.card.link'),
    link: issueLink(delivery.issueTenantId, issue.id),
  }, previewText(t, delivery));
}

/**
 * Everything {@link renderOutageCard} reads from a delivery (keep the two in step): deliveries with the same key
 * show the same card. One incident reaches every subscriber of a tenant with the same card, so a fan-out
 * renders once per tenant and locale instead of once per recipient.
 */
function cardKey(delivery: Delivery): string {
  const { locale, audience, customers, issueTenantId, kind, changes, sentVersion, issue } = delivery;
  return JSON.stringify([resolveLocale(locale), audience, customers, issueTenantId, kind, changes, sentVersion === 0, issue]);
}

/** Recently rendered cards by {@link cardKey}; emptied when full (a bound on memory). */
const renderedCards = new Map<string, RenderedCard>();
const RENDERED_CARDS_LIMIT = 500;

/** The card message of a delivery, ready to send or to update in place (a new activity around a shared, unmodified card). */
export function outageActivity(delivery: Delivery): Partial<Activity> {
  const key = cardKey(delivery);
  let rendered = renderedCards.get(key);
  if (!rendered) {
    rendered = renderOutageCard(delivery);
    if (renderedCards.size >= RENDERED_CARDS_LIMIT) renderedCards.clear();
    renderedCards.set(key, rendered);
  }
  return cardActivity(rendered);
}

/** The short text sent once after the card when an incident is resolved. */
export function resolvedFollowUp(delivery: Delivery): Partial<Activity> {
  const t = translator(resolveLocale(delivery.locale));
  return { type: 'message', text: t('notifications.followUp.resolved', { service: delivery.issue.service, title: delivery.issue.title, id: delivery.issue.id }) };
}
