'use strict';
/** The Graph sandbox (from dist) and the Partner Center sandbox in their own process, for the outage storm. */
const path = require('node:path');
const { DIST, FABRIKAM } = require('./common');
const { serve } = require('./proc');

async function main() {
  const { startGraphSandbox } = require(path.join(DIST, 'sandbox', 'graphSandbox.js'));
  const { loadGraphSandboxSeed } = require(path.join(DIST, 'sandbox', 'graphSeed.js'));
  const { startPartnerCenterSandbox } = require(path.join(DIST, 'sandbox', 'partnerCenterSandbox.js'));
  const tenants = JSON.parse(process.env.BENCH_TENANTS ?? '[]');
  const seed = loadGraphSandboxSeed(path.join(__dirname, '..', '..', 'config', 'sandbox-health.json'));
  const template = seed.tenants[FABRIKAM];
  for (const t of tenants) seed.tenants[t] = structuredClone(template);
  const graph = await startGraphSandbox({ requireAuth: false, seed, latencyMs: Number(process.env.BENCH_GRAPH_LATENCY_MS ?? 200), host: '127.0.0.1', port: 0 });
  const pc = await startPartnerCenterSandbox({ requireAuth: false, host: '127.0.0.1', port: 0 });
  serve({ graphUrl: graph.url, partnerCenterUrl: pc.url }, {
    counts: () => {
      const perTenant = {};
      for (const r of graph.requests) {
        const key = r.tenantId ?? '?';
        perTenant[key] ??= {};
        perTenant[key][r.route] = (perTenant[key][r.route] ?? 0) + 1;
      }
      return perTenant;
    },
    stop: async () => { await graph.close(); await pc.close(); },
  });
}
main().catch((err) => { console.error(err); process.exit(1); });
