import { describe, expect, it } from 'vitest';
import { DEFAULT_QUOTE_VALIDITY, isQuoteExpired, quoteValidityProblem, quoteValidUntil } from './quotes';
import { newDocument } from './documents';
import type { DocumentRecord, FrozenContent } from './types';

const NOW = '2026-04-01T09:00:00.000Z';

/** An issued quote whose frozen content holds `validUntil` (only what isQuoteExpired reads). */
function issuedQuote(validUntil: string | undefined, partial: Partial<DocumentRecord> = {}): DocumentRecord {
  const draft = newDocument('quote', { id: 'q1', memberId: 'm1', now: NOW, clientId: 'c1', terms: { kind: 'net', days: 30 } });
  const frozen = { kind: 'quote', issueDate: '2026-04-01', ...(validUntil ? { validUntil } : {}) } as FrozenContent;
  return { ...draft, status: 'issued', issueDate: '2026-04-01', frozen, ...partial };
}

describe('quoteValidUntil: the last day the client may accept', () => {
  it('counts the default 30 days from the issue date', () => {
    expect(DEFAULT_QUOTE_VALIDITY).toEqual({ kind: 'days', days: 30 });
    // 1 April + 30 days: 29 days left in April (2 → 30), then 1 May.
    expect(quoteValidUntil('2026-04-01', DEFAULT_QUOTE_VALIDITY)).toBe('2026-05-01');
    expect(quoteValidUntil('2026-04-01')).toBe('2026-05-01');
  });

  it('counts any number of days, across months and years', () => {
    // 15 Dec + 20 days: 16 days to 31 Dec, 4 more → 4 Jan.
    expect(quoteValidUntil('2026-12-15', { kind: 'days', days: 20 })).toBe('2027-01-04');
    // 30 Jan 2028 + 30 days: 1 day to 31 Jan, 29 days of February (leap year) → 29 Feb.
    expect(quoteValidUntil('2028-01-30', { kind: 'days', days: 30 })).toBe('2028-02-29');
    expect(quoteValidUntil('2026-04-01', { kind: 'days', days: 1 })).toBe('2026-04-02');
    // 2026 is not a leap year: 1 April + 365 days = 1 April 2027.
    expect(quoteValidUntil('2026-04-01', { kind: 'days', days: 365 })).toBe('2027-04-01');
  });

  it('keeps a chosen date as it is', () => {
    expect(quoteValidUntil('2026-04-01', { kind: 'date', date: '2026-06-30' })).toBe('2026-06-30');
    expect(quoteValidUntil('2026-04-01', { kind: 'date', date: '2026-04-02' })).toBe('2026-04-02');
  });

  describe('invalid requests', () => {
    it('refuses a number of days that is not a whole number from 1 to 365', () => {
      for (const days of [0, -5, 2.5, 366, Number.NaN]) {
        expect(quoteValidityProblem('2026-04-01', { kind: 'days', days })).toBe('validity_days');
        expect(() => quoteValidUntil('2026-04-01', { kind: 'days', days })).toThrow(/validity/);
      }
    });

    it('refuses a date on or before the issue date, or more than 365 days after it', () => {
      expect(quoteValidityProblem('2026-04-01', { kind: 'date', date: '2026-04-01' })).toBe('validity_before_issue');
      expect(quoteValidityProblem('2026-04-01', { kind: 'date', date: '2026-03-15' })).toBe('validity_before_issue');
      // 1 April 2026 + 365 days = 1 April 2027: allowed; the day after is not.
      expect(quoteValidityProblem('2026-04-01', { kind: 'date', date: '2027-04-01' })).toBeNull();
      expect(quoteValidityProblem('2026-04-01', { kind: 'date', date: '2027-04-02' })).toBe('validity_too_long');
      expect(() => quoteValidUntil('2026-04-01', { kind: 'date', date: '2026-03-15' })).toThrow(/validity/);
    });

    it('refuses a date that is not a calendar date', () => {
      expect(quoteValidityProblem('2026-04-01', { kind: 'date', date: '' })).toBe('validity_date');
      expect(quoteValidityProblem('2026-04-01', { kind: 'date', date: '2026-02-30' })).toBe('validity_date');
    });

    it('checks only the validity itself while there is no issue date', () => {
      expect(quoteValidityProblem(null, { kind: 'date', date: '2020-01-01' })).toBeNull();
      expect(quoteValidityProblem(null, { kind: 'date', date: '2026-13-01' })).toBe('validity_date');
      expect(quoteValidityProblem(null, { kind: 'days', days: 0 })).toBe('validity_days');
      expect(quoteValidityProblem(null, { kind: 'days', days: 30 })).toBeNull();
    });
  });
});

describe('isQuoteExpired: pending and past its validity', () => {
  it('is valid through its last day and expired from the day after', () => {
    const quote = issuedQuote('2026-05-01');
    expect(isQuoteExpired(quote, '2026-04-20')).toBe(false);
    expect(isQuoteExpired(quote, '2026-05-01')).toBe(false);
    expect(isQuoteExpired(quote, '2026-05-02')).toBe(true);
    // A sent quote still waits for the answer: it expires the same way.
    expect(isQuoteExpired({ ...quote, sentAt: '2026-04-02' }, '2026-05-02')).toBe(true);
  });

  it('never expires once answered, while draft, or when issued before validities existed', () => {
    expect(isQuoteExpired(issuedQuote('2026-05-01', { quoteOutcome: 'accepted' }), '2026-06-01')).toBe(false);
    expect(isQuoteExpired(issuedQuote('2026-05-01', { quoteOutcome: 'refused' }), '2026-06-01')).toBe(false);
    expect(isQuoteExpired(issuedQuote(undefined), '2030-01-01')).toBe(false);
    const draft = newDocument('quote', { id: 'q2', memberId: 'm1', now: NOW, clientId: 'c1', terms: { kind: 'net', days: 30 } });
    expect(isQuoteExpired(draft, '2030-01-01')).toBe(false);
  });

  it('concerns quotes only', () => {
    expect(isQuoteExpired(issuedQuote('2026-05-01', { kind: 'invoice' }), '2026-06-01')).toBe(false);
  });
});
