/**
 * Runs loads so that only the latest one's answer is used: a view refreshed twice (a filter changed, "Show more",
 * the 30 s timer) never shows an older answer, or an older failure, that arrived late: a superseded call resolves to
 * undefined.
 */
export function latestOnly<T>(load: () => Promise<T>): () => Promise<{ value: T } | undefined> {
  let latest = 0;
  return async () => {
    latest += 1;
    const call = latest;
    try {
      const value = await load();
      return call === latest ? { value } : undefined;
    } catch (error) {
      if (call === latest) throw error;
      return undefined;
    }
  };
}
