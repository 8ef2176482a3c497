'use strict';
/** Runs a bench service (bot, Connector stand-in) in its own process so the load generator does not share its CPU. */
const { fork } = require('node:child_process');
const path = require('node:path');

function forkService(script, args = [], { env = {}, execArgv = [] } = {}) {
  const child = fork(path.join(__dirname, script), args, { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let seq = 0;
  const pending = new Map();
  let ready;
  const started = new Promise((resolve, reject) => {
    ready = resolve;
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
  child.on('message', (m) => {
    if (m.type === 'ready') ready(m);
    else if (m.type === 'reply' && pending.has(m.seq)) { pending.get(m.seq)(m.value); pending.delete(m.seq); }
  });
  return {
    child,
    started,
    request(name, arg) {
      const id = ++seq;
      return new Promise((resolve) => { pending.set(id, resolve); child.send({ type: 'request', seq: id, name, arg }); });
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'request', seq: 0, name: 'stop' });
        setTimeout(() => { if (child.exitCode === null) child.kill('SIGKILL'); }, 15_000).unref();
      });
    },
  };
}

/** Child side: announce readiness and answer requests with `handlers[name](arg)`. */
function serve(info, handlers) {
  process.on('message', async (m) => {
    if (m.type !== 'request') return;
    if (m.name === 'stop') {
      try { await handlers.stop?.(); } finally { process.exit(0); }
    }
    const value = await handlers[m.name]?.(m.arg);
    process.send({ type: 'reply', seq: m.seq, value });
  });
  process.send({ type: 'ready', ...info });
}

module.exports = { forkService, serve };
