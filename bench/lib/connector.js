'use strict';
/**
 * A fast Bot Connector stand-in for benchmarks (the test one, test/support/fakeConnector.ts, records everything
 * and is not built). Answers send / reply / update / create conversation; counts POSTs per conversation; can
 * inject a share of 429s with Retry-After (deterministic: every Nth activity request).
 */
const http = require('node:http');

async function startConnector(options = {}) {
  const throttleEvery = options.throttleEvery ?? 0; // 20 => 5 %
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const record = options.record ?? false;
  const latencyMs = options.latencyMs ?? 0;
  const stats = { requests: 0, throttled: 0, posts: 0, puts: 0, created: 0 };
  const postsPerConversation = new Map();
  const sendTimes = []; // [at, conversationId] when record
  let nextId = 1;
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      stats.requests++;
      const path = (req.url || '').split('?')[0];
      const m = /\/v3\/conversations(?:\/([^/]+)(?:\/(activities|members)(?:\/([^/]+))?)?)?$/.exec(path);
      const reply = (status, body, headers = {}) => {
        const text = body === undefined ? '' : JSON.stringify(body);
        const send = () => {
          res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
          res.end(text);
        };
        if (latencyMs > 0) setTimeout(send, latencyMs);
        else send();
      };
      if (!m) return reply(404, { error: { code: 'NotFound', message: path } });
      if (req.method !== 'GET' && throttleEvery > 0 && ++n % throttleEvery === 0) {
        stats.throttled++;
        return reply(429, { error: { code: 'Throttled', message: 'injected' } }, { 'retry-after': retryAfter });
      }
      const conversationId = m[1] ? decodeURIComponent(m[1]) : undefined;
      if (!conversationId && req.method === 'POST') {
        stats.created++;
        return reply(200, { id: `a:conv-${nextId++}`, activityId: `act-${nextId++}`, serviceUrl: url });
      }
      if (m[2] === 'members') return reply(200, [{ id: '29:member', name: 'Member', aadObjectId: '00000000-0000-0000-0000-000000000001' }]);
      if (req.method === 'PUT') { stats.puts++; return reply(200, { id: m[3] }); }
      if (req.method === 'DELETE') return reply(200);
      stats.posts++;
      postsPerConversation.set(conversationId, (postsPerConversation.get(conversationId) || 0) + 1);
      if (record) sendTimes.push([Date.now(), conversationId]);
      return reply(201, { id: `act-${nextId++}` });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/amer/`;
  return {
    url, stats, postsPerConversation, sendTimes,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

module.exports = { startConnector };
