import type { SupportPlan } from '../directory/supportPlan';
import type { Locale, Translate } from '../i18n';

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** "Mon–Fri" for consecutive days, "Mon, Wed" otherwise. */
export function describeDays(days: readonly string[], t: Translate): string {
  const indexes = [...new Set(days)].map((d) => WEEK.indexOf(d as (typeof WEEK)[number])).filter((i) => i >= 0).sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const i of indexes) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === i - 1) run.push(i);
    else runs.push([i]);
  }
  const name = (i: number): string => t(`plan.days.${WEEK[i]}`);
  return runs.map((run) => (run.length > 2 ? `${name(run[0] ?? 0)}–${name(run[run.length - 1] ?? 0)}` : run.map(name).join(', '))).join(', ');
}

/** The four facts the partner must tell a customer: scope, hours of service, contact method, pricing. */
export interface PlanFacts {
  scope: string;
  hours: string;
  contact: string;
  pricing: string;
}

export function describePlan(plan: SupportPlan, locale: Locale, t: Translate): PlanFacts {
  const { hours, contact, pricing } = plan;
  const contactLines = [t(`plan.contact.${contact.method}`, { email: contact.email, phone: contact.phone })];
  if (contact.method !== 'email' && contact.email) contactLines.push(t('plan.contactExtraEmail', { email: contact.email }));
  if (contact.method !== 'phone' && contact.phone) contactLines.push(t('plan.contactExtraPhone', { phone: contact.phone }));
  const amount = pricing.amount !== undefined && pricing.currency
    ? new Intl.NumberFormat(locale, { style: 'currency', currency: pricing.currency }).format(pricing.amount)
    : '';
  const price = t(`plan.pricing.${pricing.model}`, { amount });
  const note = pricing.note ? (pricing.note[locale] ?? pricing.note.en) : undefined;
  return {
    scope: plan.scope.join('; '),
    hours: t('plan.hours', { days: describeDays(hours.days, t), open: hours.open, close: hours.close, timeZone: hours.timeZone }),
    contact: contactLines.join('. '),
    pricing: note ? `${price}. ${note}` : price,
  };
}
