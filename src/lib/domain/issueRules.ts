// What may not be issued, whatever else is filled in: a date after today or before the previous
// document of the series, an invoice or quote whose total is negative, a credit note that would
// raise what the client owes or take off more than its invoice has left. The store refuses with
// these; the editor shows them before « Émettre ».
import type { Cents, DocumentKind, IsoDate, Totals } from './types';
import { isIsoDate } from './dates';

export type IssueRefusal =
  | { code: 'future_issue_date'; today: IsoDate }
  | { code: 'backdated'; previousNumber: string; previousDate: IsoDate }
  | { code: 'negative_total' }
  | { code: 'credit_not_positive' }
  | { code: 'credit_exceeds_invoice'; creditableCents: Cents };

function requireDate(date: IsoDate): void {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
}

/**
 * An invoice is dated the day it is made, never later: a future date would also block the
 * series until that day (the next document, dated today, would be « backdated »). Numbers stay
 * chronological: never before the previous document of the series (`previous`, null if none).
 */
export function issueDateRefusal(
  issueDate: IsoDate,
  today: IsoDate,
  previous: { number: string; issueDate: IsoDate | null } | null
): IssueRefusal | null {
  requireDate(issueDate);
  requireDate(today);
  if (issueDate > today) return { code: 'future_issue_date', today };
  if (previous?.issueDate && previous.issueDate > issueDate)
    return { code: 'backdated', previousNumber: previous.number, previousDate: previous.issueDate };
  return null;
}

/**
 * An invoice or a quote may hold negative lines (a deposit deducted, a rebate) but not a
 * negative total, HT or TTC: money owed to the client is a credit note. A credit note is entered
 * in positive amounts — what it takes off — so its total is above zero (issued, a negative one
 * would add to what the client owes) and at most what its invoice has left to credit
 * (`creditableCents`, lifecycle.ts's creditableCents; required for a credit note).
 */
export function totalsRefusal(kind: DocumentKind, totals: Pick<Totals, 'htCents' | 'ttcCents'>, creditableCents: Cents | null = null): IssueRefusal | null {
  if (!Number.isSafeInteger(totals.htCents) || !Number.isSafeInteger(totals.ttcCents)) throw new RangeError('Totals must be whole cents');
  if (kind !== 'credit') return totals.htCents < 0 || totals.ttcCents < 0 ? { code: 'negative_total' } : null;
  if (creditableCents === null || !Number.isSafeInteger(creditableCents)) throw new RangeError('A credit note needs what its invoice has left to credit');
  if (totals.htCents <= 0 || totals.ttcCents <= 0) return { code: 'credit_not_positive' };
  if (totals.ttcCents > creditableCents) return { code: 'credit_exceeds_invoice', creditableCents };
  return null;
}
