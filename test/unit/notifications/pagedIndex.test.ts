import { MemoryStorage } from 'botbuilder';
import { addToPage, bucketOf, PagedIndex, removeFromPage } from '../../../src/notifications/pagedIndex';

describe('paged index pages', () => {
  it('refreshes present ids to the higher generation and fills free slots up to the page size', () => {
    const page = { entries: { a: 5 } };
    const { next, placed } = addToPage(page, new Map([['a', 7], ['b', 1], ['c', 1]]), () => true, 2);
    expect(next).toEqual({ entries: { a: 7, b: 1 } });
    expect(placed).toEqual(['a', 'b']);
    expect(addToPage(page, new Map([['a', 3]]), () => true, 2).next).toBe('abort');
  });

  it('removes an id only up to the generation given, so a later re-add survives', () => {
    const page = { entries: { a: 5, b: 9 } };
    expect(removeFromPage(page, new Map([['a', 5], ['b', 8]]))).toEqual({ entries: { b: 9 } });
    expect(removeFromPage(page, new Map([['z', 99]]))).toBe('abort');
  });

  it('hashes an id to the same bucket every time', () => {
    expect(bucketOf('a:1', 256)).toBe(bucketOf('a:1', 256));
    expect(bucketOf('a:1', 256)).toBeLessThan(256);
  });
});

describe('PagedIndex', () => {
  it('keeps every id when buckets overflow into further pages, and lists each once', async () => {
    const storage = new MemoryStorage();
    const index = new PagedIndex(storage, 'test-idx', 2, 3);
    const ids = Array.from({ length: 20 }, (_, i) => `id-${i}`);
    await Promise.all(ids.map((id) => index.add('s', new Map([[id, 1]]))));
    await index.add('s', new Map([['id-0', 4]]));
    const listed = await index.list('s');
    expect([...listed.keys()].sort()).toEqual([...ids].sort());
    expect(listed.get('id-0')).toBe(4);
    const pages = await storage.read(Array.from({ length: 2 }, (_, b) => Array.from({ length: 10 }, (__, p) => `test-idx:s:${b}:${p}`)).flat());
    for (const page of Object.values(pages)) expect(Object.keys((page as { entries: object }).entries).length).toBeLessThanOrEqual(3);
  });

  it('removes ids from whichever page holds them and reuses the room', async () => {
    const index = new PagedIndex(new MemoryStorage(), 'test-idx', 1, 2);
    await index.add('s', new Map([['a', 1], ['b', 1], ['c', 1]]));
    await index.remove('s', new Map([['a', 1], ['c', 1]]));
    await index.add('s', new Map([['d', 1]]));
    expect([...(await index.list('s')).keys()].sort()).toEqual(['b', 'd']);
  });

  it('keeps scopes apart', async () => {
    const index = new PagedIndex(new MemoryStorage(), 'test-idx');
    await index.add('t1', new Map([['a', 1]]));
    expect(await index.list('t2')).toEqual(new Map());
  });
});
