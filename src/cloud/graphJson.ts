/** The JSON envelope of Graph answers: a body that must be JSON, and collections with their next page link. Pure. */
import { isJsonObject } from '../jsonObject';

/** The JSON does not have the shape of a Graph collection or entity. */
export class GraphParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphParseError';
  }
}

export interface CollectionPage {
  value: unknown[];
  nextLink?: string;
}

/** `{ value: [...], "@odata.nextLink"?: "..." }`; throws GraphParseError on anything else. */
export function parseCollection(raw: unknown): CollectionPage {
  if (!isJsonObject(raw) || !Array.isArray(raw.value)) throw new GraphParseError('Not a Graph collection: "value" array missing');
  const next = raw['@odata.nextLink'];
  if (next !== undefined && next !== null && typeof next !== 'string') throw new GraphParseError('"@odata.nextLink" is not a string');
  return { value: raw.value, ...(typeof next === 'string' && next.length > 0 ? { nextLink: next } : {}) };
}

/** JSON text → value; throws GraphParseError when it is not JSON. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new GraphParseError(`Response is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
