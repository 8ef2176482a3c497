import type { Customer } from '../directory/customerDirectory';
import { type HealthIssue, type HealthSnapshot, isDegradedStatus } from './model';
import { issueLink, serviceHealthLink } from './adminCenterLinks';
import { translator, type Locale } from '../i18n';
import { renderCard, type RenderedCard } from '../cards/renderCard';
import healthSummaryTemplate from '../cards/templates/healthSummary.json';
import incidentTemplate from '../cards/templates/incident.json';
import otherIssuesTemplate from '../cards/templates/otherIssues.json';
import { plainInline } from '../text/plainText';
import { evidenceText } from './evidenceText';
import type { MatchEvidence } from './incidentMatching';

/** "25 Nov 2026, 09:05 UTC" in the customer's language. */
export function formatInstant(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = instantFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    instantFormats.set(locale, format);
  }
  return `${format.format(date)} UTC`;
}

const instantFormats = new Map<Locale, Intl.DateTimeFormat>();

/** Each service of the tenant with its status, degraded services first, and a link to the admin center. */
export function healthSummaryCard(snapshot: HealthSnapshot, customer: Customer, locale: Locale): RenderedCard {
  const t = translator(locale);
  const services = [...snapshot.services]
    .sort((a, b) => Number(isDegradedStatus(b.status)) - Number(isDegradedStatus(a.status)) || a.service.localeCompare(b.service))
    .map((s) => ({
      service: s.service,
      statusText: t(`health.status.${s.status}`),
      color: isDegradedStatus(s.status) ? 'Warning' : 'Good',
      weight: isDegradedStatus(s.status) ? 'Bolder' : 'Default',
    }));
  const degraded = services.filter((s) => s.color === 'Warning').length;
  return renderCard(healthSummaryTemplate, {
    title: t('health.summaryTitle', { customer: customer.name }),
    headline: degraded === 0 ? t('health.allHealthy') : t('health.degradedCount', { count: degraded }),
    headlineColor: degraded === 0 ? 'Good' : 'Warning',
    services,
    checkedAt: t('health.checkedAt', { time: snapshot.fetchedAt.slice(11, 16) }),
    openLabel: t('health.openAdminCenter'),
    adminUrl: serviceHealthLink(snapshot.tenantId),
  }, t('health.summaryPreview', { count: degraded }));
}

/**
 * One incident or advisory, with its latest update and, in triage, a "this is my problem" button and why it was
 * matched to the problem.
 */
export function incidentCard(
  issue: HealthIssue, tenantId: string, locale: Locale,
  options: { heading: string; showConfirm: boolean; evidence?: MatchEvidence },
): RenderedCard {
  const t = translator(locale);
  return renderCard(incidentTemplate, {
    heading: options.heading,
    id: issue.id,
    title: issue.title,
    why: options.evidence ? t('health.incident.why', { evidence: evidenceText(options.evidence, locale) }) : '',
    status: t(`health.status.${issue.status}`),
    classification: t(`health.classification.${issue.classification}`),
    started: formatInstant(issue.startDateTime, locale),
    impact: issue.impactDescription,
    latest: issue.latestPost ? `${formatInstant(issue.latestPost.createdDateTime, locale)} — ${issue.latestPost.text}` : '',
    labels: {
      status: t('health.incident.status'), classification: t('health.incident.classification'), started: t('health.incident.started'),
      latest: t('health.incident.latest'), open: t('health.incident.open'),
    },
    confirmLabel: t('health.incident.isThisIt'),
    showConfirm: options.showConfirm,
    url: issueLink(tenantId, issue.id),
  }, t('health.incident.preview', { id: issue.id, title: issue.title }));
}

/** The service's other active issues in one compact card: a line each (linked id and title, status), never presented as the customer's. */
export function otherIssuesCard(issues: readonly HealthIssue[], service: string, tenantId: string, locale: Locale): RenderedCard {
  const t = translator(locale);
  return renderCard(otherIssuesTemplate, {
    title: t('health.others.title', { service }),
    intro: t('health.others.intro'),
    lines: issues.map((issue) => ({
      text: t('health.others.line', { link: `[${plainInline(`${issue.id} · ${issue.title}`)}](${issueLink(tenantId, issue.id)})`, status: t(`health.status.${issue.status}`) }),
    })),
  }, t('health.others.preview', { service, count: issues.length }));
}
