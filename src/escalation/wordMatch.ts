/** Picks the catalogue entry (support topic, Azure service, problem classification) that best fits a problem's words. Pure. */

/** Lower-case, accent-free words of three letters or more. */
export function words(text: string): string[] {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/[^a-z0-9]+/).filter((w) => w.length > 2);
}

/**
 * The item sharing most `wanted` words: a word starting a word of the item's name counts 2, of its description 1.
 * Undefined when none shares any; the first item wins a tie.
 */
export function bestWordMatch<T>(items: readonly T[], wanted: readonly string[], fields: (item: T) => { name: string; description?: string }): T | undefined {
  let best: { item: T; score: number } | undefined;
  for (const item of items) {
    const { name, description } = fields(item);
    const nameWords = words(name);
    const descriptionWords = words(description ?? '');
    const score = wanted.reduce((sum, w) => sum + (nameWords.some((n) => n.startsWith(w)) ? 2 : descriptionWords.some((d) => d.startsWith(w)) ? 1 : 0), 0);
    if (score > 0 && (best === undefined || score > best.score)) best = { item, score };
  }
  return best?.item;
}
