import { describe, expect, it } from 'vitest';
import { cashInForecast, expectedPayment, usualDelays, weekStart } from './forecast';
import type { Hold, Receivable } from './receivables';
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
