/**
 * Browser tests (Chromium through playwright-core), kept out of `npm test`: run with `node scripts/card-gallery.js`
 * (or `npm run test:e2e`). Matches test/e2e/**\/*.e2e.ts only.
 */
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: root,
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(root, 'tsconfig.json') }] },
  testTimeout: 180000,
  setupFiles: ['<rootDir>/test/support/env.ts'],
};
