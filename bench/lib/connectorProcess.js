'use strict';
const { startConnector } = require('./connector');
const { serve } = require('./proc');

startConnector({
  throttleEvery: Number(process.env.BENCH_THROTTLE_EVERY ?? 0),
  retryAfterSeconds: Number(process.env.BENCH_RETRY_AFTER ?? 1),
  record: process.env.BENCH_RECORD === '1',
  latencyMs: Number(process.env.BENCH_CONNECTOR_LATENCY_MS ?? 0),
}).then((c) => serve({ url: c.url }, {
  stats: () => ({ ...c.stats, conversations: c.postsPerConversation.size }),
  /** Conversations `a:bench-t<T>-u<U>`: lost, duplicated, and the most sends of one tenant in any 1 s. */
  delivery: ({ tenants, perTenant }) => {
    let lost = 0;
    let duplicated = 0;
    for (let t = 0; t < tenants; t++) {
      for (let u = 0; u < perTenant; u++) {
        const n = c.postsPerConversation.get(`a:bench-t${t}-u${u}`) ?? 0;
        if (n === 0) lost++;
        if (n > 1) duplicated += n - 1;
      }
    }
    const byTenant = new Map();
    for (const [at, id] of c.sendTimes) {
      const t = /^a:bench-t(\d+)-/.exec(id)?.[1];
      if (t !== undefined) (byTenant.get(t) ?? byTenant.set(t, []).get(t)).push(at);
    }
    let maxPerTenantSecond = 0;
    for (const times of byTenant.values()) {
      times.sort((a, b) => a - b);
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i] - times[j] >= 1000) j++;
        maxPerTenantSecond = Math.max(maxPerTenantSecond, i - j + 1);
      }
    }
    const all = c.sendTimes.map(([at]) => at);
    return { lost, duplicated, maxPerTenantSecond, firstAt: Math.min(...all), lastAt: Math.max(...all) };
  },
  stop: () => c.close(),
}));
