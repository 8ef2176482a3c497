/** The dashboard page's pure parts (web/dashboard/src): durations, SLA status, language, strings, paging. */
import { pagesUpTo } from '../../../web/dashboard/src/api';
import { latestOnly } from '../../../web/dashboard/src/latest';
import type { Paged } from '../../../src/dashboard/contract';
import { formatDuration, slaStatus } from '../../../web/dashboard/src/format';
import { healthStatusLabel, languageOf, translator } from '../../../web/dashboard/src/i18n';

describe('dashboard page', () => {
  it.each([
    [0, '0 s'], [12_400, '12 s'], [4 * 60_000 + 9_000, '4 min 09 s'], [65 * 60_000, '1 h 05 min'], [51 * 3_600_000, '2 d 3 h'], [-90_000, '1 min 30 s'],
  ])('formats %d ms as "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('counts an SLA down, then up once breached (or when the server says it is)', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(slaStatus('2026-12-02T10:05:00Z', false, now)).toEqual({ breached: false, ms: 300_000 });
    expect(slaStatus('2026-12-02T09:59:00Z', false, now)).toEqual({ breached: true, ms: 60_000 });
    expect(slaStatus('2026-12-02T10:05:00Z', true, now).breached).toBe(true);
  });

  it.each([['fr-FR', 'fr'], ['fr-ca', 'fr'], ['en-US', 'en'], ['de-DE', 'en'], [undefined, 'en']])('Teams locale %s reads %s', (locale, language) => {
    expect(languageOf(locale)).toBe(language);
  });

  it('reads the dashboard strings of the bot and fills their placeholders', () => {
    expect(translator('fr')('queue.dueIn', { time: '5 min 00 s' })).toBe('Dans 5 min 00 s');
    expect(translator('en')('tabs.outages')).toBe('Outage map');
  });

  it('words an incident status as the health cards do, and keeps a status it does not know', () => {
    expect(healthStatusLabel('fr', 'investigating')).not.toBe('investigating');
    expect(healthStatusLabel('en', 'serviceDegradation')).toBe('Degraded');
    expect(healthStatusLabel('en', 'somethingNew')).toBe('somethingNew');
  });

  it('loads pages 1 to n of a list and stops at its end', async () => {
    const pages: Record<number, Paged<string>> = {
      1: { items: ['a', 'b'], page: 1, nextPage: 2 },
      2: { items: ['c'], page: 2, nextPage: 3 },
      3: { items: ['d'], page: 3, nextPage: null },
    };
    const load = jest.fn(async (page: number) => pages[page]!);
    await expect(pagesUpTo(load, 2)).resolves.toEqual({ items: ['a', 'b', 'c'], nextPage: 3 });
    await expect(pagesUpTo(load, 9)).resolves.toEqual({ items: ['a', 'b', 'c', 'd'], nextPage: null });
  });
});

describe('latestOnly', () => {
  it('LateAnswerOfASupersededLoad_IsDropped_TheLatestIsUsed', async () => {
    const resolvers: Array<(value: string) => void> = [];
    const load = latestOnly(() => new Promise<string>((resolve) => resolvers.push(resolve)));
    const first = load();
    const second = load();
    resolvers[1]?.('filtered');
    resolvers[0]?.('unfiltered, late');
    expect(await second).toEqual({ value: 'filtered' });
    expect(await first).toBeUndefined();
  });

  it('FailureOfASupersededLoad_IsDropped_TheLatestFailureIsThrown', async () => {
    let calls = 0;
    const load = latestOnly(async () => {
      calls += 1;
      throw new Error(`call ${String(calls)}`);
    });
    const first = load();
    const second = load();
    expect(await first).toBeUndefined();
    await expect(second).rejects.toThrow('call 2');
  });
});
