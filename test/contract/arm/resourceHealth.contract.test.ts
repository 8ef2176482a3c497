import pino from 'pino';
import { ArmServiceHealthClient } from '../../../src/health/azureServiceHealthClient';
import { matchAzureEvents, RESOURCE_HEALTH_API_VERSION } from '../../../src/health/azureServiceHealth';
import { fixture, type FixtureServer, startFixtureServer } from '../fixtureServer';

const logger = pino({ level: 'silent' });
const TENANT = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';
const SUBSCRIPTION = '6b1e3c2d-7f4a-4b5c-8d9e-0a1b2c3d4e5f';

interface Example {
  parameters: Record<string, string>;
  responses: { 200: { body: unknown } };
}

/** ArmServiceHealthClient against the published Events_ListBySubscriptionId example (SOURCES.md), served verbatim. */
describe('ARM Microsoft.ResourceHealth events published example through the client', () => {
  let server: FixtureServer;
  const example = fixture(__dirname, 'Events_ListBySubscriptionId.json') as Example;
  const path = `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.ResourceHealth/events`;

  beforeAll(async () => { server = await startFixtureServer([{ method: 'GET', path, status: 200, body: example.responses[200].body }]); });
  afterAll(() => server.close());

  it('asks the example\'s api-version with a queryStartTime, parses the service issue, and stops at the placeholder nextLink', async () => {
    const client = new ArmServiceHealthClient({ baseUrl: server.url, logger, retry: { maxAttempts: 1 } });
    const events = await client.events(TENANT, [SUBSCRIPTION]);

    expect(RESOURCE_HEALTH_API_VERSION).toBe(example.parameters['api-version']);
    expect(server.received).toHaveLength(1);
    expect(server.received[0]?.query.get('api-version')).toBe('2025-04-01');
    expect(server.received[0]?.query.get('queryStartTime')).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
    expect(events).toEqual([{
      trackingId: 'BC_1-FXZ', subscriptionId: SUBSCRIPTION, eventType: 'ServiceIssue', status: 'Active',
      title: 'ACTIVE: Virtual machines in West US',
      summary: 'An outage alert is being investigated. More information will be provided as it is known.',
      impactStartTime: '2018-11-07T00:00:00Z', impactMitigationTime: '2018-11-08T00:00:00Z', lastUpdateTime: '2018-11-08T00:00:00Z',
      impacts: [{ service: 'Virtual Machines', regions: [{ region: 'West US', status: 'Active' }] }],
    }]);
    const [match] = matchAzureEvents(events, { text: 'Other my VM in West US does not start', since: { kind: 'justNow' }, now: new Date() });
    expect(match?.event.trackingId).toBe('BC_1-FXZ');
  });
});
