import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, endOfMonth, isIsoDate } from './dates';

// Europe/Paris changes time on 2026-03-29 (02:00 → 03:00) and 2026-10-25 (03:00 → 02:00): a
// calendar-day computation done with local midnights and 24 h steps would lose or repeat a day.
// The module works in UTC, so these hold whatever the machine's time zone is; run the suite with
// TZ=Europe/Paris to exercise a DST zone.

describe('addDays', () => {
  it('crosses month and year ends', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01'); // 2026 is not a leap year: 28, then 1 Mar
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-05-10', 0)).toBe('2026-05-10');
  });

  it('knows 2028-02-29', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-02-28', 2)).toBe('2028-03-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2028-01-01', 366)).toBe('2029-01-01'); // 2028 has 366 days
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
  });

  it('does not shift a day across the DST changes', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-03-30', -2)).toBe('2026-03-28');
    expect(addDays('2026-10-24', 1)).toBe('2026-10-25');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-10-26', -2)).toBe('2026-10-24');
    expect(addDays('2026-03-01', 30)).toBe('2026-03-31');
    expect(addDays('2026-10-01', 30)).toBe('2026-10-31');
    // across both changes: 15 Mar + 16 = 31 Mar, +30 = 30 Apr (46), +31 = 31 May (77), +30 = 30 Jun
    // (107), +31 = 31 Jul (138), +31 = 31 Aug (169), +30 = 30 Sep (199), +31 = 31 Oct (230), +10 → 10 Nov
    expect(addDays('2026-03-15', 240)).toBe('2026-11-10');
  });

  it('refuses what is not a calendar date', () => {
    expect(() => addDays('31/12/2026', 1)).toThrow(RangeError);
    expect(() => addDays('2026-12-31T10:00:00Z', 1)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('keeps the day of the month when it exists', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-03-29', 1)).toBe('2026-04-29');
    expect(addMonths('2026-10-25', -7)).toBe('2026-03-25');
    expect(addMonths('2026-06-30', 0)).toBe('2026-06-30');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-10-31', 1)).toBe('2026-11-30');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
  });

  it('moves 2028-02-29 by years onto 28 Feb, or 29 Feb in a leap year', () => {
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2028-02-29', 48)).toBe('2032-02-29');
    expect(addMonths('2028-02-29', -12)).toBe('2027-02-28');
  });
});

describe('endOfMonth', () => {
  it('gives the last day of the month', () => {
    expect(endOfMonth('2028-02-10')).toBe('2028-02-29');
    expect(endOfMonth('2026-02-10')).toBe('2026-02-28');
    expect(endOfMonth('2026-04-01')).toBe('2026-04-30');
    expect(endOfMonth('2026-12-31')).toBe('2026-12-31');
    expect(endOfMonth('2026-03-29')).toBe('2026-03-31');
    expect(endOfMonth('2026-10-25')).toBe('2026-10-31');
  });

  it('follows the Gregorian century rule', () => {
    expect(endOfMonth('2100-02-01')).toBe('2100-02-28'); // divisible by 100, not by 400
    expect(endOfMonth('2000-02-01')).toBe('2000-02-29'); // divisible by 400
  });
});

describe('daysBetween', () => {
  it('counts calendar days, signed', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // spring DST change in between
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2); // autumn DST change in between
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
    expect(daysBetween('2026-05-01', '2026-05-01')).toBe(0);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-03-15', '2026-11-10')).toBe(240); // see addDays above
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar dates', () => {
    for (const d of ['2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31', '2026-01-01']) expect(isIsoDate(d), d).toBe(true);
  });

  it('rejects dates that do not exist and other shapes', () => {
    for (const d of ['2026-02-30', '2026-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-5', '2026-01-05T00:00', '05/01/2026', ''])
      expect(isIsoDate(d), d).toBe(false);
  });
});

describe('dayNumber / fromDayNumber', () => {
  it('counts days from 1970-01-01 like the UTC arithmetic, leap years included', async () => {
    const { dayNumber, fromDayNumber, addDays, daysBetween } = await import('./dates');
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2000-03-01') - dayNumber('2000-02-28')).toBe(2); // 2000 is a leap year
    expect(dayNumber('2100-03-01') - dayNumber('2100-02-28')).toBe(1); // 2100 is not
    for (const d of ['2026-03-29', '2026-10-25', '2028-02-29', '1999-12-31']) {
      expect(fromDayNumber(dayNumber(d))).toBe(d);
      expect(dayNumber(addDays(d, 40)) - dayNumber(d)).toBe(40);
      expect(dayNumber(d) - dayNumber('2026-01-01')).toBe(daysBetween('2026-01-01', d));
    }
    // Every day of four centuries, both ways (no cache behind it).
    for (let n = dayNumber('1900-01-01'); n <= dayNumber('2300-12-31'); n++) {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      if (fromDayNumber(n) !== iso || dayNumber(iso) !== n) expect(fromDayNumber(n)).toBe(iso);
    }
  });
});
