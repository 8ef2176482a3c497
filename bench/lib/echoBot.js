'use strict';
/** The floor: a bare botbuilder echo bot on restify + CloudAdapter (anonymous), as the toolchain baseline describes. */
const restify = require('restify');
const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');

/** `replies`: messages sent per turn (2 mirrors a triage's first turn: an acknowledgement, then the first question). */
async function startEchoBot({ replies = 1 } = {}) {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (context, error) => { console.error('echo bot error', error); };
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    for (let i = 0; i < replies; i++) await context.sendActivity(`echo${i > 0 ? ` ${i + 1}` : ''}: ${context.activity.text}`);
    await next();
  });
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => { await adapter.process(req, res, (context) => bot.run(context)); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.server.address().port;
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => { server.server.closeAllConnections(); server.close(() => resolve()); }) };
}

module.exports = { startEchoBot };
