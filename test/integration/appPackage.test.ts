import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import {
  AppPackageError,
  DEFAULT_TEAMS_APP_ID,
  buildAppPackage,
  JsonDocument,
  fillPlaceholders,
  readSettings,
  schemaErrors,
} from '../../scripts/appPackage';

// @microsoft/app-manifest requires strip-bom 5, an ES module that Jest's CommonJS runtime on
// Node 20 cannot require (plain Node 20.19+ can). Stand in with the same one-line behaviour.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
}));

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_SCRIPT = path.join(ROOT, 'scripts', 'package-app.js');

const BOT_ID = '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e';
const SETTINGS = {
  MicrosoftAppId: BOT_ID,
  BOT_DOMAIN: 'support-bot.contoso.example',
  PARTNER_NAME: 'Contoso CSP',
  PARTNER_WEBSITE: 'https://www.contoso.example/',
  APP_VERSION: '2.3.4',
};

const PERSONAL_COMMANDS = ['help', 'support', 'health', 'agent', 'status', 'cancel', 'notify', 'stop notifications'];
const TEAM_COMMANDS = ['queue', 'case', 'health', 'use this channel', 'requests', 'outage'];

interface Command {
  title: string;
  description: string;
}
interface Manifest {
  id: string;
  version: string;
  developer: { websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  name: { short: string; full: string };
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  bots: { botId: string; scopes: string[]; supportsFiles: boolean; commandLists: { scopes: string[]; commands: Command[] }[] }[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  staticTabs?: { entityId: string; name: string; contentUrl: string; scopes: string[] }[];
  authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
}

function template(file: string): JsonDocument {
  return JSON.parse(readFileSync(path.join(ROOT, 'appPackage', file), 'utf8')) as JsonDocument;
}

/** Runs the package script as an async child process (the test process keeps its event loop). */
function runPackageScript(env: Record<string, string>, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // NODE_ENV=production keeps a developer's .env out of the child; PATH is all it needs besides.
    const child = spawn(process.execPath, [PACKAGE_SCRIPT, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('Teams app package', () => {
  let outDir: string;

  beforeAll(() => {
    outDir = mkdtempSync(path.join(tmpdir(), 'app-package-'));
  });

  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  it('fills the manifest and fr.json so that they pass the official v1.30 schemas', async () => {
    const values = readSettings(SETTINGS, '0.0.1');
    const manifest = fillPlaceholders(template('manifest.json'), values, 'manifest.json');
    const french = fillPlaceholders(template('fr.json'), values, 'fr.json');

    expect(await schemaErrors(manifest)).toEqual([]);
    expect(await schemaErrors(french)).toEqual([]);
    expect(JSON.stringify([manifest, french])).not.toContain('${{');

    const m = manifest as unknown as Manifest;
    expect(m.id).toBe(DEFAULT_TEAMS_APP_ID);
    expect(m.version).toBe('2.3.4');
    expect(m.name).toEqual({ short: 'Support Triage', full: 'Contoso CSP Support Triage' });
    expect(m.developer).toMatchObject({
      websiteUrl: 'https://www.contoso.example',
      privacyUrl: 'https://www.contoso.example/privacy',
      termsOfUseUrl: 'https://www.contoso.example/terms',
    });
    expect(m.validDomains).toContain('support-bot.contoso.example');
    // The agents' tab: Teams SSO tokens for this resource are what the bot's dashboard API accepts.
    expect(m.webApplicationInfo).toEqual({ id: BOT_ID, resource: `api://support-bot.contoso.example/${BOT_ID}` });
    expect(m.staticTabs).toEqual([
      { entityId: 'agentsDashboard', name: 'Dashboard', contentUrl: 'https://support-bot.contoso.example/tab', scopes: ['personal'] },
      { entityId: 'agentsTeamDashboard', name: 'Dashboard', contentUrl: 'https://support-bot.contoso.example/tab', scopes: ['team'] },
    ]);
    expect((french as Record<string, string>)['staticTabs[1].name']).toBe('Tableau de bord');
    expect(m.authorization.permissions.resourceSpecific).toContainEqual({ name: 'ChannelMessage.Read.Group', type: 'Application' });
    expect(m.localizationInfo).toEqual({ defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'fr-fr', file: 'fr.json' }] });

    const [bot] = m.bots;
    expect(bot).toMatchObject({ botId: BOT_ID, scopes: ['personal', 'team'], supportsFiles: false });
    const lists = bot!.commandLists;
    expect(lists.map((list) => list.scopes)).toEqual([['personal'], ['team']]);
    expect(lists[0]!.commands.map((command) => command.title)).toEqual(PERSONAL_COMMANDS);
    expect(lists[1]!.commands.map((command) => command.title)).toEqual(TEAM_COMMANDS);

    // v1.30 allows 128/4000 characters; older schemas (and older clients) allow 32/128.
    const frenchStrings = french as Record<string, string>;
    lists.forEach((list, l) =>
      list.commands.forEach((command, c) => {
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeLessThanOrEqual(128);
        const key = `bots[0].commandLists[${l}].commands[${c}]`;
        expect(frenchStrings[`${key}.title`]?.length).toBeLessThanOrEqual(32);
        expect(frenchStrings[`${key}.description`]?.length).toBeLessThanOrEqual(128);
      }),
    );
  });

  it.each([
    ['team', ['team']],
    ['personal', ['personal']],
    ['none', []],
  ])('DASHBOARD_TABS=%s keeps only those dashboard tabs, and fr.json follows', async (tabs, scopes) => {
    const { manifest, files } = await buildAppPackage(readSettings({ ...SETTINGS, DASHBOARD_TABS: tabs }, '0.0.1'));
    const m = manifest as unknown as Manifest;
    expect((m.staticTabs ?? []).map((tab) => tab.scopes[0])).toEqual(scopes);
    const french = JSON.parse(files.find((f) => f.name === 'fr.json')!.data.toString('utf8')) as Record<string, string>;
    expect(Object.keys(french).filter((key) => key.startsWith('staticTabs'))).toEqual(scopes.map((_, i) => `staticTabs[${i}].name`));
    expect(await schemaErrors(manifest)).toEqual([]);
  });

  it('refuses an unknown DASHBOARD_TABS scope', () => {
    expect(() => readSettings({ ...SETTINGS, DASHBOARD_TABS: 'team,groupChat' }, '0.0.1')).toThrow(/DASHBOARD_TABS must be "none" or a comma-separated list/);
  });

  it('names a placeholder that has no value', () => {
    const values = readSettings(SETTINGS, '0.0.1');
    expect(() => fillPlaceholders({ name: { short: '${{APP_NAME_SHORT}}', full: '${{NOT_CONFIGURED}}' } }, values, 'manifest.json')).toThrow(
      'manifest.json: no value for placeholder ${{NOT_CONFIGURED}} at /name/full.',
    );
  });

  it('names every missing or malformed setting', () => {
    const attempt = () => readSettings({ BOT_DOMAIN: 'https://bot.example.com', PARTNER_NAME: 'Contoso' }, '1.0.0-beta.1');
    expect(attempt).toThrow(AppPackageError);
    expect(attempt).toThrow(/MicrosoftAppId is not set/);
    expect(attempt).toThrow(/BOT_DOMAIN must be a bare host name/);
    expect(attempt).toThrow(/PARTNER_WEBSITE is not set/);
    expect(attempt).toThrow(/APP_VERSION must be MAJOR\.MINOR\.PATCH/);
  });

  it('rejects a localization key that names no string of the manifest', async () => {
    const dir = path.join(outDir, 'templates');
    cpSync(path.join(ROOT, 'appPackage'), dir, { recursive: true });
    const french = { ...template('fr.json'), 'bots[0].commandLists[1].commands[6].title': 'commande inconnue' };
    writeFileSync(path.join(dir, 'fr.json'), JSON.stringify(french));
    await expect(buildAppPackage(readSettings(SETTINGS, '0.0.1'), dir)).rejects.toThrow(
      'appPackage/fr.json: key "bots[0].commandLists[1].commands[6].title" names no string in manifest.json.',
    );
  });

  it('package script writes a zip with the filled manifest, fr.json and valid icons', async () => {
    const out = path.join(outDir, 'nested', 'app.zip');
    const result = await runPackageScript(SETTINGS, ['--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const zip = new AdmZip(out);
    const entries = new Map(zip.getEntries().map((entry) => [entry.entryName, entry.getData()]));
    expect([...entries.keys()].sort()).toEqual(['color.png', 'fr.json', 'manifest.json', 'outline.png']);

    for (const file of ['manifest.json', 'fr.json']) {
      const text = entries.get(file)!.toString('utf8');
      expect(text).not.toContain('${{');
      expect(await schemaErrors(JSON.parse(text) as JsonDocument)).toEqual([]);
    }
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as Manifest;
    expect(manifest.bots[0]!.botId).toBe(BOT_ID);
    expect(manifest.version).toBe('2.3.4');

    const color = PNG.sync.read(entries.get('color.png')!);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([...color.data.subarray(0, 4)]).toEqual([0x0f, 0x6c, 0xbd, 255]);

    const outline = PNG.sync.read(entries.get('outline.png')!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    const notWhite: number[] = [];
    for (let offset = 0; offset < outline.data.length; offset += 4) {
      if (outline.data[offset + 3] === 0) {
        transparent += 1;
      } else if (outline.data[offset] !== 255 || outline.data[offset + 1] !== 255 || outline.data[offset + 2] !== 255) {
        notWhite.push(offset / 4);
      }
    }
    expect(transparent).toBeGreaterThan(0);
    expect(transparent).toBeLessThan(32 * 32);
    expect(notWhite).toEqual([]);
  });

  it('package script exits non-zero and names MicrosoftAppId when it is missing', async () => {
    const out = path.join(outDir, 'missing-id.zip');
    const withoutBotId = Object.fromEntries(Object.entries(SETTINGS).filter(([name]) => name !== 'MicrosoftAppId'));
    const result = await runPackageScript(withoutBotId, ['--out', out]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('MicrosoftAppId is not set');
    expect(existsSync(out)).toBe(false);
  });
});
