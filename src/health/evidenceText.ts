/** Why an issue was matched to a problem, in the reader's language: "same service, words: receive, mail; started 1 h before the problem". Pure. */
import { translator, type Locale } from '../i18n';
import { plainInline } from '../text/plainText';
import type { MatchEvidence, StartEvidence } from './incidentMatching';

const HOUR_MINUTES = 60;
const DAY_MINUTES = 24 * HOUR_MINUTES;

/** "45 min", "3 h", "2 days" (rounded to the unit that reads best). */
export function durationText(minutes: number, locale: Locale): string {
  const t = translator(locale);
  const abs = Math.abs(minutes);
  if (abs < HOUR_MINUTES) return t('health.duration.minutes', { count: abs });
  if (abs < 2 * DAY_MINUTES) return t('health.duration.hours', { count: Math.round(abs / HOUR_MINUTES) });
  return t('health.duration.days', { count: Math.round(abs / DAY_MINUTES) });
}

function dateText(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
}

function startText(started: StartEvidence, locale: Locale): string {
  const t = translator(locale);
  const duration = durationText(started.minutesBefore, locale);
  const direction = started.minutesBefore >= 0 ? 'before' : 'after';
  return t(`health.evidence.started.${started.anchor}.${direction}`, { duration, date: dateText(started.anchorAt, locale) });
}

/** The evidence as one line; the customer's words are escaped (they are shown where Teams renders markdown). */
export function evidenceText(evidence: MatchEvidence, locale: Locale): string {
  const t = translator(locale);
  const what = [
    evidence.service ? t(`health.evidence.service.${evidence.service}`) : undefined,
    evidence.words.length > 0 ? t('health.evidence.words', { words: evidence.words.map(plainInline).join(', ') }) : undefined,
    evidence.feature ? t('health.evidence.feature', { feature: plainInline(evidence.feature) }) : undefined,
  ].filter((part): part is string => part !== undefined);
  const whatText = what.join(', ');
  if (!evidence.started) return whatText;
  const when = startText(evidence.started, locale);
  return whatText === '' ? when : t('health.evidence.whatAndWhen', { what: whatText, when });
}
