/**
 * A local stand-in for Partner Center's service request and customer APIs, with fault injection, request
 * recording and test controls that play Microsoft's side (status changes, notes). Wire format and the list
 * of behaviours: /work/shared/reference/partner-center-service-requests.md, "What a faithful fake must do".
 *
 * Auth (when `requireAuth`, the default): 401 ApiFault 800001 without a bearer token; on service request routes
 * an app-only token (a JWT without `scp`) gets 403 ApiFault 2032; `/v1/customers` takes both. Tokens are not verified.
 * Customer SR list: requests whose description mentions the customer's tenant id (create is partner-level).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SrStatus, SupportTopic } from '../escalation/partnerCenter/model';
import { SandboxCustomerList } from './partnerCenterCustomerList';
import { FaultQueue, playFault, standInControls, type StandInControls } from './faults';
import { header, listen, listenOptionsOf, readBody, sendJson, type TlsMaterial } from './httpServer';
import { bearerToken, decodeJwtPayload } from './jwt';
import {
  collection, PartnerCenterStore, PcFault, type PcCustomer, type PcEnumMode, serializeRequest, serializeTopic, type StoredRequest,
} from './partnerCenterStore';

export type PcRoute = 'supportTopics' | 'createRequest' | 'listRequests' | 'getRequest' | 'updateRequest' | 'customerRequests' | 'customers';

export interface PartnerCenterSandboxOptions {
  https?: TlsMaterial;
  /** Defaults to true. */
  requireAuth?: boolean;
  topics?: SupportTopic[];
  customers?: PcCustomer[];
  enumMode?: PcEnumMode;
  host?: string;
  port?: number;
}

export interface PcRequestRecord {
  method: string;
  route: PcRoute | 'notFound';
  path: string;
  requestId?: string;
  correlationId?: string;
  locale?: string;
  body?: unknown;
}

/** The stand-in; its `url` is the base URL without `/v1`. */
export interface PartnerCenterSandbox extends StandInControls<PcRoute, PcRequestRecord> {
  /** Every service request filed, in creation order. */
  serviceRequests(): StoredRequest[];
  /** Plays Microsoft: moves a request to a status, optionally adding a note by `author`. */
  setStatus(id: string, status: SrStatus, note?: { text: string; author?: string }): void;
  addNote(id: string, text: string, author?: string): void;
  setEnumMode(mode: PcEnumMode): void;
  /** The partner's customers (`GET /v1/customers`): add or remove one while the stand-in runs. */
  customers: SandboxCustomerList;
}

export const SANDBOX_TOPICS: SupportTopic[] = [
  { id: '32444667', name: 'Exchange Online', description: 'Mail flow, mailboxes, Exchange Online Protection' },
  { id: '32444668', name: 'Microsoft Teams', description: 'Teams meetings, chat, calling' },
  { id: '32444669', name: 'SharePoint Online', description: 'SharePoint and OneDrive for Business' },
  { id: '32444670', name: 'Billing', description: 'Invoices, charges and payments' },
  { id: '32444671', name: 'Subscription management', description: 'Licenses, subscriptions and orders' },
];

const ERROR_TEXT: Record<number, [number, string]> = {
  400: [800002, 'Invalid input'], 401: [800001, 'Partner token missing'], 403: [2032, 'Access denied'],
  404: [1000, 'Resource not found'], 500: [800003, 'Unexpected error'], 503: [800003, 'Service unavailable'],
};

function faultBody(status: number, code?: string): unknown {
  if (status === 429) return { statusCode: 429, message: 'Rate limit is exceeded. Try again in 1 seconds.' };
  const [defaultCode, description] = ERROR_TEXT[status] ?? [800003, 'Injected fault'];
  return { code: code === undefined ? defaultCode : Number(code), description, data: [], source: 'PartnerFD' };
}

function matchRoute(method: string, path: string): { route: PcRoute | 'notFound'; id?: string } {
  const parts = path.replace(/\/+$/, '').split('/').slice(1).map(decodeURIComponent);
  const [version, resource, a, b, c] = parts;
  if (version?.toLowerCase() !== 'v1') return { route: 'notFound' };
  const lower = resource?.toLowerCase();
  if (lower === 'servicerequests') {
    if (a === undefined) return { route: method === 'GET' ? 'listRequests' : 'notFound' };
    if (a.toLowerCase() === 'supporttopics' && b === undefined && method === 'GET') return { route: 'supportTopics' };
    if (b !== undefined) return { route: 'notFound' };
    if (method === 'POST') return { route: 'createRequest', id: a };
    if (method === 'GET') return { route: 'getRequest', id: a };
    if (method === 'PATCH') return { route: 'updateRequest', id: a };
  }
  if (lower === 'customers' && method === 'GET') {
    if (a === undefined) return { route: 'customers' };
    if (b?.toLowerCase() === 'servicerequests' && c === undefined) return { route: 'customerRequests', id: a };
  }
  return { route: 'notFound' };
}

/** 401/403 per the auth rules, or undefined when the caller may go on. */
function authFault(req: IncomingMessage, route: PcRoute): PcFault | undefined {
  const token = bearerToken(header(req, 'authorization'));
  if (!token) return new PcFault(401, 800001, 'Partner token missing');
  const claims = decodeJwtPayload(token);
  const appOnly = claims !== undefined && typeof claims.scp !== 'string';
  return appOnly && route !== 'customers' ? new PcFault(403, 2032, 'App+User credentials are required for service requests') : undefined;
}

function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new PcFault(400, 800002, 'The request body is not valid JSON');
  }
}

/** Starts the stand-in. */
export async function startPartnerCenterSandbox(options: PartnerCenterSandboxOptions = {}): Promise<PartnerCenterSandbox> {
  const store = new PartnerCenterStore(options.topics ?? SANDBOX_TOPICS, options.customers ?? []);
  const faults = new FaultQueue<PcRoute>();
  const requests: PcRequestRecord[] = [];
  const requireAuth = options.requireAuth ?? true;
  let enumMode: PcEnumMode = options.enumMode ?? 'string';

  const customers = new SandboxCustomerList(options.customers);

  const serve = (route: PcRoute, id: string | undefined, url: URL, req: IncomingMessage, body: unknown): { status: number; json: unknown } => {
    const requestIdHeader = header(req, 'ms-requestid');
    switch (route) {
      case 'supportTopics':
        return { status: 200, json: collection(store.topics.map(serializeTopic), '/servicerequests/supporttopics') };
      case 'createRequest': {
        const { request, replayed } = store.create(body, id ?? 'en-US', requestIdHeader);
        return { status: replayed ? 200 : 201, json: serializeRequest(request, enumMode) };
      }
      case 'listRequests':
        return { status: 200, json: collection([...store.requests.values()].map((r) => serializeRequest(r, enumMode)), '/servicerequests') };
      case 'getRequest':
        return { status: 200, json: serializeRequest(store.get(id ?? ''), enumMode) };
      case 'updateRequest':
        return { status: 200, json: serializeRequest(store.update(id ?? '', body, 'Partner agent'), enumMode) };
      case 'customerRequests':
        return { status: 200, json: collection(store.forCustomer(id ?? '').map((r) => serializeRequest(r, enumMode)), `/customers/${id ?? ''}/servicerequests`) };
      case 'customers':
        return { status: 200, json: customers.page(url, header(req, 'ms-continuationtoken')) };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const { route, id } = matchRoute(method, url.pathname);
    const requestId = header(req, 'ms-requestid') ?? randomUUID();
    const correlationId = header(req, 'ms-correlationid') ?? randomUUID();
    const echo = { 'ms-requestid': requestId, 'ms-correlationid': correlationId, 'ms-cv': randomUUID(), 'ms-serverid': 'sandbox-1' };
    for (const [name, value] of Object.entries(echo)) res.setHeader(name, value);
    const reply = (status: number, json: unknown): void => { sendJson(res, status, json, echo); };
    try {
      const body = parseJsonBody(await readBody(req));
      const record: PcRequestRecord = { method, route, path: req.url ?? '/', requestId, correlationId, ...(body === undefined ? {} : { body }) };
      const locale = header(req, 'x-locale');
      requests.push(locale === undefined ? record : { ...record, locale });
      if (route === 'notFound') throw new PcFault(404, 1000, `No route for ${method} ${url.pathname}`);
      const played = faults.take(route);
      if (played && (await playFault(res, played, faultBody))) return;
      const denied = requireAuth ? authFault(req, route) : undefined;
      if (denied) throw denied;
      const answer = serve(route, id, url, req, body);
      reply(answer.status, answer.json);
    } catch (error) {
      if (!(error instanceof PcFault)) throw error;
      reply(error.status, { code: error.code, description: error.message, data: error.data, source: 'PartnerFD' });
    }
  };

  const server = await listen(handle, listenOptionsOf(options));
  return {
    ...standInControls(server, faults, requests),
    serviceRequests: () => [...store.requests.values()],
    setStatus: (id, status, note) => {
      if (note) store.addNote(id, note.author ?? 'Microsoft Support', note.text);
      store.setStatus(id, status);
    },
    addNote: (id, text, author) => { store.addNote(id, author ?? 'Microsoft Support', text); },
    setEnumMode: (mode) => { enumMode = mode; },
    customers,
  };
}
