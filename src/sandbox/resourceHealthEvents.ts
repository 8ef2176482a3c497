/**
 * The ARM stand-in's Azure Service Health: `GET /subscriptions/{id}/providers/Microsoft.ResourceHealth/events`
 * (api-version 2025-04-01) in the shape of azure-rest-api-specs' Events_ListBySubscriptionId example, and the event
 * it is seeded with: an active Virtual Machines service issue. Pure.
 */
export const RESOURCE_HEALTH_PROVIDER = 'providers/microsoft.resourcehealth';

/** One event as ARM lists it (`properties` as in the published example). */
export interface SandboxHealthEvent {
  id: string;
  name: string;
  type: '/providers/Microsoft.ResourceHealth/events';
  properties: Record<string, unknown>;
}

/** `…/providers/Microsoft.ResourceHealth/events` after `subscriptions/{id}/` (lower-case segments). */
export function isHealthEventsPath(lowerAfterSubscription: readonly string[]): boolean {
  return lowerAfterSubscription.length === 3 && `${lowerAfterSubscription[0] ?? ''}/${lowerAfterSubscription[1] ?? ''}` === RESOURCE_HEALTH_PROVIDER && lowerAfterSubscription[2] === 'events';
}

/** An active service issue on Virtual Machines in West Europe and France Central of `subscriptionId`, started 2 h before `now`. */
export function seededServiceIssue(subscriptionId: string, now: Date = new Date()): SandboxHealthEvent {
  const at = (minutesAgo: number): string => new Date(now.getTime() - minutesAgo * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const region = (name: string): Record<string, unknown> => ({ impactedRegion: name, status: 'Active', impactedSubscriptions: [subscriptionId], impactedTenants: [], lastUpdateTime: at(20) });
  return {
    id: '/providers/Microsoft.ResourceHealth/events/VT4R-9QG',
    name: 'VT4R-9QG',
    type: '/providers/Microsoft.ResourceHealth/events',
    properties: {
      eventType: 'ServiceIssue',
      eventSource: 'ServiceHealth',
      status: 'Active',
      title: 'Virtual Machines - West Europe and France Central - Start and restart failures',
      summary: 'Starting from 2 hours ago, a subset of customers using Virtual Machines in West Europe and France Central may experience failures when starting, restarting or deploying virtual machines. Engineers are investigating.',
      header: 'Your service might have been impacted by an Azure service issue',
      level: 'Warning',
      eventLevel: 'Warning',
      impactStartTime: at(120),
      impact: [{ impactedService: 'Virtual Machines', impactedServiceGuid: 'fd8065f5-ffd0-4756-8788-e6a11bf36257', impactedRegions: [region('West Europe'), region('France Central')] }],
      isHIR: false,
      enableMicrosoftSupport: true,
      enableChatWithUs: false,
      priority: 2,
      lastUpdateTime: at(20),
    },
  };
}

export function healthEventsPage(events: readonly SandboxHealthEvent[]): { value: SandboxHealthEvent[] } {
  return { value: [...events] };
}
