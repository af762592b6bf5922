// A quote's validity: how long the offer holds (« Devis valable jusqu'au 1er mai 2026 »), and
// when a quote still waiting for its answer has expired. « Expiré » is derived, never stored.
import type { DocumentRecord, IsoDate, QuoteValidity } from './types';
import { addDays, isIsoDate } from './dates';

/** What a new quote offers unless the user changes it: 30 days after its issue date. */
export const DEFAULT_QUOTE_VALIDITY: QuoteValidity = { kind: 'days', days: 30 };

/** The longest validity accepted: beyond a year an offer's prices mean little (and it is likely a typo). */
export const MAX_QUOTE_VALIDITY_DAYS = 365;

export type QuoteValidityProblem = 'validity_days' | 'validity_date' | 'validity_before_issue' | 'validity_too_long';

/**
 * Why `validity` cannot be used for a quote issued on `issueDate`, or null when it can. Rules:
 * a number of days is a whole number from 1 to 365; a date is a calendar date after the issue
 * date and at most 365 days after it. With no issue date yet (null), only the first two are checked.
 */
export function quoteValidityProblem(issueDate: IsoDate | null, validity: QuoteValidity): QuoteValidityProblem | null {
  if (validity.kind === 'days') {
    const { days } = validity;
    return Number.isInteger(days) && days >= 1 && days <= MAX_QUOTE_VALIDITY_DAYS ? null : 'validity_days';
  }
  if (!isIsoDate(validity.date)) return 'validity_date';
  if (issueDate === null) return null;
  if (validity.date <= issueDate) return 'validity_before_issue';
  if (validity.date > addDays(issueDate, MAX_QUOTE_VALIDITY_DAYS)) return 'validity_too_long';
  return null;
}

/**
 * The last day the client may accept the quote: quoteValidUntil('2026-04-01') → '2026-05-01'
 * (30 days). Throws when the validity breaks a rule of quoteValidityProblem.
 */
export function quoteValidUntil(issueDate: IsoDate, validity: QuoteValidity = DEFAULT_QUOTE_VALIDITY): IsoDate {
  const problem = quoteValidityProblem(issueDate, validity);
  if (problem) throw new RangeError(`Invalid quote validity (${problem}): ${JSON.stringify(validity)} for a quote issued on ${issueDate}`);
  return validity.kind === 'days' ? addDays(issueDate, validity.days) : validity.date;
}

/**
 * An issued quote still waiting for the client's answer (sent or not) whose last valid day is
 * before `today`. Accepted or refused quotes never expire; quotes issued before validities were
 * frozen have none and never expire.
 */
export function isQuoteExpired(quote: DocumentRecord, today: IsoDate): boolean {
  const until = quote.frozen?.validUntil;
  return quote.kind === 'quote' && quote.status === 'issued' && quote.quoteOutcome === 'pending' && !!until && until < today;
}
