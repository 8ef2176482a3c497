import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BOTBUILDER_SETTINGS, CONFIG_SETTINGS } from '../../src/config';

const root = path.join(__dirname, '..', '..');
const envExample = readFileSync(path.join(root, '.env.example'), 'utf8');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

/** The rows of the README's configuration table (between "## Configuration" and the next heading). */
function configurationTable(): string {
  const start = readme.indexOf('## Configuration');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end);
}

describe('every setting the bot reads is documented', () => {
  it.each([...CONFIG_SETTINGS, ...BOTBUILDER_SETTINGS])('%s is in .env.example with its default', (name) => {
    expect(envExample).toMatch(new RegExp(`^# ${name}=`, 'm'));
  });

  it.each(CONFIG_SETTINGS)('%s is in the README configuration table', (name) => {
    expect(configurationTable()).toContain(`\`${name}\``);
  });
});
