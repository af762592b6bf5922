import { describe, expect, it } from 'vitest';
import { weeklyReview } from './weeklyReview';
import { reviewDue, weekday } from './reviewSchedule';
import { openReceivable } from './fixtures';
import type { Payment } from './types';

const TODAY = '2026-06-17'; // a Wednesday: the week reviewed runs from 11 to 17 June

const owed = (key: string, clientId: string, dueDate: string, cents: number, extra = {}) =>
  openReceivable(dueDate, { key, invoiceId: key, clientId, number: key, amountCents: cents, remainingCents: cents, ...extra });

function payment(id: string, date: string, amountCents: number): Payment {
  return { id, clientId: 'c1', date, amountCents, method: 'transfer', reference: '', allocations: [], memberId: 'm', createdAt: `${date}T10:00:00.000Z` };
}

describe('weeklyReview', () => {
  const open = [
    owed('F1', 'alpha', '2026-05-01', 500_000, { sent: false }),
    owed('F2', 'alpha', '2026-06-12', 80_000, { promise: { date: '2026-06-16', at: '2026-06-05T09:00:00.000Z' } }),
    owed('F3', 'bravo', '2026-06-16', 30_000, { promise: { date: '2026-06-20', at: '2026-06-10T09:00:00.000Z' } }),
    owed('F4', 'bravo', '2026-04-01', 120_000, { holds: [{ reason: 'disputed', until: null }], hold: { reason: 'disputed', until: null } }),
    owed('F5', 'cali', '2026-06-17', 10_000), // due today: not late yet
    owed('F6', 'cali', '2026-06-10', 5_000) // due the day before the week: not newly late
  ];
  const review = weeklyReview({
    today: TODAY,
    open,
    settled: new Map([
      // Delta paid 10 days late before, then 40 days late this week: 10 → (10 + 40) / 2 = 25.
      ['delta', [{ dueDate: '2026-04-01', settledOn: '2026-04-11' }, { dueDate: '2026-05-06', settledOn: '2026-06-15' }]],
      // Echo paid early this week: 0 → 0, not slower.
      ['echo', [{ dueDate: '2026-04-01', settledOn: '2026-04-01' }, { dueDate: '2026-06-20', settledOn: '2026-06-12' }]],
      // Fox paid nothing this week.
      ['fox', [{ dueDate: '2026-03-01', settledOn: '2026-03-30' }]]
    ]),
    payments: [payment('p1', '2026-06-10', 99_900), payment('p2', '2026-06-11', 20_000), payment('p3', '2026-06-17', 5_000), payment('p4', '2026-06-18', 1)],
    disputedSince: new Map([['F4', '2026-05-20']]),
    creditLimits: new Map([
      ['alpha', 500_000], // owes 580 000: above
      ['bravo', 150_000] // owes 150 000: at the limit, not above
    ])
  });

  it('lists what was issued and never sent, and the promises broken', () => {
    expect(review.since).toBe('2026-06-10');
    expect(review.notSent.map((r) => r.key)).toEqual(['F1']);
    expect(review.brokenPromises.map((r) => r.key)).toEqual(['F2']);
  });

  it('gives each dispute with the day it was raised', () => {
    expect(review.disputes.map((d) => [d.receivable.key, d.since])).toEqual([['F4', '2026-05-20']]);
  });

  it('finds the clients above their credit limit, and those paying later than before', () => {
    expect(review.overLimit).toEqual([{ clientId: 'alpha', owedCents: 580_000, limitCents: 500_000 }]);
    expect(review.slower).toEqual([{ clientId: 'delta', beforeDays: 10, nowDays: 25 }]);
  });

  it('ranks the largest debts and says what changed within the week', () => {
    expect(review.largest).toEqual([
      { clientId: 'alpha', owedCents: 580_000 },
      { clientId: 'bravo', owedCents: 150_000 },
      { clientId: 'cali', owedCents: 15_000 }
    ]);
    // 11 to 17 June: p2 and p3 (p1 is on the 10th, p4 tomorrow).
    expect(review.paid.count).toBe(2);
    expect(review.paid.cents).toBe(25_000);
    // Due from 10 to 16 June and still owed: F6 (10th), F2 (12th), F3 (16th).
    expect(review.newlyLate.map((r) => r.key)).toEqual(['F6', 'F2', 'F3']);
  });
});

describe('weekday and reviewDue', () => {
  it('numbers the days from Monday', () => {
    expect(weekday('2026-06-15')).toBe(1);
    expect(weekday('2026-06-17')).toBe(3);
    expect(weekday('2026-06-21')).toBe(7);
    expect(weekday('1970-01-01')).toBe(4);
  });

  it('is due from the chosen day until the review is done', () => {
    expect(reviewDue('2026-06-15', 1, null)).toBe(true);
    expect(reviewDue('2026-06-15', 1, '2026-06-08')).toBe(true); // Monday, last done a week ago
    expect(reviewDue('2026-06-15', 1, '2026-06-15')).toBe(false); // done today
    expect(reviewDue('2026-06-17', 1, '2026-06-15')).toBe(false);
    expect(reviewDue('2026-06-17', 1, '2026-06-12')).toBe(true); // Monday passed, not done since
    expect(reviewDue('2026-06-14', 1, '2026-06-08')).toBe(false); // Sunday: next one tomorrow
    expect(reviewDue('2026-06-19', 5, '2026-06-15')).toBe(true); // Friday is the day
  });
});
