/**
 * Every card the bot sends, with realistic sample data, for the browser gallery: the shared gallery of
 * test/support/cardGallery.ts plus the cards of the cases, escalation and notifications features.
 */
import type { RenderedCard } from '../../src/cards/renderCard';
import type { Case } from '../../src/cases/caseModel';
import { caseCard, caseStatusCard, satisfactionCard } from '../../src/cases/caseCards';
import { proposalCard, statusCard } from '../../src/escalation/cards';
import type { ServiceRequestRecord } from '../../src/escalation/serviceRequestStore';
import type { SupportTopic } from '../../src/escalation/partnerCenter/model';
import { translator, type Locale } from '../../src/i18n';
import type { Delivery } from '../../src/notifications/outbox';
import { renderNotifyCard } from '../../src/notifications/notifyCard';
import { renderOutageCard } from '../../src/notifications/outageCard';
import { TENANTS } from '../support/activities';
import { cardGallery, sampleIssue, sampleSnapshot } from '../support/cardGallery';

function sampleCase(locale: Locale): Case {
  return {
    id: 'C-1042',
    tenantId: TENANTS.fabrikam,
    customerName: 'Fabrikam',
    user: { id: '29:fabrikam-camille-durand', aadObjectId: '5f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a41', name: 'Camille Durand' },
    customerConversationId: 'a:fabrikam-camille-durand-support-triage',
    locale: locale === 'fr' ? 'fr-FR' : 'en-US',
    triage: {
      service: 'Exchange Online', description: 'Outlook ne reçoit plus de mails depuis ce matin', since: { kind: 'today' }, usersAffected: 'everyone',
      severity: 'critical', locale: locale === 'fr' ? 'fr-FR' : 'en-US', tenantId: TENANTS.fabrikam, conversationId: 'a:fabrikam-camille-durand-support-triage',
      user: { id: '29:fabrikam-camille-durand', name: 'Camille Durand' }, startedAt: '2026-11-25T09:00:00Z',
    },
    matchedIssues: [{ id: sampleIssue.id, title: sampleIssue.title, status: sampleIssue.status }],
    state: 'taken',
    owner: { aadObjectId: 'a1', name: 'Alice Agent' },
    history: [],
    transcript: [],
    slaDueAt: '2026-11-25T10:00:00Z',
    createdAt: '2026-11-25T09:02:00Z',
  };
}

const topics: SupportTopic[] = [
  { id: '32444667', name: 'Exchange Online — Mail flow', description: 'Sending or receiving email' },
  { id: '32444668', name: 'Microsoft Teams — Meetings', description: 'Joining or hosting meetings' },
];

function sampleRequest(): ServiceRequestRecord {
  return {
    caseId: 'C-1042', tenantId: TENANTS.fabrikam, customerName: 'Fabrikam', idempotencyKey: 'b7c1f3e0-0000-4000-8000-000000000001', state: 'filed',
    request: { title: 'Fabrikam: no inbound mail since 07:00 UTC', description: 'Inbound mail stopped for all users.', severity: 'critical', supportTopicId: '32444667' },
    requestedBy: { aadObjectId: 'a1', name: 'Alice Agent' },
    attempts: [{ at: '2026-11-25T09:20:00Z', requestId: 'b7c1f3e0-0000-4000-8000-000000000001', outcome: 'created' }],
    serviceRequest: {
      id: '2611250040001234', status: 'open', notesSeen: 1,
      lastNote: { createdByName: 'Microsoft Support', createdDate: '2026-11-25T09:45:00Z', text: 'We are reviewing the message trace for the affected mailboxes.' },
    },
    createdAt: '2026-11-25T09:20:00Z', updatedAt: '2026-11-25T09:45:00Z',
  };
}

function sampleDelivery(locale: Locale, audience: 'customer' | 'agents', resolved: boolean): Delivery {
  const issue = resolved
    ? { ...sampleIssue, isResolved: true, status: 'serviceRestored' as const, endDateTime: '2026-11-25T11:10:00Z' }
    : sampleIssue;
  return {
    key: 'k', audience, tenantId: TENANTS.fabrikam, conversationId: 'a:1', reference: {}, locale: locale === 'fr' ? 'fr-FR' : 'en-US',
    issue, issueTenantId: TENANTS.fabrikam, kind: resolved ? 'resolved' : 'new', changes: [],
    customers: audience === 'agents' ? ['Fabrikam', 'Northwind Traders'] : [],
    version: 1, sentVersion: 0, followUpDue: false, status: 'pending', attempts: 0, nextAttemptAt: 0, updatedAt: '2026-11-25T09:40:00Z',
  };
}

/** Every card, by name (the PNG file name stem). */
export function allCards(locale: Locale): Record<string, RenderedCard> {
  const t = translator(locale);
  const c = sampleCase(locale);
  const request = sampleRequest();
  return {
    ...cardGallery(locale),
    caseCard: caseCard(c, locale, { agents: [{ aadObjectId: 'a1', name: 'Alice Agent' }, { aadObjectId: 'b2', name: 'Bob Helpdesk' }] }),
    caseStatus: caseStatusCard(c, locale, [t('cases.customer.taken', { agent: 'Alice Agent', id: c.id })]),
    satisfaction: satisfactionCard({ ...c, state: 'resolved' }, locale),
    escalationProposal: proposalCard({
      caseId: c.id,
      proposal: { title: request.request.title, description: request.request.description, severity: 'critical', supportTopicId: '32444667' },
      topics,
      routeExplanation: 'Filed through Partner Center for Fabrikam (Premier support).',
    }, t),
    escalationStatus: statusCard(request, t),
    outageCustomer: renderOutageCard(sampleDelivery(locale, 'customer', false)),
    outageAgents: renderOutageCard(sampleDelivery(locale, 'agents', false)),
    outageResolved: renderOutageCard(sampleDelivery(locale, 'customer', true)),
    notify: renderNotifyCard(sampleSnapshot.services, { conversationId: 'a:1', incidentIds: [], services: ['Exchange Online'], all: false }, locale),
  };
}
