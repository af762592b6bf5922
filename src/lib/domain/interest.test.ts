import { describe, expect, it } from 'vitest';
import { lateClaim, lateInterestCents, RECOVERY_INDEMNITY_CENTS, unpaidInvoices, type UnpaidInvoice } from './interest';
import { newDocument, newLine } from './documents';
import type { InvoiceLedger } from './lifecycle';
import type { DocumentRecord } from './types';

describe('lateInterestCents', () => {
  it('is amount × rate × days / 365, rounded half-up to the cent', () => {
    // 1 000 € × 12,15 % × 30 / 365 = 9,9863… € → 9,99 €.
    expect(lateInterestCents(100_000, 1215, 30)).toBe(999);
    // 1 234,56 € × 12,15 % × 45 / 365 = 18,4930… € → 18,49 €.
    expect(lateInterestCents(123_456, 1215, 45)).toBe(1849);
    // 0,05 € × 10 % × 365 / 365 = 0,005 € exactly → 0,01 €; 0,04 € → 0,004 € → 0.
    expect(lateInterestCents(5, 1000, 365)).toBe(1);
    expect(lateInterestCents(4, 1000, 365)).toBe(0);
  });

  it('is nothing when not late, nothing due or no rate', () => {
    expect(lateInterestCents(100_000, 1215, 0)).toBe(0);
    expect(lateInterestCents(100_000, 1215, -3)).toBe(0);
    expect(lateInterestCents(0, 1215, 30)).toBe(0);
    expect(lateInterestCents(100_000, 0, 30)).toBe(0);
  });

  it('stays exact beyond 2^53 (999 999 999,99 € at 15 % for ten years)', () => {
    // 99 999 999 999 × 1500 × 3650 / 3 650 000 = 149 999 999 998,5 → 149 999 999 999.
    expect(lateInterestCents(99_999_999_999, 1500, 3650)).toBe(149_999_999_999);
  });
});

describe('lateClaim', () => {
  const invoices: UnpaidInvoice[] = [
    // Due 24 Oct, 30 days late on 23 Nov: 1 200 € × 12,15 % × 30 / 365 = 11,9835… → 11,98 €.
    { invoiceId: 'a', number: 'F-2026-A-0002', issueDate: '2026-09-24', dueDate: '2026-10-24', balanceCents: 120_000, rateBp: 1215 },
    // Due today: not late yet.
    { invoiceId: 'b', number: 'F-2026-A-0003', issueDate: '2026-10-24', dueDate: '2026-11-23', balanceCents: 80_000, rateBp: 1215 },
    // Due 30 Sep, 54 days late: 500 € × 10 % × 54 / 365 = 7,3972… → 7,40 €.
    { invoiceId: 'c', number: 'F-2026-A-0001', issueDate: '2026-08-31', dueDate: '2026-09-30', balanceCents: 50_000, rateBp: 1000 },
    // Paid: nothing to claim.
    { invoiceId: 'd', number: 'F-2026-A-0004', issueDate: '2026-08-01', dueDate: '2026-09-01', balanceCents: 0, rateBp: 1215 }
  ];

  it('lists the late invoices, oldest due first, with interest and 40 € each for a business', () => {
    const claim = lateClaim(invoices, '2026-11-23', true);
    expect(claim.invoices.map((i) => [i.number, i.daysLate, i.interestCents, i.indemnityCents])).toEqual([
      ['F-2026-A-0001', 54, 740, 4000],
      ['F-2026-A-0002', 30, 1198, 4000]
    ]);
    expect(claim.principalCents).toBe(170_000);
    expect(claim.interestCents).toBe(1938);
    expect(claim.indemnityCents).toBe(2 * RECOVERY_INDEMNITY_CENTS);
    expect(claim.totalCents).toBe(170_000 + 1938 + 8000);
    expect(claim.asOf).toBe('2026-11-23');
  });

  it('has no recovery indemnity for a private client', () => {
    const claim = lateClaim(invoices, '2026-11-23', false);
    expect(claim.indemnityCents).toBe(0);
    expect(claim.totalCents).toBe(171_938);
  });

  it('is empty when nothing is late', () => {
    const claim = lateClaim(invoices, '2026-09-30', true);
    expect(claim.invoices).toEqual([]);
    expect(claim.totalCents).toBe(0);
  });
});

describe('unpaidInvoices', () => {
  /** An issued invoice of 1 000 € HT at 20 % (1 200 € TTC) for client c1. */
  const invoice = (id: string, extra: Partial<DocumentRecord> = {}): DocumentRecord => ({
    ...newDocument('invoice', { id, memberId: 'm', now: '2026-01-01T00:00:00.000Z', clientId: 'c1', terms: { kind: 'net', days: 30 } }),
    status: 'issued',
    number: `F-${id}`,
    issueDate: '2026-09-01',
    dueDate: '2026-10-01',
    lines: [newLine('l', { quantity: 1, unitPriceCents: 100_000, vatRateBp: 2000 })],
    ...extra
  });
  const docs = [
    invoice('1'),
    invoice('2', { disputed: true }),
    invoice('3', { inCollection: true }),
    invoice('4'), // fully paid
    invoice('5', { clientId: 'c2' }),
    invoice('6', { status: 'draft' }),
    invoice('7', { dueDate: null }),
    invoice('8') // partly paid
  ];
  const ledgers = new Map<string, InvoiceLedger>([
    ['4', { paidCents: 120_000, creditedCents: 0 }],
    ['8', { paidCents: 20_000, creditedCents: 10_000 }]
  ]);

  it('keeps the client’s open invoices that are chased, with what remains due and the rate', () => {
    expect(unpaidInvoices('c1', docs, ledgers, 'normal', 1215)).toEqual([
      { invoiceId: '1', number: 'F-1', issueDate: '2026-09-01', dueDate: '2026-10-01', balanceCents: 120_000, rateBp: 1215 },
      { invoiceId: '8', number: 'F-8', issueDate: '2026-09-01', dueDate: '2026-10-01', balanceCents: 90_000, rateBp: 1215 }
    ]);
  });
});
