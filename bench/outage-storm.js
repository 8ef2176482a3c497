'use strict';
/**
 * outage-storm: 1,000 customers across 100 directory tenants start a triage within 10 s (open loop, one every
 * 10 ms) while Graph answers in 200 ms. Graph calls per tenant (goal: 1 healthOverviews per cache window) and
 * turn latency.
 */
const { percentile, personalMessage, post, table, tenantGuid, writeDirectory, writeResult } = require('./lib/common');
const { forkService } = require('./lib/proc');

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1000);
const TENANTS = 100;
const WINDOW_MS = 10_000;
const GRAPH_LATENCY_MS = 200;

async function main() {
  const tenants = Array.from({ length: TENANTS }, (_, i) => tenantGuid(i));
  const customersFile = writeDirectory(tenants);
  const connectorProc = forkService('connectorProcess.js');
  const graphProc = forkService('graphProcess.js', [], { env: { BENCH_TENANTS: JSON.stringify(tenants), BENCH_GRAPH_LATENCY_MS: String(GRAPH_LATENCY_MS) } });
  const [connector, graph] = await Promise.all([connectorProc.started, graphProc.started]);
  const appProc = forkService('botProcess.js', ['app'], {
    env: { BENCH_APP_ENV: JSON.stringify({ SANDBOX: 'off', GRAPH_BASE_URL: graph.graphUrl, PARTNER_CENTER_BASE_URL: graph.partnerCenterUrl, CUSTOMERS_FILE: customersFile, HEALTH_CACHE_TTL_SECONDS: '60' }) },
  });
  const app = await appProc.started;

  const started = Date.now();
  const results = await Promise.all(Array.from({ length: CUSTOMERS }, async (_, i) => {
    const at = started + (i * WINDOW_MS) / CUSTOMERS;
    await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
    return post(`${app.url}/api/messages`, personalMessage(connector.url, tenants[i % TENANTS], 'Outlook cannot send mail since this morning'));
  }));
  const wallS = (Date.now() - started) / 1000;
  const counts = await graphProc.request('counts');
  if (process.env.BENCH_DEBUG) console.log(JSON.stringify(counts).slice(0, 600));
  const overviews = tenants.map((t) => counts[t]?.healthOverviews ?? 0);
  const otherRoutes = {};
  for (const t of tenants) for (const [route, n] of Object.entries(counts[t] ?? {})) if (route !== 'healthOverviews') otherRoutes[route] = (otherRoutes[route] ?? 0) + n;
  const ms = results.map((r) => r.ms);
  const ok = results.filter((r) => r.status === 200).length;
  const row = {
    customers: CUSTOMERS, tenants: TENANTS, 'graph latency ms': GRAPH_LATENCY_MS, 'turns 200': ok,
    'healthOverviews/tenant min': Math.min(...overviews), 'max': Math.max(...overviews), 'total': overviews.reduce((a, b) => a + b, 0),
    'other Graph calls': Object.entries(otherRoutes).map(([k, v]) => `${k} ${v}`).join(', ') || 'none',
    'p50 ms': percentile(ms, 50), 'p99 ms': percentile(ms, 99), 'max ms': Math.max(...ms),
    'goal 1 call/tenant': Math.max(...overviews) <= 1 ? 'met' : 'NOT met',
  };
  await appProc.stop();
  await Promise.all([graphProc.stop(), connectorProc.stop()]);
  require('node:fs').rmSync(customersFile, { force: true });
  writeResult('outage-storm', {
    settings: { customers: CUSTOMERS, tenants: TENANTS, windowMs: WINDOW_MS, graphLatencyMs: GRAPH_LATENCY_MS, cacheTtlS: 60, storage: 'memory' },
    wallSeconds: wallS, overviewsPerTenant: overviews, otherRoutes, statuses: results.reduce((a, r) => ({ ...a, [r.status]: (a[r.status] ?? 0) + 1 }), {}),
    rows: [row], table: table([row]),
    notes: ['The first turn of each tenant pays the 200 ms Graph latency; the other nine wait on the same single-flight fetch or hit the cache.'],
  });
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
