import { describe, expect, it } from 'vitest';
import { issueDateRefusal, totalsRefusal } from './issueRules';
import { computeTotals } from './money';
import { newLine } from './documents';

const TODAY = '2026-03-10';

describe('issueDateRefusal', () => {
  it('accepts today and any day before it when nothing was issued in the series', () => {
    expect(issueDateRefusal('2026-03-10', TODAY, null)).toBeNull();
    expect(issueDateRefusal('2026-03-09', TODAY, null)).toBeNull();
    expect(issueDateRefusal('2025-12-31', TODAY, null)).toBeNull();
  });

  it('refuses a date after today: it would block the series until then', () => {
    expect(issueDateRefusal('2026-03-11', TODAY, null)).toEqual({ code: 'future_issue_date', today: TODAY });
    expect(issueDateRefusal('2027-01-01', TODAY, null)).toEqual({ code: 'future_issue_date', today: TODAY });
    // whatever the series holds: the future is refused first
    expect(issueDateRefusal('2026-03-11', TODAY, { number: 'F-2026-A-0003', issueDate: '2026-03-05' })).toEqual({ code: 'future_issue_date', today: TODAY });
  });

  it('refuses a date before the previous document of the series (no back-dating), accepts the same day', () => {
    const previous = { number: 'F-2026-A-0003', issueDate: '2026-03-05' };
    expect(issueDateRefusal('2026-03-04', TODAY, previous)).toEqual({ code: 'backdated', previousNumber: 'F-2026-A-0003', previousDate: '2026-03-05' });
    expect(issueDateRefusal('2026-03-05', TODAY, previous)).toBeNull();
    expect(issueDateRefusal('2026-03-10', TODAY, previous)).toBeNull();
    expect(issueDateRefusal('2026-03-04', TODAY, { number: 'F-2026-A-0003', issueDate: null })).toBeNull();
  });

  it('what a future date used to cause: a document dated 20 March issued on 10 March, today’s issue is then « backdated »', () => {
    expect(issueDateRefusal(TODAY, TODAY, { number: 'F-2026-A-0004', issueDate: '2026-03-20' })).toEqual({
      code: 'backdated',
      previousNumber: 'F-2026-A-0004',
      previousDate: '2026-03-20'
    });
  });
});

const line = (id: string, unitPriceCents: number, vatRateBp = 2000) => newLine(id, { description: id, unitPriceCents, vatRateBp });

describe('totalsRefusal', () => {
  it('accepts an invoice or quote whose total is positive or zero, even with a negative line', () => {
    // 1 000,00 − 400,00 (deposit deducted) = 600,00 HT, VAT 120,00, TTC 720,00
    const withDeduction = computeTotals([line('a', 100_000), line('b', -40_000)], { kind: 'none' }, 'normal');
    expect(withDeduction).toMatchObject({ htCents: 60_000, vatCents: 12_000, ttcCents: 72_000 });
    expect(totalsRefusal('invoice', withDeduction)).toBeNull();
    expect(totalsRefusal('quote', withDeduction)).toBeNull();
    // a free invoice (0,00) is allowed
    expect(totalsRefusal('invoice', computeTotals([line('a', 0)], { kind: 'none' }, 'normal'))).toBeNull();
  });

  it('refuses an invoice or quote whose total is negative', () => {
    // 1 000,00 − 1 500,00 = −500,00 HT, VAT −100,00, TTC −600,00
    const negative = computeTotals([line('a', 100_000), line('b', -150_000)], { kind: 'none' }, 'normal');
    expect(negative).toMatchObject({ htCents: -50_000, ttcCents: -60_000 });
    expect(totalsRefusal('invoice', negative)).toEqual({ code: 'negative_total' });
    expect(totalsRefusal('quote', negative)).toEqual({ code: 'negative_total' });
    // franchise: −0,01 € HT = TTC
    expect(totalsRefusal('invoice', computeTotals([line('a', -1)], { kind: 'none' }, 'franchise'))).toEqual({ code: 'negative_total' });
    // 100,00 at 20 % (VAT 20,00) and −101,00 at 0 %: HT −1,00, TTC 19,00 — the HT total is negative
    const mixed = computeTotals([line('a', 10_000), line('b', -10_100, 0)], { kind: 'none' }, 'normal');
    expect(mixed).toMatchObject({ htCents: -100, vatCents: 2_000, ttcCents: 1_900 });
    expect(totalsRefusal('invoice', mixed)).toEqual({ code: 'negative_total' });
  });

  it('a credit note is entered in positive amounts, up to what the invoice has left to credit', () => {
    // 2 × 100,00 HT at 20 % = 240,00 TTC, all of what is left
    const full = computeTotals([line('a', 10_000), line('b', 10_000)], { kind: 'none' }, 'normal');
    expect(full.ttcCents).toBe(24_000);
    expect(totalsRefusal('credit', full, 24_000)).toBeNull();
    // 200,00 − 50,00 = 150,00 HT, TTC 180,00: a negative line is fine while the total takes off
    const partial = computeTotals([line('a', 20_000), line('b', -5_000)], { kind: 'none' }, 'normal');
    expect(partial.ttcCents).toBe(18_000);
    expect(totalsRefusal('credit', partial, 24_000)).toBeNull();
  });

  it('refuses a credit note that would raise what the client owes, or take off nothing', () => {
    // −100,00 HT at 20 % → −120,00 TTC: issued, it would add 120,00 to the invoice's balance
    const negative = computeTotals([line('a', -10_000)], { kind: 'none' }, 'normal');
    expect(totalsRefusal('credit', negative, 24_000)).toEqual({ code: 'credit_not_positive' });
    expect(totalsRefusal('credit', computeTotals([line('a', 0)], { kind: 'none' }, 'normal'), 24_000)).toEqual({ code: 'credit_not_positive' });
  });

  it('refuses a credit note above what the invoice has left to credit', () => {
    // 240,00 TTC when 100,00 was already credited on a 240,00 invoice: 140,00 left
    const full = computeTotals([line('a', 10_000), line('b', 10_000)], { kind: 'none' }, 'normal');
    expect(totalsRefusal('credit', full, 14_000)).toEqual({ code: 'credit_exceeds_invoice', creditableCents: 14_000 });
    // one cent over
    expect(totalsRefusal('credit', full, 23_999)).toEqual({ code: 'credit_exceeds_invoice', creditableCents: 23_999 });
  });
});

describe('invalid requests', () => {
  it('refuses dates that are not calendar dates', () => {
    expect(() => issueDateRefusal('2026-02-30', TODAY, null)).toThrow(RangeError);
    expect(() => issueDateRefusal('2026-03-10', '10/03/2026', null)).toThrow(RangeError);
  });

  it('refuses totals that are not whole cents, and a credit note without what its invoice has left', () => {
    expect(() => totalsRefusal('invoice', { htCents: 10.5, ttcCents: 12 })).toThrow(RangeError);
    expect(() => totalsRefusal('invoice', { htCents: 10, ttcCents: Number.NaN })).toThrow(RangeError);
    expect(() => totalsRefusal('credit', { htCents: 100, ttcCents: 120 })).toThrow(RangeError);
  });
});
