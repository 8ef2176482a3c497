/** The agents' queue, one page at a time, so that each answer fits in a Teams message. Pure. */

/**
 * Queue lines per answer. A line is about 150 characters (case, customer, severity, state, due time): 25 of them
 * stay far below Teams' message size (40 KB of UTF-16 with the envelope).
 */
export const QUEUE_PAGE_SIZE = 25;

/** One page of `items` (1-based, clamped to the pages there are) and how many pages there are. */
export function queuePage<T>(items: readonly T[], page = 1, size = QUEUE_PAGE_SIZE): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, Math.trunc(page)), pages);
  return { items: items.slice((current - 1) * size, current * size), page: current, pages };
}
