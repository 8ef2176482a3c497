#!/usr/bin/env node
/*
 * Runs jest with the test certificate trusted (NODE_EXTRA_CA_CERTS is read only at process start),
 * so the https stand-ins for Entra and Graph work with the real @azure/identity and Graph client.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const child = spawn(process.execPath, [require.resolve('jest/bin/jest'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_EXTRA_CA_CERTS: path.join(root, 'test', 'support', 'certs', 'cert.pem') },
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 1));
