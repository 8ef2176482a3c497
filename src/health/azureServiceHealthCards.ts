/** How an Azure Service Health event is shown: a card for the customer, a compact line for the case card. fr and en. */
import type { AzureEventRef } from '../problem/diagnosisNotes';
import { plainText } from '../text/plainText';
import { renderCard, type RenderedCard } from '../cards/renderCard';
import azureEventTemplate from '../cards/templates/azureEvent.json';
import { translator, type Locale, type Translate } from '../i18n';
import type { AzureHealthEvent } from './azureServiceHealth';
import { formatInstant } from './healthCards';

function eventType(t: Translate, type: string): string {
  return t(`azureHealth.eventType.${type}`, { defaultValue: type });
}

function status(t: Translate, value: string): string {
  return t(`azureHealth.status.${value}`, { defaultValue: value });
}

/** The event with its type, status, impacted services and regions, before any Azure support ticket is proposed. */
export function azureEventCard(event: AzureHealthEvent, locale: Locale): RenderedCard {
  const t = translator(locale);
  const regions = [...new Set(event.impacts.flatMap((i) => i.regions.map((r) => r.region)))];
  return renderCard(azureEventTemplate, {
    heading: t('azureHealth.matchTitle'),
    id: plainText(event.trackingId),
    title: plainText(event.title),
    type: eventType(t, event.eventType),
    status: status(t, event.status),
    services: plainText(event.impacts.map((i) => i.service).join(', ')),
    regions: plainText(regions.join(', ')),
    started: event.impactStartTime ? formatInstant(event.impactStartTime, locale) : '',
    subscription: event.subscriptionId,
    summary: plainText(event.summary),
    labels: {
      type: t('azureHealth.labels.type'), status: t('azureHealth.labels.status'), services: t('azureHealth.labels.services'),
      regions: t('azureHealth.labels.regions'), started: t('azureHealth.labels.started'), subscription: t('azureHealth.labels.subscription'),
    },
  }, t('azureHealth.preview', { id: event.trackingId, title: event.title }));
}

/** The agents' line (case card, Azure ticket proposal): each event shown to the customer; undefined when none was. */
export function azureEventsFact(events: readonly AzureEventRef[] | undefined, t: Translate): { label: string; value: string } | undefined {
  if (!events || events.length === 0) return undefined;
  const lines = events.map((e) => t('azureHealth.cardEvent', {
    id: e.trackingId, type: eventType(t, e.eventType), status: status(t, e.status), title: e.title, services: e.services.join(', '), regions: e.regions.join(', '),
  }));
  return { label: t('azureHealth.cardLabel'), value: plainText(lines.join('\n')) };
}
