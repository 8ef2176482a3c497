import type { HealthIssue } from '../../../src/health/model';

/** A healthy-looking unresolved Exchange incident; override any field. */
export function issue(overrides: Partial<HealthIssue> = {}): HealthIssue {
  return {
    id: 'EX100001',
    title: 'Users cannot send mail',
    impactDescription: 'Users may be unable to send email from Outlook.',
    classification: 'incident',
    status: 'investigating',
    service: 'Exchange Online',
    feature: 'E-Mail and calendar access',
    featureGroup: 'Exchange',
    isResolved: false,
    startDateTime: '2026-11-25T08:00:00Z',
    endDateTime: null,
    lastModifiedDateTime: '2026-11-25T08:05:00Z',
    latestPost: { createdDateTime: '2026-11-25T08:05:00Z', text: 'We are investigating.' },
    ...overrides,
  };
}
