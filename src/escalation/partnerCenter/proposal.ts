/**
 * What the bot proposes to file with Microsoft for a case: support topic, severity, title and description
 * (customer name, tenant id, default domain, affected users, since when, matching incidents, transcript summary). Pure.
 */
import { OTHER_SERVICE, type SinceWhen, type Triage } from '../../problem/triageModel';
import type { Translate } from '../../i18n';
import type { NewServiceRequest, SupportTopic } from './model';
import type { ProblemCategory } from '../route';
import { bestWordMatch, words } from '../wordMatch';

/** A health incident matched to the case (a HealthIssue fits). */
export interface MatchedIssueRef {
  id: string;
  title: string;
}

export interface ProposalInput {
  triage: Triage;
  category: ProblemCategory;
  customer: { name: string; tenantId: string; defaultDomain: string };
  matchedIssues: readonly MatchedIssueRef[];
  transcriptSummary: string;
  topics: readonly SupportTopic[];
}

/** A proposal; `supportTopicId` is empty when no topic fits (the agent must pick one). */
export type Proposal = NewServiceRequest;

const TITLE_MAX = 120;
const DESCRIPTION_MAX = 5000;
const CATEGORY_WORDS: Record<Exclude<ProblemCategory, 'technical'>, string[]> = {
  billing: ['billing', 'invoice'],
  subscriptionManagement: ['subscription', 'license', 'licence'],
};

/** The topic sharing most words with the service (or the commercial category); undefined when none shares any. */
export function matchTopic(topics: readonly SupportTopic[], service: string, category: ProblemCategory): SupportTopic | undefined {
  const wanted = category === 'technical' ? (service === OTHER_SERVICE ? [] : words(service)) : CATEGORY_WORDS[category];
  return bestWordMatch(topics, wanted, (topic) => topic);
}

function sinceText(since: SinceWhen, t: Translate): string {
  return since.kind === 'date' ? t('escalation.description.sinceDate', { date: since.date }) : t(`escalation.description.since.${since.kind}`);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The proposal for a case; labels come from `t` (the agent's language). */
export function proposeServiceRequest(input: ProposalInput, t: Translate): Proposal {
  const { triage, customer } = input;
  const topic = matchTopic(input.topics, triage.service, input.category);
  const service = triage.service === OTHER_SERVICE ? t('escalation.description.otherService') : triage.service;
  const summary = triage.description.replace(/\s+/g, ' ').trim();
  const title = truncate(`${customer.name}: ${service} – ${summary}`, TITLE_MAX);
  const incidents = input.matchedIssues.length === 0
    ? [t('escalation.description.noIncident')]
    : input.matchedIssues.map((issue) => `- ${issue.id}: ${issue.title}`);
  const lines = [
    `${t('escalation.description.customer')}: ${customer.name}`,
    `${t('escalation.description.tenantId')}: ${customer.tenantId}`,
    `${t('escalation.description.domain')}: ${customer.defaultDomain}`,
    `${t('escalation.description.service')}: ${service}`,
    `${t('escalation.description.usersAffected')}: ${t(`escalation.description.users.${triage.usersAffected}`)}`,
    `${t('escalation.description.sinceLabel')}: ${sinceText(triage.since, t)}`,
    `${t('escalation.description.reportedBy')}: ${triage.user.name}`,
    '',
    `${t('escalation.description.problem')}:`,
    triage.description.trim(),
    '',
    `${t('escalation.description.incidents')}:`,
    ...incidents,
    '',
    `${t('escalation.description.transcript')}:`,
    input.transcriptSummary.trim() || '-',
  ];
  return { supportTopicId: topic?.id ?? '', severity: triage.severity, title, description: truncate(lines.join('\n'), DESCRIPTION_MAX) };
}
