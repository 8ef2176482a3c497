/**
 * Readers for ARM `Microsoft.Support` JSON: services, problem classifications, support tickets (normalized to
 * the bot's {@link ServiceRequest}), and long-running operation status (ARM error bodies: src/cloud/armTransport.ts). Pure.
 */
import { parseArmError } from '../../cloud/armTransport';
import { isJsonObject, type JsonObject } from '../../jsonObject';
import type { AzureCommunication, AzureService, ProblemClassification } from './model';
import type { ServiceRequest, SrNote, SrStatus } from '../partnerCenter/model';
import { parseSeverity, WireParseError } from '../partnerCenter/wireParse';

function text(source: JsonObject, name: string): string | undefined {
  const value = source[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function propertiesOf(item: unknown, what: string): { item: JsonObject; properties: JsonObject } {
  if (!isJsonObject(item)) throw new WireParseError(`${what} is not an object`);
  const properties = item.properties;
  if (!isJsonObject(properties)) throw new WireParseError(`${what} has no properties`);
  return { item, properties };
}

/** The `value` array of an ARM list. */
export function parseArmList(body: unknown): unknown[] {
  return parseArmPage(body).value;
}

/** One page of an ARM list: its `value` array and the `nextLink` of the next page, if any. */
export function parseArmPage(body: unknown): { value: unknown[]; nextLink?: string } {
  const value = isJsonObject(body) ? body.value : undefined;
  if (!isJsonObject(body) || !Array.isArray(value)) throw new WireParseError('list has no value array');
  const nextLink = text(body, 'nextLink');
  return { value, ...(nextLink === undefined ? {} : { nextLink }) };
}

function parseNamed(item: unknown, what: string): { id: string; name: string; displayName: string } {
  const { item: object, properties } = propertiesOf(item, what);
  const id = text(object, 'id');
  if (id === undefined) throw new WireParseError(`${what} has no id`);
  const name = text(object, 'name') ?? id.split('/').at(-1) ?? id;
  return { id, name, displayName: text(properties, 'displayName') ?? name };
}

export const parseAzureService = (item: unknown): AzureService => parseNamed(item, 'service');
export const parseProblemClassification = (item: unknown): ProblemClassification => parseNamed(item, 'problem classification');

/** `Open` / `Closed` (any case) → open / closed; absent while the create operation runs, or `Updating` → none. */
function ticketStatus(value: string | undefined): SrStatus {
  const folded = value?.toLowerCase();
  return folded === 'open' ? 'open' : folded === 'closed' ? 'closed' : 'none';
}

/** A support ticket as the bot tracks it: `id` is the `supportTicketId` (the ticket's name until Microsoft assigns one). */
export function parseAzureTicket(body: unknown): ServiceRequest {
  const { item, properties } = propertiesOf(body, 'support ticket');
  const id = text(properties, 'supportTicketId') ?? text(item, 'name');
  if (id === undefined) throw new WireParseError('support ticket has no supportTicketId or name');
  const severity = text(properties, 'severity')?.toLowerCase() === 'highestcriticalimpact' ? 'critical' : parseSeverity(properties.severity);
  const createdDate = text(properties, 'createdDate');
  const modifiedDate = text(properties, 'modifiedDate');
  return {
    id,
    title: text(properties, 'title') ?? '',
    description: text(properties, 'description') ?? '',
    severity,
    status: ticketStatus(text(properties, 'status')),
    ...(text(properties, 'status')?.toLowerCase() === 'updating' ? { updating: true } : {}),
    supportTopicId: text(properties, 'problemClassificationId') ?? '',
    notes: [],
    ...(createdDate === undefined ? {} : { createdDate }),
    ...(modifiedDate === undefined ? {} : { lastModifiedDate: modifiedDate }),
  };
}

/** One communication of a ticket; `inbound` / `outbound` in any case, anything else `unknown`. */
export function parseCommunication(item: unknown): AzureCommunication {
  const { item: object, properties } = propertiesOf(item, 'communication');
  const name = text(object, 'name') ?? text(object, 'id')?.split('/').at(-1);
  if (name === undefined) throw new WireParseError('communication has no name');
  const direction = text(properties, 'communicationDirection')?.toLowerCase();
  return {
    name,
    subject: text(properties, 'subject') ?? '',
    body: text(properties, 'body') ?? '',
    direction: direction === 'inbound' || direction === 'outbound' ? direction : 'unknown',
    sender: text(properties, 'sender') ?? '',
    createdDate: text(properties, 'createdDate') ?? '',
  };
}

/** Microsoft's messages (`inbound`) as notes of the ticket, oldest first, each named after its communication. */
export function microsoftNotes(communications: readonly AzureCommunication[]): SrNote[] {
  return communications
    .filter((c) => c.direction === 'inbound')
    .sort((a, b) => a.createdDate.localeCompare(b.createdDate))
    .map((c) => ({
      id: c.name,
      createdByName: c.sender === '' ? 'Microsoft' : c.sender,
      createdDate: c.createdDate,
      text: c.subject === '' || c.body.startsWith(c.subject) ? c.body : `${c.subject}: ${c.body}`,
    }));
}

/** Status of an `Azure-AsyncOperation`: still running, done, or failed with ARM's error message. */
export type OperationStatus = { state: 'running' } | { state: 'succeeded' } | { state: 'failed'; code?: string; message: string };

export function parseOperationStatus(body: unknown): OperationStatus {
  const status = isJsonObject(body) ? text(body, 'status')?.toLowerCase() : undefined;
  if (status === undefined) throw new WireParseError('operation status has no status');
  if (status === 'succeeded') return { state: 'succeeded' };
  if (status === 'failed' || status === 'canceled') {
    const error = isJsonObject(body) ? parseArmError(body) : undefined;
    return { state: 'failed', message: error?.description ?? `operation ${status}`, ...(error?.code === undefined ? {} : { code: error.code }) };
  }
  return { state: 'running' };
}
