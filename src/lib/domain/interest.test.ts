import { describe, expect, it } from 'vitest';
import { RECOVERY_INDEMNITY_CENTS, lateClaim, lateInterestCents } from './interest';

describe('lateInterestCents', () => {
  it('amount × rate × days late / 365, rounded half-up to the cent', () => {
    // 1 000 € × 12,15 % × 30 / 365 = 9,986… €
    expect(lateInterestCents(100_000, 1215, '2026-01-01', '2026-01-31')).toBe(999);
    // 2 500 € × 10,00 % × 73 / 365 = 50,00 € exactly
    expect(lateInterestCents(250_000, 1000, '2026-03-01', '2026-05-13')).toBe(5000);
  });
  it('nothing on or before the due date, nor on nothing', () => {
    expect(lateInterestCents(100_000, 1215, '2026-01-31', '2026-01-31')).toBe(0);
    expect(lateInterestCents(100_000, 1215, '2026-02-01', '2026-01-31')).toBe(0);
    expect(lateInterestCents(0, 1215, '2026-01-01', '2026-01-31')).toBe(0);
  });
  it('counts calendar days across the spring DST change', () => {
    // 28 March → 30 March is 2 days: 36 500 € × 10 % × 2 / 365 = 20,00 €
    expect(lateInterestCents(3_650_000, 1000, '2026-03-28', '2026-03-30')).toBe(2000);
  });
});

describe('lateClaim', () => {
  it('a business client owes the interest and the 40 € indemnity', () => {
    expect(RECOVERY_INDEMNITY_CENTS).toBe(4000);
    expect(lateClaim(100_000, '2026-01-01', '2026-01-31', 1215, true)).toEqual({ daysLate: 30, interestCents: 999, indemnityCents: 4000, totalCents: 104_999 });
  });
  it('an individual owes no indemnity; nothing late, nothing owed', () => {
    expect(lateClaim(100_000, '2026-01-01', '2026-01-31', 1215, false).indemnityCents).toBe(0);
    expect(lateClaim(100_000, '2026-01-31', '2026-01-31', 1215, true)).toEqual({ daysLate: 0, interestCents: 0, indemnityCents: 0, totalCents: 100_000 });
  });
});
