import type { Triage } from '../../../src/problem/triageModel';
import { readAzureSubmission } from '../../../src/escalation/azureSupport/submission';
import { parseAzureTicket, parseOperationStatus } from '../../../src/escalation/azureSupport/parse';
import { ticketNameFor } from '../../../src/escalation/azureSupport/ticketName';
import { contactDetailsFor, matchAzureService, matchProblemClassification, proposeAzureTicket } from '../../../src/escalation/azureSupport/ticketProposal';
import { classificationId, SANDBOX_AZURE_SERVICES, serviceId } from '../../../src/sandbox/azureSupportStore';
import { escalationTranslator } from './testTranslator';

const services = SANDBOX_AZURE_SERVICES.map((s) => ({ id: serviceId(s), name: s.name, displayName: s.displayName }));
const windowsVm = SANDBOX_AZURE_SERVICES[0]!;
const classifications = windowsVm.classifications.map((c) => ({ id: classificationId(windowsVm, c), name: c.name, displayName: c.displayName }));
const SUB = '6b1e3c2d-7f4a-4b5c-8d9e-0a1b2c3d4e5f';
const plan = (timeZone: string) => ({ hours: { timeZone, days: ['mon' as const], open: '09:00', close: '18:00', holidays: [] } }) as never;

const triage: Triage = {
  service: 'other', description: 'Our Azure virtual machine will not start since the update', since: { kind: 'today' }, usersAffected: 'everyone',
  severity: 'critical', locale: 'en-US', tenantId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', conversationId: 'c1',
  user: { id: 'u1', name: 'Marie Dupont Durand' }, startedAt: '2026-11-25T08:00:00Z',
};

describe('Azure service and problem classification matching', () => {
  it.each([
    ['Our Azure virtual machine will not start', 'Virtual Machine running Windows'],
    ['Notre machine virtuelle Linux ne répond plus', 'Virtual Machine running Linux'],
    ['The storage account refuses our keys', 'Storage Account Management'],
    ['Base SQL Database inaccessible', 'SQL Database'],
  ])('%s → %s', (description, expected) => {
    expect(matchAzureService(services, { service: 'other', description })?.displayName).toBe(expected);
  });

  it('proposes nothing when no word fits, and picks the problem type the words name', () => {
    expect(matchAzureService(services, { service: 'other', description: 'Azure is broken' })).toBeUndefined();
    expect(matchProblemClassification(classifications, triage)?.displayName).toBe('VM start, stop or restart issues');
    expect(matchProblemClassification(classifications, { service: 'other', description: 'Performance très dégradée' })?.displayName).toBe('VM performance');
  });
});

describe('contact details and ticket name', () => {
  it('takes the case user and completes it from the plan time zone and the case locale', () => {
    expect(contactDetailsFor('Marie Dupont Durand', 'fr-FR', { supportPlan: plan('Europe/Paris'), azureSupportContact: {} })).toEqual({
      firstName: 'Marie', lastName: 'Dupont Durand', preferredContactMethod: 'email', primaryEmailAddress: '',
      preferredTimeZone: 'Romance Standard Time', country: 'FRA', preferredSupportLanguage: 'fr-fr',
    });
    expect(contactDetailsFor('Cher', 'de-DE', { supportPlan: plan('America/New_York'), azureSupportContact: { email: 'it@contoso.example', country: 'CAN' } }))
      .toMatchObject({ firstName: 'Cher', lastName: 'Cher', primaryEmailAddress: 'it@contoso.example', country: 'CAN', preferredTimeZone: 'Eastern Standard Time', preferredSupportLanguage: 'en-us' });
    expect(contactDetailsFor('A B', 'en', { supportPlan: plan('Pacific/Fiji'), azureSupportContact: {} })).toMatchObject({ preferredTimeZone: 'UTC', country: '' });
  });

  it('derives a stable ARM name from the idempotency key', () => {
    expect(ticketNameFor('0B6F4A47-6A5E-4C0D-9A43-3D9E2C1F7A10')).toBe('support-triage-0b6f4a47-6a5e-4c0d-9a43-3d9e2c1f7a10');
    expect(ticketNameFor('0b6f4a47-6a5e-4c0d-9a43-3d9e2c1f7a10')).toBe(ticketNameFor('0B6F4A47-6A5E-4C0D-9A43-3D9E2C1F7A10'));
  });
});

describe('proposeAzureTicket', () => {
  const contactDetails = contactDetailsFor(triage.user.name, 'en', { supportPlan: plan('Europe/Paris'), azureSupportContact: {} });
  const input = {
    triage, category: 'technical' as const, customer: { name: 'Fabrikam', tenantId: triage.tenantId, defaultDomain: 'fabrikam.onmicrosoft.com' },
    matchedIssues: [], transcriptSummary: 'VM stuck at boot.', subscriptionId: SUB, service: services[0], classifications, contactDetails,
  };

  it('carries the case facts, the matched ids, the subscription and the contact', () => {
    const ticket = proposeAzureTicket(input, escalationTranslator('en'));
    expect(ticket).toMatchObject({
      kind: 'azureSupportTicket', subscriptionId: SUB, serviceId: services[0]?.id, problemClassificationId: classifications[1]?.id,
      severity: 'critical', advancedDiagnosticConsent: 'No', contactDetails,
    });
    expect(ticket.title).toBe('Fabrikam: Other / not listed – Our Azure virtual machine will not start since the update');
    for (const fact of [triage.tenantId, 'everyone in the organization', 'VM stuck at boot.', 'Marie Dupont Durand']) expect(ticket.description).toContain(fact);
  });

  it('leaves the ids empty when nothing matched or no subscription is known', () => {
    const { subscriptionId: _subscriptionId, ...withoutSubscription } = input;
    expect(proposeAzureTicket({ ...withoutSubscription, service: undefined }, escalationTranslator('fr'))).toMatchObject({ subscriptionId: '', serviceId: '', problemClassificationId: '' });
  });
});

describe('readAzureSubmission', () => {
  const data = {
    subscriptionId: SUB.toUpperCase(), serviceId: services[0]?.id, problemClassificationId: classifications[0]?.id, severity: 'moderate',
    title: ' VM down ', description: 'Since 7:00', firstName: 'Élise', lastName: 'Martin', primaryEmailAddress: 'elise@fabrikam.example',
    country: 'fra', preferredTimeZone: 'Romance Standard Time', preferredSupportLanguage: 'FR-FR', advancedDiagnosticConsent: 'Yes',
  };
  const rules = { subscriptions: [SUB], services, classifications };

  it('reads a valid submission, normalized', () => {
    expect(readAzureSubmission(data, rules)).toEqual({
      ok: true,
      ticket: expect.objectContaining({ subscriptionId: SUB, title: 'VM down', advancedDiagnosticConsent: 'Yes', contactDetails: expect.objectContaining({ country: 'FRA', preferredSupportLanguage: 'fr-fr' }) }) as unknown,
    });
  });

  it.each([
    ['subscriptionId', { subscriptionId: '99999999-2222-4333-8444-555555555555' }],
    ['serviceId', { serviceId: '/providers/Microsoft.Support/services/unknown' }],
    ['problemClassificationId', { problemClassificationId: classificationId(SANDBOX_AZURE_SERVICES[1]!, SANDBOX_AZURE_SERVICES[1]!.classifications[0]!) }],
    ['severity', { severity: 'highestcriticalimpact' }],
    ['title', { title: '  ' }],
    ['primaryEmailAddress', { primaryEmailAddress: 'elise' }],
    ['country', { country: 'FR' }],
    ['preferredSupportLanguage', { preferredSupportLanguage: 'french' }],
  ])('names %s when it is wrong, keeping what was typed', (field, change) => {
    const result = readAzureSubmission({ ...data, ...change }, rules);
    expect(result).toMatchObject({ ok: false, field, ticket: { description: 'Since 7:00' } });
  });

  it("refuses any subscription that is not the customer's, and every subscription when the directory lists none", () => {
    expect(readAzureSubmission({ ...data, subscriptionId: '99999999-2222-4333-8444-555555555555' }, rules)).toMatchObject({ ok: false, field: 'subscriptionId' });
    expect(readAzureSubmission({ ...data, subscriptionId: '99999999-2222-4333-8444-555555555555' }, { ...rules, subscriptions: [] })).toMatchObject({ ok: false, field: 'subscriptionId' });
  });
});

describe('ARM parsing', () => {
  it('normalizes a ticket: supportTicketId, Open/Closed, highestcriticalimpact', () => {
    const body = { name: 'n', properties: { supportTicketId: '2411250010000001', title: 'T', severity: 'HighestCriticalImpact', status: 'Closed', problemClassificationId: 'p', createdDate: '2026-11-25T08:00:00Z' } };
    expect(parseAzureTicket(body)).toEqual({ id: '2411250010000001', title: 'T', description: '', severity: 'critical', status: 'closed', supportTopicId: 'p', notes: [], createdDate: '2026-11-25T08:00:00Z' });
    expect(parseAzureTicket({ name: 'n', properties: {} })).toMatchObject({ id: 'n', status: 'none' });
    expect(() => parseAzureTicket({ name: 'n' })).toThrow('support ticket has no properties');
  });

  it('reads operation status and its error', () => {
    expect(parseOperationStatus({ status: 'InProgress' })).toEqual({ state: 'running' });
    expect(parseOperationStatus({ status: 'Succeeded' })).toEqual({ state: 'succeeded' });
    expect(parseOperationStatus({ status: 'Failed', error: { code: 'BadRequest', message: 'no' } })).toEqual({ state: 'failed', code: 'BadRequest', message: 'no' });
  });
});
