/**
 * The case cards: the agents' case card (updated in place), the customer's status card and the satisfaction card.
 * Every string comes from i18n (`cases.*`).
 */
import { formatInstant } from '../health/healthCards';
import { evidenceText } from '../health/evidenceText';
import { plainText } from '../text/plainText';
import { renderCard, type RenderedCard } from '../cards/renderCard';
import { triageFacts } from '../triage/triageCards';
import { serviceHealthLink, issueLink } from '../health/adminCenterLinks';
import { translator, type Locale } from '../i18n';
import { accountFact } from '../health/userAccountText';
import { azureEventsFact } from '../health/azureServiceHealthCards';
import { messageCenterFact } from '../health/messageCenterCards';
import type { Agent, Case } from './caseModel';
import { isOpenCase, MAX_COMMENT_CHARS } from './caseModel';
import caseTemplate from './templates/caseCard.json';
import statusTemplate from './templates/caseStatus.json';
import satisfactionTemplate from './templates/satisfaction.json';

/** What the case card shows besides the case. */
export interface CaseCardOptions {
  /** A line saying why an action was refused. */
  notice?: string;
  /** Agents the Assign list offers, by name (those who acted with an agent role). */
  agents?: Agent[];
}

/**
 * The case card of the agents' thread. Names and text that come from people (customer, user, description, owner,
 * resolution) are shown as typed, never as markdown: the card is read by admin-role staff.
 */
export function caseCard(c: Case, locale: Locale, options: CaseCardOptions = {}): RenderedCard {
  const t = translator(locale);
  const severity = t(`cases.severity.${c.triage.severity}`);
  const facts = [
    { label: t('cases.card.customer'), value: plainText(c.customerName) },
    { label: t('cases.card.user'), value: plainText(c.user.name) },
    ...triageFacts(c.triage, locale),
    { label: t('cases.card.slaDue'), value: formatInstant(c.slaDueAt, locale) },
    { label: t('cases.card.state'), value: t(`cases.state.${c.state}`) },
    { label: t('cases.card.owner'), value: c.owner ? plainText(c.owner.name) : t('cases.card.unassigned') },
    ...(c.resolution?.summary ? [{ label: t('cases.card.resolution'), value: plainText(c.resolution.summary) }] : []),
    ...[accountFact(c.triage.diagnosis?.account, locale), messageCenterFact(c.triage.diagnosis?.messageCenterPosts, locale), azureEventsFact(c.triage.diagnosis?.azureEvents, t)].filter((fact) => fact !== undefined),
  ];
  const incidents = c.matchedIssues.length > 0
    ? c.matchedIssues.map((i) => ({
      text: `[${plainText(`${i.id}: ${i.title}`)} (${t(`health.status.${i.status}`, { defaultValue: i.status })})](${issueLink(c.tenantId, i.id)})`,
      evidence: i.evidence ? evidenceText(i.evidence, locale) : '',
    }))
    : [{ text: t('cases.card.noIncidents'), evidence: '' }];
  return renderCard(caseTemplate, {
    caseId: c.id,
    title: t('cases.card.title', { id: c.id, customer: plainText(c.customerName) }),
    notice: options.notice ?? '',
    facts,
    incidentsLabel: t('cases.card.incidents'),
    incidents,
    serviceHealthLink: `[${t('cases.card.serviceHealth')}](${serviceHealthLink(c.tenantId)})`,
    open: isOpenCase(c),
    waitable: c.state === 'taken',
    agents: options.agents ?? [],
    takeLabel: t('cases.actions.take'),
    waitLabel: t('cases.actions.wait'),
    assignLabel: t('cases.actions.assign'),
    assignToLabel: t('cases.actions.assignTo'),
    assignToIdLabel: t('cases.actions.assignToId'),
    resolveLabel: t('cases.actions.resolve'),
    summaryLabel: t('cases.actions.summary'),
    requiredMessage: t('cases.actions.required'),
    requestMicrosoftLabel: t('cases.actions.requestMicrosoft'),
  }, t('cases.card.summary', { id: c.id, customer: c.customerName, severity }));
}

/** A short card for the customer: the case number and lines of news. */
export function caseStatusCard(c: Case, locale: Locale, lines: string[]): RenderedCard {
  const t = translator(locale);
  const title = c.owner
    ? t('cases.customer.statusOwner', { id: c.id, state: t(`cases.state.${c.state}`), owner: c.owner.name })
    : t('cases.customer.status', { id: c.id, state: t(`cases.state.${c.state}`) });
  return renderCard(statusTemplate, { title, lines: lines.map((text) => ({ text })) }, lines[0] ?? title);
}

/** The 1–5 rating card sent to the customer after resolution. */
export function satisfactionCard(c: Case, locale: Locale): RenderedCard {
  const t = translator(locale);
  return renderCard(satisfactionTemplate, {
    caseId: c.id,
    title: t('cases.satisfaction.title', { id: c.id }),
    scoreLabel: t('cases.satisfaction.score'),
    requiredMessage: t('cases.actions.required'),
    scores: [1, 2, 3, 4, 5].map((n) => ({ title: '★'.repeat(n), value: String(n) })),
    commentLabel: t('cases.satisfaction.comment'),
    commentMaxLength: MAX_COMMENT_CHARS,
    submitLabel: t('cases.satisfaction.submit'),
  }, t('cases.satisfaction.summary', { id: c.id }));
}
