/**
 * The Message center part of the Graph stand-in: `GET /admin/serviceAnnouncement/messages[/{id}]` in the wire shape
 * of Microsoft's published example (test/contract/graph/serviceannouncement-list-messages.json), with
 * `ServiceMessage.Read.All` required of authenticated callers, paging as Graph does, and the seed
 * `config/sandbox-messages.json` (relative times allowed). Pure, except the seed loader.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EnumCasing, resolveRelativeTimes } from './graphSeed';
import { nextLink, paginate } from './odataQuery';

export type MessageRoute = 'messages' | 'message';

/** The application permission Graph requires for the Message center. */
export const MESSAGE_PERMISSION = 'ServiceMessage.Read.All';

/** A serviceUpdateMessage as stored; enums in definition casing (camelCase), written in the sandbox's casing. */
export interface SeedMessage {
  id: string;
  title: string;
  category: string;
  severity: string;
  tags: string[];
  isMajorChange: boolean;
  services: string[];
  startDateTime: string;
  endDateTime: string | null;
  lastModifiedDateTime: string;
  actionRequiredByDateTime: string | null;
  expiryDateTime?: string | null;
  details: { name: string; value: string }[];
  body: { contentType: string; content: string };
}

/** What the Message center routes read of a request (a subset of graphRoutes' HealthRequest). */
export interface MessageRequest {
  route: MessageRoute;
  param?: string;
  pathname: string;
  query: URLSearchParams;
  prefer?: string;
  /** Public base URL of the stand-in (scheme, host, port). */
  baseUrl: string;
  casing: EnumCasing;
}

/** A JSON answer or a Graph error (a subset of graphRoutes' GraphReply). */
export type MessageReply = { status: number; json: unknown } | { status: number; error: { code: string; message: string } };

/** Posts every tenant sees, plus posts of particular tenants (by tenant id). */
export interface MessageSeed {
  all: SeedMessage[];
  tenants?: Record<string, SeedMessage[]>;
}

export const DEFAULT_MESSAGE_SEED_PATH = join(process.cwd(), 'config', 'sandbox-messages.json');

/** Reads a seed file (shape: MessageSeed; "now", "now+20d", "now-3h" resolved against `now`). Trusted local config. */
export function loadMessageSeed(path: string = DEFAULT_MESSAGE_SEED_PATH, now: Date = new Date()): MessageSeed {
  return resolveRelativeTimes(JSON.parse(readFileSync(path, 'utf8')) as MessageSeed, now);
}

/** A tenant's posts, most recently modified first, as Graph lists them. */
export function messagesFor(seed: MessageSeed, tenantId: string): SeedMessage[] {
  return [...seed.all, ...(seed.tenants?.[tenantId] ?? [])]
    .sort((a, b) => Date.parse(b.lastModifiedDateTime) - Date.parse(a.lastModifiedDateTime));
}

/** `v1.0/admin/serviceAnnouncement/messages` (4 path segments) or one message by id (5). */
export function matchMessageRoute(segments: readonly string[]): { route: MessageRoute | 'notFound'; param?: string } {
  if (segments.length === 4) return { route: 'messages' };
  return segments.length === 5 ? { route: 'message', param: segments[4] ?? '' } : { route: 'notFound' };
}

export function isMessageRoute(route: string): route is MessageRoute {
  return route === 'messages' || route === 'message';
}

function withCasing(value: string, casing: EnumCasing): string {
  const first = value.charAt(0);
  return (casing === 'pascal' ? first.toUpperCase() : first.toLowerCase()) + value.slice(1);
}

export function serializeMessage(message: SeedMessage, casing: EnumCasing): Record<string, unknown> {
  return {
    ...message,
    expiryDateTime: message.expiryDateTime ?? null,
    category: withCasing(message.category, casing),
    severity: withCasing(message.severity, casing),
    body: { ...message.body, contentType: withCasing(message.body.contentType, casing) },
    viewPoint: null,
  };
}

/** Answers the Message center routes; `permissions` undefined = unauthenticated sandbox mode (allowed). */
export function messagesReply(request: MessageRequest, messages: readonly SeedMessage[], permissions: readonly string[] | undefined): MessageReply {
  if (permissions && !permissions.includes(MESSAGE_PERMISSION)) {
    return { status: 403, error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } };
  }
  const context = `${request.baseUrl}/v1.0/$metadata#admin/serviceAnnouncement/messages`;
  if (request.route === 'message') {
    const message = messages.find((item) => item.id.toLowerCase() === (request.param ?? '').toLowerCase());
    if (!message) return { status: 404, error: { code: 'NotFound', message: `Message '${request.param ?? ''}' was not found.` } };
    return { status: 200, json: { '@odata.context': `${context}/$entity`, ...serializeMessage(message, request.casing) } };
  }
  const page = paginate(messages, request.query, request.prefer);
  return {
    status: 200,
    json: {
      '@odata.context': context,
      ...(page.nextSkip === undefined ? {} : { '@odata.nextLink': nextLink(request.baseUrl, request.pathname, request.query, page.nextSkip) }),
      value: page.items.map((message) => serializeMessage(message, request.casing)),
    },
  };
}
