import { describe, expect, it } from 'vitest';
import { agingBucket, agingOf, receivablesIn, recoveryPercent } from './aging';
import { isRecoveryCurve } from './dashboardSettings';
import type { Hold, Receivable } from './receivables';
import { openReceivable } from './fixtures';

/** An open receivable of `cents` remaining, `daysLate` days late on 2026-06-30. */
function owed(clientId: string, cents: number, daysLate: number, holds: Hold[] = []): Receivable {
  const key = `${clientId}-${cents}-${daysLate}`;
  return openReceivable('2026-06-30', { key, invoiceId: `${clientId}-${cents}`, clientId, number: `F-${cents}`, amountCents: cents, remainingCents: cents, daysLate, holds, hold: holds[0] ?? null });
}

describe('agingBucket', () => {
  it('cuts at the edges of each range', () => {
    expect(agingBucket(-12)).toBe('not_due');
    expect(agingBucket(0)).toBe('not_due'); // due today is not late
    expect(agingBucket(1)).toBe('d1_30');
    expect(agingBucket(30)).toBe('d1_30');
    expect(agingBucket(31)).toBe('d31_45');
    expect(agingBucket(45)).toBe('d31_45');
    expect(agingBucket(46)).toBe('d46_60');
    expect(agingBucket(60)).toBe('d46_60');
    expect(agingBucket(61)).toBe('d61_90');
    expect(agingBucket(90)).toBe('d61_90');
    expect(agingBucket(91)).toBe('d91_180');
    expect(agingBucket(180)).toBe('d91_180');
    expect(agingBucket(181)).toBe('d181_365');
    expect(agingBucket(365)).toBe('d181_365');
    expect(agingBucket(366)).toBe('over_365');
    expect(agingBucket(4000)).toBe('over_365');
  });
});

describe('recoveryPercent', () => {
  it('follows the default curve and joins its points by straight lines', () => {
    expect(recoveryPercent(-5)).toBe(100);
    expect(recoveryPercent(0)).toBe(100);
    expect(recoveryPercent(15)).toBe(95); // 100 → 90 over 30 days: halfway
    expect(recoveryPercent(30)).toBe(90);
    expect(recoveryPercent(60)).toBe(80); // 90 → 70 over 60 days: halfway
    expect(recoveryPercent(90)).toBe(70);
    expect(recoveryPercent(135)).toBe(60);
    expect(recoveryPercent(180)).toBe(50);
    expect(recoveryPercent(365)).toBe(10);
    expect(recoveryPercent(400)).toBeCloseTo(10 - (10 * 35) / 365, 10); // under 10 % after a year
    expect(recoveryPercent(730)).toBe(0);
    expect(recoveryPercent(2000)).toBe(0);
  });

  it('uses a curve the owner set', () => {
    const curve = [
      { daysLate: 0, percent: 100 },
      { daysLate: 100, percent: 50 }
    ];
    expect(recoveryPercent(20, curve)).toBe(90);
    expect(recoveryPercent(300, curve)).toBe(50);
    expect(isRecoveryCurve(curve)).toBe(true);
    expect(isRecoveryCurve([{ daysLate: 30, percent: 90 }, { daysLate: 30, percent: 80 }])).toBe(false);
    expect(isRecoveryCurve([{ daysLate: 0, percent: 120 }])).toBe(false);
    expect(isRecoveryCurve([])).toBe(false);
  });
});

describe('agingOf', () => {
  const disputed: Hold = { reason: 'disputed', until: null };
  const collection: Hold = { reason: 'in_collection', until: null };
  const receivables = [
    owed('acme', 100_000, 0), // due today: not due, 100 %
    owed('acme', 50_000, 30), // 1–30 at 90 % → 45 000
    owed('acme', 20_000, 31), // 31–45: 90 − 20 × 1/60 = 89,666… % → 17 933,33 → 17 933
    owed('bobo', 30_000, 365), // 181–365 at 10 % → 3 000
    owed('bobo', 40_000, 366), // over a year: 10 − 10/365 % → 3 989,04 → 3 989
    owed('bobo', 12_345, 60, [disputed]),
    owed('cali', 70_000, 200, [disputed, collection]),
    { ...owed('cali', 9_999, 10), remainingCents: 0 } // settled: not in the table
  ];
  const aging = agingOf(receivables, '2026-06-30');

  it('puts each chased receivable in its bucket, amount and count', () => {
    expect(aging.buckets.not_due).toEqual({ cents: 100_000, count: 1, probableCents: 100_000 });
    expect(aging.buckets.d1_30).toEqual({ cents: 50_000, count: 1, probableCents: 45_000 });
    expect(aging.buckets.d31_45).toEqual({ cents: 20_000, count: 1, probableCents: 17_933 });
    expect(aging.buckets.d181_365).toEqual({ cents: 30_000, count: 1, probableCents: 3_000 });
    expect(aging.buckets.over_365).toEqual({ cents: 40_000, count: 1, probableCents: 3_989 });
    expect(aging.buckets.d46_60).toEqual({ cents: 0, count: 0, probableCents: 0 });
  });

  it('shows disputed and in-collection amounts apart (collection wins when both)', () => {
    expect(aging.disputed).toEqual({ cents: 12_345, count: 1, probableCents: 0 });
    expect(aging.inCollection).toEqual({ cents: 70_000, count: 1, probableCents: 0 });
    expect(aging.totalCents).toBe(100_000 + 50_000 + 20_000 + 30_000 + 40_000 + 12_345 + 70_000);
  });

  it('values what is chased: probable and probably lost add up to it', () => {
    expect(aging.probableCents).toBe(100_000 + 45_000 + 17_933 + 3_000 + 3_989);
    expect(aging.probablyLostCents).toBe(0 + 5_000 + 2_067 + 27_000 + 36_011);
    expect(aging.probableCents + aging.probablyLostCents).toBe(240_000);
  });

  it('gives one row per client, most owed first', () => {
    expect(aging.rows.map((r) => [r.clientId, r.totalCents])).toEqual([
      ['acme', 170_000],
      ['bobo', 82_345],
      ['cali', 70_000]
    ]);
    const bobo = aging.rows[1];
    expect(bobo.buckets.d181_365.cents).toBe(30_000);
    expect(bobo.disputed.cents).toBe(12_345);
    expect(bobo.maxDaysLate).toBe(366);
  });

  it('finds the receivables behind a cell', () => {
    expect(receivablesIn(receivables, 'd1_30').map((r) => r.key)).toEqual(['acme-50000-30']);
    expect(receivablesIn(receivables, 'over_365', 'acme')).toEqual([]);
    expect(receivablesIn(receivables, 'disputed').map((r) => r.clientId)).toEqual(['bobo']);
    expect(receivablesIn(receivables, 'in_collection').map((r) => r.clientId)).toEqual(['cali']);
  });
});
