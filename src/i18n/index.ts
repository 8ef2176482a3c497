import i18next, { type TFunction } from 'i18next';
import casesEn from '../cases/strings.en.json';
import casesFr from '../cases/strings.fr.json';
import escalationEn from '../escalation/strings.en.json';
import escalationFr from '../escalation/strings.fr.json';
import notificationsEn from '../notifications/strings.en.json';
import notificationsFr from '../notifications/strings.fr.json';
import en from './en.json';
import fr from './fr.json';

/** Locales with complete strings; any other locale falls back to English. */
export const SUPPORTED_LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  resources: {
    en: { translation: { ...en, cases: casesEn, escalation: escalationEn, notifications: notificationsEn } },
    fr: { translation: { ...fr, cases: casesFr, escalation: escalationFr, notifications: notificationsFr } },
  },
  fallbackLng: 'en',
  supportedLngs: [...SUPPORTED_LOCALES],
  interpolation: { escapeValue: false },
});

/** Maps a Teams locale ("fr-FR", "fr-ca", "en-US", undefined) to one we speak. */
export function resolveLocale(teamsLocale: string | undefined): Locale {
  const language = (teamsLocale ?? '').toLowerCase().split(/[-_]/)[0];
  return (SUPPORTED_LOCALES as readonly string[]).includes(language ?? '') ? (language as Locale) : 'en';
}

/** A translator bound to one locale. */
export type Translate = TFunction;

export function translator(locale: Locale): Translate {
  return i18n.getFixedT(locale);
}
