import type { MessageCenterPost } from '../../../src/health/messageCenterModel';
import { dueWeek, postsDueWithin, weekOf } from '../../../src/notifications/messageCenterDigestPlan';

const post = (id: string, actionRequiredByDateTime: string | null): MessageCenterPost => ({
  id, title: id, category: 'planForChange', services: [], tags: [], isMajorChange: false, startDateTime: null,
  actionRequiredByDateTime, lastModifiedDateTime: null, text: '', details: {},
});

describe('Message center digest plan', () => {
  it('keys a week by its Monday (UTC)', () => {
    expect(weekOf(new Date('2026-12-02T10:00:00Z'))).toBe('2026-11-30');
    expect(weekOf(new Date('2026-11-30T00:00:00Z'))).toBe('2026-11-30');
    expect(weekOf(new Date('2026-12-06T23:59:59Z'))).toBe('2026-11-30');
    expect(weekOf(new Date('2027-01-01T12:00:00Z'))).toBe('2026-12-28');
  });

  it('is due from the configured day and hour (UTC) to the end of that week', () => {
    const schedule = { day: 'wed', hour: 9 } as const;
    expect(dueWeek(new Date('2026-12-02T08:59:59Z'), schedule)).toBeUndefined();
    expect(dueWeek(new Date('2026-12-02T09:00:00Z'), schedule)).toBe('2026-11-30');
    expect(dueWeek(new Date('2026-12-06T23:00:00Z'), schedule)).toBe('2026-11-30');
    expect(dueWeek(new Date('2026-12-07T08:00:00Z'), schedule)).toBeUndefined();
    expect(dueWeek(new Date('2026-12-07T00:00:00Z'), { day: 'mon', hour: 0 })).toBe('2026-12-07');
    expect(dueWeek(new Date('2026-12-05T23:00:00Z'), { day: 'sun', hour: 7 })).toBeUndefined();
  });

  it('lists only posts whose action-required date is within 30 days, soonest first', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    const posts = [
      post('MC-past', '2026-12-01T00:00:00Z'), post('MC-29d', '2026-12-31T00:00:00Z'), post('MC-none', null),
      post('MC-2d', '2026-12-04T00:00:00Z'), post('MC-31d', '2027-01-02T11:00:00Z'),
    ];
    expect(postsDueWithin(posts, now).map((p) => p.id)).toEqual(['MC-2d', 'MC-29d']);
  });
});
