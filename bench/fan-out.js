'use strict';
/**
 * fan-out: 10,000 outage cards to 10,000 personal conversations across 100 directory tenants through the production
 * Outbox + OutboxSender (dist/src/notifications, default options and Teams limits) and a real TeamsMessenger over a
 * CloudAdapter built as the app builds it (ChannelAuthentication, anonymous; TenantGate and RedeliveryGuard
 * middleware, which also run for every proactive send). The Connector stand-in answers 5 % of requests 429 with
 * Retry-After: 1. Once per storage: `sqlite` (the default of `npm start`, a fresh file) and `memory`
 * (BENCH_FANOUT_STORAGES picks some).
 */
const fs = require('node:fs');
const path = require('node:path');
const { DIST, storageSettings, storagesFrom, table, writeResult, quietLogger, writeDirectory, tenantGuid } = require('./lib/common');
const { forkService } = require('./lib/proc');

const TENANTS = 100;
const PER_TENANT = Number(process.env.BENCH_FANOUT_PER_TENANT ?? 100);
const TOTAL = TENANTS * PER_TENANT;
const STORAGES = storagesFrom('BENCH_FANOUT_STORAGES');
const TEAMS_TENANT_RPS = 50; // per app per tenant (teams-bot-wire.md §4); per-thread limits do not bind at 1 message per thread
const RETRY_AFTER_S = 1;
const TIME_CAP_MS = 150_000;
/** Round trip of the Connector stand-in (0: answers at once; Teams' real Connector takes tens to hundreds of ms). */
const CONNECTOR_LATENCY_MS = Number(process.env.BENCH_CONNECTOR_LATENCY_MS ?? 0);
const PARTNER_TENANT_ID = '72f988bf-0000-4000-8000-00000000beef';

const ISSUE = {
  id: 'EX100001', title: 'Users cannot send mail', impactDescription: 'Users may be unable to send email from Outlook.',
  classification: 'incident', status: 'investigating', service: 'Exchange Online', feature: 'E-Mail and calendar access',
  featureGroup: 'Exchange', isResolved: false, startDateTime: '2026-11-25T08:00:00Z', endDateTime: null,
  lastModifiedDateTime: '2026-11-25T08:05:00Z', latestPost: { createdDateTime: '2026-11-25T08:05:00Z', text: 'We are investigating.' },
};

function requests(connectorUrl, tenantIds) {
  const out = [];
  for (let u = 0; u < PER_TENANT; u++) {
    for (let t = 0; t < TENANTS; t++) {
      const tenantId = tenantIds[t];
      const conversationId = `a:bench-t${t}-u${u}`;
      out.push({
        audience: 'customer', tenantId, conversationId, locale: 'en-US', issue: ISSUE, issueTenantId: tenantId, kind: 'new', changes: [],
        reference: {
          channelId: 'msteams', serviceUrl: connectorUrl, locale: 'en-US',
          conversation: { id: conversationId, conversationType: 'personal', tenantId, isGroup: false, name: '' },
          user: { id: `29:u${u}`, name: `u${u}` }, bot: { id: '28:bot', name: 'bot' },
        },
      });
    }
  }
  return out;
}

/** The storage the app would build for `kind` (dist/src/storage createStorage), on a fresh SQLite file for sqlite. */
function openStorage(kind) {
  const { createStorage } = require(path.join(DIST, 'storage', 'index.js'));
  const { env, cleanUp } = storageSettings(kind);
  const handle = createStorage({ kind, sqlitePath: env.SQLITE_PATH ?? '' });
  return { storage: handle.storage, close: async () => { await handle.close(); cleanUp(); } };
}

async function run(kind, tenantIds, directory) {
  const { CloudAdapter } = require('botbuilder');
  const { Outbox, OutboxSender, summarizeDeliveries } = require(path.join(DIST, 'notifications', 'index.js'));
  const { TeamsMessenger } = require(path.join(DIST, 'bot', 'teamsMessenger.js'));
  const { ChannelAuthentication } = require(path.join(DIST, 'bot', 'channelAuthentication.js'));
  const { TenantGate } = require(path.join(DIST, 'bot', 'tenantGate.js'));
  const { RedeliveryGuard } = require(path.join(DIST, 'bot', 'redeliveryGuard.js'));
  const connectorProc = forkService('connectorProcess.js', [], {
    env: { BENCH_THROTTLE_EVERY: '20', BENCH_RETRY_AFTER: String(RETRY_AFTER_S), BENCH_RECORD: '1', BENCH_CONNECTOR_LATENCY_MS: String(CONNECTOR_LATENCY_MS) },
  });
  const connector = await connectorProc.started;
  const { storage, close } = openStorage(kind);
  const logger = quietLogger();
  const adapter = new CloudAdapter(new ChannelAuthentication({}));
  adapter.use(new TenantGate(directory, PARTNER_TENANT_ID, logger));
  adapter.use(new RedeliveryGuard(storage, logger));
  const outbox = new Outbox(storage);
  const sender = new OutboxSender({ outbox, messenger: new TeamsMessenger(adapter, ''), holder: 'bench' });

  const enqueueStarted = Date.now();
  await outbox.enqueue(requests(connector.url, tenantIds));
  const enqueueS = (Date.now() - enqueueStarted) / 1000;
  console.log(`${kind}: enqueued ${TOTAL} in ${enqueueS.toFixed(1)} s`);

  const started = Date.now();
  const cpuBefore = process.cpuUsage();
  const deadline = started + TIME_CAP_MS;
  const totals = { sent: 0, retried: 0, failed: 0, drains: 0 };
  while (Date.now() < deadline && (await outbox.queued()).length > 0 && totals.drains < 50) {
    const r = await sender.drain(() => Date.now() < deadline);
    totals.sent += r.sent; totals.retried += r.retried; totals.failed += r.failed; totals.drains++;
    console.log(`${kind}: drain ${totals.drains}: sent ${r.sent}, retried ${r.retried}, failed ${r.failed} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  const wallS = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const report = summarizeDeliveries(ISSUE.id, await outbox.forIncident(ISSUE.id));
  const stats = await connectorProc.request('stats');
  const delivery = await connectorProc.request('delivery', { tenants: TENANTS, perTenant: PER_TENANT });
  await connectorProc.stop();
  await close();
  return { kind, enqueueS, wallS, cpuMsPerNotification: (cpu.user + cpu.system) / 1000 / TOTAL, totals, report, stats, delivery };
}

async function main() {
  const { TEAMS_TENANT_RATE } = require(path.join(DIST, 'notifications', 'rateLimiter.js'));
  const { DEFAULT_SENDER_CONCURRENCY } = require(path.join(DIST, 'notifications', 'sender.js'));
  const { loadCustomerDirectory } = require(path.join(DIST, 'directory', 'customerDirectory.js'));
  const tenantIds = Array.from({ length: TENANTS }, (_, i) => tenantGuid(i));
  const directoryFile = writeDirectory(tenantIds);
  const directory = await loadCustomerDirectory(directoryFile);
  const runs = [];
  for (const kind of STORAGES) runs.push(await run(kind, tenantIds, directory));
  fs.rmSync(directoryFile, { force: true });

  const boundRps = TENANTS * TEAMS_TENANT_RPS;
  const boundS = TOTAL / boundRps;
  // The sender's own budget per tenant: `burst` at once, then `ratePerSecond`.
  const senderS = Math.max(0, PER_TENANT - TEAMS_TENANT_RATE.burst) / TEAMS_TENANT_RATE.ratePerSecond;
  const rows = runs.map((r) => {
    // With 429s, at least the throttled requests are resent and the last ones wait Retry-After.
    const boundWithRetryS = (TOTAL + r.stats.throttled) / boundRps + RETRY_AFTER_S;
    return {
      storage: r.kind, notifications: TOTAL, tenants: TENANTS, '429 injected': r.stats.throttled,
      'wall s': r.wallS, 'achieved msg/s': Math.round((TOTAL - r.delivery.lost) / r.wallS), 'CPU ms/msg': +r.cpuMsPerNotification.toFixed(2),
      'bound msg/s': boundRps, 'share of bound': `${((boundS / r.wallS) * 100).toFixed(1)} %`,
      'share (bound + Retry-After)': `${((boundWithRetryS / r.wallS) * 100).toFixed(1)} %`,
      lost: r.delivery.lost, duplicated: r.delivery.duplicated, failed: r.totals.failed,
      'max/tenant in any 1 s': r.delivery.maxPerTenantSecond,
      'goal ≥95 %, 0 lost, 0 dup': boundWithRetryS / r.wallS >= 0.95 && r.delivery.lost === 0 && r.delivery.duplicated === 0 ? 'met' : 'NOT met',
    };
  });
  writeResult('fan-out', {
    settings: {
      tenants: TENANTS, perTenant: PER_TENANT, storages: STORAGES, throttleShare: 0.05, retryAfterS: RETRY_AFTER_S, connectorLatencyMs: CONNECTOR_LATENCY_MS,
      sender: `OutboxSender defaults (${DEFAULT_SENDER_CONCURRENCY} in flight, TEAMS_TENANT_RATE ${TEAMS_TENANT_RATE.ratePerSecond}/s + burst ${TEAMS_TENANT_RATE.burst})`,
      adapter: 'CloudAdapter(ChannelAuthentication, anonymous) + TenantGate + RedeliveryGuard, as in app.ts', timeCapS: TIME_CAP_MS / 1000,
    },
    runs, boundRps, boundSeconds: boundS, senderBudgetSeconds: senderS,
    rows, table: table(rows),
    notes: [
      `Bound: ${TENANTS} tenants × ${TEAMS_TENANT_RPS} RPS per app per tenant (teams-bot-wire.md §4) = ${boundRps} msg/s, ${boundS} s for ${TOTAL}; the per-thread windows (7/1 s …) do not bind at one message per thread. "bound + Retry-After" adds the resent 429s and one Retry-After wait.`,
      `The sender's own budget is ${TEAMS_TENANT_RATE.ratePerSecond}/s + burst ${TEAMS_TENANT_RATE.burst} per tenant (TEAMS_TENANT_RATE: at most ${TEAMS_TENANT_RATE.ratePerSecond + TEAMS_TENANT_RATE.burst} in any second, 90 % of the Teams limit, which the bot's replies to users also draw on): ${senderS.toFixed(3)} s for ${PER_TENANT} per tenant, i.e. at most ${((boundS / senderS) * 100).toFixed(0)} % of the bound by design.`,
      `CPU ms/msg: CPU time of the sending process (outbox, sender, botbuilder, HTTP) per notification; one Node process cannot send faster than 1000 / CPU ms/msg.`,
      ...runs.map((r) => `${r.kind}: enqueue of ${TOTAL} deliveries (not in the wall time) ${r.enqueueS.toFixed(1)} s; ${r.totals.drains} drain(s).`),
    ],
  });
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
