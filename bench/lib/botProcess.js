'use strict';
/**
 * `node botProcess.js echo|echo2|app`: the bot under test in its own process (echo2: an echo bot sending two
 * messages per turn); app settings come as JSON in BENCH_APP_ENV.
 */
const { startOurApp } = require('./common');
const { startEchoBot } = require('./echoBot');
const { serve } = require('./proc');

async function main() {
  const kind = process.argv[2];
  const bot = kind.startsWith('echo') ? await startEchoBot({ replies: kind === 'echo2' ? 2 : 1 }) : await startOurApp(JSON.parse(process.env.BENCH_APP_ENV ?? '{}'));
  serve({ url: bot.url }, {
    memory: () => { global.gc?.(); global.gc?.(); return process.memoryUsage(); },
    cpu: () => process.cpuUsage(),
    stop: () => bot.stop(),
  });
}
main().catch((err) => { console.error(err); process.exit(1); });
