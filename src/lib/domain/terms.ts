// Payment terms → due date, and the legal ceiling on terms (Code de commerce L441-10).
import type { BasisPoints, IsoDate, PaymentTerms } from './types';
import { addDays, endOfMonth } from './dates';

export const DEFAULT_TERMS: PaymentTerms = { kind: 'net', days: 30 };

/**
 * dueDate('2026-01-15', { kind: 'end_of_month', days: 30 }) → '2026-02-28'.
 * « N jours fin de mois » is read the common way: add N days, then go to the end of that month.
 */
export function dueDate(issueDate: IsoDate, terms: PaymentTerms): IsoDate {
  switch (terms.kind) {
    case 'on_receipt':
      return issueDate;
    case 'net':
      return addDays(issueDate, terms.days);
    case 'end_of_month':
      return endOfMonth(addDays(issueDate, terms.days));
    case 'date':
      return terms.date;
  }
}

/**
 * The latest due date the law allows: 60 days from issue; 45 days end of month only when the
 * parties agreed it (L441-10: « par dérogation… expressément stipulé »), i.e. for a « fin de
 * mois » clause, where the later of the two applies. A « net 70 days » is never legal.
 */
export function legalMaxDueDate(issueDate: IsoDate, terms?: PaymentTerms): IsoDate {
  const sixty = addDays(issueDate, 60);
  if (terms?.kind !== 'end_of_month') return sixty;
  const fortyFiveEom = endOfMonth(addDays(issueDate, 45));
  return sixty > fortyFiveEom ? sixty : fortyFiveEom;
}

export type TermsWarning = { code: 'exceeds_legal_max'; maxDate: IsoDate } | { code: 'due_before_issue' };

/** Never silently accept terms beyond the legal maximum. */
export function termsWarning(issueDate: IsoDate, terms: PaymentTerms): TermsWarning | null {
  const due = dueDate(issueDate, terms);
  if (due < issueDate) return { code: 'due_before_issue' };
  const max = legalMaxDueDate(issueDate, terms);
  return due > max ? { code: 'exceeds_legal_max', maxDate: max } : null;
}

/** Rates in force per half-year (LEGAL.md), kept as dated configuration. */
export interface PenaltyRateRow {
  from: IsoDate;
  ecbRateBp: BasisPoints;
  defaultPenaltyBp: BasisPoints;
  legalRateProBp: BasisPoints;
}

export const PENALTY_RATES: PenaltyRateRow[] = [
  { from: '2024-01-01', ecbRateBp: 450, defaultPenaltyBp: 1450, legalRateProBp: 507 },
  { from: '2024-07-01', ecbRateBp: 425, defaultPenaltyBp: 1425, legalRateProBp: 492 },
  { from: '2025-01-01', ecbRateBp: 315, defaultPenaltyBp: 1315, legalRateProBp: 371 },
  { from: '2025-07-01', ecbRateBp: 215, defaultPenaltyBp: 1215, legalRateProBp: 276 },
  { from: '2026-01-01', ecbRateBp: 215, defaultPenaltyBp: 1215, legalRateProBp: 262 }
];

/** The rate row in force on `date`: the latest half-year that started on or before it. */
export function penaltyRatesOn(date: IsoDate): PenaltyRateRow {
  let row = PENALTY_RATES[0];
  for (const r of PENALTY_RATES) if (r.from <= date) row = r;
  return row;
}

export function defaultPenaltyRateBp(today: IsoDate): BasisPoints {
  return penaltyRatesOn(today).defaultPenaltyBp;
}
