/**
 * The dashboard's numbers, computed from cases as stored: first response, SLA breach, per-day counts, percentiles,
 * satisfaction. Pure: no storage, no clock (the caller passes `now`).
 */
import type { Case } from '../cases/caseModel';

const DAY_MS = 86_400_000;

/** Latest number of days the statistics cover, and the default. */
export const MAX_STATS_DAYS = 90;
export const DEFAULT_STATS_DAYS = 30;

/**
 * When the customer first heard from the partner: the first agent message relayed to them or the take, whichever
 * came first; undefined while neither happened. Internal notes do not count.
 */
export function firstResponseAt(c: Pick<Case, 'transcript' | 'history'>): string | undefined {
  const times = [
    ...c.transcript.filter((e) => e.from === 'agent' && !e.internal).map((e) => e.at),
    ...c.history.filter((h) => h.action === 'take').map((h) => h.at),
  ];
  return times.sort()[0];
}

/** Whether the first-response SLA is breached: no response by `slaDueAt` (the response, or now while there is none). */
export function slaBreached(c: Pick<Case, 'transcript' | 'history' | 'slaDueAt'>, now: Date): boolean {
  const answered = firstResponseAt(c);
  return Date.parse(answered ?? now.toISOString()) > Date.parse(c.slaDueAt);
}

/** The last `count` UTC days ending with `now`'s, oldest first, as `YYYY-MM-DD`. */
export function lastDays(count: number, now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, i) => new Date(today - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/** Nearest-rank percentile (`p` in 0..100) of unsorted values; undefined when there are none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

export interface DayCount {
  date: string;
  opened: number;
  resolved: number;
}

export interface FirstResponseStats {
  count: number;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
}

export interface CsatStats {
  count: number;
  average: number | null;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
}

export interface Stats {
  days: DayCount[];
  firstResponse: FirstResponseStats;
  csat: CsatStats;
}

/**
 * Statistics over `days` (from {@link lastDays}) of distinct cases: opened and resolved per day, first-response
 * percentiles of the cases opened in the window, satisfaction given in the window.
 */
export function computeStats(cases: readonly Case[], days: readonly string[]): Stats {
  const inWindow = new Set(days);
  const dayOf = (iso: string): string => iso.slice(0, 10);
  const counts = new Map(days.map((date) => [date, { date, opened: 0, resolved: 0 }]));
  const responses: number[] = [];
  const distribution: CsatStats['distribution'] = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let scoreSum = 0;
  let scored = 0;
  for (const c of cases) {
    const opened = counts.get(dayOf(c.createdAt));
    if (opened) {
      opened.opened += 1;
      const answered = firstResponseAt(c);
      if (answered) responses.push(Date.parse(answered) - Date.parse(c.createdAt));
    }
    const resolved = c.state === 'resolved' && c.resolution ? counts.get(dayOf(c.resolution.at)) : undefined;
    if (resolved) resolved.resolved += 1;
    const score = c.satisfaction?.score;
    const key = String(score) as keyof CsatStats['distribution'];
    if (c.satisfaction && inWindow.has(dayOf(c.satisfaction.at)) && key in distribution) {
      distribution[key] += 1;
      scoreSum += c.satisfaction.score;
      scored += 1;
    }
  }
  const at = (p: number): number | null => percentile(responses, p) ?? null;
  return {
    days: [...counts.values()],
    firstResponse: { count: responses.length, p50Ms: at(50), p90Ms: at(90), p99Ms: at(99) },
    csat: { count: scored, average: scored === 0 ? null : Math.round((scoreSum / scored) * 100) / 100, distribution },
  };
}
