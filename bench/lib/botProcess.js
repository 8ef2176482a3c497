'use strict';
/** `node botProcess.js echo|app`: the bot under test in its own process; app settings come from the environment. */
const { startOurApp } = require('./common');
const { startEchoBot } = require('./echoBot');
const { serve } = require('./proc');

async function main() {
  const kind = process.argv[2];
  const bot = kind === 'echo' ? await startEchoBot() : await startOurApp();
  serve({ url: bot.url }, {
    memory: () => { global.gc?.(); global.gc?.(); return process.memoryUsage(); },
    stop: () => bot.stop(),
  });
}
main().catch((err) => { console.error(err); process.exit(1); });
