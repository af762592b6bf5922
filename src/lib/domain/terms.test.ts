import { describe, expect, it } from 'vitest';
import { DEFAULT_TERMS, PENALTY_RATES, defaultPenaltyRateBp, dueDate, legalMaxDueDate, penaltyRatesOn, termsWarning } from './terms';

describe('dueDate', () => {
  it('« à réception »: the issue date', () => {
    expect(dueDate('2026-03-10', { kind: 'on_receipt' })).toBe('2026-03-10');
  });

  it('net N days', () => {
    // 15 Jan + 16 = 31 Jan, + 14 = 14 Feb
    expect(dueDate('2026-01-15', { kind: 'net', days: 30 })).toBe('2026-02-14');
    // 1 Jan + 30 = 31 Jan, + 28 = 28 Feb (58), + 2 = 2 Mar
    expect(dueDate('2026-01-01', { kind: 'net', days: 60 })).toBe('2026-03-02');
    expect(dueDate('2026-12-15', { kind: 'net', days: 30 })).toBe('2027-01-14');
    expect(dueDate('2026-03-10', { kind: 'net', days: 0 })).toBe('2026-03-10');
    expect(dueDate('2026-03-15', { kind: 'net', days: 15 })).toBe('2026-03-30'); // across the DST change
  });

  it('N days end of month: add N days, then go to the end of that month', () => {
    // 15 Jan + 30 = 14 Feb → 28 Feb
    expect(dueDate('2026-01-15', { kind: 'end_of_month', days: 30 })).toBe('2026-02-28');
    // 20 Jan + 45 = 6 Mar → 31 Mar
    expect(dueDate('2026-01-20', { kind: 'end_of_month', days: 45 })).toBe('2026-03-31');
    // 30 Jan 2028 + 30 = 29 Feb (leap year) → 29 Feb
    expect(dueDate('2028-01-30', { kind: 'end_of_month', days: 30 })).toBe('2028-02-29');
    // 31 Jan 2028 + 30 = 1 Mar → 31 Mar
    expect(dueDate('2028-01-31', { kind: 'end_of_month', days: 30 })).toBe('2028-03-31');
    expect(dueDate('2026-02-10', { kind: 'end_of_month', days: 0 })).toBe('2026-02-28');
  });

  it('an explicit date', () => {
    expect(dueDate('2026-01-15', { kind: 'date', date: '2026-02-20' })).toBe('2026-02-20');
  });

  it('defaults to 30 days net (LEGAL.md: 30 days when nothing is agreed)', () => {
    expect(DEFAULT_TERMS).toEqual({ kind: 'net', days: 30 });
  });
});

describe('legalMaxDueDate', () => {
  // L441-10: at most 60 days from issue; 45 days end of month only when the parties agreed it
  // (a « fin de mois » clause). A plain « net N days » term is held to the 60 days.
  it('is 60 days from issue for net terms, explicit dates or no terms', () => {
    // 20 Jan + 11 = 31 Jan, + 28 = 28 Feb (39), + 21 = 21 Mar
    expect(legalMaxDueDate('2026-01-20')).toBe('2026-03-21');
    expect(legalMaxDueDate('2026-01-20', { kind: 'net', days: 30 })).toBe('2026-03-21');
    expect(legalMaxDueDate('2026-01-20', { kind: 'date', date: '2026-02-01' })).toBe('2026-03-21');
    // 1 Jan + 60 = 2 Mar ; 2028: 1 Jan + 30 = 31 Jan, + 29 = 29 Feb (59), + 1 = 1 Mar
    expect(legalMaxDueDate('2026-01-01')).toBe('2026-03-02');
    expect(legalMaxDueDate('2028-01-01')).toBe('2028-03-01');
  });

  it('for a « fin de mois » clause: the later of 60 days and 45 days end of month', () => {
    const eom = { kind: 'end_of_month', days: 30 } as const;
    // 20 Jan: 60 days → 21 Mar ; + 45 = 6 Mar → end of month 31 Mar ⇒ 31 Mar
    expect(legalMaxDueDate('2026-01-20', eom)).toBe('2026-03-31');
    // 1 Jan: 60 days → 2 Mar ; + 45 = 15 Feb → 28 Feb ⇒ 2 Mar
    expect(legalMaxDueDate('2026-01-01', eom)).toBe('2026-03-02');
    // 31 Dec 2027: 60 days → 29 Feb 2028 (31 Dec + 31 = 31 Jan, + 29 = 29 Feb) ; + 45 = 14 Feb → 29 Feb
    expect(legalMaxDueDate('2027-12-31', eom)).toBe('2028-02-29');
  });
});

describe('termsWarning', () => {
  it('accepts terms within the law', () => {
    expect(termsWarning('2026-01-01', { kind: 'on_receipt' })).toBeNull();
    expect(termsWarning('2026-01-01', { kind: 'net', days: 30 })).toBeNull();
    expect(termsWarning('2026-01-01', { kind: 'net', days: 60 })).toBeNull(); // 2 Mar = the limit
    expect(termsWarning('2026-01-20', { kind: 'end_of_month', days: 45 })).toBeNull(); // 31 Mar, agreed 45 EOM
    expect(termsWarning('2026-01-01', { kind: 'end_of_month', days: 45 })).toBeNull(); // 28 Feb
    expect(termsWarning('2026-01-20', { kind: 'date', date: '2026-01-20' })).toBeNull();
  });

  it('warns beyond 60 days net', () => {
    // net 61 from 1 Jan = 3 Mar > 2 Mar
    expect(termsWarning('2026-01-01', { kind: 'net', days: 61 })).toEqual({ code: 'exceeds_legal_max', maxDate: '2026-03-02' });
    // net 70 from 20 Jan = 31 Mar: not a « fin de mois » clause, so the limit is 60 days (21 Mar),
    // even though 45 days end of month would happen to reach 31 Mar
    expect(termsWarning('2026-01-20', { kind: 'net', days: 70 })).toEqual({ code: 'exceeds_legal_max', maxDate: '2026-03-21' });
    // an explicit date 22 Mar, one day past 60 days
    expect(termsWarning('2026-01-20', { kind: 'date', date: '2026-03-22' })).toEqual({ code: 'exceeds_legal_max', maxDate: '2026-03-21' });
  });

  it('warns for a « fin de mois » clause beyond both limits', () => {
    // 10 Jan + 60 = 11 Mar → 31 Mar ; limits: 60 days = 11 Mar, 45 EOM = 24 Feb → 28 Feb ⇒ 11 Mar
    expect(termsWarning('2026-01-10', { kind: 'end_of_month', days: 60 })).toEqual({ code: 'exceeds_legal_max', maxDate: '2026-03-11' });
  });

  it('warns when the due date is before the issue date', () => {
    expect(termsWarning('2026-01-05', { kind: 'date', date: '2026-01-04' })).toEqual({ code: 'due_before_issue' });
    expect(termsWarning('2026-01-05', { kind: 'net', days: -1 })).toEqual({ code: 'due_before_issue' });
  });
});

describe('penalty rates', () => {
  it('follows LEGAL.md per half-year: the rate of 1 January, then that of 1 July', () => {
    expect(penaltyRatesOn('2025-06-30').defaultPenaltyBp).toBe(1315); // 13,15 %
    expect(penaltyRatesOn('2025-07-01').defaultPenaltyBp).toBe(1215); // 12,15 %
    expect(penaltyRatesOn('2024-01-01')).toEqual({ from: '2024-01-01', ecbRateBp: 450, defaultPenaltyBp: 1450, legalRateProBp: 507 });
    expect(penaltyRatesOn('2024-06-30').defaultPenaltyBp).toBe(1450);
    expect(penaltyRatesOn('2024-07-01')).toEqual({ from: '2024-07-01', ecbRateBp: 425, defaultPenaltyBp: 1425, legalRateProBp: 492 });
    expect(penaltyRatesOn('2024-12-31').defaultPenaltyBp).toBe(1425);
    expect(penaltyRatesOn('2025-01-01')).toEqual({ from: '2025-01-01', ecbRateBp: 315, defaultPenaltyBp: 1315, legalRateProBp: 371 });
    expect(penaltyRatesOn('2025-12-31')).toEqual({ from: '2025-07-01', ecbRateBp: 215, defaultPenaltyBp: 1215, legalRateProBp: 276 });
    expect(penaltyRatesOn('2026-01-01')).toEqual({ from: '2026-01-01', ecbRateBp: 215, defaultPenaltyBp: 1215, legalRateProBp: 262 });
    expect(defaultPenaltyRateBp('2025-03-15')).toBe(1315);
    expect(defaultPenaltyRateBp('2026-05-01')).toBe(1215);
  });

  it('keeps the table consistent: default = ECB + 10 points, above 3 × the legal rate', () => {
    // 450 + 1000 = 1450 ; 425 + 1000 = 1425 ; 315 + 1000 = 1315 ; 215 + 1000 = 1215 (twice)
    expect(PENALTY_RATES.map((r) => r.defaultPenaltyBp - r.ecbRateBp)).toEqual([1000, 1000, 1000, 1000, 1000]);
    // 3 × 507 = 1521 ; 3 × 492 = 1476 ; 3 × 371 = 1113 ; 3 × 276 = 828 ; 3 × 262 = 786 (LEGAL.md's « 3× floor »)
    expect(PENALTY_RATES.map((r) => 3 * r.legalRateProBp)).toEqual([1521, 1476, 1113, 828, 786]);
    expect(PENALTY_RATES.map((r) => r.from)).toEqual(['2024-01-01', '2024-07-01', '2025-01-01', '2025-07-01', '2026-01-01']);
  });
});
