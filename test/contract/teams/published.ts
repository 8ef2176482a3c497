/**
 * Microsoft's published Teams payloads (fixtures/, sources in fixtures/SOURCES.md) and the only changes a contract
 * test may make to them: the fields the harness must control. Everything else is sent as published.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;

/** A published payload, parsed fresh (tests may not share mutations). */
export function published(name: string): Json {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as Json;
}

function object(value: unknown): Json {
  return typeof value === 'object' && value !== null ? (value as Json) : {};
}

/**
 * The payload as the harness must send it: `serviceUrl` points at the fake Connector (the published one is
 * Microsoft's), and the tenant is one of the test directory (`channelData.tenant.id`, and `conversation.tenantId`
 * only where the sample has one: a sample carrying the tenant in channelData alone must stay that way).
 */
export function asDelivered(payload: Json, serviceUrl: string, tenantId: string): Json {
  const conversation = object(payload.conversation);
  const channelData = object(payload.channelData);
  return {
    ...payload,
    serviceUrl,
    ...(payload.conversation ? { conversation: { ...conversation, ...('tenantId' in conversation ? { tenantId } : {}) } } : {}),
    ...(payload.channelData ? { channelData: { ...channelData, ...('tenant' in channelData ? { tenant: { ...object(channelData.tenant), id: tenantId } } : {}) } } : {}),
  };
}

let sequence = 0;

/**
 * Another activity of the same person in the same conversation as a published sample: the sample's envelope (sender,
 * conversation, recipient, tenant, locale), a new id (Teams gives each activity its own) and the fields that differ
 * (`type`, `text`, a card submit's `value`…). The sample's own content (text, attachments, event type) is not carried.
 */
export function nextFrom(payload: Json, fields: Json): Json {
  sequence += 1;
  const { attachments: _attachments, text: _text, textFormat: _textFormat, ...envelope } = payload;
  const { eventType: _eventType, ...channelData } = object(payload.channelData);
  return { ...envelope, channelData, id: `${String(payload.id)}-${String(sequence)}`, ...fields };
}
