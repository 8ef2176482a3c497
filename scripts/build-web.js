#!/usr/bin/env node
'use strict';
/**
 * Builds the dashboard tab (web/dashboard/) into dist/web/dashboard/: index.html, app.js (one bundle: the page,
 * the Teams JavaScript library, Chart.js, the Fluent tokens, the dashboard strings) and app.css. No CDN, no font
 * files: the bot's own server serves all three at /tab. `npm run build:web` (run by `npm run build`).
 */
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
const SOURCE = path.join(ROOT, 'web', 'dashboard');
const OUT = path.join(ROOT, 'dist', 'web', 'dashboard');

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
  });
  fs.copyFileSync(path.join(SOURCE, 'index.html'), path.join(OUT, 'index.html'));
  const sizes = Object.entries(result.metafile.outputs)
    .filter(([file]) => !file.endsWith('.map'))
    .map(([file, { bytes }]) => `${path.basename(file)} ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(`[build:web] ${path.relative(ROOT, OUT)}: ${sizes.join(', ')}`);
}

main().catch((error) => {
  console.error(`[build:web] ${error.message}`);
  process.exit(1);
});
