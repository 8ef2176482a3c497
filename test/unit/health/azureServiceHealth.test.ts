import { azureEventCard, azureEventsFact } from '../../../src/health/azureServiceHealthCards';
import { type AzureHealthEvent, azureEventRef, matchAzureEvents, namedAzureServices, parseAzureEvent } from '../../../src/health/azureServiceHealth';
import { translator } from '../../../src/i18n';
import { seededServiceIssue } from '../../../src/sandbox/resourceHealthEvents';

const NOW = new Date('2026-12-02T12:00:00Z');
const SUBSCRIPTION = '6b1e3c2d-7f4a-4b5c-8d9e-0a1b2c3d4e5f';

function event(changes: Partial<AzureHealthEvent> = {}): AzureHealthEvent {
  return {
    trackingId: 'VT4R-9QG', subscriptionId: SUBSCRIPTION, eventType: 'ServiceIssue', status: 'Active',
    title: 'Virtual Machines - West Europe - Start and restart failures',
    summary: 'Customers may experience failures when starting or restarting virtual machines.',
    impactStartTime: '2026-12-02T10:00:00Z', impactMitigationTime: null, lastUpdateTime: '2026-12-02T11:40:00Z',
    impacts: [{ service: 'Virtual Machines', regions: [{ region: 'West Europe', status: 'Active' }, { region: 'France Central', status: 'Active' }] }],
    ...changes,
  };
}

describe('parseAzureEvent', () => {
  it('reads the stand-in\'s seeded event (the published example\'s shape): type, status, services, regions, times', () => {
    const parsed = parseAzureEvent(JSON.parse(JSON.stringify(seededServiceIssue(SUBSCRIPTION, NOW))) as unknown, SUBSCRIPTION);
    expect(parsed).toMatchObject({
      trackingId: 'VT4R-9QG', eventType: 'ServiceIssue', status: 'Active', impactStartTime: '2026-12-02T10:00:00Z', impactMitigationTime: null,
      impacts: [{ service: 'Virtual Machines', regions: [{ region: 'West Europe', status: 'Active' }, { region: 'France Central', status: 'Active' }] }],
    });
    expect(azureEventRef(parsed)).toEqual({
      trackingId: 'VT4R-9QG', subscriptionId: SUBSCRIPTION, eventType: 'ServiceIssue', status: 'Active', title: parsed.title,
      services: ['Virtual Machines'], regions: ['West Europe', 'France Central'],
    });
  });

  it('takes the article text without HTML when there is no summary, and refuses an event without a name', () => {
    expect(parseAzureEvent({ name: 'X', properties: { article: { articleContent: '<html><p>Some <b>text</b></p></html>' } } }, SUBSCRIPTION).summary).toBe('Some text');
    expect(() => parseAzureEvent({ properties: {} }, SUBSCRIPTION)).toThrow('event has no name');
  });
});

describe('matchAzureEvents: precision first', () => {
  const match = (text: string, events: AzureHealthEvent[] = [event()], since: 'justNow' | 'today' | 'moreThanDay' = 'today'): string[] =>
    matchAzureEvents(events, { text, since: { kind: since }, now: NOW }).map((ranked) => ranked.event.trackingId);

  it.each([
    'Azure: my VM does not start since this morning',
    'Azure ma machine virtuelle ne redémarre plus',
    'other Our virtual machines in West Europe fail to restart',
  ])('the service named (%s) during an active event → shown', (text) => {
    expect(match(text)).toEqual(['VT4R-9QG']);
  });

  it.each([
    'Azure: our storage account is slow',
    'Azure: la facture du mois est fausse',
    'Azure SQL database timeouts',
  ])('another Azure service (%s) → not shown', (text) => {
    expect(match(text)).toEqual([]);
  });

  it('two shared words without the service named are enough evidence; one is not', () => {
    expect(match('Azure: restart failures since this morning')).toEqual(['VT4R-9QG']);
    expect(match('Azure: failures')).toEqual([]);
  });

  it('timing: a resolved event mitigated before the problem began is not shown; an active one is', () => {
    const resolved = event({ status: 'Resolved', impactStartTime: '2026-11-20T10:00:00Z', impactMitigationTime: '2026-11-20T14:00:00Z' });
    expect(match('Azure VM down', [resolved], 'justNow')).toEqual([]);
    expect(match('Azure VM down', [event({ impactStartTime: '2026-11-20T10:00:00Z' })], 'justNow')).toEqual(['VT4R-9QG']);
  });

  it('planned maintenance and health advisories match; security advisories and RCAs do not', () => {
    expect(match('Azure VM reboot', [event({ eventType: 'PlannedMaintenance' })])).toEqual(['VT4R-9QG']);
    expect(match('Azure VM reboot', [event({ eventType: 'HealthAdvisory' })])).toEqual(['VT4R-9QG']);
    expect(match('Azure VM reboot', [event({ eventType: 'SecurityAdvisory' }), event({ eventType: 'RCA' })])).toEqual([]);
  });

  it('reads the Azure service words of English and French customers', () => {
    expect(namedAzureServices('mes machines virtuelles et le compte de stockage')).toEqual(['virtual machines', 'storage']);
    expect(namedAzureServices('the web app and AKS')).toEqual(['app service', 'azure kubernetes service']);
    expect(namedAzureServices('Outlook does not receive mail')).toEqual([]);
  });
});

describe.each(['en', 'fr'] as const)('the event shown in %s', (locale) => {
  it('card: heading, tracking id, type, status, services, regions, subscription', () => {
    const json = JSON.stringify(azureEventCard(event(), locale).card);
    for (const text of ['VT4R-9QG', 'Virtual Machines', 'West Europe, France Central', SUBSCRIPTION]) expect(json).toContain(text);
    expect(json).toContain(locale === 'en' ? 'Azure Service Health reports an event that looks like yours' : 'Azure Service Health signale un événement qui ressemble au vôtre');
    expect(json).toContain(locale === 'en' ? 'Service issue' : 'Incident de service');
    expect(json).toContain(locale === 'en' ? 'Active' : 'En cours');
  });

  it('case card line', () => {
    expect(azureEventsFact([azureEventRef(event())], translator(locale))).toEqual({
      label: 'Azure Service Health',
      value: locale === 'en'
        ? 'VT4R-9QG Service issue, Active: Virtual Machines - West Europe - Start and restart failures (Virtual Machines; West Europe, France Central)'
        : 'VT4R-9QG Incident de service, En cours : Virtual Machines - West Europe - Start and restart failures (Virtual Machines ; West Europe, France Central)',
    });
    expect(azureEventsFact([], translator(locale))).toBeUndefined();
  });
});
