/**
 * A set of ids on our `Storage` (which cannot list keys) whose writes touch a bounded number of bytes:
 * ids are hashed into a fixed number of buckets, each bucket is a chain of pages of at most `pageSize` ids.
 */
import { createHash } from 'node:crypto';
import { storageKey, updateItem, type Storage } from '../storage';

/** Buckets of a new index; an existing index keeps the count it was created with. */
export const DEFAULT_BUCKETS = 256;

/** Ids a page holds at most. With {@link DEFAULT_BUCKETS}, 16,384 ids fit before any bucket needs a second page. */
export const DEFAULT_PAGE_SIZE = 64;

/** Keys read in one `Storage.read` call when listing. */
const READ_CHUNK = 256;

/** Per index: the bucket count and the page count of each bucket in use (listing reads only those). */
interface IndexMeta {
  buckets: number;
  pages: Record<string, number>;
}

/**
 * One page: id → generation. A removal only removes an entry of its generation or older, so it never undoes
 * a concurrent later addition of the same id.
 */
interface IndexPage {
  entries: Record<string, number>;
}

/** Pure: the bucket of an id (stable across processes and versions). */
export function bucketOf(id: string, buckets: number): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % buckets;
}

/**
 * Pure: adds or refreshes `wanted` ids in a page, keeping at most `pageSize` entries. Ids already in the page are
 * refreshed to the higher generation; `placeNew` says which absent ids may take a free slot.
 *
 * @returns The next page (or `'abort'` if unchanged) and the ids it holds now.
 */
export function addToPage(page: IndexPage | undefined, wanted: ReadonlyMap<string, number>, placeNew: (id: string) => boolean, pageSize: number): { next: IndexPage | 'abort'; placed: string[] } {
  const entries = { ...(page?.entries ?? {}) };
  let size = Object.keys(entries).length;
  let changed = false;
  const placed: string[] = [];
  for (const [id, gen] of wanted) {
    const current = entries[id];
    if (current !== undefined) {
      placed.push(id);
      if (gen > current) {
        entries[id] = gen;
        changed = true;
      }
    } else if (size < pageSize && placeNew(id)) {
      entries[id] = gen;
      size++;
      changed = true;
      placed.push(id);
    }
  }
  return { next: changed ? { entries } : 'abort', placed };
}

/** Pure: removes ids whose stored generation is at most the one given. */
export function removeFromPage(page: IndexPage | undefined, ids: ReadonlyMap<string, number>): IndexPage | 'abort' {
  if (!page) return 'abort';
  const kept = Object.entries(page.entries).filter(([id, gen]) => !(ids.has(id) && gen <= (ids.get(id) ?? -1)));
  return kept.length === Object.keys(page.entries).length ? 'abort' : { entries: Object.fromEntries(kept) };
}

/** Pure: groups ids by bucket. */
function groupByBucket(ids: ReadonlyMap<string, number>, buckets: number): Map<number, Map<string, number>> {
  const grouped = new Map<number, Map<string, number>>();
  for (const [id, gen] of ids) {
    const b = bucketOf(id, buckets);
    grouped.set(b, (grouped.get(b) ?? new Map<string, number>()).set(id, gen));
  }
  return grouped;
}

/**
 * Index of ids per scope (e.g. a tenant), under `<name>:<scope>` keys.
 *
 * @remarks
 * - An add reads the index meta (at most a few bytes per bucket) and writes one page of its bucket: its cost does
 *   not depend on the number of ids as long as the bucket holds one page (`buckets × pageSize` ids); past that, it
 *   also reads the bucket's other pages, one more per `pageSize` ids in the bucket.
 * - The meta is written when the index is created, when a bucket is first used and when a bucket gets a further
 *   page: at most `buckets` times while an index fills up, then once per `pageSize` ids, so it is no eTag hot spot.
 * - Listing reads the pages of the buckets in use only (a small index costs a few reads, not `buckets`).
 * - Pages are never deleted (a concurrent add may be writing to one); an emptied page is reused by later adds.
 * - The index may briefly hold an id twice (two concurrent first adds) or an id whose record is gone; listing
 *   deduplicates and callers check the record. It never loses an id that was added and not removed.
 */
export class PagedIndex {
  constructor(
    private readonly storage: Storage,
    private readonly name: string,
    private readonly buckets = DEFAULT_BUCKETS,
    private readonly pageSize = DEFAULT_PAGE_SIZE,
  ) {}

  private metaKey(scope: string): string {
    return storageKey(this.name, scope);
  }

  private pageKey(scope: string, bucket: number, page: number): string {
    return storageKey(this.name, scope, String(bucket), String(page));
  }

  private async meta(scope: string): Promise<IndexMeta | undefined> {
    const key = this.metaKey(scope);
    return (await this.storage.read([key]))[key] as IndexMeta | undefined;
  }

  /**
   * Adds ids (with their generation) to the scope's index; an id present keeps the higher generation.
   *
   * @param beforeCreate - Runs before this call creates the scope's index (e.g. to list the scope elsewhere).
   */
  async add(scope: string, ids: ReadonlyMap<string, number>, beforeCreate?: () => Promise<void>): Promise<void> {
    if (ids.size === 0) return;
    let meta = await this.meta(scope);
    if (!meta) {
      await beforeCreate?.();
      const fresh: IndexMeta = { buckets: this.buckets, pages: {} };
      meta = (await updateItem<IndexMeta>(this.storage, this.metaKey(scope), (current) => (current ? 'abort' : fresh))).value ?? fresh;
    }
    const { pages } = meta;
    await Promise.all([...groupByBucket(ids, meta.buckets)].map(([b, wanted]) => this.addToBucket(scope, b, wanted, pages[b] ?? 0)));
  }

  private async addToBucket(scope: string, bucket: number, ids: ReadonlyMap<string, number>, knownPages: number): Promise<void> {
    let pages = knownPages;
    let wanted = ids;
    for (;;) {
      if (pages === 0) pages = await this.growBucket(scope, bucket, 0);
      const keys = Array.from({ length: pages }, (_, p) => this.pageKey(scope, bucket, p));
      const where = pages === 1 ? new Map<string, number>() : await this.pageOfIds(keys);
      const remaining = new Map(wanted);
      for (const [p, key] of keys.entries()) {
        if (remaining.size === 0) return;
        let placed: string[] = [];
        await updateItem<IndexPage>(this.storage, key, (page) => {
          const outcome = addToPage(page, remaining, (id) => (where.get(id) ?? p) === p, this.pageSize);
          placed = outcome.placed;
          return outcome.next;
        });
        for (const id of placed) remaining.delete(id);
      }
      if (remaining.size === 0) return;
      pages = await this.growBucket(scope, bucket, pages);
      wanted = remaining;
    }
  }

  /** Which of the given pages holds each id. */
  private async pageOfIds(keys: readonly string[]): Promise<Map<string, number>> {
    const read = await this.storage.read([...keys]);
    const where = new Map<string, number>();
    keys.forEach((key, p) => Object.keys((read[key] as IndexPage | undefined)?.entries ?? {}).forEach((id) => where.set(id, p)));
    return where;
  }

  /** Opens page number `seen` of a bucket (if nobody did meanwhile) and returns the bucket's page count. */
  private async growBucket(scope: string, bucket: number, seen: number): Promise<number> {
    const result = await updateItem<IndexMeta>(this.storage, this.metaKey(scope), (meta) => {
      const base = meta ?? { buckets: this.buckets, pages: {} };
      return (base.pages[bucket] ?? 0) > seen ? 'abort' : { ...base, pages: { ...base.pages, [bucket]: seen + 1 } };
    });
    return result.value?.pages[bucket] ?? seen + 1;
  }

  /** Removes ids stored with a generation at most the one given (from every page of their bucket). */
  async remove(scope: string, ids: ReadonlyMap<string, number>): Promise<void> {
    if (ids.size === 0) return;
    const meta = await this.meta(scope);
    if (!meta) return;
    const { pages } = meta;
    await Promise.all([...groupByBucket(ids, meta.buckets)].map(async ([b, gone]) => {
      for (let p = 0; p < (pages[b] ?? 0); p++) {
        await updateItem<IndexPage>(this.storage, this.pageKey(scope, b, p), (page) => removeFromPage(page, gone));
      }
    }));
  }

  /** Every id of the scope with its highest generation. Reads the meta and the pages of the buckets in use. */
  async list(scope: string): Promise<Map<string, number>> {
    const meta = await this.meta(scope);
    const ids = new Map<string, number>();
    if (!meta) return ids;
    const keys = Object.entries(meta.pages).flatMap(([b, count]) => Array.from({ length: count }, (_, p) => this.pageKey(scope, Number(b), p)));
    for (let i = 0; i < keys.length; i += READ_CHUNK) {
      const chunk = keys.slice(i, i + READ_CHUNK);
      const read = await this.storage.read(chunk);
      for (const key of chunk) {
        for (const [id, gen] of Object.entries((read[key] as IndexPage | undefined)?.entries ?? {})) ids.set(id, Math.max(gen, ids.get(id) ?? gen));
      }
    }
    return ids;
  }
}
