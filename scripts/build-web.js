#!/usr/bin/env node
'use strict';
/**
 * Builds the dashboard tab (web/dashboard/) into dist/web/dashboard/: index.html, app.js (one bundle: the page,
 * the Teams JavaScript library, Chart.js, the Fluent tokens, the dashboard strings), app.css, the app's icon and
 * validDomains.json (below). No CDN, no font files: the bot's own server serves them all at /tab.
 * `npm run build:web` (run by `npm run build`).
 *
 * The Teams JavaScript library fetches its list of valid host origins from res.cdn.office.net when it loads, and
 * falls back to the copy it ships when that fails. The tab's Content-Security-Policy allows only its own origin,
 * so that fetch would be refused (an error in the console, in Teams too). The build points the library at
 * /tab/validDomains.json instead and writes there the list the library ships: the same origins, from our host.
 */
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
const SOURCE = path.join(ROOT, 'web', 'dashboard');
const OUT = path.join(ROOT, 'dist', 'web', 'dashboard');
const TEAMS_JS = path.dirname(require.resolve('@microsoft/teams-js/package.json'));
const TEAMS_JS_SRC = path.join(TEAMS_JS, 'dist', 'esm', 'packages', 'teams-js', 'src');
const ORIGINS_CDN_URL = 'new URL("https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json")';
const ORIGINS_LOCAL_URL = 'new URL("/tab/validDomains.json",self.location.href)';

/** esbuild plugin: the Teams JavaScript library reads its valid origins from /tab/validDomains.json (see above). */
const localValidOrigins = {
  name: 'teams-js-local-valid-origins',
  setup(build) {
    const constants = path.join(TEAMS_JS_SRC, 'internal', 'constants.js');
    build.onLoad({ filter: /teams-js[\\/].*[\\/]internal[\\/]constants\.js$/ }, (args) => {
      if (path.resolve(args.path) !== constants) return undefined;
      const source = fs.readFileSync(args.path, 'utf8');
      if (!source.includes(ORIGINS_CDN_URL)) {
        throw new Error(`${path.relative(ROOT, args.path)} no longer names ${ORIGINS_CDN_URL}: check how this @microsoft/teams-js fetches its valid origins`);
      }
      return { contents: source.replace(ORIGINS_CDN_URL, ORIGINS_LOCAL_URL), loader: 'js' };
    });
  },
};

/** The valid origins list the Teams JavaScript library ships (its CDN file's format: `{ validOrigins: [...] }`). */
function shippedValidOrigins() {
  const { outputFiles } = esbuild.buildSync({
    entryPoints: [path.join(TEAMS_JS_SRC, 'artifactsForCDN', 'validDomains.json.js')],
    format: 'cjs',
    write: false,
  });
  const module = { exports: {} };
  new Function('module', 'exports', outputFiles[0].text)(module, module.exports);
  const { validOrigins } = module.exports;
  if (!Array.isArray(validOrigins) || validOrigins.length === 0) throw new Error('@microsoft/teams-js ships no valid origins list');
  return { validOrigins };
}

async function main() {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const result = await esbuild.build({
    entryPoints: { app: path.join(SOURCE, 'src', 'main.ts') },
    outdir: OUT,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome120', 'edge120', 'firefox120', 'safari16'],
    minify: true,
    legalComments: 'eof',
    tsconfig: path.join(SOURCE, 'tsconfig.json'),
    logLevel: 'warning',
    metafile: true,
    plugins: [localValidOrigins],
  });
  fs.copyFileSync(path.join(SOURCE, 'index.html'), path.join(OUT, 'index.html'));
  fs.copyFileSync(path.join(SOURCE, 'icon.png'), path.join(OUT, 'icon.png'));
  fs.writeFileSync(path.join(OUT, 'validDomains.json'), `${JSON.stringify(shippedValidOrigins(), null, 2)}\n`);
  const sizes = Object.entries(result.metafile.outputs)
    .filter(([file]) => !file.endsWith('.map'))
    .map(([file, { bytes }]) => `${path.basename(file)} ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(`[build:web] ${path.relative(ROOT, OUT)}: ${sizes.join(', ')}`);
}

main().catch((error) => {
  console.error(`[build:web] ${error.message}`);
  process.exit(1);
});
