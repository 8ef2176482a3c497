/** When the weekly Message center digest is due, and which posts it lists. Pure. */
import type { MessageCenterPost } from '../health/messageCenterModel';

/** Days of the week as configured (ISO numbering: 1 = Monday … 7 = Sunday). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When the digest goes out each week, in UTC. */
export interface DigestSchedule {
  day: Weekday;
  /** 0–23, UTC. */
  hour: number;
}

/** Posts are listed when their action-required date is within this many days. */
export const DIGEST_HORIZON_DAYS = 30;

const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the ISO week containing `at`, as `YYYY-MM-DD`: the key of that week's digest. */
export function weekOf(at: Date): string {
  const isoDay = (at.getUTCDay() + 6) % 7;
  const monday = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()) - isoDay * DAY_MS;
  return new Date(monday).toISOString().slice(0, 10);
}

/** The week whose digest is due at `now` (its scheduled instant has passed), or undefined before that instant. */
export function dueWeek(now: Date, schedule: DigestSchedule): string | undefined {
  const week = weekOf(now);
  const scheduled = Date.parse(`${week}T00:00:00Z`) + WEEKDAYS.indexOf(schedule.day) * DAY_MS + schedule.hour * 3_600_000;
  return now.getTime() >= scheduled ? week : undefined;
}

/** Posts whose action-required date falls between `now` and `now + days`, soonest first. */
export function postsDueWithin(posts: readonly MessageCenterPost[], now: Date, days: number = DIGEST_HORIZON_DAYS): MessageCenterPost[] {
  const from = now.getTime();
  const to = from + days * DAY_MS;
  const due = (post: MessageCenterPost): number => (post.actionRequiredByDateTime ? Date.parse(post.actionRequiredByDateTime) : Number.NaN);
  return posts.filter((post) => due(post) >= from && due(post) <= to).sort((a, b) => due(a) - due(b) || a.id.localeCompare(b.id));
}
