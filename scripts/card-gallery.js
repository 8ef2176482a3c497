#!/usr/bin/env node
'use strict';
/*
 * Card gallery: renders every card with the Adaptive Cards JS renderer in headless Chromium (Teams-like host
 * config, light and dark, en and fr), writes docs/cards/<name>.<locale>.<theme>.png, and fails when a card
 * renders with a parse/validation error or is wider than the chat column. Runs the jest suite
 * test/e2e/cardGallery.e2e.ts with its own config, so `npm test` never starts a browser.
 *
 *   node scripts/card-gallery.js [jest args]
 *
 * Needs the Debian chromium (`apt-get install -y chromium`) or CHROMIUM_PATH; never downloads a browser.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const child = spawn(process.execPath, [
  require.resolve('jest/bin/jest'), '--config', path.join(root, 'test', 'e2e', 'jest.e2e.config.js'), '--runInBand', ...process.argv.slice(2),
], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 1));
