import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TERMS,
  initialTerms,
  isPrepaid,
  prepaymentMismatch,
  PENALTY_RATES,
  contractualFloorBp,
  contractualRateWarning,
  defaultPenaltyRateBp,
  dueDate,
  halfYearOf,
  legalFloorBp,
  legalMaxDueDate,
  missingHalfYear,
  penaltyRateAt,
  penaltyRateEntryErrors,
  penaltyRateKind,
  penaltyRateTable,
  penaltyRatesOn,
  termsWarning
} from './terms';
import type { PenaltyRateEntry } from './types';

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
    expect(penaltyRatesOn('2024-01-01')).toEqual({ from: '2024-01-01', ecbRateBp: 450, defaultPenaltyBp: 1450, legalRateProBp: 507, source: '' });
    expect(penaltyRatesOn('2024-06-30').defaultPenaltyBp).toBe(1450);
    expect(penaltyRatesOn('2024-07-01')).toEqual({ from: '2024-07-01', ecbRateBp: 425, defaultPenaltyBp: 1425, legalRateProBp: 492, source: '' });
    expect(penaltyRatesOn('2024-12-31').defaultPenaltyBp).toBe(1425);
    expect(penaltyRatesOn('2025-01-01')).toEqual({ from: '2025-01-01', ecbRateBp: 315, defaultPenaltyBp: 1315, legalRateProBp: 371, source: '' });
    expect(penaltyRatesOn('2025-12-31')).toEqual({ from: '2025-07-01', ecbRateBp: 215, defaultPenaltyBp: 1215, legalRateProBp: 276, source: '' });
    expect(penaltyRatesOn('2026-01-01')).toEqual({ from: '2026-01-01', ecbRateBp: 215, defaultPenaltyBp: 1215, legalRateProBp: 262, source: '' });
    expect(defaultPenaltyRateBp('2025-03-15')).toBe(1315);
    expect(defaultPenaltyRateBp('2026-05-01')).toBe(1215);
  });

  it('keeps the built-in table consistent: default = ECB + 10 points, above 3 × the legal rate', () => {
    // 450 + 1000 = 1450 ; 425 + 1000 = 1425 ; 315 + 1000 = 1315 ; 215 + 1000 = 1215 (twice)
    expect(PENALTY_RATES.map((r) => r.defaultPenaltyBp - r.ecbRateBp)).toEqual([1000, 1000, 1000, 1000, 1000]);
    // 3 × 507 = 1521 ; 3 × 492 = 1476 ; 3 × 371 = 1113 ; 3 × 276 = 828 ; 3 × 262 = 786 (LEGAL.md's « 3× floor »)
    expect(PENALTY_RATES.map((r) => legalFloorBp(r.from))).toEqual([1521, 1476, 1113, 828, 786]);
    expect(PENALTY_RATES.map(contractualFloorBp)).toEqual([1521, 1476, 1113, 828, 786]);
    expect(PENALTY_RATES.map((r) => r.from)).toEqual(['2024-01-01', '2024-07-01', '2025-01-01', '2025-07-01', '2026-01-01']);
  });

  it('halfYearOf: the first day of the half-year a date is in', () => {
    expect(halfYearOf('2026-01-01')).toBe('2026-01-01');
    expect(halfYearOf('2026-03-31')).toBe('2026-01-01');
    expect(halfYearOf('2026-06-30')).toBe('2026-01-01');
    expect(halfYearOf('2026-07-01')).toBe('2026-07-01');
    expect(halfYearOf('2026-12-31')).toBe('2026-07-01');
  });
});

// A row entered in Réglages for 2026 H2 (test values, not the published ones).
const h2: PenaltyRateEntry = { from: '2026-07-01', ecbRateBp: 190, legalRateProBp: 250, source: 'Banque de France / Légifrance, publié le 30/06/2026' };

describe('penaltyRateTable: the built-in rows and those entered in Réglages', () => {
  it('adds an entered half-year, its default rate derived as ECB + 10 points', () => {
    const table = penaltyRateTable([h2]);
    // 190 + 1000 = 1190 (11,90 %)
    expect(table.at(-1)).toEqual({ ...h2, defaultPenaltyBp: 1190 });
    expect(table.map((r) => r.from)).toEqual(['2024-01-01', '2024-07-01', '2025-01-01', '2025-07-01', '2026-01-01', '2026-07-01']);
    expect(penaltyRatesOn('2026-08-01', table).defaultPenaltyBp).toBe(1190);
    expect(penaltyRatesOn('2026-06-30', table).defaultPenaltyBp).toBe(1215);
  });

  it('an entered row replaces the built-in row of the same half-year (a correction)', () => {
    const table = penaltyRateTable([{ from: '2026-01-01', ecbRateBp: 200, legalRateProBp: 262, source: 'corrigé' }]);
    expect(table).toHaveLength(5);
    expect(penaltyRatesOn('2026-03-31', table)).toEqual({ from: '2026-01-01', ecbRateBp: 200, defaultPenaltyBp: 1200, legalRateProBp: 262, source: 'corrigé' });
  });

  it('is sorted by half-year whatever the order entered, and ignores a malformed entry (synced from elsewhere)', () => {
    const table = penaltyRateTable([h2, { ...h2, from: '2026-08-01' }, { from: '2027-01-01', ecbRateBp: 180, legalRateProBp: 240, source: 's' }]);
    expect(table.slice(-2).map((r) => [r.from, r.defaultPenaltyBp])).toEqual([
      ['2026-07-01', 1190],
      ['2027-01-01', 1180]
    ]);
  });

  it('without a row for the half-year: the latest known row before it, and the half-year is reported missing', () => {
    // 2026 H2 is not built in: 2026-08-01 uses 2026 H1 (12,15 %)
    expect(penaltyRatesOn('2026-08-01').from).toBe('2026-01-01');
    expect(penaltyRatesOn('2026-08-01').defaultPenaltyBp).toBe(1215);
    expect(missingHalfYear('2026-08-01', PENALTY_RATES)).toBe('2026-07-01');
    expect(missingHalfYear('2026-06-30', PENALTY_RATES)).toBeNull();
    expect(missingHalfYear('2026-08-01', penaltyRateTable([h2]))).toBeNull();
    // Before the table: its first row, and that half-year is missing too.
    expect(penaltyRatesOn('2023-05-01').from).toBe('2024-01-01');
    expect(missingHalfYear('2023-05-01', PENALTY_RATES)).toBe('2023-01-01');
  });
});

describe('the company’s late-penalty rate: legal default or contractual', () => {
  it('with the legal default, a document freezes ECB + 10 points of its issue date’s half-year', () => {
    const legal = { penaltyRateKind: 'legal' as const, penaltyRateBp: 1315 };
    // 31 March 2026 → 2026 H1: 2,15 % + 10 = 12,15 %, not the 13,15 % of the day the company was created
    expect(penaltyRateAt(legal, PENALTY_RATES, '2026-03-31')).toBe(1215);
    // 30 June 2025 → 2025 H1: 3,15 % + 10 = 13,15 % ; 1 July 2025 → 2025 H2: 2,15 % + 10 = 12,15 %
    expect(penaltyRateAt(legal, PENALTY_RATES, '2025-06-30')).toBe(1315);
    expect(penaltyRateAt(legal, PENALTY_RATES, '2025-07-01')).toBe(1215);
    // 2 July 2024 → 2024 H2: 4,25 % + 10 = 14,25 %
    expect(penaltyRateAt(legal, PENALTY_RATES, '2024-07-02')).toBe(1425);
    // a row entered for 2026 H2: 1,90 % + 10 = 11,90 %
    expect(penaltyRateAt(legal, penaltyRateTable([h2]), '2026-09-15')).toBe(1190);
  });

  it('a contractual rate is frozen as it is, whatever the half-year', () => {
    const contractual = { penaltyRateKind: 'contractual' as const, penaltyRateBp: 1500 };
    expect(penaltyRateAt(contractual, PENALTY_RATES, '2026-03-31')).toBe(1500);
    expect(penaltyRateAt(contractual, penaltyRateTable([h2]), '2026-09-15')).toBe(1500);
  });

  it('a workspace from before the choice: a default rate of the table reads as the legal default, anything else as contractual', () => {
    // created in 2025 H1 with the 13,15 % of that day → legal, so it now follows the table
    expect(penaltyRateKind({ penaltyRateBp: 1315 }, PENALTY_RATES)).toBe('legal');
    expect(penaltyRateAt({ penaltyRateBp: 1315 }, PENALTY_RATES, '2026-03-31')).toBe(1215);
    expect(penaltyRateKind({ penaltyRateBp: 1450 }, PENALTY_RATES)).toBe('legal');
    expect(penaltyRateKind({ penaltyRateBp: 1215 }, PENALTY_RATES)).toBe('legal');
    // 15 % typed by the user: not a table value → contractual, frozen as it is
    expect(penaltyRateKind({ penaltyRateBp: 1500 }, PENALTY_RATES)).toBe('contractual');
    expect(penaltyRateAt({ penaltyRateBp: 1500 }, PENALTY_RATES, '2026-03-31')).toBe(1500);
    // 11,90 % is a default rate only once the 2026 H2 row is in the table
    expect(penaltyRateKind({ penaltyRateBp: 1190 }, PENALTY_RATES)).toBe('contractual');
    expect(penaltyRateKind({ penaltyRateBp: 1190 }, penaltyRateTable([h2]))).toBe('legal');
  });

  it('an explicit choice wins over the stored number', () => {
    expect(penaltyRateKind({ penaltyRateKind: 'contractual', penaltyRateBp: 1215 }, PENALTY_RATES)).toBe('contractual');
    expect(penaltyRateKind({ penaltyRateKind: 'legal', penaltyRateBp: 1500 }, PENALTY_RATES)).toBe('legal');
  });
});

describe('contractualRateWarning (L441-10: never below 3 × the legal interest rate)', () => {
  it('warns below 3 × the legal rate (pros) of the half-year, never at or above it', () => {
    // 2025 H2: 3 × 2,76 % = 8,28 %
    expect(legalFloorBp('2025-09-01')).toBe(828);
    expect(contractualRateWarning(800, '2025-09-01', PENALTY_RATES)).toEqual({ code: 'below_legal_floor', floorBp: 828, halfYear: '2025-07-01' });
    expect(contractualRateWarning(827, '2025-09-01', PENALTY_RATES)).toEqual({ code: 'below_legal_floor', floorBp: 828, halfYear: '2025-07-01' });
    expect(contractualRateWarning(828, '2025-09-01', PENALTY_RATES)).toBeNull();
    expect(contractualRateWarning(1500, '2025-09-01', PENALTY_RATES)).toBeNull();
    // 2026 H1: 3 × 2,62 % = 7,86 % → 8,00 % is now above it
    expect(contractualRateWarning(800, '2026-03-31', PENALTY_RATES)).toBeNull();
    expect(contractualRateWarning(785, '2026-03-31', PENALTY_RATES)).toEqual({ code: 'below_legal_floor', floorBp: 786, halfYear: '2026-01-01' });
    // 2026 H2 entered with a legal rate of 2,50 %: 3 × 2,50 = 7,50 %
    expect(contractualRateWarning(749, '2026-09-15', penaltyRateTable([h2]))).toEqual({ code: 'below_legal_floor', floorBp: 750, halfYear: '2026-07-01' });
    // a zero rate (« pas de pénalités ») is below any floor
    expect(contractualRateWarning(0, '2026-03-31', PENALTY_RATES)).toEqual({ code: 'below_legal_floor', floorBp: 786, halfYear: '2026-01-01' });
  });
});

describe('penaltyRateEntryErrors: a row entered in Réglages', () => {
  it('accepts a complete row for a past, the current or the next half-year', () => {
    expect(penaltyRateEntryErrors(h2, '2026-11-23')).toEqual({});
    expect(penaltyRateEntryErrors({ ...h2, from: '2027-01-01' }, '2026-11-23')).toEqual({});
    expect(penaltyRateEntryErrors({ ...h2, from: '2020-01-01' }, '2026-11-23')).toEqual({});
    expect(penaltyRateEntryErrors({ ...h2, ecbRateBp: 0 }, '2026-11-23')).toEqual({});
  });
});

describe('invalid requests', () => {
  it('refuses a date that is not a calendar date', () => {
    expect(() => halfYearOf('31/03/2026')).toThrow(RangeError);
    expect(() => penaltyRatesOn('2026-13-01')).toThrow(RangeError);
    expect(() => penaltyRateAt({ penaltyRateBp: 1215 }, PENALTY_RATES, '')).toThrow(RangeError);
  });

  it('refuses an entered row that is not a half-year, too far ahead, without a rate or without its source', () => {
    // a half-year starts on 1 January or 1 July
    expect(penaltyRateEntryErrors({ ...h2, from: '2026-08-01' }, '2026-11-23')).toEqual({ from: 'invalid_half_year' });
    expect(penaltyRateEntryErrors({ ...h2, from: '' }, '2026-11-23')).toEqual({ from: 'invalid_half_year' });
    // on 23 November 2026 the next half-year is 2027 H1; 2027 H2's rates are not published yet
    expect(penaltyRateEntryErrors({ ...h2, from: '2027-07-01' }, '2026-11-23')).toEqual({ from: 'future_half_year' });
    expect(penaltyRateEntryErrors({ ...h2, ecbRateBp: -10 }, '2026-11-23')).toEqual({ ecbRateBp: 'invalid_rate' });
    expect(penaltyRateEntryErrors({ ...h2, ecbRateBp: 12.5 }, '2026-11-23')).toEqual({ ecbRateBp: 'invalid_rate' });
    expect(penaltyRateEntryErrors({ ...h2, legalRateProBp: Number.NaN }, '2026-11-23')).toEqual({ legalRateProBp: 'invalid_rate' });
    expect(penaltyRateEntryErrors({ ...h2, legalRateProBp: 10_001 }, '2026-11-23')).toEqual({ legalRateProBp: 'invalid_rate' });
    expect(penaltyRateEntryErrors({ ...h2, source: '  ' }, '2026-11-23')).toEqual({ source: 'required' });
  });
});

describe('prepayment (« Paiement d’avance »)', () => {
  const prepaying = { terms: { kind: 'net' as const, days: 45 }, prepayment: true };
  const usual = { terms: { kind: 'net' as const, days: 45 }, prepayment: false };

  it('a prepaying client’s new invoices are due on receipt; its quotes keep its terms', () => {
    expect(initialTerms('invoice', prepaying, DEFAULT_TERMS)).toEqual({ kind: 'on_receipt' });
    expect(initialTerms('quote', prepaying, DEFAULT_TERMS)).toEqual({ kind: 'net', days: 45 });
    expect(initialTerms('invoice', usual, DEFAULT_TERMS)).toEqual({ kind: 'net', days: 45 });
    expect(initialTerms('invoice', { terms: null }, DEFAULT_TERMS)).toEqual(DEFAULT_TERMS);
    expect(initialTerms('invoice', null, DEFAULT_TERMS)).toEqual(DEFAULT_TERMS);
  });

  it('prepaid means due on receipt', () => {
    expect(isPrepaid({ kind: 'on_receipt' })).toBe(true);
    expect(isPrepaid({ kind: 'net', days: 0 })).toBe(false);
  });

  it('warns on an invoice of a prepaying client that is not due on receipt, never on a quote or another client', () => {
    expect(prepaymentMismatch('invoice', prepaying, { kind: 'net', days: 30 })).toBe(true);
    expect(prepaymentMismatch('invoice', prepaying, { kind: 'on_receipt' })).toBe(false);
    expect(prepaymentMismatch('quote', prepaying, { kind: 'net', days: 30 })).toBe(false);
    expect(prepaymentMismatch('invoice', usual, { kind: 'net', days: 30 })).toBe(false);
    // A record from before the setting existed reads as « no ».
    expect(prepaymentMismatch('invoice', {}, { kind: 'net', days: 30 })).toBe(false);
  });
});
