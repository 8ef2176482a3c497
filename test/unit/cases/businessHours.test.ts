import { addBusinessMinutes, formatInZone, isOpen, nextOpening, type BusinessHours } from '../../../src/cases/businessHours';

const PARIS: BusinessHours = { timeZone: 'Europe/Paris', days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '08:00', close: '18:00', holidays: ['2026-12-25'] };
const NEW_YORK: BusinessHours = { timeZone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '17:00', holidays: ['2026-11-26'] };

const at = (iso: string): Date => new Date(iso);

describe('business hours', () => {
  it('IsOpen_FollowsTheLocalClockOfThePlan', () => {
    expect(isOpen(PARIS, at('2026-11-25T07:00:00Z'))).toBe(true); // 08:00 Paris (UTC+1)
    expect(isOpen(PARIS, at('2026-11-25T06:59:00Z'))).toBe(false);
    expect(isOpen(PARIS, at('2026-11-25T16:59:00Z'))).toBe(true);
    expect(isOpen(PARIS, at('2026-11-25T17:00:00Z'))).toBe(false); // 18:00 Paris: closed
    expect(isOpen(NEW_YORK, at('2026-11-25T14:00:00Z'))).toBe(true); // 09:00 New York (UTC-5)
  });

  it('NextOpening_OnAWeekend_IsMondayMorning', () => {
    expect(nextOpening(PARIS, at('2026-11-28T12:00:00Z')).toISOString()).toBe('2026-11-30T07:00:00.000Z');
  });

  it('NextOpening_SkipsHolidays', () => {
    expect(nextOpening(NEW_YORK, at('2026-11-26T15:00:00Z')).toISOString()).toBe('2026-11-27T14:00:00.000Z');
    expect(nextOpening(PARIS, at('2026-12-24T18:00:00Z')).toISOString()).toBe('2026-12-28T07:00:00.000Z');
  });

  it('NextOpening_WhenOpen_IsNow_AndBeforeOpeningIsToday', () => {
    const now = at('2026-11-25T10:00:00Z');
    expect(nextOpening(PARIS, now)).toBe(now);
    expect(nextOpening(PARIS, at('2026-11-25T05:00:00Z')).toISOString()).toBe('2026-11-25T07:00:00.000Z');
  });

  it('NextOpening_AcrossTheDstChange_UsesTheNewOffset', () => {
    // Paris moves to UTC+2 on Sunday 2026-03-29: Monday 08:00 is 06:00 UTC, Friday before it was 07:00 UTC.
    expect(nextOpening(PARIS, at('2026-03-27T18:00:00Z')).toISOString()).toBe('2026-03-30T06:00:00.000Z');
    // New York moves to UTC-5 on Sunday 2026-11-01.
    expect(nextOpening(NEW_YORK, at('2026-10-30T22:00:00Z')).toISOString()).toBe('2026-11-02T14:00:00.000Z');
  });

  it('AddBusinessMinutes_WithinTheDay', () => {
    expect(addBusinessMinutes(PARIS, at('2026-11-25T09:00:00Z'), 60).toISOString()).toBe('2026-11-25T10:00:00.000Z');
  });

  it('AddBusinessMinutes_CarriesOverNightsAndWeekends', () => {
    // Friday 17:00 Paris + 240 min: 60 min on Friday, 180 on Monday from 08:00 → Monday 11:00 Paris.
    expect(addBusinessMinutes(PARIS, at('2026-11-27T16:00:00Z'), 240).toISOString()).toBe('2026-11-30T10:00:00.000Z');
  });

  it('AddBusinessMinutes_OutOfHours_StartsAtTheNextOpening', () => {
    expect(addBusinessMinutes(NEW_YORK, at('2026-11-26T15:00:00Z'), 120).toISOString()).toBe('2026-11-27T16:00:00.000Z');
  });

  it('FormatInZone_ShowsLocalTimeAndZone', () => {
    expect(formatInZone(PARIS, at('2026-11-30T07:00:00Z'), 'fr-FR')).toMatch(/^lundi 30 novembre.*08:00 \(Europe\/Paris\)$/);
    expect(formatInZone(NEW_YORK, at('2026-11-27T14:00:00Z'), 'en-US')).toMatch(/^Friday, November 27.*09:00 \(America\/New_York\)$/);
  });
});
