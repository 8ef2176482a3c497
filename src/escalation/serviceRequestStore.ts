/**
 * Service request records, one per case, in botbuilder storage with eTag compare-and-swap, plus an index of
 * open requests for the tracker and the `requests` command.
 *
 * Idempotency: before the create call the record is written in state `filing` with an idempotency key; a second
 * press or a redelivered invoke finds it and reuses the same key (Partner Center returns the request of the same
 * MS-RequestId; an Azure ticket is named after the key, so its name is taken), and once `filed` no create call is made again.
 * The key is bound to what was sent: while an attempt's outcome is unclear (in flight, throttled, unavailable,
 * unreadable), a different request is refused (`unsettled`), so the key never stands for two requests.
 */
import { randomUUID } from 'node:crypto';
import { storageKey, updateItem, type Storage } from '../storage';
import type { ApiErrorKind } from '../cloud/microsoftApiError';
import type { NewAzureTicket } from './azureSupport/model';
import type { NewServiceRequest, ServiceRequest, SrNote, SrStatus } from './partnerCenter/model';

/** One try at filing, kept for the case history. */
export interface FilingAttempt {
  at: string;
  requestId: string;
  outcome: 'created' | ApiErrorKind;
  detail?: string;
}

/** What the bot last saw of the request at Microsoft. */
export interface SrSnapshot {
  id: string;
  status: SrStatus;
  /** Notes seen so far (Partner Center only appends). */
  notesSeen: number;
  /** Ids of the notes seen that have one (Microsoft's communications on an Azure ticket): each is reported once. */
  noteIdsSeen?: string[];
  lastNote?: SrNote;
}

export interface ServiceRequestRecord {
  caseId: string;
  tenantId: string;
  customerName: string;
  /** The MS-RequestId (Partner Center) or the ticket name's seed (Azure) every create attempt of the current filing uses. */
  idempotencyKey: string;
  state: 'filing' | 'filed' | 'failed';
  /** A Partner Center service request, or an Azure support ticket. */
  request: NewServiceRequest | NewAzureTicket;
  /** Who asked for it (Teams AAD object id and name). */
  requestedBy: { aadObjectId: string; name: string };
  attempts: FilingAttempt[];
  serviceRequest?: SrSnapshot;
  createdAt: string;
  updatedAt: string;
}

interface OpenIndex {
  caseIds: string[];
}

const OPEN_INDEX_KEY = storageKey('escalation', 'open');

/** Errors after which Microsoft surely created nothing: the next filing gets a fresh MS-RequestId. */
const DEFINITE_FAILURES: readonly ApiErrorKind[] = ['validation', 'consent', 'notFound'];

/** The MS-RequestId of the next filing: the unfinished filing's, or a fresh one after a definite failure. */
function idempotencyKeyFor(current: ServiceRequestRecord | undefined): string {
  const last = current?.attempts.at(-1)?.outcome;
  const definite = last !== undefined && last !== 'created' && DEFINITE_FAILURES.includes(last);
  return current === undefined || definite ? randomUUID() : current.idempotencyKey;
}

/** Whether two requests are the same filing: same fields and values, whatever the key order. */
export function sameRequest(a: ServiceRequestRecord['request'], b: ServiceRequestRecord['request']): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What {@link ServiceRequestStore.reserve} decided. */
export interface Reservation {
  record: ServiceRequestRecord;
  /** The case's request is already filed: `record` is it, nothing is to be sent. */
  alreadyFiled: boolean;
  /**
   * An earlier attempt with another request may have reached Microsoft and is not settled: `record` holds that
   * request, nothing is to be sent until it is submitted unchanged (or fails for sure).
   */
  unsettled: boolean;
}

export function recordKey(caseId: string): string {
  return storageKey('escalation', 'sr', caseId);
}

export function snapshotOf(request: ServiceRequest): SrSnapshot {
  const lastNote = request.notes.at(-1);
  const noteIdsSeen = request.notes.flatMap((note) => (note.id === undefined ? [] : [note.id]));
  return {
    id: request.id, status: request.status, notesSeen: request.notes.length,
    ...(lastNote ? { lastNote } : {}), ...(noteIdsSeen.length > 0 ? { noteIdsSeen } : {}),
  };
}

/** Whether two snapshots saw the same status and the same notes. */
function sameSnapshot(a: SrSnapshot, b: SrSnapshot): boolean {
  return a.status === b.status && a.notesSeen === b.notesSeen && (a.noteIdsSeen ?? []).join('\n') === (b.noteIdsSeen ?? []).join('\n');
}

export class ServiceRequestStore {
  constructor(private readonly storage: Storage, private readonly now: () => Date = () => new Date()) {}

  async get(caseId: string): Promise<ServiceRequestRecord | undefined> {
    const items = await this.storage.read([recordKey(caseId)]);
    const stored = items[recordKey(caseId)] as (ServiceRequestRecord & { eTag?: string }) | undefined;
    if (!stored) return undefined;
    const { eTag: _eTag, ...record } = stored;
    return record;
  }

  /**
   * Reserves the filing of a case: a filed record is returned as is (`alreadyFiled`); otherwise the record is
   * (re)written in state `filing` with the request to send, keeping the MS-RequestId of an unfinished filing, which
   * then must be the same request (else `unsettled`, nothing written).
   */
  async reserve(base: Pick<ServiceRequestRecord, 'caseId' | 'tenantId' | 'customerName' | 'request' | 'requestedBy'>): Promise<Reservation> {
    const at = this.now().toISOString();
    let unsettled = false;
    const result = await updateItem<ServiceRequestRecord>(this.storage, recordKey(base.caseId), (current) => {
      unsettled = false;
      if (current?.state === 'filed') return 'abort';
      const idempotencyKey = idempotencyKeyFor(current);
      if (current?.idempotencyKey === idempotencyKey && !sameRequest(current.request, base.request)) {
        unsettled = true;
        return 'abort';
      }
      return {
        ...base,
        idempotencyKey,
        state: 'filing',
        attempts: current?.attempts ?? [],
        createdAt: current?.createdAt ?? at,
        updatedAt: at,
      };
    });
    if (!result.value) throw new Error(`service request record of case ${base.caseId} vanished`);
    return { record: result.value, alreadyFiled: !result.changed && !unsettled, unsettled };
  }

  /**
   * Records a created request and adds the case to the open index. `first` is false when a concurrent press
   * already recorded the same request (Partner Center returned it for the same MS-RequestId): notify only once.
   */
  async markFiled(caseId: string, request: ServiceRequest): Promise<{ record: ServiceRequestRecord; first: boolean }> {
    const at = this.now().toISOString();
    const result = await updateItem<ServiceRequestRecord>(this.storage, recordKey(caseId), (current) => {
      if (!current || current.serviceRequest?.id === request.id) return 'abort';
      return {
        ...current, state: 'filed', serviceRequest: snapshotOf(request), updatedAt: at,
        attempts: [...current.attempts, { at, requestId: current.idempotencyKey, outcome: 'created' }],
      };
    });
    if (!result.value) throw new Error(`no service request record for case ${caseId}`);
    if (result.changed && request.status !== 'closed') await this.updateIndex((ids) => (ids.includes(caseId) ? ids : [...ids, caseId]));
    return { record: result.value, first: result.changed };
  }

  /** Records a failed filing attempt; the case keeps every attempt. */
  async recordFailure(caseId: string, outcome: ApiErrorKind, detail?: string): Promise<ServiceRequestRecord> {
    const at = this.now().toISOString();
    return this.mutate(caseId, (current) => ({
      ...current, state: 'failed', updatedAt: at,
      attempts: [...current.attempts, { at, requestId: current.idempotencyKey, outcome, ...(detail === undefined ? {} : { detail }) }],
    }));
  }

  /**
   * Replaces the snapshot only if it still equals `expected` (so two pollers never both report a change);
   * closed requests leave the open index. Resolves to the new record, or undefined when someone else moved first.
   */
  async advanceSnapshot(caseId: string, expected: SrSnapshot, next: SrSnapshot): Promise<ServiceRequestRecord | undefined> {
    const at = this.now().toISOString();
    const result = await updateItem<ServiceRequestRecord>(this.storage, recordKey(caseId), (current) => {
      const seen = current?.serviceRequest;
      if (!current || !seen || !sameSnapshot(seen, expected)) return 'abort';
      return { ...current, serviceRequest: next, updatedAt: at };
    });
    if (!result.changed) return undefined;
    if (next.status === 'closed') await this.updateIndex((ids) => ids.filter((id) => id !== caseId));
    return result.value;
  }

  /** Records of every open (filed, not closed) request. */
  async listOpen(): Promise<ServiceRequestRecord[]> {
    const items = await this.storage.read([OPEN_INDEX_KEY]);
    const index = items[OPEN_INDEX_KEY] as OpenIndex | undefined;
    const records = await Promise.all((index?.caseIds ?? []).map((id) => this.get(id)));
    return records.filter((r): r is ServiceRequestRecord => r?.state === 'filed' && r.serviceRequest?.status !== 'closed');
  }

  private async mutate(caseId: string, change: (current: ServiceRequestRecord) => ServiceRequestRecord): Promise<ServiceRequestRecord> {
    const result = await updateItem<ServiceRequestRecord>(this.storage, recordKey(caseId), (current) => (current ? change(current) : 'abort'));
    if (!result.value) throw new Error(`no service request record for case ${caseId}`);
    return result.value;
  }

  private async updateIndex(change: (ids: string[]) => string[]): Promise<void> {
    await updateItem<OpenIndex>(this.storage, OPEN_INDEX_KEY, (current) => ({ caseIds: change(current?.caseIds ?? []) }));
  }
}
