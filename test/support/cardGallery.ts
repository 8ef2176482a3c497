import type { RenderedCard } from '../../src/cards/renderCard';
import { healthSummaryCard, incidentCard, otherIssuesCard } from '../../src/health/healthCards';
import { helpCard } from '../../src/cards/helpCard';
import { nextStepsCard, triageQuestionCard, triageSummaryCard } from '../../src/triage/triageCards';
import { welcomeCard } from '../../src/cards/welcomeCard';
import { parseCustomerDirectory } from '../../src/directory/customerDirectory';
import type { HealthIssue, HealthSnapshot } from '../../src/health/model';
import { choiceButtons } from '../../src/triage/triageDialog';
import { translator, type Locale } from '../../src/i18n';
import customersJson from '../../config/customers.json';
import { TENANTS } from './activities';
import { azureEventCard } from '../../src/health/azureServiceHealthCards';
import { parseAzureEvent } from '../../src/health/azureServiceHealth';
import { seededServiceIssue } from '../../src/sandbox/resourceHealthEvents';

export const sampleCustomers = parseCustomerDirectory(customersJson, 'config/customers.json');
export const fabrikam = sampleCustomers.find(TENANTS.fabrikam)!;

export const sampleIssue: HealthIssue = {
  id: 'EX1093214', title: "Users can't receive email in Outlook", impactDescription: 'Users may not receive external email.',
  classification: 'incident', status: 'serviceDegradation', service: 'Exchange Online', feature: 'Mail flow', featureGroup: 'E-Mail timely delivery',
  isResolved: false, startDateTime: '2026-11-25T07:05:00Z', endDateTime: null, lastModifiedDateTime: '2026-11-25T09:31:12Z',
  latestPost: { createdDateTime: '2026-11-25T09:31:12Z', text: 'Traffic is being rerouted. Next update by 11:30 UTC.' },
};

export const sampleSnapshot: HealthSnapshot = {
  tenantId: TENANTS.fabrikam, fetchedAt: '2026-11-25T09:40:00.000Z',
  services: [
    { id: 'Exchange', service: 'Exchange Online', status: 'serviceDegradation' },
    { id: 'microsoftteams', service: 'Microsoft Teams', status: 'serviceOperational' },
    { id: 'SharePoint', service: 'SharePoint Online', status: 'unknownFutureValue' },
  ],
  issues: [sampleIssue],
};

/** Every card the bot sends, rendered with realistic data, by name. Features add theirs here. */
export function cardGallery(locale: Locale): Record<string, RenderedCard> {
  return {
    welcome: welcomeCard(fabrikam, 'Contoso Cloud Services', locale),
    helpCustomer: helpCard(locale, 'customer'),
    helpAgent: helpCard(locale, 'agent'),
    healthSummary: healthSummaryCard(sampleSnapshot, fabrikam, locale),
    incident: incidentCard(sampleIssue, TENANTS.fabrikam, locale, { heading: 'Match', showConfirm: true }),
    azureEvent: azureEventCard(parseAzureEvent(seededServiceIssue('6b1e3c2d-7f4a-4b5c-8d9e-0a1b2c3d4e5f'), '6b1e3c2d-7f4a-4b5c-8d9e-0a1b2c3d4e5f'), locale),
    incidentWithEvidence: incidentCard(sampleIssue, TENANTS.fabrikam, locale, {
      heading: 'Match', showConfirm: true,
      evidence: { service: 'same', words: ['reçoit', 'mails'], started: { minutesBefore: 115, anchor: 'problem', anchorAt: '2026-11-25T09:00:00.000Z', fit: 'started' } },
    }),
    otherIssues: otherIssuesCard([{ ...sampleIssue, id: 'EX1093300', title: 'Search in Outlook on the web may be slow [preview]' }], 'Exchange Online', TENANTS.fabrikam, locale),
    triageSummary: triageSummaryCard({
      service: 'Exchange Online', description: 'Outlook ne reçoit plus de mails', since: { kind: 'today' }, usersAffected: 'everyone',
      severity: 'critical', locale, tenantId: TENANTS.fabrikam, conversationId: 'a:1', user: { id: '29:1', name: 'Élise' }, startedAt: '2026-11-25T09:00:00Z',
    }, locale),
    nextSteps: nextStepsCard(locale, { intro: 'No match', showMicrosoft: true }),
    triageQuestionButtons: triageQuestionCard(translator(locale)('triage.askSeverity'), choiceButtons('severity', locale, []), locale),
    triageQuestionDropDown: triageQuestionCard(translator(locale)('triage.askService'), choiceButtons('service', locale, sampleSnapshot.services.map((s) => s.service)), locale),
  };
}
