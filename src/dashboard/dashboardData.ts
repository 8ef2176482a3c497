/**
 * The read API's answers, from the stores the features keep (cases, Microsoft escalations, outage deliveries, the
 * health cache): nothing is stored twice, and every list is filtered to the customers the reader may read.
 */
import type { Case } from '../cases/caseModel';
import type { CaseStore } from '../cases/caseStore';
import { queuePage } from '../cases/queuePage';
import type { CustomerDirectory } from '../directory/customerDirectory';
import { isAzureTicket } from '../escalation/azureSupport/model';
import type { ServiceRequestStore } from '../escalation/serviceRequestStore';
import type { HealthIssue, ServiceHealthSource } from '../health/model';
import { summarizeDeliveries, type Outbox } from '../notifications';
import { computeStats, lastDays, slaBreached, type Stats } from './aggregation';
import { isOpenState, type Escalation, type Outage, type Outages, type Paged, type QueueFilters, type QueueItem, type Severity } from './contract';
import type { DashboardReader } from './dashboardAccess';

/** The severities the dashboard shows; a case's `minimal` impact is `low`. */
const SEVERITY: Record<Case['triage']['severity'], Severity> = { critical: 'critical', moderate: 'moderate', minimal: 'low' };

export interface DashboardDataDeps {
  cases: Pick<CaseStore, 'openCases' | 'closedOn'>;
  serviceRequests: Pick<ServiceRequestStore, 'listOpen'>;
  outbox: Pick<Outbox, 'forIncident'>;
  health: ServiceHealthSource;
  directory: Pick<CustomerDirectory, 'all'>;
  partnerTenantId: string;
  /** Called when a customer's health cannot be read for the outage map (the customer is left out). */
  onHealthUnavailable?: (tenantId: string, err: unknown) => void;
}

/** One page of `items` in the API's shape. Pure. */
export function pageOf<T>(items: readonly T[], page: number): Paged<T> {
  const current = queuePage(items, page);
  return { items: current.items, page: current.page, nextPage: current.page < current.pages ? current.page + 1 : null };
}

/** A link that opens the case thread in Teams (`/l/message/<channel>/<root>`). Pure. */
export function threadUrl(c: Pick<Case, 'thread'>, partnerTenantId: string): string | null {
  if (!c.thread) return null;
  const channelId = c.thread.conversationId.split(';messageid=')[0] ?? '';
  const root = encodeURIComponent(c.thread.activityId);
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${root}?tenantId=${encodeURIComponent(partnerTenantId)}&parentMessageId=${root}`;
}

async function readable<T>(items: readonly T[], tenantOf: (item: T) => string, reader: DashboardReader): Promise<T[]> {
  const allowed = await Promise.all(items.map((item) => reader.mayRead(tenantOf(item))));
  return items.filter((_, i) => allowed[i]);
}

export class DashboardData {
  constructor(private readonly deps: DashboardDataDeps) {}

  /** Open cases matching the filter, soonest SLA due first. */
  async queue(reader: DashboardReader, filter: QueueFilters, page: number, now: Date): Promise<Paged<QueueItem>> {
    const open = await readable(await this.deps.cases.openCases(), (c) => c.tenantId, reader);
    const items = open
      .filter((c) => (!filter.customer || c.tenantId === filter.customer.toLowerCase())
        && (!filter.severity || SEVERITY[c.triage.severity] === filter.severity)
        && (!filter.state || c.state === filter.state)
        && (!filter.owner || (filter.owner === 'unassigned' ? !c.owner : c.owner?.aadObjectId.toLowerCase() === filter.owner.toLowerCase())))
      .sort((a, b) => a.slaDueAt.localeCompare(b.slaDueAt) || a.id.localeCompare(b.id))
      .flatMap((c): QueueItem[] => (isOpenState(c.state) ? [{
        caseId: c.id, tenantId: c.tenantId, customerName: c.customerName, severity: SEVERITY[c.triage.severity], state: c.state,
        ownerName: c.owner?.name ?? null, openedAt: c.createdAt, slaDueAt: c.slaDueAt, slaBreached: slaBreached(c, now),
        threadUrl: threadUrl(c, this.deps.partnerTenantId),
      }] : []));
    return pageOf(items, page);
  }

  /** Per-day counts, first-response percentiles and satisfaction over the last `days` days. */
  async stats(reader: DashboardReader, days: number, now: Date): Promise<Stats> {
    const window = lastDays(days, now);
    const [open, closed] = await Promise.all([this.deps.cases.openCases(), this.deps.cases.closedOn(window)]);
    const distinct = new Map([...open, ...closed].map((c) => [c.id, c]));
    return computeStats(await readable([...distinct.values()], (c) => c.tenantId, reader), window);
  }

  /** Open Microsoft service requests and Azure support tickets, latest change first. */
  async escalations(reader: DashboardReader, page: number): Promise<Paged<Escalation>> {
    const records = await readable(await this.deps.serviceRequests.listOpen(), (r) => r.tenantId, reader);
    const items = records
      .map((r): Escalation => ({
        caseId: r.caseId, tenantId: r.tenantId, customerName: r.customerName, provider: isAzureTicket(r.request) ? 'azure' : 'partnerCenter',
        requestId: r.serviceRequest?.id ?? null, status: r.serviceRequest?.status ?? r.state, severity: r.request.severity, updatedAt: r.updatedAt,
      }))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return pageOf(items, page);
  }

  /** Active incidents of the readable customers (from the health cache), who was told, and the open cases they touch. */
  async outages(reader: DashboardReader): Promise<Outages> {
    const customers = await readable(this.deps.directory.all(), (c) => c.tenantId, reader);
    const [snapshots, open] = await Promise.all([
      Promise.all(customers.map((c) => this.deps.health.getSnapshot(c.tenantId).catch((err: unknown) => {
        this.deps.onHealthUnavailable?.(c.tenantId, err);
        return undefined;
      }))),
      this.deps.cases.openCases(),
    ]);
    const byIssue = new Map<string, { issue: HealthIssue; tenants: Array<{ tenantId: string; customerName: string }> }>();
    customers.forEach((customer, i) => {
      for (const issue of snapshots[i]?.issues ?? []) {
        if (issue.isResolved || issue.classification !== 'incident') continue;
        const entry = byIssue.get(issue.id) ?? { issue, tenants: [] };
        entry.tenants.push({ tenantId: customer.tenantId, customerName: customer.name });
        byIssue.set(issue.id, entry);
      }
    });
    const incidents = await Promise.all([...byIssue.values()].map(async ({ issue, tenants }): Promise<Outage> => {
      const deliveries = (await this.deps.outbox.forIncident(issue.id)).filter((d) => d.audience === 'customer');
      return {
        issueId: issue.id, title: issue.title, service: issue.service, status: issue.status,
        customers: tenants.map(({ tenantId, customerName }) => ({
          tenantId, customerName,
          notified: summarizeDeliveries(issue.id, deliveries.filter((d) => d.tenantId.toLowerCase() === tenantId.toLowerCase())).delivered,
          openCaseIds: open.filter((c) => c.tenantId === tenantId && c.matchedIssues.some((m) => m.id === issue.id)).map((c) => c.id),
        })),
      };
    }));
    return { incidents: incidents.sort((a, b) => a.issueId.localeCompare(b.issueId)) };
  }
}
