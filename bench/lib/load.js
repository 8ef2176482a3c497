'use strict';
const autocannon = require('autocannon');

/**
 * Drives POST /api/messages with autocannon: `amount` requests at `connections` concurrency, each body made fresh
 * by `makeBody()` (distinct activity id, user and conversation).
 */
async function drive(url, makeBody, { connections = 16, amount = 2000 } = {}) {
  const result = await autocannon({
    url: `${url}/api/messages`, connections, amount, timeout: 30,
    requests: [{
      method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json' },
      setupRequest: (req) => ({ ...req, body: JSON.stringify(makeBody()) }),
    }],
  });
  const d = result.duration || 1;
  return {
    requests: result.requests.total, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
    p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max,
    throughput: result.requests.total / d, durationS: d,
  };
}

module.exports = { drive };
