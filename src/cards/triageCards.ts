import type { Triage } from '../dialogs/triageModel';
import { OTHER_SERVICE } from '../dialogs/triageModel';
import { translator, type Locale } from '../i18n';
import { renderCard, type RenderedCard } from './renderCard';
import nextStepsTemplate from './templates/nextSteps.json';
import triageSummaryTemplate from './templates/triageSummary.json';

/** The service name as the customer sees it ("Other / not Microsoft 365" for the marker). */
export function serviceLabel(service: string, locale: Locale): string {
  return service === OTHER_SERVICE ? translator(locale)('triage.otherService') : service;
}

/** One line per triage answer, in the customer's language. */
export function triageFacts(triage: Triage, locale: Locale): Array<{ label: string; value: string }> {
  const t = translator(locale);
  const since = triage.since.kind === 'date' ? t('triage.since.date', { date: triage.since.date }) : t(`triage.since.${triage.since.kind}`);
  return [
    { label: t('triage.summary.service'), value: serviceLabel(triage.service, locale) },
    { label: t('triage.summary.description'), value: triage.description },
    { label: t('triage.summary.since'), value: since },
    { label: t('triage.summary.users'), value: t(`triage.users.${triage.usersAffected}`) },
    { label: t('triage.summary.severity'), value: t(`triage.severity.${triage.severity}`) },
  ];
}

export function triageSummaryCard(triage: Triage, locale: Locale): RenderedCard {
  const t = translator(locale);
  return renderCard(triageSummaryTemplate, { title: t('triage.summaryTitle'), facts: triageFacts(triage, locale) },
    t('triage.preview', { service: serviceLabel(triage.service, locale) }));
}

/** Talk to an agent, open a Microsoft service request (when the plan lets the customer ask), or solved. */
export function nextStepsCard(locale: Locale, options: { intro: string; showMicrosoft: boolean }): RenderedCard {
  const t = translator(locale);
  return renderCard(nextStepsTemplate, {
    intro: options.intro,
    title: t('health.nextSteps.title'),
    agentLabel: t('health.nextSteps.agent'),
    microsoftLabel: t('health.nextSteps.microsoft'),
    showMicrosoft: options.showMicrosoft,
    solvedLabel: t('health.nextSteps.solved'),
  }, t('health.nextSteps.preview'));
}
