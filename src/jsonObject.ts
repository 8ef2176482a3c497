/** A parsed JSON object (not null, not an array). */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object: the one shape check every parser of outside input starts with. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
