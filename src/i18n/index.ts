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

/** Memoized lookups per locale before the memo is emptied (a bound on memory, not a size anyone reaches). */
const MEMO_LIMIT = 5_000;
/** Lookups whose options serialize longer than this (free text from customers) are not memoized. */
const MEMO_OPTIONS_CHARS = 256;

const translators = new Map<Locale, Translate>();

/**
 * The translator of a locale. Its results are memoized by key and options: the resources are loaded once at
 * start and never change, and an i18next lookup costs 15 to 30 µs (a health card makes about 35 of them).
 * Only lookups with no options or with flat, short options (numbers, ids, names) are memoized.
 */
export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    t = memoized(i18n.getFixedT(locale));
    translators.set(locale, t);
  }
  return t;
}

function memoKey(args: readonly unknown[]): string | undefined {
  const [key, options] = args;
  if (typeof key !== 'string' || args.length > 2) return undefined;
  if (args.length === 1 || options === undefined) return key;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return undefined;
  const values = Object.values(options);
  if (!values.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) return undefined;
  const json = JSON.stringify(options);
  return json.length > MEMO_OPTIONS_CHARS ? undefined : `${key}\u0000${json}`;
}

function memoized(t: TFunction): Translate {
  const lookup = t as unknown as (...args: unknown[]) => unknown;
  const memo = new Map<string, unknown>();
  const translate = (...args: unknown[]): unknown => {
    const key = memoKey(args);
    if (key === undefined) return lookup(...args);
    if (memo.has(key)) return memo.get(key);
    const value = lookup(...args);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, value);
    return value;
  };
  return translate as unknown as Translate;
}
