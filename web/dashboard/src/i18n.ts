/**
 * The page's strings: the `dashboard` section of the bot's own string files (src/i18n/en.json, fr.json), bundled.
 * Placeholders are i18next's `{{name}}`, as everywhere else in the bot.
 */
import { dashboard as en, health as enHealth } from '../../../src/i18n/en.json';
import { dashboard as fr, health as frHealth } from '../../../src/i18n/fr.json';

export type Language = 'en' | 'fr';

type Strings = typeof en;

/** Dotted paths to the strings of a nested string table ("queue.caption"). */
type Leaves<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}` }[keyof T & string];

export type StringKey = Leaves<Strings>;
export type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

const TABLES: Record<Language, Strings> = { en, fr };
const HEALTH_STATUS: Record<Language, Record<string, string | undefined>> = { en: enHealth.status, fr: frHealth.status };

/** fr, fr-FR, fr-ca → fr; anything else → en (the bot's own rule, src/i18n/index.ts `resolveLocale`). */
export function languageOf(locale: string | undefined): Language {
  return (locale ?? '').toLowerCase().split(/[-_]/)[0] === 'fr' ? 'fr' : 'en';
}

function lookup(table: unknown, key: string): string {
  let node: unknown = table;
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : key;
}

/** A translator for one language. */
export function translator(language: Language): Translate {
  const table = TABLES[language];
  return (key, values = {}) =>
    lookup(table, key).replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A Microsoft service health status (Graph `serviceHealthStatus`) as the bot's health cards word it; else as is. */
export function healthStatusLabel(language: Language, status: string): string {
  return HEALTH_STATUS[language][status] ?? status;
}
