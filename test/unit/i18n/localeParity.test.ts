import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLocale, translator } from '../../../src/i18n';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function load(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Every pair of string files: src/i18n/{en,fr}.json and each feature's strings.{en,fr}.json. */
function stringFilePairs(): Array<[string, string]> {
  const pairs: Array<[string, string]> = [[join('src', 'i18n', 'en.json'), join('src', 'i18n', 'fr.json')]];
  for (const dir of readdirSync('src', { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    const en = join('src', dir.name, 'strings.en.json');
    try {
      readFileSync(en);
      pairs.push([en, join('src', dir.name, 'strings.fr.json')]);
    } catch {
      continue;
    }
  }
  return pairs;
}

describe('i18n', () => {
  it.each(stringFilePairs())('%s and its French twin have exactly the same keys', (enFile, frFile) => {
    expect(keys(load(frFile)).sort()).toEqual(keys(load(enFile)).sort());
  });

  it.each([['fr-FR', 'fr'], ['fr-ca', 'fr'], ['en-US', 'en'], ['de-DE', 'en'], [undefined, 'en']])('Teams locale %s speaks %s', (teams, expected) => {
    expect(resolveLocale(teams)).toBe(expected);
  });

  it('interpolates values', () => {
    expect(translator('fr')('welcome.preview', { partner: 'Contoso' })).toBe('Bienvenue au support de Contoso');
  });

  it('memoizes lookups per locale, key and options without mixing them up', () => {
    const en = translator('en');
    expect(translator('en')).toBe(en);
    for (let round = 0; round < 2; round++) {
      expect(en('health.status.serviceOperational')).toBe('Healthy');
      expect(translator('fr')('welcome.preview', { partner: 'Contoso' })).toBe('Bienvenue au support de Contoso');
      expect(translator('fr')('welcome.preview', { partner: 'Fabrikam' })).toBe('Bienvenue au support de Fabrikam');
      expect(en('health.checkedAt', { time: '09:05' })).toBe('Checked 09:05 UTC');
      expect(en('health.checkedAt', { time: '09:06' })).toBe('Checked 09:06 UTC');
      const long = 'x'.repeat(1_000);
      expect(en('health.checkedAt', { time: long })).toBe(`Checked ${long} UTC`);
    }
  });
});
