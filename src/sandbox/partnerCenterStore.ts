/**
 * State and rules of the Partner Center stand-in: service requests, support topics and customers, with the
 * validation, idempotency and serialization the reference asks of a faithful fake. No HTTP here.
 */
import { prop } from '../cloud/caseInsensitiveJson';
import { parseEnum } from '../escalation/partnerCenter/wireParse';
import { SR_SEVERITIES, SR_STATUSES, type SrNote, type SrSeverity, type SrStatus, type SupportTopic } from '../escalation/partnerCenter/model';
import { isJsonObject } from '../jsonObject';

/** How enums are written on the wire: snake_case strings (the documented default) or integers 0–3. */
export type PcEnumMode = 'string' | 'integer';

/** A customer of the partner as listed by `GET /v1/customers`. */
export interface PcCustomer {
  tenantId: string;
  domain: string;
  companyName: string;
}

export interface StoredRequest {
  id: string;
  title: string;
  description: string;
  severity: SrSeverity;
  status: SrStatus;
  supportTopicId: string;
  supportTopicName: string;
  notes: SrNote[];
  createdDate: string;
  lastModifiedDate: string;
  lastClosedDate: string;
  /** The agent locale of the create route (`/v1/servicerequests/{locale}`). */
  locale: string;
}

/** A refused write: status plus an ApiFault code, description and `data` (the published shape: a list). */
export class PcFault extends Error {
  constructor(readonly status: number, readonly code: number, description: string, readonly data: string[] = []) {
    super(description);
    this.name = 'PcFault';
  }
}

export const UNSET_DATE = '0001-01-01T00:00:00';
const REQUIRED = ['Title', 'Description', 'Severity', 'SupportTopicId'] as const;


function stringProp(body: Record<string, unknown>, name: string): string | undefined {
  const value = prop(body, name);
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** An enum value is valid if it names a member (any case) or is an integer 0–3. */
function readEnum<T extends string>(members: readonly T[], value: unknown, field: string): T {
  const parsed = parseEnum<T | 'invalid'>(members, value, 'invalid');
  if (parsed === 'invalid') throw new PcFault(400, 800002, `Invalid value for ${field}`);
  return parsed;
}

export class PartnerCenterStore {
  readonly requests = new Map<string, StoredRequest>();
  /** MS-RequestId of each create → the service request it created (idempotency). */
  private readonly byRequestId = new Map<string, string>();
  private nextSequence = 1;

  constructor(
    readonly topics: SupportTopic[],
    readonly customers: PcCustomer[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates a request (or returns the one an earlier call with the same MS-RequestId created). */
  create(body: unknown, locale: string, msRequestId: string | undefined): { request: StoredRequest; replayed: boolean } {
    const earlier = msRequestId === undefined ? undefined : this.requests.get(this.byRequestId.get(msRequestId) ?? '');
    if (earlier) return { request: earlier, replayed: true };
    if (!isJsonObject(body)) throw new PcFault(400, 800002, 'The request body is not a ServiceRequest');
    const missing = REQUIRED.find((field) => prop(body, field) === undefined || prop(body, field) === '');
    if (missing) throw new PcFault(400, 800002, `${missing} is required`, [`InvalidInputException : ${missing} must be set`]);
    const topicId = stringProp(body, 'SupportTopicId') ?? '';
    const topic = this.topics.find((t) => t.id === topicId);
    if (!topic) throw new PcFault(400, 3000, `SupportTopicId ${topicId} is not a valid support topic`, [`InvalidPropertyException : SupportTopicId ${topicId} was not found in GET /v1/servicerequests/supporttopics`]);
    const severity = readEnum(SR_SEVERITIES, prop(body, 'Severity'), 'Severity');
    const request: StoredRequest = {
      id: this.newId(), title: stringProp(body, 'Title') ?? '', description: stringProp(body, 'Description') ?? '',
      severity, status: 'none', supportTopicId: topic.id, supportTopicName: topic.name, notes: [],
      createdDate: UNSET_DATE, lastModifiedDate: UNSET_DATE, lastClosedDate: UNSET_DATE, locale,
    };
    this.requests.set(request.id, request);
    if (msRequestId !== undefined) this.byRequestId.set(msRequestId, request.id);
    return { request, replayed: false };
  }

  get(id: string): StoredRequest {
    const request = this.requests.get(id);
    if (!request) throw new PcFault(404, 1000, `Service request ${id} could not be found`);
    return request;
  }

  /** Applies a PATCH: `NewNote` appends a note, `Status` changes the status (closed sets lastClosedDate). */
  update(id: string, body: unknown, author: string): StoredRequest {
    const request = this.get(id);
    if (!isJsonObject(body)) throw new PcFault(400, 800002, 'The request body is not a ServiceRequest');
    const newNote = prop(body, 'NewNote');
    const status = prop(body, 'Status');
    if (newNote === undefined && status === undefined) throw new PcFault(400, 800002, 'Nothing to update');
    if (newNote !== undefined) {
      const noteText = isJsonObject(newNote) ? stringProp(newNote, 'Text') : undefined;
      if (noteText === undefined) throw new PcFault(400, 800002, 'NewNote.Text is required');
      this.addNote(id, author, noteText);
    }
    if (status !== undefined) this.setStatus(id, readEnum(SR_STATUSES, status, 'Status'));
    return request;
  }

  /** Test control and PATCH: Microsoft (or the partner) adds a note, dated without a zone as in the published samples. */
  addNote(id: string, createdByName: string, noteText: string): void {
    const request = this.get(id);
    const at = this.now().toISOString();
    request.notes.push({ createdByName, createdDate: at.slice(0, -1), text: noteText });
    request.lastModifiedDate = at;
  }

  /** Test control and PATCH: the status moves (e.g. Microsoft needs attention, or closes it). */
  setStatus(id: string, status: SrStatus): void {
    const request = this.get(id);
    const at = this.now().toISOString();
    request.status = status;
    request.lastModifiedDate = at;
    if (status === 'closed') request.lastClosedDate = at;
  }

  /** Requests mentioning the customer's tenant id (create is partner-level; the description carries the tenant). */
  forCustomer(tenantId: string): StoredRequest[] {
    const wanted = tenantId.toLowerCase();
    return [...this.requests.values()].filter((r) => r.description.toLowerCase().includes(wanted));
  }

  /** 15-digit opaque ids, like every documented sample. */
  private newId(): string {
    const sequence = this.nextSequence;
    this.nextSequence += 1;
    return `6240514${String(sequence).padStart(8, '0')}`;
  }
}

/** Writes a request as the service does: camelCase names, enums as snake_case strings or integers. */
export function serializeRequest(request: StoredRequest, mode: PcEnumMode): Record<string, unknown> {
  const { locale: _locale, ...visible } = request;
  const enumValue = (members: readonly string[], value: string): string | number => (mode === 'integer' ? members.indexOf(value) : value);
  return {
    ...visible,
    severity: enumValue(SR_SEVERITIES, request.severity),
    status: enumValue(SR_STATUSES, request.status),
    organization: { id: '8f1d2c3b-1a2b-4c3d-9e8f-0a1b2c3d4e5f', name: 'Sandbox CSP' },
    countryCode: 'GB',
    attributes: { objectType: 'ServiceRequest' },
  };
}

export function serializeTopic(topic: SupportTopic): Record<string, unknown> {
  const numeric = Number(topic.id);
  return { name: topic.name, description: topic.description, id: Number.isSafeInteger(numeric) ? numeric : topic.id, attributes: { objectType: 'SupportTopic' } };
}

export function serializeCustomer(customer: PcCustomer): Record<string, unknown> {
  return {
    id: customer.tenantId,
    companyProfile: { tenantId: customer.tenantId, domain: customer.domain, companyName: customer.companyName, attributes: { objectType: 'CustomerCompanyProfile' } },
    relationshipToPartner: 'reseller',
    attributes: { objectType: 'Customer' },
  };
}

/** A Collection resource with a page-local totalCount; `next` carries its continuation header. */
export function collection(items: unknown[], selfUri: string, next?: { uri: string; token: string }): Record<string, unknown> {
  const link = (uri: string, headers: { key: string; value: string }[]): Record<string, unknown> => ({ uri, method: 'GET', headers });
  return {
    totalCount: items.length,
    items,
    links: { self: link(selfUri, []), ...(next ? { next: link(next.uri, [{ key: 'MS-ContinuationToken', value: next.token }]) } : {}) },
    attributes: { objectType: 'Collection' },
  };
}
