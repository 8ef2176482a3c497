'use strict';
/**
 * Builds the Teams app package contents from the templates in appPackage/:
 * reads the settings from the environment, fills the `${{NAME}}` placeholders (Microsoft 365
 * Agents Toolkit syntax), validates manifest.json and its localization files against the
 * schemas bundled in @microsoft/app-manifest (offline), and checks the icon sizes.
 * Used by scripts/package-app.js and by test/integration/appPackage.test.ts.
 */
const fs = require('node:fs/promises');
const path = require('node:path');
const { AppManifestUtils } = require('@microsoft/app-manifest');
const { PNG } = require('pngjs');

const APP_PACKAGE_DIR = path.resolve(__dirname, '..', 'appPackage');
const MANIFEST_FILE = 'manifest.json';
const DEFAULT_TEAMS_APP_ID = '132c1b4a-688e-4078-b2a0-33f06689c868';
const DEFAULT_APP_NAME_SHORT = 'Support Triage';

const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOST_NAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const TEAMS_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
/** Scopes of the agents' dashboard tabs the package may carry (DASHBOARD_TABS). */
const DASHBOARD_TAB_SCOPES = ['personal', 'team'];
const DEFAULT_DASHBOARD_TABS = 'personal,team';

/** A configuration or validation failure; `problems` lists every issue found, one per line. */
class AppPackageError extends Error {
  constructor(problems) {
    super(problems.join('\n'));
    this.name = 'AppPackageError';
    this.problems = problems;
  }
}

/**
 * Reads the package settings from environment variables and returns the placeholder values.
 * Throws AppPackageError naming every missing or malformed variable.
 */
function readSettings(env, defaultVersion) {
  const problems = [];
  const read = (name) => (env[name] ?? '').trim();
  const required = (name, meaning) => {
    const value = read(name);
    if (!value) problems.push(`${name} is not set: ${meaning}.`);
    return value;
  };

  const botId = required('MicrosoftAppId', "set it to the bot's Microsoft Entra app (client) ID");
  if (botId && !GUID.test(botId)) {
    problems.push(`MicrosoftAppId must be a GUID (the Entra app client ID), got "${botId}".`);
  }

  const botDomain = required('BOT_DOMAIN', 'set it to the public host name of the bot endpoint, e.g. bot.contoso.com');
  if (botDomain && !HOST_NAME.test(botDomain)) {
    problems.push(`BOT_DOMAIN must be a bare host name such as bot.contoso.com (no scheme, port or path), got "${botDomain}".`);
  }

  const partnerName = required('PARTNER_NAME', 'set it to the partner name shown as the app developer');

  const website = required(
    'PARTNER_WEBSITE',
    'set it to the https address of the partner website; the privacy and terms URLs are <website>/privacy and <website>/terms',
  ).replace(/\/+$/, '');
  if (website && !isPlainHttpsUrl(website)) {
    problems.push(`PARTNER_WEBSITE must be an https URL without query or fragment, e.g. https://www.contoso.com, got "${website}".`);
  }

  const teamsAppId = read('TEAMS_APP_ID') || DEFAULT_TEAMS_APP_ID;
  if (!GUID.test(teamsAppId)) {
    problems.push(`TEAMS_APP_ID must be a GUID, got "${teamsAppId}".`);
  }

  const version = read('APP_VERSION') || defaultVersion;
  if (!TEAMS_VERSION.test(version)) {
    problems.push(`APP_VERSION must be MAJOR.MINOR.PATCH (Teams accepts no pre-release or build suffix), got "${version}".`);
  }

  const nameShort = read('APP_NAME_SHORT') || DEFAULT_APP_NAME_SHORT;
  const nameFull = read('APP_NAME_FULL') || `${partnerName} ${nameShort}`.trim();
  for (const [name, value, limit] of [
    ['APP_NAME_SHORT', nameShort, 30],
    ['APP_NAME_FULL', nameFull, 100],
    ['PARTNER_NAME', partnerName, 32],
  ]) {
    if (value.length > limit) {
      problems.push(`${name} must be at most ${limit} characters, got ${value.length}: "${value}".`);
    }
  }

  const dashboardTabs = (read('DASHBOARD_TABS') || DEFAULT_DASHBOARD_TABS).toLowerCase();
  const tabScopes = dashboardTabs === 'none' ? [] : dashboardTabs.split(',').map((scope) => scope.trim());
  if (tabScopes.some((scope) => !DASHBOARD_TAB_SCOPES.includes(scope))) {
    problems.push(`DASHBOARD_TABS must be "none" or a comma-separated list of ${DASHBOARD_TAB_SCOPES.join(', ')}, got "${dashboardTabs}".`);
  }

  if (problems.length > 0) throw new AppPackageError(problems);
  return {
    DASHBOARD_TABS: tabScopes.join(','),
    BOT_ID: botId,
    BOT_DOMAIN: botDomain,
    PARTNER_NAME: partnerName,
    PARTNER_WEBSITE: website,
    TEAMS_APP_ID: teamsAppId,
    APP_VERSION: version,
    APP_NAME_SHORT: nameShort,
    APP_NAME_FULL: nameFull,
  };
}

function isPlainHttpsUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

/**
 * Returns a copy of a JSON document with `${{NAME}}` replaced by values[NAME] in every string
 * value. Throws AppPackageError naming each placeholder that remains, with its JSON pointer.
 */
function fillPlaceholders(document, values, label) {
  const leftovers = [];
  const fill = (node, pointer) => {
    if (typeof node === 'string') {
      const filled = node.replace(PLACEHOLDER, (match, name) => (Object.hasOwn(values, name) ? values[name] : match));
      for (const [, name] of filled.matchAll(PLACEHOLDER)) {
        leftovers.push(`${label}: no value for placeholder \${{${name}}} at ${pointer || '/'}.`);
      }
      return filled;
    }
    if (Array.isArray(node)) return node.map((item, index) => fill(item, `${pointer}/${index}`));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value, `${pointer}/${key}`)]));
    }
    return node;
  };
  const filled = fill(document, '');
  if (leftovers.length > 0) throw new AppPackageError(leftovers);
  return filled;
}

/**
 * Validates a manifest or localization file against the bundled schema its `$schema` names.
 * ajv compiles patterns as Unicode regular expressions, and the bundled localization schemas
 * contain patterns with an unescaped `]` (`...\b]\.description$`) that only compile without
 * the u flag; those patterns are passed with the `]` escaped, which matches the same strings.
 */
async function schemaErrors(document) {
  if (typeof document.$schema !== 'string') return ['has no $schema property naming its schema'];
  const schema = await AppManifestUtils.fetchSchema(document.$schema);
  return AppManifestUtils.validateAgainstSchema(document, withUnicodeSafePatterns(schema));
}

function withUnicodeSafePatterns(node) {
  if (Array.isArray(node)) return node.map(withUnicodeSafePatterns);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'pattern' && typeof value === 'string') return [key, unicodeSafePattern(value)];
      if (key === 'patternProperties') {
        return [key, Object.fromEntries(Object.entries(value).map(([pattern, sub]) => [unicodeSafePattern(pattern), withUnicodeSafePatterns(sub)]))];
      }
      return [key, withUnicodeSafePatterns(value)];
    }),
  );
}

/** Escapes each `]` outside a character class when the pattern is not valid with the u flag. */
function unicodeSafePattern(pattern) {
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    let out = '';
    let inClass = false;
    for (let i = 0; i < pattern.length; i += 1) {
      const char = pattern[i];
      if (char === '\\') {
        out += char + (pattern[i + 1] ?? '');
        i += 1;
      } else if (char === ']' && !inClass) {
        out += '\\]';
      } else {
        if (char === '[') inClass = true;
        if (char === ']') inClass = false;
        out += char;
      }
    }
    return out;
  }
}

/** The manifest value a localization key such as `bots[0].commandLists[1].commands[2].title` names. */
function localizedValue(manifest, key) {
  return (key.match(/[^.[\]]+/g) ?? []).reduce((node, step) => (node === null || typeof node !== 'object' ? undefined : node[step]), manifest);
}

async function readJson(dir, file) {
  return JSON.parse(await fs.readFile(path.join(dir, file), 'utf8'));
}

/**
 * Keeps the dashboard static tabs whose scope DASHBOARD_TABS names (a comma-separated list; undefined keeps all),
 * dropping `staticTabs` when none is left (a package for customers' tenants, whose users must not see the tab). Returns the manifest and a function that renumbers the `staticTabs[i]`
 * keys of a localization file to match (keys of a dropped tab are removed).
 */
function withDashboardTabs(manifest, tabs) {
  const wanted = tabs === undefined ? DASHBOARD_TAB_SCOPES : tabs.split(',').filter(Boolean);
  const indexes = new Map();
  const kept = (manifest.staticTabs ?? []).filter((tab, index) => {
    const keep = tab.scopes.every((scope) => wanted.includes(scope));
    if (keep) indexes.set(index, indexes.size);
    return keep;
  });
  const result = { ...manifest, staticTabs: kept };
  if (kept.length === 0) delete result.staticTabs;
  const renumber = (strings) => Object.fromEntries(Object.entries(strings).flatMap(([key, value]) => {
    const match = /^staticTabs\[(\d+)\](.*)$/.exec(key);
    if (!match) return [[key, value]];
    const index = indexes.get(Number(match[1]));
    return index === undefined ? [] : [[`staticTabs[${index}]${match[2]}`, value]];
  }));
  return { manifest: result, renumber };
}

/**
 * Fills and validates every file of the app package. Returns the filled manifest and the files
 * to zip (name and content). Throws AppPackageError listing every problem found.
 */
async function buildAppPackage(values, dir = APP_PACKAGE_DIR) {
  const filled = fillPlaceholders(await readJson(dir, MANIFEST_FILE), values, `appPackage/${MANIFEST_FILE}`);
  const { manifest, renumber } = withDashboardTabs(filled, values.DASHBOARD_TABS);
  const documents = [[MANIFEST_FILE, manifest]];
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    documents.push([file, renumber(fillPlaceholders(await readJson(dir, file), values, `appPackage/${file}`))]);
  }

  const problems = [];
  for (const [file, document] of documents) {
    for (const error of await schemaErrors(document)) problems.push(`appPackage/${file} fails its schema: ${error}`);
  }
  for (const [file, strings] of documents.slice(1)) {
    for (const key of Object.keys(strings).filter((name) => name !== '$schema' && name !== 'localizationKeys')) {
      if (typeof localizedValue(manifest, key) !== 'string') {
        problems.push(`appPackage/${file}: key "${key}" names no string in ${MANIFEST_FILE}.`);
      }
    }
  }

  const files = documents.map(([file, document]) => ({
    name: file,
    data: Buffer.from(`${JSON.stringify(document, null, 2)}\n`, 'utf8'),
  }));
  const iconSizes = [
    [manifest.icons.color, 192],
    [manifest.icons.outline, 32],
  ];
  for (const [file, size] of iconSizes) {
    const data = await fs.readFile(path.join(dir, file));
    const { width, height } = PNG.sync.read(data);
    if (width !== size || height !== size) {
      problems.push(`appPackage/${file} must be ${size}×${size} pixels, found ${width}×${height} (regenerate with node scripts/make-icons.js).`);
    }
    files.push({ name: file, data });
  }

  if (problems.length > 0) throw new AppPackageError(problems);
  return { manifest, files };
}

module.exports = {
  DEFAULT_TEAMS_APP_ID,
  AppPackageError,
  buildAppPackage,
  fillPlaceholders,
  readSettings,
  schemaErrors,
  withDashboardTabs,
};
