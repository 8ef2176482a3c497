import i18next, { type TFunction } from 'i18next';
import en from './en.json';
import fr from './fr.json';

/** Locales with complete strings; any other locale falls back to English. */
export const SUPPORTED_LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  resources: { en: { translation: en }, fr: { translation: fr } },
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
