/**
 * The one bound on text a person sends the bot, wherever it sits in the activity: typed text, a card's submitted
 * fields (`value`), an Action.Execute's data. Pure.
 */

/** Nested values inspected at most (an activity body is already capped in bytes; this caps the walk too). */
const MAX_VISITED = 10_000;

/**
 * The length of the longest string in `text` and anywhere inside `value` (objects and arrays, walked without
 * recursion so a deeply nested payload cannot exhaust the stack). Past MAX_VISITED values, the walk reports
 * Infinity: such a payload is refused as too long rather than read further.
 */
export function longestText(text: unknown, value?: unknown): number {
  let longest = 0;
  let visited = 0;
  const pending: unknown[] = [text, value];
  while (pending.length > 0) {
    const next = pending.pop();
    visited += 1;
    if (visited > MAX_VISITED) return Infinity;
    if (typeof next === 'string') longest = Math.max(longest, next.length);
    else if (Array.isArray(next)) {
      for (const item of next as unknown[]) pending.push(item);
    } else if (typeof next === 'object' && next !== null) {
      for (const [key, item] of Object.entries(next)) pending.push(key, item);
    }
  }
  return longest;
}
