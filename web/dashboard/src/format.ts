/** Pure formatting of times and durations for the page (no DOM, no clock: `now` is passed in). */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration as its two largest units ("2 d 3 h", "1 h 05 min", "4 min 09 s", "12 s"). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(Math.abs(ms) / SECOND)) * SECOND;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (total >= DAY) return `${Math.floor(total / DAY)} d ${Math.floor((total % DAY) / HOUR)} h`;
  if (total >= HOUR) return `${Math.floor(total / HOUR)} h ${pad(Math.floor((total % HOUR) / MINUTE))} min`;
  if (total >= MINUTE) return `${Math.floor(total / MINUTE)} min ${pad(Math.floor((total % MINUTE) / SECOND))} s`;
  return `${total / SECOND} s`;
}

/** Where a first-response SLA stands at `now`: breached (and since when) or due in some time. */
export interface SlaStatus {
  breached: boolean;
  /** Time left, or time since the breach. */
  ms: number;
}

export function slaStatus(slaDueAt: string, serverSaysBreached: boolean, now: number): SlaStatus {
  const left = Date.parse(slaDueAt) - now;
  const breached = serverSaysBreached || left <= 0;
  return { breached, ms: Math.abs(left) };
}

/** A date and time in the reader's language ("2 déc. 2026, 17:05"). */
export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A clock time ("17:05:12"). */
export function formatTime(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(new Date(at));
}

/** A `YYYY-MM-DD` day as a short label ("2 déc.", "Dec 2"), read as a UTC day. */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** Milliseconds as minutes with one decimal, for the response-time chart. */
export function toMinutes(ms: number): number {
  return Math.round((ms / MINUTE) * 10) / 10;
}

/** A number in the reader's language ("4,3" in French). */
export function formatNumber(value: number, locale: string, fractionDigits = 1): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits }).format(value);
}
