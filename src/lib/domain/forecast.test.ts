import { describe, expect, it } from 'vitest';
import { cashInForecast, expectedPayment, pastWeeks, usualDelays, weekStart } from './forecast';
import { invoiceAccounts, plainContext, type DocumentFacts, type Hold, type Receivable } from './receivables';
import type { Payment } from './types';
import { openReceivable } from './fixtures';
import { clientRisk } from './risk';

function owed(key: string, clientId: string, dueDate: string, cents: number, extra: Partial<Receivable> = {}): Receivable {
  return openReceivable(dueDate, { key, invoiceId: key, clientId, number: key, amountCents: cents, remainingCents: cents, ...extra });
}

describe('weekStart', () => {
  it('is the Monday of the week', () => {
    expect(weekStart('2026-06-15')).toBe('2026-06-15'); // a Monday
    expect(weekStart('2026-06-17')).toBe('2026-06-15');
    expect(weekStart('2026-06-21')).toBe('2026-06-15'); // Sunday
    expect(weekStart('2026-06-22')).toBe('2026-06-22');
    expect(weekStart('2026-01-01')).toBe('2025-12-29'); // across a year
  });
});

describe('usualDelays', () => {
  it("takes each client's average days late, and the workspace's weighted by invoices", () => {
    const slow = clientRisk([
      { dueDate: '2026-03-01', settledOn: '2026-03-31' }, // 30 late
      { dueDate: '2026-04-01', settledOn: '2026-04-11' } // 10 late
    ]); // average 20, 2 invoices
    const prompt = clientRisk([{ dueDate: '2026-03-01', settledOn: '2026-02-25' }]); // early: 0
    const fresh = clientRisk([]);
    const delays = usualDelays(new Map([['slow', slow], ['prompt', prompt], ['fresh', fresh]]));
    expect(delays.byClient.get('slow')).toBe(20);
    expect(delays.byClient.get('prompt')).toBe(0);
    expect(delays.byClient.has('fresh')).toBe(false);
    expect(delays.fallback).toBe(13.3); // (20 × 2 + 0 × 1) / 3
  });
});

describe('cashInForecast on Wednesday 17 June 2026', () => {
  const today = '2026-06-17';
  const delays = { byClient: new Map([['slow', 20], ['prompt', 0]]), fallback: 10 };
  const disputed: Hold = { reason: 'disputed', until: null };
  const receivables = [
    owed('F1', 'prompt', '2026-06-19', 100_000), // due Friday, pays on time → this week
    owed('F2', 'slow', '2026-06-19', 50_000), // + 20 days → 9 July, week of 6 July (4th week)
    owed('F3', 'fresh', '2026-06-01', 30_000, { daysLate: 16 }), // 1 June + 10 = 11 June, past → today
    owed('F4', 'slow', '2026-05-01', 20_000, { promise: { date: '2026-06-24', at: '2026-06-10T09:00:00.000Z' } }), // promise ahead
    owed('F5', 'slow', '2026-05-01', 15_000, { promise: { date: '2026-06-05', at: '2026-05-30T09:00:00.000Z' } }), // broken promise: usual delay → 21 May, past → today
    owed('F6', 'prompt', '2026-12-01', 70_000), // beyond 12 weeks
    owed('F7', 'slow', '2026-06-01', 40_000, { holds: [disputed], hold: disputed }),
    owed('F8', 'prompt', '2026-06-20', 0) // settled
  ];
  const forecast = cashInForecast(receivables, today, delays);

  it('places each receivable at its promise or its due date moved by the usual delay', () => {
    expect(expectedPayment(receivables[1], today, delays)).toEqual({ on: '2026-07-09', basis: 'usual_delay' });
    expect(expectedPayment(receivables[3], today, delays)).toEqual({ on: '2026-06-24', basis: 'promise' });
    expect(expectedPayment(receivables[4], today, delays)).toEqual({ on: today, basis: 'usual_delay' });
  });

  it('sums twelve weeks from this Monday, later and left-out amounts apart', () => {
    expect(forecast.weeks).toHaveLength(12);
    expect(forecast.weeks[0]).toMatchObject({ start: '2026-06-15', end: '2026-06-21', cents: 100_000 + 30_000 + 15_000 });
    expect(forecast.weeks[0].entries.map((e) => e.receivable.key)).toEqual(['F3', 'F5', 'F1']);
    expect(forecast.weeks[1]).toMatchObject({ start: '2026-06-22', cents: 20_000 });
    expect(forecast.weeks[3]).toMatchObject({ start: '2026-07-06', cents: 50_000 });
    expect(forecast.weeks[11]).toMatchObject({ start: '2026-08-31', end: '2026-09-06' }); // 15 June + 11 × 7 days
    expect(forecast.laterCents).toBe(70_000);
    expect(forecast.leftOutCents).toBe(40_000);
    const placed = forecast.weeks.reduce((s, w) => s + w.cents, 0);
    expect(placed + forecast.laterCents + forecast.leftOutCents).toBe(100_000 + 50_000 + 30_000 + 20_000 + 15_000 + 70_000 + 40_000);
  });
});

describe('cashInForecast and a retention whose works are not received', () => {
  it('counts it after the weeks shown, whatever the client’s usual delay', () => {
    // Due « 9999-12-31 » (never reached): + 32 days would be a date past year 9999. 50 € later.
    const pending = owed('S1#retention', 'slow', '9999-12-31', 5_000, { retention: true, retentionPending: true });
    const forecast = cashInForecast([pending], '2026-06-17', { byClient: new Map([['slow', 32]]), fallback: 44 });
    expect(forecast.laterCents).toBe(5_000);
    expect(forecast.weeks.reduce((s, w) => s + w.cents, 0)).toBe(0);
  });
});

describe('pastWeeks', () => {
  const fact = (id: string, ttcCents: number, issueDate: string, dueDate: string, extra: Partial<DocumentFacts> = {}): DocumentFacts => ({
    id,
    kind: 'invoice',
    clientId: 'c1',
    number: id,
    issueDate,
    dueDate,
    ttcCents,
    correctsInvoiceId: null,
    sentAt: issueDate,
    disputed: false,
    inCollection: false,
    chasePolicyId: null,
    chasePause: null,
    installments: null,
    rateBp: 0,
    clientKind: 'company',
    earlyDiscount: null,
    penaltyDecision: null,
    writeOff: null,
    ...extra
  });
  const pay = (id: string, invoiceId: string, amountCents: number, date: string): Payment => ({
    id,
    clientId: 'c1',
    amountCents,
    date,
    method: 'transfer',
    reference: '',
    allocations: [{ invoiceId, amountCents }],
    memberId: 'm',
    createdAt: `${date}T09:00:00.000Z`
  });

  it('sets what each past Monday’s forecast expected beside what came in', () => {
    // Today Wednesday 17 June; the two weeks before: 1–7 June and 8–14 June. No delay.
    // A 1 000 € due 3 June, 600 € paid 5 June; B 500 € paid in May; C 300 € issued 2 June, due
    // 9 June, paid 12 June; D 200 € due 3 June, written off 1 June.
    // Week of 1 June (as of 31 May): A 1 000 + D 200 (given up only later) = 1 200 €; came in 600 €.
    // Week of 8 June (as of 7 June): A's 400 € left (due 3 June: expected at once, 8 June) + C
    // 300 € = 700 €; D gone; came in 300 €.
    const facts = [
      fact('A', 100_000, '2026-05-01', '2026-06-03'),
      fact('B', 50_000, '2026-05-01', '2026-06-10'),
      fact('C', 30_000, '2026-06-02', '2026-06-09'),
      fact('D', 20_000, '2026-05-01', '2026-06-03', { writeOff: { cents: 20_000, on: '2026-06-01' } })
    ];
    const payments = [pay('p1', 'A', 60_000, '2026-06-05'), pay('p2', 'B', 50_000, '2026-05-20'), pay('p3', 'C', 30_000, '2026-06-12')];
    const accounts = invoiceAccounts(facts, payments, () => plainContext('2026-06-17', 'company'));
    expect(pastWeeks(facts, accounts, payments, '2026-06-17', { byClient: new Map(), fallback: 0 }, 2)).toEqual([
      { start: '2026-06-01', end: '2026-06-07', forecastCents: 120_000, cameInCents: 60_000 },
      { start: '2026-06-08', end: '2026-06-14', forecastCents: 70_000, cameInCents: 30_000 }
    ]);
  });

  it('moves each receivable by the client’s usual delay, and a credit note counts from its issue date', () => {
    // E 1 000 € due 1 June, a 10-day usual delay → expected 11 June (week of 8 June); a 400 €
    // credit note issued 9 June is not known on 7 June: the week of 8 June expected 1 000 €.
    const facts = [
      fact('E', 100_000, '2026-05-01', '2026-06-01'),
      fact('K', 40_000, '2026-06-09', '2026-06-09', { kind: 'credit', correctsInvoiceId: 'E', clientKind: 'company' })
    ];
    const accounts = invoiceAccounts(facts, [], () => plainContext('2026-06-17', 'company'));
    const weeks = pastWeeks(facts, accounts, [], '2026-06-17', { byClient: new Map([['c1', 10]]), fallback: 0 }, 2);
    expect(weeks.map((w) => w.forecastCents)).toEqual([0, 100_000]);
  });
});
