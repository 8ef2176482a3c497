/** Readers of JSON whose property names may come in any case (Partner Center sends camelCase or PascalCase). Pure. */
import type { JsonObject } from '../jsonObject';

/** A property by name, matched case-insensitively. */
export function prop(source: JsonObject, name: string): unknown {
  if (name in source) return source[name];
  const wanted = name.toLowerCase();
  const key = Object.keys(source).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : source[key];
}

/** A string property (a number is read as its text), matched case-insensitively; undefined otherwise. */
export function propText(source: JsonObject, name: string): string | undefined {
  const value = prop(source, name);
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? String(value) : undefined;
}
