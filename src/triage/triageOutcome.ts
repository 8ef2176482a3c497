import type { Turn } from '../teams/turn';
import type { Logger } from 'pino';
import { healthSummaryCard, incidentCard, otherIssuesCard } from '../health/healthCards';
import { nextStepsCard, triageSummaryCard } from './triageCards';
import type { Customer } from '../directory/customerDirectory';
import { matchIssues, type MatchEvidence } from '../health/incidentMatching';
import { messageCenterPostCard, messageCenterPostRef } from '../health/messageCenterCards';
import { findExplainingPosts } from '../health/messageCenterFindings';
import type { RankedPost } from '../health/messageCenterMatching';
import type { MessageCenterSource } from '../health/messageCenterModel';
import { HealthUnavailableError, type HealthSnapshot, type ServiceHealthSource } from '../health/model';
import { translator, type Locale } from '../i18n';
import { sendCard } from '../teams/replies';
import { turnLog } from '../teams/turnLog';
import { OTHER_SERVICE, type Triage } from '../problem/triageModel';
import { azureSubscriptionOf } from '../escalation/route';
import { namedAzureServices } from '../health/azureServiceHealth';
import { azureEventCard } from '../health/azureServiceHealthCards';
import { diagnoseAccountAndAzure, diagnosisNotes, type ExtraDiagnosis, type ExtraDiagnosisDeps } from '../health/extraDiagnosis';
import { accountMessage } from '../health/userAccountText';

/** What the customer saw at the end of triage; the next step (agent, service request) carries it. */
export interface TriageRecord {
  triage: Triage;
  matchedIssues: Array<{ id: string; title: string; status: string; evidence?: MatchEvidence }>;
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
 * Ends a triage: summary of the answers, the tenant's health, the incidents that match (each with why and
 * "this is my problem"), the service's other known issues in one compact card, then the next steps. Graph being unavailable is one plain sentence,
 * never a dead end.
 */
export async function presentTriageOutcome(
  context: Turn, triage: Triage, customer: Customer, locale: Locale,
  deps: { health: ServiceHealthSource; messageCenter?: MessageCenterSource; logger: Logger } & ExtraDiagnosisDeps,
): Promise<TriageRecord> {
  const t = translator(locale);
  await sendCard(context, triageSummaryCard(triage, locale));
  const posts = findExplainingPosts(deps.messageCenter, triage, new Date(), deps.logger);
  const extra = diagnoseAccountAndAzure(deps, triage, azureSubscriptionsOf(triage, customer), deps.logger);
  const snapshot = await readHealth(deps.health, triage.tenantId, context, deps.logger);
  if (!snapshot) {
    await context.sendActivity(t('triage.healthUnavailable'));
    const explainingPosts = await posts;
    for (const match of explainingPosts) await sendCard(context, messageCenterPostCard(match.post, locale));
    triage = { ...triage, diagnosis: withPosts(await presentExtraDiagnosis(context, await extra, locale), explainingPosts) };
    await sendCard(context, nextStepsCard(locale, { intro: '', showMicrosoft: customer.supportPlan.customerMayRequestMicrosoftEscalation }));
    return { triage, matchedIssues: [], healthChecked: false };
  }
  const { matches, others, service } = matchIssues(snapshot.issues, { service: triage.service, description: triage.description, since: triage.since, now: new Date() });
  await sendCard(context, healthSummaryCard(snapshot, customer, locale));
  for (const match of matches) {
    await sendCard(context, incidentCard(match.issue, triage.tenantId, locale, { heading: t('health.incident.matchTitle'), showConfirm: !match.issue.isResolved, evidence: match.evidence }));
  }
  if (service !== undefined && others.length > 0) await sendCard(context, otherIssuesCard(others, service, triage.tenantId, locale));
  const explainingPosts = await posts;
  for (const match of explainingPosts) await sendCard(context, messageCenterPostCard(match.post, locale));
  const found = await extra;
  triage = { ...triage, diagnosis: withPosts(await presentExtraDiagnosis(context, found, locale), explainingPosts) };
  await sendCard(context, nextStepsCard(locale, {
    intro: matches.length === 0 && explainingPosts.length === 0 && found.azureEvents.length === 0 ? t('triage.noMatch') : '',
    showMicrosoft: customer.supportPlan.customerMayRequestMicrosoftEscalation,
  }));
  turnLog(deps.logger, context).info({ event: 'triage.completed', service: triage.service, severity: triage.severity, matches: matches.map((m) => m.issue.id) }, 'triage completed');
  return { triage, healthChecked: true, matchedIssues: matches.map((m) => ({ id: m.issue.id, title: m.issue.title, status: m.issue.status, evidence: m.evidence })) };
}

/** The diagnosis notes with the Message center posts the customer was shown, for the case card. */
function withPosts(notes: Triage['diagnosis'], posts: readonly RankedPost[]): Triage['diagnosis'] {
  return posts.length === 0 ? notes : { ...notes, messageCenterPosts: posts.map(messageCenterPostRef) };
}

/** The customer's Azure subscriptions to read Service Health for: those of an Azure problem (the one it names, if any), else none. */
function azureSubscriptionsOf(triage: Triage, customer: Customer): string[] {
  const subscriptions = customer.azureSubscriptionIds;
  const azure = azureSubscriptionOf(triage, subscriptions);
  const isAzure = azure.isAzure || (triage.service === OTHER_SERVICE && namedAzureServices(triage.description).length > 0);
  if (!isAzure) return [];
  return azure.id === undefined ? [...subscriptions] : [azure.id];
}

/** Shows the Azure events that match (before any Azure ticket is proposed) and what the customer can act on in their account. */
async function presentExtraDiagnosis(context: Turn, found: ExtraDiagnosis, locale: Locale): Promise<Triage['diagnosis']> {
  for (const ranked of found.azureEvents) await sendCard(context, azureEventCard(ranked.event, locale));
  const message = found.account ? accountMessage(found.account, locale) : undefined;
  if (message) await context.sendActivity(message);
  return diagnosisNotes(found);
}
