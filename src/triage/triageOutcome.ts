import type { Turn } from '../teams/turn';
import type { Logger } from 'pino';
import { healthSummaryCard, incidentCard } from '../health/healthCards';
import { nextStepsCard, triageSummaryCard } from './triageCards';
import type { Customer } from '../directory/customerDirectory';
import { matchIssues } from '../health/incidentMatching';
import { HealthUnavailableError, type HealthSnapshot, type ServiceHealthSource } from '../health/model';
import { translator, type Locale } from '../i18n';
import { sendCard } from '../teams/replies';
import { turnLog } from '../teams/turnLog';
import type { Triage } from '../problem/triageModel';

/** What the customer saw at the end of triage; the next step (agent, service request) carries it. */
export interface TriageRecord {
  triage: Triage;
  matchedIssues: Array<{ id: string; title: string; status: string }>;
  healthChecked: boolean;
}

/** Reads a tenant's health, or undefined (logged) when Graph cannot be reached for it. */
export async function readHealth(health: ServiceHealthSource, tenantId: string, context: Turn, logger: Logger): Promise<HealthSnapshot | undefined> {
  try {
    return await health.getSnapshot(tenantId);
  } catch (err) {
    const reason = err instanceof HealthUnavailableError ? err.reason : 'unexpected';
    turnLog(logger, context).warn({ err, event: 'health.unavailable', reason }, 'service health unavailable');
    return undefined;
  }
}

/**
 * Ends a triage: summary of the answers, the tenant's health, the incidents that match (best 3, each
 * with "this is my problem"), then the next steps. Graph being unavailable is one plain sentence,
 * never a dead end.
 */
export async function presentTriageOutcome(
  context: Turn, triage: Triage, customer: Customer, locale: Locale,
  deps: { health: ServiceHealthSource; logger: Logger },
): Promise<TriageRecord> {
  const t = translator(locale);
  await sendCard(context, triageSummaryCard(triage, locale));
  const snapshot = await readHealth(deps.health, triage.tenantId, context, deps.logger);
  if (!snapshot) {
    await context.sendActivity(t('triage.healthUnavailable'));
    await sendCard(context, nextStepsCard(locale, { intro: '', showMicrosoft: customer.supportPlan.customerMayRequestMicrosoftEscalation }));
    return { triage, matchedIssues: [], healthChecked: false };
  }
  const matches = matchIssues(snapshot.issues, { service: triage.service, description: triage.description, since: triage.since, now: new Date() });
  await sendCard(context, healthSummaryCard(snapshot, customer, locale));
  for (const match of matches) {
    await sendCard(context, incidentCard(match.issue, triage.tenantId, locale, { heading: t('health.incident.matchTitle'), showConfirm: !match.issue.isResolved }));
  }
  await sendCard(context, nextStepsCard(locale, {
    intro: matches.length === 0 ? t('triage.noMatch') : '',
    showMicrosoft: customer.supportPlan.customerMayRequestMicrosoftEscalation,
  }));
  turnLog(deps.logger, context).info({ event: 'triage.completed', service: triage.service, severity: triage.severity, matches: matches.map((m) => m.issue.id) }, 'triage completed');
  return { triage, healthChecked: true, matchedIssues: matches.map((m) => ({ id: m.issue.id, title: m.issue.title, status: m.issue.status })) };
}
