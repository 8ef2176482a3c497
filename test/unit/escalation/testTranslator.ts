/** A translator holding only the escalation strings, as they will be merged under `escalation`. */
import i18next from 'i18next';
import type { Translate } from '../../../src/i18n';
import en from '../../../src/escalation/strings.en.json';
import fr from '../../../src/escalation/strings.fr.json';

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: { en: { translation: { escalation: en } }, fr: { translation: { escalation: fr } } },
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

export function escalationTranslator(locale: 'en' | 'fr'): Translate {
  return instance.getFixedT(locale);
}
