/**
 * Business hours of a support plan in its IANA time zone (with holidays): open now, next opening, SLA due times. Pure.
 */
import type { SupportPlan } from '../directory/supportPlan';

export type BusinessHours = SupportPlan['hours'];

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** How far ahead to look for an opening (a year of holidays is the worst sane case). */
const HORIZON_DAYS = 400;

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

interface LocalTime extends LocalDate {
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function localTime(timeZone: string, at: Date): LocalTime & { seconds: number } {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const get = (name: string): number => parts[name] ?? 0;
  return { year: get('year'), month: get('month'), day: get('day'), minutes: get('hour') * 60 + get('minute'), seconds: get('second') };
}

function clockMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** The instant at which the wall clock of `timeZone` shows `minutes` after midnight of `date` (DST gaps move forward). */
function zonedInstant(timeZone: string, date: LocalDate, minutes: number): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * MINUTE_MS;
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const seen = localTime(timeZone, new Date(guess));
    const seenWall = Date.UTC(seen.year, seen.month - 1, seen.day) + seen.minutes * MINUTE_MS + seen.seconds * 1000;
    const delta = wall - seenWall;
    if (delta === 0) break;
    guess += delta;
  }
  return new Date(guess);
}

function addDays(date: LocalDate, days: number): LocalDate & { weekday: (typeof DAY_NAMES)[number] } {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return {
    year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(),
    weekday: DAY_NAMES[shifted.getUTCDay()] ?? 'sun',
  };
}

function isoDate(date: LocalDate): string {
  return `${String(date.year)}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function isWorkingDay(hours: BusinessHours, date: LocalDate & { weekday: (typeof DAY_NAMES)[number] }): boolean {
  return hours.days.includes(date.weekday) && !hours.holidays.includes(isoDate(date));
}

/** Whether the service is open at `now`. */
export function isOpen(hours: BusinessHours, now: Date): boolean {
  const local = localTime(hours.timeZone, now);
  return isWorkingDay(hours, addDays(local, 0)) && local.minutes >= clockMinutes(hours.open) && local.minutes < clockMinutes(hours.close);
}

/**
 * The next instant the service opens: `now` itself when open.
 * @throws RangeError when no working day exists within 400 days.
 */
export function nextOpening(hours: BusinessHours, now: Date): Date {
  if (isOpen(hours, now)) return now;
  const today = localTime(hours.timeZone, now);
  for (let offset = 0; offset <= HORIZON_DAYS; offset++) {
    const date = addDays(today, offset);
    if (!isWorkingDay(hours, date)) continue;
    const opening = zonedInstant(hours.timeZone, date, clockMinutes(hours.open));
    if (opening.getTime() > now.getTime()) return opening;
  }
  throw new RangeError('nextOpening: no working day in the next 400 days');
}

/** `start` plus `minutes` of open time (the SLA due time of a first response). */
export function addBusinessMinutes(hours: BusinessHours, start: Date, minutes: number): Date {
  let cursor = nextOpening(hours, start);
  let remainingMs = minutes * MINUTE_MS;
  for (let guard = 0; guard <= HORIZON_DAYS; guard++) {
    const local = localTime(hours.timeZone, cursor);
    const closing = zonedInstant(hours.timeZone, local, clockMinutes(hours.close));
    const availableMs = closing.getTime() - cursor.getTime();
    if (remainingMs <= availableMs) return new Date(cursor.getTime() + remainingMs);
    remainingMs -= availableMs;
    cursor = nextOpening(hours, closing);
  }
  throw new RangeError('addBusinessMinutes: too far ahead');
}

/** An instant as the plan's local date and time, in the customer's language (e.g. "lundi 1 décembre, 08:00 (Europe/Paris)"). */
export function formatInZone(hours: BusinessHours, at: Date, locale: string): string {
  const text = new Intl.DateTimeFormat(locale, {
    timeZone: hours.timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(at);
  return `${text} (${hours.timeZone})`;
}
