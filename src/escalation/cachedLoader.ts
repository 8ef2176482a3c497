/** Keeps catalogue answers that rarely change (support topics, Azure services, problem classifications) for a while. */

/** Wraps `load` so each key is loaded at most once per `ttlMs`; a failed load is not kept. */
export function cachedLoader<T>(load: (key: string) => Promise<T>, ttlMs: number, now: () => number = Date.now): (key: string) => Promise<T> {
  const entries = new Map<string, { value: T; until: number }>();
  return async (key) => {
    const cached = entries.get(key);
    if (cached && cached.until > now()) return cached.value;
    const value = await load(key);
    entries.set(key, { value, until: now() + ttlMs });
    return value;
  };
}
