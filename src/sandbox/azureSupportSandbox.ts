/**
 * A local stand-in for Azure Resource Manager's `Microsoft.Support` provider (api-version 2024-04-01), with fault
 * injection, request recording and test controls that play Microsoft's side (closing a ticket). Wire format and
 * behaviours: /work/shared/reference/partner-center-service-requests.md, "Azure support tickets" and
 * "What a faithful fake must do".
 *
 * - 400 `MissingApiVersionParameter` without `api-version`, 400 `InvalidApiVersionParameter` for another version.
 * - PUT validates the required fields, answers 202 + `Azure-AsyncOperation` (+ `Location`, `Retry-After`); the
 *   operation reports InProgress for `operationPolls` polls, then Succeeded, and the ticket reads `status: "Open"`.
 * - PATCH takes the flat UpdateSupportTicket body (`{"status":"closed"}`); a body wrapped in `properties` gets 400.
 * - Tickets list their communications (`…/communications`); tests add Microsoft's with `addCommunication` and play
 *   `Updating` with `setStatus`.
 * - Auth (when `requireAuth`, the default): 401 without a bearer token; on a subscription, 401 when the token's
 *   tenant is not the subscription's; for a subscription outside `partnerTenantId`, 403 `LinkedAuthorizationFailed`
 *   unless `x-ms-authorization-auxiliary` carries a token of the partner tenant. Tokens are decoded, not verified.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AZURE_SUPPORT_API_VERSION } from '../escalation/azureSupport/model';
import {
  ArmFault, AzureSupportStore, classificationId, type NewCommunication, SANDBOX_AZURE_SERVICES, type SandboxAzureService, serializeCommunications,
  serializeTicket, serviceId, type StoredTicket, type TicketStatus,
} from './azureSupportStore';
import { FaultQueue, playFault, standInControls, type StandInControls } from './faults';
import { header, listen, listenOptionsOf, readBody, sendJson, type TlsMaterial } from './httpServer';
import { bearerToken, decodeJwtPayload } from './jwt';
import { healthEventsPage, isHealthEventsPath, type SandboxHealthEvent } from './resourceHealthEvents';

export type ArmRoute = 'services' | 'problemClassifications' | 'checkNameAvailability' | 'createTicket' | 'getTicket' | 'updateTicket' | 'listTickets'
  | 'listCommunications' | 'operationStatus' | 'healthEvents';

export interface AzureSupportSandboxOptions {
  https?: TlsMaterial;
  /** Defaults to true. */
  requireAuth?: boolean;
  /** Subscription id → the tenant that owns it. */
  subscriptions: Record<string, string>;
  /** The CSP partner's tenant: calls on other tenants' subscriptions need its auxiliary token. */
  partnerTenantId?: string;
  services?: SandboxAzureService[];
  /** Polls answered InProgress before a create's operation succeeds; default 1. */
  operationPolls?: number;
  /** Azure Service Health events per subscription id (Microsoft.ResourceHealth/events); default none. */
  healthEvents?: Record<string, SandboxHealthEvent[]>;
  /** `Retry-After` seconds of a 202 and of a running operation; default 1. */
  retryAfterSeconds?: number;
  host?: string;
  port?: number;
}

/** One request as received, with the tenants of its tokens. */
export interface ArmRequestRecord {
  method: string;
  route: ArmRoute | 'notFound';
  path: string;
  apiVersion?: string;
  authorization?: string;
  /** `x-ms-authorization-auxiliary` as received. */
  auxiliary?: string;
  /** `tid` of the primary and auxiliary tokens. */
  tokenTenant?: string;
  auxiliaryTenant?: string;
  body?: unknown;
}

export interface AzureSupportSandbox extends StandInControls<ArmRoute, ArmRequestRecord> {
  /** Every ticket filed, in creation order. */
  tickets(): StoredTicket[];
  /** Plays Microsoft: moves a ticket to Open, Closed, or Updating (a change being applied). */
  setStatus(name: string, status: TicketStatus): void;
  /** Plays Microsoft (or the customer, `direction: 'outbound'`): adds a message to a ticket; resolves to its name. */
  addCommunication(name: string, message: NewCommunication): string;
  /** Replaces a subscription's Azure Service Health events. */
  setHealthEvents(subscriptionId: string, events: SandboxHealthEvent[]): void;
}

const ERROR_CODES: Record<number, string> = {
  400: 'BadRequest', 401: 'AuthenticationFailed', 403: 'AuthorizationFailed', 404: 'NotFound', 409: 'Conflict',
  429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceUnavailable',
};

function armError(status: number, code?: string, message?: string): unknown {
  return { error: { code: code ?? ERROR_CODES[status] ?? 'InternalServerError', message: message ?? 'Injected fault.', details: [] } };
}

/**
 * The Microsoft.ResourceHealth api-version whose published example the events route serves (azure-rest-api-specs
 * stable/2025-04-01). The stand-in holds its own copy: it checks what the client sends, so it must not read the client's.
 */
const RESOURCE_HEALTH_API_VERSION = '2025-04-01';

const PROVIDER = 'providers/microsoft.support';

/** Route and parameters of a path (segments compared case-insensitively, as ARM does). */
function matchRoute(method: string, path: string): { route: ArmRoute | 'notFound'; subscriptionId?: string; name?: string } {
  const parts = path.replace(/\/+$/, '').split('/').slice(1).map(decodeURIComponent);
  const lower = parts.map((p) => p.toLowerCase());
  if (lower.slice(0, 2).join('/') === PROVIDER && lower[2] === 'services' && method === 'GET') {
    if (parts.length === 3) return { route: 'services' };
    if (parts.length === 5 && lower[4] === 'problemclassifications') return { route: 'problemClassifications', ...(parts[3] ? { name: parts[3] } : {}) };
  }
  if (lower[0] === 'subscriptions' && parts[1] && method === 'GET' && isHealthEventsPath(lower.slice(2))) return { route: 'healthEvents', subscriptionId: parts[1] };
  if (lower[0] !== 'subscriptions' || lower.slice(2, 4).join('/') !== PROVIDER || !parts[1]) return { route: 'notFound' };
  const subscriptionId = parts[1];
  const [resource, name] = [lower[4], parts[5]];
  if (resource === 'checknameavailability' && parts.length === 5 && method === 'POST') return { route: 'checkNameAvailability', subscriptionId };
  if (resource === 'operationsstatus' && name && parts.length === 6 && method === 'GET') return { route: 'operationStatus', subscriptionId, name };
  if (resource !== 'supporttickets') return { route: 'notFound' };
  if (parts.length === 5 && method === 'GET') return { route: 'listTickets', subscriptionId };
  if (name && parts.length === 7 && lower[6] === 'communications' && method === 'GET') return { route: 'listCommunications', subscriptionId, name };
  if (!name || parts.length !== 6) return { route: 'notFound' };
  const byMethod: Record<string, ArmRoute> = { PUT: 'createTicket', GET: 'getTicket', PATCH: 'updateTicket' };
  const route = byMethod[method];
  return route ? { route, subscriptionId, name } : { route: 'notFound' };
}

function tenantOf(value: string | undefined): string | undefined {
  const token = bearerToken(value);
  const tid = token ? decodeJwtPayload(token)?.tid : undefined;
  return typeof tid === 'string' ? tid.toLowerCase() : undefined;
}

function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ArmFault(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
  }
}

/** Starts the stand-in. */
export async function startAzureSupportSandbox(options: AzureSupportSandboxOptions): Promise<AzureSupportSandbox> {
  const store = new AzureSupportStore(options.services ?? SANDBOX_AZURE_SERVICES, options.operationPolls ?? 1);
  const faults = new FaultQueue<ArmRoute>();
  const requests: ArmRequestRecord[] = [];
  const requireAuth = options.requireAuth ?? true;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const subscriptions = new Map(Object.entries(options.subscriptions).map(([id, tenant]) => [id.toLowerCase(), tenant.toLowerCase()]));
  const partnerTenant = options.partnerTenantId?.toLowerCase();
  const healthEvents = new Map(Object.entries(options.healthEvents ?? {}).map(([id, events]) => [id.toLowerCase(), events]));
  let baseUrl = '';

  /** 401/403 per the auth rules (subscription routes also check the subscription's tenant). */
  const authorize = (record: ArmRequestRecord, subscriptionTenant: string | undefined): void => {
    if (!requireAuth) return;
    if (!bearerToken(record.authorization)) throw new ArmFault(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
    if (subscriptionTenant === undefined) return;
    if (record.tokenTenant !== subscriptionTenant) {
      throw new ArmFault(401, 'InvalidAuthenticationTokenTenant', `The access token is from the wrong issuer. It must match the tenant '${subscriptionTenant}' associated with this subscription.`);
    }
    if (partnerTenant !== undefined && subscriptionTenant !== partnerTenant && record.auxiliaryTenant !== partnerTenant) {
      throw new ArmFault(403, 'LinkedAuthorizationFailed', `The client has permission on the subscription only through the partner tenant '${partnerTenant}': send its token in x-ms-authorization-auxiliary.`);
    }
  };

  const subscriptionTenant = (subscriptionId: string | undefined): string | undefined => {
    if (subscriptionId === undefined) return undefined;
    const tenant = subscriptions.get(subscriptionId.toLowerCase());
    if (!tenant) throw new ArmFault(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
    return tenant;
  };

  const serve = (route: ArmRoute, params: { subscriptionId?: string; name?: string }, body: unknown): { status: number; json?: unknown; headers?: Record<string, string> } => {
    const subscriptionId = params.subscriptionId ?? '';
    const name = params.name ?? '';
    switch (route) {
      case 'services':
        return { status: 200, json: { value: store.services.map((s) => ({ id: serviceId(s), name: s.name, type: 'Microsoft.Support/services', properties: { displayName: s.displayName, resourceTypes: [] } })) } };
      case 'problemClassifications': {
        const service = store.service(name);
        return { status: 200, json: { value: service.classifications.map((c) => ({ id: classificationId(service, c), name: c.name, type: 'Microsoft.Support/problemClassifications', properties: { displayName: c.displayName, secondaryConsentEnabled: [] } })) } };
      }
      case 'checkNameAvailability': {
        const request = body as { name?: unknown; type?: unknown } | undefined;
        if (typeof request?.name !== 'string' || request.type !== 'Microsoft.Support/supportTickets') throw new ArmFault(400, 'BadRequest', "Provide 'name' and type 'Microsoft.Support/supportTickets'.");
        const taken = store.find(subscriptionId, request.name) !== undefined;
        return { status: 200, json: taken ? { nameAvailable: false, reason: 'AlreadyExists', message: 'Name is already in use.' } : { nameAvailable: true } };
      }
      case 'createTicket': {
        const ticket = store.create(subscriptionId, name, body);
        const operation = `${baseUrl}/subscriptions/${subscriptionId}/providers/Microsoft.Support/operationsStatus/${ticket.operationId}?api-version=${AZURE_SUPPORT_API_VERSION}`;
        return { status: 202, headers: { 'azure-asyncoperation': operation, location: operation, 'retry-after': retryAfter } };
      }
      case 'operationStatus': {
        const status = store.pollOperation(name);
        return { status: 200, json: { id: name, name, status, startTime: new Date().toISOString() }, ...(status === 'InProgress' ? { headers: { 'retry-after': retryAfter } } : {}) };
      }
      case 'getTicket': {
        const ticket = store.get(subscriptionId, name);
        if (ticket.pollsLeft === 0) store.complete(ticket);
        return { status: 200, json: serializeTicket(ticket) };
      }
      case 'updateTicket':
        return { status: 200, json: serializeTicket(store.update(store.get(subscriptionId, name), body)) };
      case 'listCommunications':
        return { status: 200, json: serializeCommunications(store.get(subscriptionId, name)) };
      case 'healthEvents':
        return { status: 200, json: healthEventsPage(healthEvents.get(subscriptionId.toLowerCase()) ?? []) };
      case 'listTickets':
        return { status: 200, json: { value: store.all().filter((t) => t.subscriptionId.toLowerCase() === subscriptionId.toLowerCase()).map(serializeTicket) } };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const matched = matchRoute(method, url.pathname);
    res.setHeader('x-ms-request-id', header(req, 'x-ms-client-request-id') ?? randomUUID());
    try {
      const body = parseJsonBody(await readBody(req));
      const authorization = header(req, 'authorization');
      const auxiliary = header(req, 'x-ms-authorization-auxiliary');
      const apiVersion = url.searchParams.get('api-version') ?? undefined;
      const tokenTenant = tenantOf(authorization);
      const auxiliaryTenant = tenantOf(auxiliary?.split(',')[0]?.trim());
      const record: ArmRequestRecord = {
        method, route: matched.route, path: req.url ?? '/',
        ...(apiVersion === undefined ? {} : { apiVersion }), ...(authorization === undefined ? {} : { authorization }),
        ...(auxiliary === undefined ? {} : { auxiliary }), ...(tokenTenant === undefined ? {} : { tokenTenant }),
        ...(auxiliaryTenant === undefined ? {} : { auxiliaryTenant }), ...(body === undefined ? {} : { body }),
      };
      requests.push(record);
      if (apiVersion === undefined) throw new ArmFault(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
      const supported = matched.route === 'healthEvents' ? RESOURCE_HEALTH_API_VERSION : AZURE_SUPPORT_API_VERSION;
      if (apiVersion !== supported) throw new ArmFault(400, 'InvalidApiVersionParameter', `The api-version '${apiVersion}' is invalid. The supported version is '${supported}'.`);
      if (matched.route === 'notFound') throw new ArmFault(404, 'NotFound', `No route for ${method} ${url.pathname}`);
      const played = faults.take(matched.route);
      if (played && (await playFault(res, played, (status, code) => armError(status, code)))) return;
      authorize(record, subscriptionTenant(matched.subscriptionId));
      const answer = serve(matched.route, matched, body);
      if (answer.json === undefined) {
        res.writeHead(answer.status, answer.headers ?? {});
        res.end();
      } else {
        sendJson(res, answer.status, answer.json, answer.headers);
      }
    } catch (error) {
      if (!(error instanceof ArmFault)) throw error;
      sendJson(res, error.status, { error: { code: error.code, message: error.message, ...(error.target ? { target: error.target } : {}), details: [] } });
    }
  };

  const server = await listen(handle, listenOptionsOf(options));
  baseUrl = server.url;
  const ticketNamed = (name: string): StoredTicket => {
    const ticket = store.all().find((t) => t.name === name);
    if (!ticket) throw new Error(`no ticket named ${name}`);
    return ticket;
  };
  return {
    ...standInControls(server, faults, requests),
    tickets: () => store.all(),
    setStatus: (name, status) => {
      const ticket = ticketNamed(name);
      store.complete(ticket);
      store.setStatus(ticket, status);
    },
    addCommunication: (name, message) => store.addCommunication(ticketNamed(name), message),
    setHealthEvents: (subscriptionId, events) => { healthEvents.set(subscriptionId.toLowerCase(), events); },
  };
}
