/**
 * Per incident delivery counts (delivered, pending, failed with reasons), for the agents' `outage <id>` command.
 */
import type { Activity } from '../teams/turn';
import { translator, type Locale } from '../i18n';
import type { Delivery, Outbox } from './outbox';

/** Counts of one incident's deliveries. `delivered` means the latest version is shown. */
export interface DeliveryReport {
  incidentId: string;
  delivered: number;
  pending: number;
  failed: number;
  /** Failure reasons with how many deliveries failed for each. */
  reasons: Array<{ reason: string; count: number }>;
}

/** Pure: summarizes deliveries of one incident. */
export function summarizeDeliveries(incidentId: string, deliveries: readonly Delivery[]): DeliveryReport {
  const reasons = new Map<string, number>();
  const report: DeliveryReport = { incidentId, delivered: 0, pending: 0, failed: 0, reasons: [] };
  for (const d of deliveries) {
    if (d.status === 'sent') report.delivered++;
    else if (d.status === 'failed') {
      report.failed++;
      const reason = d.reason ?? 'unknown';
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    } else report.pending++;
  }
  report.reasons = [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
  return report;
}

/** Reads an incident's deliveries from the outbox and summarizes those included (default: all). */
export async function deliveryReport(outbox: Outbox, incidentId: string, include: (delivery: Delivery) => boolean = () => true): Promise<DeliveryReport> {
  return summarizeDeliveries(incidentId, (await outbox.forIncident(incidentId)).filter(include));
}

/** The report as a short message. */
export function deliveryReportActivity(report: DeliveryReport, locale: Locale): Partial<Activity> {
  const t = translator(locale);
  const total = report.delivered + report.pending + report.failed;
  if (total === 0) return { type: 'message', text: t('notifications.report.none', { id: report.incidentId }) };
  const lines = [
    t('notifications.report.title', { id: report.incidentId }),
    t('notifications.report.counts', { delivered: report.delivered, pending: report.pending, failed: report.failed }),
    ...report.reasons.map((r) => t('notifications.report.reason', { reason: r.reason, count: r.count })),
  ];
  return { type: 'message', text: lines.join('\n\n') };
}
