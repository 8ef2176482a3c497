import fs from 'node:fs';
import path from 'node:path';
import { translator } from '../../../src/i18n';

const SRC = path.join(__dirname, '../../../src');

/** Every literal key passed to a translator (`t('a.b')`, `agentsT('a.b', …)`) in the source. */
function literalKeys(): Array<{ file: string; key: string }> {
  const found: Array<{ file: string; key: string }> = [];
  for (const entry of fs.readdirSync(SRC, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\b[a-zA-Z]*[tT]\(\s*'([a-zA-Z][\w]*(?:\.[\w]+)+)'/g)) {
      found.push({ file: path.relative(SRC, file), key: match[1]! });
    }
  }
  return found;
}

describe('translation keys used in the code', () => {
  const keys = literalKeys();

  it('finds the keys (the scan works)', () => {
    expect(keys.length).toBeGreaterThan(100);
  });

  it.each(['en', 'fr'] as const)('every literal key exists in %s (plural keys with their _one form), so no user ever sees a raw key', (locale) => {
    const t = translator(locale);
    const missing = keys.filter(({ key }) => t(key, { count: 1, defaultValue: '\u0000missing' }) === '\u0000missing');
    expect(missing).toEqual([]);
  });
});
