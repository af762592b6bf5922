import { describe, expect, it } from 'vitest';
import { localDate } from './clock';

describe('localDate', () => {
  // Built with the local constructor and read back with local fields: independent of the machine's
  // time zone. toISOString() would say 2026-12-31T22:30Z in Paris, or 2027-01-01 east of UTC+0:30.
  it('keeps the local calendar day of a late-evening instant', () => {
    expect(localDate(new Date(2026, 11, 31, 23, 30))).toBe('2026-12-31');
    expect(localDate(new Date(2026, 11, 31, 23, 59, 59, 999))).toBe('2026-12-31');
    expect(localDate(new Date(2027, 0, 1, 0, 0))).toBe('2027-01-01');
    expect(localDate(new Date(2028, 1, 29, 23, 59))).toBe('2028-02-29');
  });

  it('keeps the day on the DST change days', () => {
    expect(localDate(new Date(2026, 2, 29, 0, 30))).toBe('2026-03-29');
    expect(localDate(new Date(2026, 2, 29, 23, 30))).toBe('2026-03-29');
    expect(localDate(new Date(2026, 9, 25, 0, 30))).toBe('2026-10-25');
    expect(localDate(new Date(2026, 9, 25, 23, 59))).toBe('2026-10-25');
  });

  it('pads month and day', () => {
    expect(localDate(new Date(2026, 0, 5, 8, 0))).toBe('2026-01-05');
  });
});

