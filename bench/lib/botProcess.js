'use strict';
/** `node botProcess.js echo|app`: the bot under test in its own process; app settings come as JSON in BENCH_APP_ENV. */
const { startOurApp } = require('./common');
const { startEchoBot } = require('./echoBot');
const { serve } = require('./proc');

async function main() {
  const kind = process.argv[2];
  const bot = kind === 'echo' ? await startEchoBot() : await startOurApp(JSON.parse(process.env.BENCH_APP_ENV ?? '{}'));
  serve({ url: bot.url }, {
    memory: () => { global.gc?.(); global.gc?.(); return process.memoryUsage(); },
    stop: () => bot.stop(),
  });
}
main().catch((err) => { console.error(err); process.exit(1); });
