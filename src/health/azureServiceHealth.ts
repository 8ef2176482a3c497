/**
 * Azure Service Health events of a subscription (ARM `Microsoft.ResourceHealth/events`), parsed, and matched to an
 * Azure problem the way Microsoft 365 issues are: precision first. An event is shown only when the problem names one
 * of its impacted services (or shares at least two words with it) and its timing fits when the problem began. Pure.
 */
import type { AzureEventRef } from '../problem/diagnosisNotes';
import type { SinceWhen } from '../problem/triageModel';
import { sinceWindow } from './incidentMatching';
import { foldText, keywords } from './textFold';

/** The Resource Health api-version read (latest stable with a published Events_ListBySubscriptionId example). */
export const RESOURCE_HEALTH_API_VERSION = '2025-04-01';

/** Event types a customer's problem can be explained by (security advisories, RCAs and emerging issues are not). */
export const MATCHED_EVENT_TYPES = ['ServiceIssue', 'PlannedMaintenance', 'HealthAdvisory'] as const;

export interface AzureImpact {
  service: string;
  regions: Array<{ region: string; status: string }>;
}

export interface AzureHealthEvent {
  /** The tracking id (the resource name), e.g. "BC_1-FXZ". */
  trackingId: string;
  subscriptionId: string;
  /** ServiceIssue, PlannedMaintenance, HealthAdvisory, SecurityAdvisory, RCA, EmergingIssues… as ARM writes it. */
  eventType: string;
  /** Active or Resolved. */
  status: string;
  title: string;
  summary: string;
  impactStartTime: string | null;
  impactMitigationTime: string | null;
  lastUpdateTime: string | null;
  impacts: AzureImpact[];
}

export class AzureEventParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AzureEventParseError';
  }
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AzureEventParseError(`${what} is not an object`);
  return value as Record<string, unknown>;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Article text without its HTML, for matching. */
function plain(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** One item of the events list. */
export function parseAzureEvent(item: unknown, subscriptionId: string): AzureHealthEvent {
  const event = object(item, 'event');
  const properties = object(event.properties, 'event.properties');
  const trackingId = str(event.name);
  if (!trackingId) throw new AzureEventParseError('event has no name');
  const article = typeof properties.article === 'object' && properties.article !== null ? str((properties.article as Record<string, unknown>).articleContent) : null;
  return {
    trackingId,
    subscriptionId,
    eventType: str(properties.eventType) ?? 'Unknown',
    status: str(properties.status) ?? 'Unknown',
    title: str(properties.title) ?? trackingId,
    summary: plain(str(properties.summary) ?? article ?? ''),
    impactStartTime: str(properties.impactStartTime),
    impactMitigationTime: str(properties.impactMitigationTime),
    lastUpdateTime: str(properties.lastUpdateTime),
    impacts: list(properties.impact).map((entry) => {
      const impact = object(entry, 'impact');
      return {
        service: str(impact.impactedService) ?? '',
        regions: list(impact.impactedRegions).map((r) => {
          const region = object(r, 'impactedRegion');
          return { region: str(region.impactedRegion) ?? '', status: str(region.status) ?? '' };
        }).filter((r) => r.region !== ''),
      };
    }).filter((impact) => impact.service !== ''),
  };
}

/** Words customers use for the Azure services most tickets are about (EN + FR, folded) → ARM impactedService names. */
export const AZURE_SERVICE_ALIASES: ReadonlyArray<{ service: string; aliases: readonly string[] }> = [
  { service: 'Virtual Machines', aliases: ['virtual machine', 'vm', 'machine virtuelle', 'machines virtuelles', 'serveur virtuel'] },
  { service: 'App Service', aliases: ['app service', 'web app', 'webapp', 'application web', 'site web'] },
  { service: 'Storage', aliases: ['storage', 'storage account', 'stockage', 'compte de stockage', 'blob'] },
  { service: 'SQL Database', aliases: ['sql', 'azure sql', 'sql database', 'base de donnees'] },
  { service: 'Azure Kubernetes Service', aliases: ['aks', 'kubernetes'] },
  { service: 'Functions', aliases: ['function app', 'azure functions', 'fonction azure'] },
  { service: 'Key Vault', aliases: ['key vault', 'keyvault', 'coffre de cles'] },
  { service: 'VPN Gateway', aliases: ['vpn', 'vpn gateway', 'passerelle vpn'] },
  { service: 'Azure Virtual Desktop', aliases: ['avd', 'virtual desktop', 'bureau virtuel', 'bureau a distance'] },
  { service: 'Backup', aliases: ['backup', 'sauvegarde'] },
];

function contains(folded: string, phrase: string): boolean {
  return new RegExp(`(?:^| )${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}s?(?= |$)`).test(folded);
}

/** Folded names of the Azure services the problem text names. */
export function namedAzureServices(text: string): string[] {
  const folded = foldText(text);
  return AZURE_SERVICE_ALIASES.filter((entry) => entry.aliases.some((alias) => contains(folded, alias))).map((entry) => foldText(entry.service));
}

/** Words that say nothing about which event is meant. */
const GENERIC = new Set(['azure', 'active', 'resolved', 'service', 'region', 'outage', 'subscription', 'abonnement', 'impact', 'customer', 'resource']);

export interface AzureMatchQuery {
  /** Service and description of the triage. */
  text: string;
  since?: SinceWhen;
  now: string | Date;
}

export interface RankedAzureEvent {
  event: AzureHealthEvent;
  score: number;
  /** Why it is shown, e.g. "service: virtual machines", "words: restart, deploy", "active". */
  reasons: string[];
}

function timingFits(event: AzureHealthEvent, since: SinceWhen | undefined, now: number): boolean {
  const start = event.impactStartTime ? Date.parse(event.impactStartTime) : Number.NaN;
  const active = event.status.toLowerCase() === 'active';
  if (!since) return active;
  const { from, to } = sinceWindow(since, now);
  const end = !active && event.impactMitigationTime ? Date.parse(event.impactMitigationTime) : now;
  if (Number.isNaN(start)) return active;
  return start <= to && end >= from;
}

/** Scores one event, or undefined when it lacks evidence beyond being Azure (wrong type, timing, no shared service or words). */
export function scoreAzureEvent(event: AzureHealthEvent, query: AzureMatchQuery, named: readonly string[], words: ReadonlySet<string>): RankedAzureEvent | undefined {
  if (!(MATCHED_EVENT_TYPES as readonly string[]).includes(event.eventType)) return undefined;
  if (!timingFits(event, query.since, new Date(query.now).getTime())) return undefined;
  const services = event.impacts.map((impact) => foldText(impact.service));
  const sameService = services.filter((service) => named.some((name) => service === name || contains(service, name) || contains(name, service)));
  const folded = foldText(query.text);
  const spelled = services.filter((service) => service !== '' && contains(folded, service));
  const eventWords = new Set(keywords(`${event.title} ${event.summary} ${event.impacts.map((i) => i.service).join(' ')}`).filter((w) => !GENERIC.has(w)));
  const shared = [...words].filter((word) => eventWords.has(word));
  const serviceEvidence = [...new Set([...sameService, ...spelled])];
  if (serviceEvidence.length === 0 && shared.length < 2) return undefined;
  const active = event.status.toLowerCase() === 'active';
  const reasons = [
    ...(serviceEvidence.length > 0 ? [`service: ${serviceEvidence.join(', ')}`] : []),
    ...(shared.length > 0 ? [`words: ${shared.join(', ')}`] : []),
    active ? 'active' : 'timing fits',
  ];
  return { event, score: (serviceEvidence.length > 0 ? 50 : 0) + Math.min(shared.length * 8, 40) + (active ? 10 : 0), reasons };
}

/** The events (at most 3) that explain the problem, best first; active before resolved on ties, then the latest update. */
export function matchAzureEvents(events: readonly AzureHealthEvent[], query: AzureMatchQuery): RankedAzureEvent[] {
  const named = namedAzureServices(query.text);
  const words = new Set(keywords(query.text).filter((w) => !GENERIC.has(w)));
  return events
    .map((event) => scoreAzureEvent(event, query, named, words))
    .filter((ranked): ranked is RankedAzureEvent => ranked !== undefined)
    .sort((a, b) => b.score - a.score || (Date.parse(b.event.lastUpdateTime ?? '') || 0) - (Date.parse(a.event.lastUpdateTime ?? '') || 0))
    .slice(0, 3);
}

/** The event as the case keeps it: regions once each. */
export function azureEventRef(event: AzureHealthEvent): AzureEventRef {
  return {
    trackingId: event.trackingId, subscriptionId: event.subscriptionId, eventType: event.eventType, status: event.status, title: event.title,
    services: event.impacts.map((i) => i.service),
    regions: [...new Set(event.impacts.flatMap((i) => i.regions.map((r) => r.region)))],
  };
}
