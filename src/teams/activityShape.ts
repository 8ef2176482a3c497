import { isJsonObject } from '../jsonObject';

/**
 * Cheap structural check of an inbound body before it reaches botbuilder: a body that is not a
 * Teams-shaped activity is a client fault (400), never a crash or a 500.
 */
export function activityShapeProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is not a JSON object';
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || a.type.length === 0) return 'type is missing';
  if (typeof a.serviceUrl !== 'string' || !/^https?:\/\/[^\s]+$/i.test(a.serviceUrl)) return 'serviceUrl is missing or not an http(s) URL';
  if (!isJsonObject(a.conversation) || typeof a.conversation.id !== 'string' || a.conversation.id.length === 0) return 'conversation.id is missing';
  if (a.from !== undefined && (!isJsonObject(a.from) || typeof a.from.id !== 'string')) return 'from.id is not a string';
  if (a.recipient !== undefined && (!isJsonObject(a.recipient) || typeof a.recipient.id !== 'string')) return 'recipient.id is not a string';
  if (a.text !== undefined && a.text !== null && typeof a.text !== 'string') return 'text is not a string';
  if (a.id !== undefined && a.id !== null && typeof a.id !== 'string') return 'id is not a string';
  if (a.channelData !== undefined && a.channelData !== null && !isJsonObject(a.channelData)) return 'channelData is not an object';
  if (a.entities !== undefined && a.entities !== null && !Array.isArray(a.entities)) return 'entities is not an array';
  if (a.attachments !== undefined && a.attachments !== null && !Array.isArray(a.attachments)) return 'attachments is not an array';
  if (a.membersAdded !== undefined && !isArrayOfIdObjects(a.membersAdded)) return 'membersAdded is not an array of members';
  if (a.membersRemoved !== undefined && !isArrayOfIdObjects(a.membersRemoved)) return 'membersRemoved is not an array of members';
  if (a.type === 'invoke' && a.name === 'adaptiveCard/action' && a.value !== undefined && a.value !== null
    && (!isJsonObject(a.value) || !isJsonObject(a.value.action))) return 'value.action is missing';
  return undefined;
}


function isArrayOfIdObjects(v: unknown): boolean {
  return Array.isArray(v) && v.every((m) => isJsonObject(m) && typeof m.id === 'string');
}
