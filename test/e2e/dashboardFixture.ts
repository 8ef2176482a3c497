/**
 * A stand-in for the bot's dashboard routes, for the dashboard e2e until it runs against the real bot with
 * test/support/dashboardSeed.ts: it serves the built tab (dist/web/dashboard/) at /tab with the contract's
 * Content-Security-Policy, the unauthenticated config (sandbox on), the development sign-in and the read API
 * answering the data below, and refuses any API call without the token its sign-in issued (401 `unauthenticated`).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import type { Escalation, Me, Outages, Paged, QueueItem, Stats } from '../../web/dashboard/src/contract';

const TAB_DIR = resolve(__dirname, '..', '..', 'dist', 'web', 'dashboard');
const TOKEN = 'dashboard-fixture-token';
const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'", "connect-src 'self'",
  "object-src 'none'", "base-uri 'self'", "form-action 'self'",
  'frame-ancestors teams.microsoft.com *.teams.microsoft.com *.office.com *.cloud.microsoft',
].join('; ');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.png': 'image/png',
};
const PAGE_SIZE = 5;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const CUSTOMERS = [
  { tenantId: '5f1c2a8e-3c4d-4b8a-9e21-0d7f6a1b2c31', name: 'Fabrikam' },
  { tenantId: '9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c52', name: 'Northwind Traders' },
  { tenantId: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e63', name: 'Adatum' },
];

/** The data the fixture answers, with times relative to `now` (so SLA countdowns show both sides of due). */
export function fixtureData(now: number): { me: Me; queue: QueueItem[]; stats: Stats; escalations: Escalation[]; outages: Outages } {
  const [fabrikam, northwind, adatum] = CUSTOMERS as [typeof CUSTOMERS[0], typeof CUSTOMERS[0], typeof CUSTOMERS[0]];
  const at = (offset: number): string => new Date(now + offset).toISOString();
  const thread = (id: string): string => `https://teams.microsoft.com/l/message/19%3Aagents%40thread.tacv2/${id}?groupId=1b2c3d4e-0000-4000-8000-000000000001`;
  const queue: QueueItem[] = [
    { caseId: 'C-1042', tenantId: fabrikam.tenantId, customerName: fabrikam.name, severity: 'critical', state: 'new', ownerName: null, openedAt: at(-50 * MINUTE), slaDueAt: at(-20 * MINUTE), slaBreached: true, threadUrl: thread('1701') },
    { caseId: 'C-1045', tenantId: northwind.tenantId, customerName: northwind.name, severity: 'high', state: 'taken', ownerName: 'Megan Bowen', openedAt: at(-40 * MINUTE), slaDueAt: at(12 * MINUTE + 30_000), slaBreached: false, threadUrl: thread('1702') },
    { caseId: 'C-1047', tenantId: fabrikam.tenantId, customerName: fabrikam.name, severity: 'moderate', state: 'waitingForCustomer', ownerName: 'Alex Wilber', openedAt: at(-3 * HOUR), slaDueAt: at(1 * HOUR + 5 * MINUTE), slaBreached: false, threadUrl: thread('1703') },
    { caseId: 'C-1049', tenantId: adatum.tenantId, customerName: adatum.name, severity: 'low', state: 'new', ownerName: null, openedAt: at(-10 * MINUTE), slaDueAt: at(7 * HOUR + 50 * MINUTE), slaBreached: false, threadUrl: null },
    { caseId: 'C-1050', tenantId: northwind.tenantId, customerName: northwind.name, severity: 'high', state: 'new', ownerName: null, openedAt: at(-5 * MINUTE), slaDueAt: at(55 * MINUTE), slaBreached: false, threadUrl: thread('1705') },
    { caseId: 'C-1051', tenantId: adatum.tenantId, customerName: adatum.name, severity: 'moderate', state: 'taken', ownerName: 'Megan Bowen', openedAt: at(-2 * MINUTE), slaDueAt: at(3 * HOUR), slaBreached: false, threadUrl: thread('1706') },
  ].sort((a, b) => a.slaDueAt.localeCompare(b.slaDueAt)) as QueueItem[];
  const today = Math.floor(now / DAY) * DAY;
  const days = Array.from({ length: 30 }, (_, i) => {
    const opened = 3 + ((i * 7) % 6) + (i % 7 === 2 ? 6 : 0);
    return { date: new Date(today - (29 - i) * DAY).toISOString().slice(0, 10), opened, resolved: Math.max(0, opened - 2 + ((i * 5) % 4)) };
  });
  return {
    me: { name: 'Megan Bowen', aadObjectId: 'a1b2c3d4-0000-4000-8000-0000000000a1', customers: CUSTOMERS },
    queue,
    stats: {
      days,
      firstResponse: { count: 212, p50Ms: 6 * MINUTE + 12_000, p90Ms: 24 * MINUTE, p99Ms: 58 * MINUTE + 30_000 },
      csat: { count: 87, average: 4.3, distribution: { '1': 3, '2': 4, '3': 8, '4': 21, '5': 51 } },
    },
    escalations: [
      { caseId: 'C-1042', tenantId: fabrikam.tenantId, customerName: fabrikam.name, provider: 'partnerCenter', requestId: '2612020040001234', status: 'open', severity: 'critical', updatedAt: at(-15 * MINUTE) },
      { caseId: 'C-1038', tenantId: northwind.tenantId, customerName: northwind.name, provider: 'azure', requestId: '2612010010005678', status: 'waiting', severity: 'moderate', updatedAt: at(-5 * HOUR) },
      { caseId: 'C-1047', tenantId: fabrikam.tenantId, customerName: fabrikam.name, provider: 'partnerCenter', requestId: null, status: 'pending', severity: 'moderate', updatedAt: at(-2 * MINUTE) },
    ],
    outages: {
      incidents: [
        {
          issueId: 'EX1093214', title: 'Users may be unable to receive email in Outlook', service: 'Exchange Online', status: 'serviceDegradation',
          customers: [
            { tenantId: fabrikam.tenantId, customerName: fabrikam.name, notified: 42, openCaseIds: ['C-1042', 'C-1047'] },
            { tenantId: northwind.tenantId, customerName: northwind.name, notified: 17, openCaseIds: [] },
          ],
        },
        {
          issueId: 'TM1187420', title: 'Some users cannot join Teams meetings from the desktop client', service: 'Microsoft Teams', status: 'investigating',
          customers: [{ tenantId: adatum.tenantId, customerName: adatum.name, notified: 9, openCaseIds: ['C-1049'] }],
        },
      ],
    },
  };
}

function paged<T>(items: readonly T[], pageParam: string | null): Paged<T> {
  const page = Math.max(1, Number(pageParam) || 1);
  const slice = items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return { items: slice, page, nextPage: page * PAGE_SIZE < items.length ? page + 1 : null };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function sendTabFile(res: ServerResponse, name: string): Promise<void> {
  if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) return send(res, 404, { error: { code: 'notFound' } });
  try {
    const body = await readFile(join(TAB_DIR, name));
    res.writeHead(200, { 'content-type': TYPES[extname(name)] ?? 'application/octet-stream', 'content-security-policy': CSP });
    res.end(body);
  } catch {
    send(res, 404, { error: { code: 'notFound' } });
  }
}

/** Starts the fixture on a free loopback port; `stop()` closes it. */
export async function startDashboardFixture(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const data = fixtureData(Date.now());
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    const path = url.pathname;
    if (path === '/tab' || path === '/tab/') return void sendTabFile(res, 'index.html');
    if (path.startsWith('/tab/')) return void sendTabFile(res, path.slice('/tab/'.length));
    if (path === '/api/dashboard/config') return send(res, 200, { sandbox: true, locale: 'en-US' });
    if (path === '/api/dashboard/dev-token') return send(res, 200, { token: TOKEN });
    if (!path.startsWith('/api/dashboard/')) return send(res, 404, { error: { code: 'notFound' } });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(res, 401, { error: { code: 'unauthenticated' } });
    const q = url.searchParams;
    switch (path) {
      case '/api/dashboard/me':
        return send(res, 200, data.me);
      case '/api/dashboard/queue': {
        const items = data.queue.filter((item) =>
          (!q.get('customer') || item.tenantId === q.get('customer'))
          && (!q.get('severity') || item.severity === q.get('severity'))
          && (!q.get('state') || item.state === q.get('state'))
          && (!q.get('owner') || (q.get('owner') === 'unassigned' ? item.ownerName === null : item.ownerName === data.me.name)));
        return send(res, 200, paged(items, q.get('page')));
      }
      case '/api/dashboard/stats':
        return send(res, 200, data.stats);
      case '/api/dashboard/escalations':
        return send(res, 200, paged(data.escalations, q.get('page')));
      case '/api/dashboard/outages':
        return send(res, 200, data.outages);
      default:
        return send(res, 404, { error: { code: 'notFound' } });
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}
