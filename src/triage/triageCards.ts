import type { Triage } from '../problem/triageModel';
import { OTHER_SERVICE } from '../problem/triageModel';
import { translator, type Locale } from '../i18n';
import { plainText } from '../text/plainText';
import { renderCard, type RenderedCard } from '../cards/renderCard';
import nextStepsTemplate from '../cards/templates/nextSteps.json';
import triageQuestionTemplate from '../cards/templates/triageQuestion.json';
import triageSummaryTemplate from '../cards/templates/triageSummary.json';

/** More choices than this go in a drop-down with a Send button rather than a row of buttons. */
export const MAX_CHOICE_BUTTONS = 5;

/** The service name as the customer sees it ("Other / not Microsoft 365" for the marker). */
export function serviceLabel(service: string, locale: Locale): string {
  return service === OTHER_SERVICE ? translator(locale)('triage.otherService') : service;
}

/** One line per triage answer, in the customer's language; what the customer typed is shown as typed (never markdown). */
export function triageFacts(triage: Triage, locale: Locale): Array<{ label: string; value: string }> {
  const t = translator(locale);
  const since = triage.since.kind === 'date' ? t('triage.since.date', { date: triage.since.date }) : t(`triage.since.${triage.since.kind}`);
  return [
    { label: t('triage.summary.service'), value: plainText(serviceLabel(triage.service, locale)) },
    { label: t('triage.summary.description'), value: plainText(triage.description) },
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

/**
 * A triage question with its choices: a row of buttons, or a drop-down with a Send button for a long list. Both
 * are Action.Submit carrying the choice in `value.triageAnswer`, which the customer chat reads as if the label had
 * been typed. (Not imBack, nor a `messageBack` in `msteams`: the Agents Playground sends neither.)
 */
export function triageQuestionCard(question: string, choices: string[], locale: Locale): RenderedCard {
  const t = translator(locale);
  const labels = choices.map((label) => ({ label }));
  const dropdown = choices.length > MAX_CHOICE_BUTTONS;
  return renderCard(triageQuestionTemplate, {
    question, dropdown, choices: dropdown ? labels : [], buttons: dropdown ? [] : labels, placeholder: t('triage.pickOne'), send: t('triage.sendChoice'),
  }, question);
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
