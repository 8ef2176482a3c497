import type { Customer } from '../directory/customerDirectory';
import type { Locale } from '../i18n';
import { translator } from '../i18n';
import { renderCard, type RenderedCard } from './renderCard';
import { describePlan } from './supportPlanText';
import template from './templates/welcome.json';

/** Welcome and "support" card: what the bot does and what support the customer's organisation gets. */
export function welcomeCard(customer: Customer, partnerName: string, locale: Locale): RenderedCard {
  const t = translator(locale);
  const facts = describePlan(customer.supportPlan, locale, t);
  return renderCard(template, {
    title: t('welcome.title', { partner: partnerName }),
    intro: t('welcome.intro'),
    planTitle: t('welcome.planTitle', { partner: partnerName, plan: customer.supportPlan.name }),
    labels: { scope: t('welcome.scope'), hours: t('welcome.hours'), contact: t('welcome.contact'), pricing: t('welcome.pricing') },
    ...facts,
    tryIt: t('welcome.tryIt'),
  }, t('welcome.preview', { partner: partnerName }));
}
