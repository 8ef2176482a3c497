'use strict';
/**
 * fan-out: 10,000 outage cards to 10,000 personal conversations across 100 tenants through the production
 * Outbox + OutboxSender (dist/src/notifications, default Teams limits, memory storage) and a real TeamsMessenger
 * over an anonymous CloudAdapter. The Connector stand-in answers 5 % of requests 429 with Retry-After: 1.
 */
const path = require('node:path');
const { DIST, table, writeResult } = require('./lib/common');
const { forkService } = require('./lib/proc');

const TENANTS = 100;
const PER_TENANT = Number(process.env.BENCH_FANOUT_PER_TENANT ?? 100);
const TOTAL = TENANTS * PER_TENANT;
const TEAMS_TENANT_RPS = 50; // per app per tenant (teams-bot-wire.md §4); per-thread limits do not bind at 1 message per thread
const RETRY_AFTER_S = 1;
const TIME_CAP_MS = 150_000;

async function main() {
  const { MemoryStorage, CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');
  const { Outbox, OutboxSender, summarizeDeliveries } = require(path.join(DIST, 'notifications', 'index.js'));
  const { TeamsMessenger } = require(path.join(DIST, 'bot', 'teamsMessenger.js'));
  const connectorProc = forkService('connectorProcess.js', [], { env: { BENCH_THROTTLE_EVERY: '20', BENCH_RETRY_AFTER: String(RETRY_AFTER_S), BENCH_RECORD: '1' } });
  const connector = await connectorProc.started;

  const storage = new MemoryStorage();
  const outbox = new Outbox(storage);
  const messenger = new TeamsMessenger(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), '');
  const sender = new OutboxSender({ outbox, messenger, holder: 'bench' });
  const issue = {
    id: 'EX100001', title: 'Users cannot send mail', impactDescription: 'Users may be unable to send email from Outlook.',
    classification: 'incident', status: 'investigating', service: 'Exchange Online', feature: 'E-Mail and calendar access',
    featureGroup: 'Exchange', isResolved: false, startDateTime: '2026-11-25T08:00:00Z', endDateTime: null,
    lastModifiedDateTime: '2026-11-25T08:05:00Z', latestPost: { createdDateTime: '2026-11-25T08:05:00Z', text: 'We are investigating.' },
  };
  const requests = [];
  for (let u = 0; u < PER_TENANT; u++) {
    for (let t = 0; t < TENANTS; t++) {
      const tenantId = `bench-tenant-${t}`;
      const conversationId = `a:bench-t${t}-u${u}`;
      requests.push({
        audience: 'customer', tenantId, conversationId, locale: 'en-US', issue, issueTenantId: tenantId, kind: 'new', changes: [],
        reference: {
          channelId: 'msteams', serviceUrl: connector.url, locale: 'en-US',
          conversation: { id: conversationId, conversationType: 'personal', tenantId, isGroup: false, name: '' },
          user: { id: `29:u${u}`, name: `u${u}` }, bot: { id: '28:bot', name: 'bot' },
        },
      });
    }
  }
  const enqueueStarted = Date.now();
  await outbox.enqueue(requests);
  const enqueueS = (Date.now() - enqueueStarted) / 1000;
  console.log(`enqueued ${TOTAL} in ${enqueueS.toFixed(1)} s`);

  const started = Date.now();
  const deadline = started + TIME_CAP_MS;
  const totals = { sent: 0, retried: 0, failed: 0, drains: 0 };
  while (Date.now() < deadline && (await outbox.queued()).length > 0 && totals.drains < 50) {
    const r = await sender.drain(() => Date.now() < deadline);
    totals.sent += r.sent; totals.retried += r.retried; totals.failed += r.failed; totals.drains++;
    console.log(`drain ${totals.drains}: sent ${r.sent}, retried ${r.retried}, failed ${r.failed} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  const wallS = (Date.now() - started) / 1000;
  const report = summarizeDeliveries(issue.id, await outbox.forIncident(issue.id));
  const stats = await connectorProc.request('stats');
  const delivery = await connectorProc.request('delivery', { tenants: TENANTS, perTenant: PER_TENANT });
  await connectorProc.stop();

  const boundRps = TENANTS * TEAMS_TENANT_RPS;
  const boundS = TOTAL / boundRps;
  // With 429s, at least the throttled requests are resent and the last ones wait Retry-After.
  const boundWithRetryS = (TOTAL + stats.throttled) / boundRps + RETRY_AFTER_S;
  const achievedRps = (TOTAL - delivery.lost) / wallS;
  const row = {
    notifications: TOTAL, tenants: TENANTS, '429 injected': stats.throttled,
    'wall s': wallS, 'achieved msg/s': Math.round(achievedRps), 'bound msg/s': boundRps,
    'share of bound': `${((boundS / wallS) * 100).toFixed(1)} %`,
    'share (bound + Retry-After)': `${((boundWithRetryS / wallS) * 100).toFixed(1)} %`,
    lost: delivery.lost, duplicated: delivery.duplicated, failed: totals.failed,
    'max/tenant in any 1 s': delivery.maxPerTenantSecond,
    'goal ≥95 %, 0 lost, 0 dup': boundWithRetryS / wallS >= 0.95 && delivery.lost === 0 && delivery.duplicated === 0 ? 'met' : 'NOT met',
  };
  writeResult('fan-out', {
    settings: { tenants: TENANTS, perTenant: PER_TENANT, throttleShare: 0.05, retryAfterS: RETRY_AFTER_S, storage: 'botbuilder MemoryStorage', sender: 'OutboxSender defaults (concurrency 8, TEAMS_TENANT_RATE 40/s + burst 5)', timeCapS: TIME_CAP_MS / 1000 },
    enqueueSeconds: enqueueS, totals, report, connector: stats, delivery, boundRps, boundSeconds: boundS, boundWithRetrySeconds: boundWithRetryS,
    rows: [row], table: table([row]),
    notes: [
      `Bound: 100 tenants × ${TEAMS_TENANT_RPS} RPS per app per tenant = ${boundRps} msg/s, ${boundS} s for ${TOTAL}; the per-thread windows (7/1 s …) do not bind at one message per thread. "bound + Retry-After" adds the resent 429s and one Retry-After wait.`,
      'The sender itself budgets 45 per tenant in any second (40/s + burst 5, TEAMS_TENANT_RATE), i.e. at most 90 % of the Teams limit by design.',
      `Enqueue of ${TOTAL} deliveries (not in the wall time): ${enqueueS.toFixed(1)} s.`,
    ],
  });
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
