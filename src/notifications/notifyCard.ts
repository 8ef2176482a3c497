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

/** Most service names a submission may carry: a tenant's health overview lists a few dozen services. */
export const MAX_NOTIFY_SERVICES = 100;

/** A `notify.save` submission read against the tenant's services, or why it is refused. */
export type NotifySubmission =
  | { ok: true; services: string[]; all: boolean }
  | { ok: false; reason: 'tooManyServices' | 'unknownServices'; submitted: number; unknown: number };

/**
 * Pure: reads the submitted toggles, the chosen services (by the names the card carried) and the "all" toggle,
 * against the names of the tenant's services. Chosen names are stored as the tenant's own spelling; a name the
 * tenant does not have, or more names than {@link MAX_NOTIFY_SERVICES}, refuses the whole submission.
 */
export function readNotifySubmission(data: Record<string, unknown>, known: readonly string[]): NotifySubmission {
  const carried: unknown[] = Array.isArray(data.services) ? data.services : [];
  if (carried.length > MAX_NOTIFY_SERVICES) return { ok: false, reason: 'tooManyServices', submitted: carried.length, unknown: 0 };
  const byFold = new Map(known.map((name) => [fold(name), name]));
  const chosen = carried.filter((_, index) => data[toggleId(index)] === 'true' || data[toggleId(index)] === true);
  const services = chosen.map((name) => (typeof name === 'string' ? byFold.get(fold(name)) : undefined));
  const unknown = services.filter((name) => name === undefined).length;
  if (unknown > 0) return { ok: false, reason: 'unknownServices', submitted: carried.length, unknown };
  return { ok: true, services: services.filter((name): name is string => name !== undefined), all: data.all === 'true' || data.all === true };
}
