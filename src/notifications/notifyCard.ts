/**
 * The `notify` card: the tenant's services with an on/off toggle each, saved with the `notify.save` verb.
 */
import { renderCard, type RenderedCard } from '../cards/renderCard';
import type { ServiceHealthEntry } from '../health/model';
import { translator, type Locale } from '../i18n';
import type { Subscriber } from './subscriptions';
import template from './templates/notify.json';

/** The verb of the card's save button (Action.Execute). */
export const NOTIFY_SAVE_VERB = 'notify.save';

const toggleId = (index: number): string => `svc${index}`;
const fold = (name: string): string => name.trim().toLowerCase();

/** Renders the card for a subscriber (or none yet) over the tenant's services; `status` is an optional note. */
export function renderNotifyCard(services: readonly ServiceHealthEntry[], subscriber: Subscriber | undefined, locale: Locale, status?: string): RenderedCard {
  const t = translator(locale);
  const names = [...new Set(services.map((s) => s.service))].sort((a, b) => a.localeCompare(b));
  const followed = new Set((subscriber?.services ?? []).map(fold));
  return renderCard(template, {
    title: t('notifications.notify.title'),
    intro: t('notifications.notify.intro'),
    allLabel: t('notifications.notify.all'),
    all: String(subscriber?.all ?? false),
    services: names.map((name, index) => ({ id: toggleId(index), name, value: String(followed.has(fold(name))) })),
    serviceNames: names,
    saveLabel: t('notifications.notify.save'),
    hasStatus: status !== undefined,
    status: status ?? '',
  }, t('notifications.notify.preview'));
}

/** Reads the submitted toggles: the chosen services (by the names the card carried) and the "all" toggle. */
export function readNotifySubmission(data: Record<string, unknown>): { services: string[]; all: boolean } {
  const names = Array.isArray(data.services) ? data.services.filter((n): n is string => typeof n === 'string') : [];
  const services = names.filter((_, index) => data[toggleId(index)] === 'true' || data[toggleId(index)] === true);
  return { services, all: data.all === 'true' || data.all === true };
}
