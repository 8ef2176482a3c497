'use strict';
const { startConnector } = require('./connector');
const { serve } = require('./proc');

startConnector({
  throttleEvery: Number(process.env.BENCH_THROTTLE_EVERY ?? 0),
  retryAfterSeconds: Number(process.env.BENCH_RETRY_AFTER ?? 1),
}).then((c) => serve({ url: c.url }, {
  stats: () => ({ ...c.stats, conversations: c.postsPerConversation.size }),
  stop: () => c.close(),
}));
