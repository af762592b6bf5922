import { describe, expect, it } from 'vitest';
import { openReceivables, summarizeReceivables } from './receivables';
import { newDocument, newLine } from './documents';
import type { DocumentRecord } from './types';
import type { InvoiceLedger } from './lifecycle';

const TODAY = '2026-11-23';

/** An issued invoice of `htCents` HT at 20 % (so TTC = HT × 1,2). */
function invoice(id: string, htCents: number, dueDate: string, extra: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    ...newDocument('invoice', { id, memberId: 'm', now: '2026-01-01T00:00:00.000Z', clientId: `c-${id}`, terms: { kind: 'net', days: 30 } }),
    status: 'issued',
    number: `F-2026-A-${id}`,
    dueDate,
    lines: [newLine('l1', { quantity: 1, unitPriceCents: htCents, vatRateBp: 2000 })],
    ...extra
  };
}

describe('openReceivables', () => {
  it('keeps issued invoices with a balance, most late first, with their days late', () => {
    const docs = [
      invoice('1', 10_000, '2026-11-13'), // 12 000 TTC, 10 days late
      invoice('2', 5_000, '2026-11-23'), // 6 000 TTC, due today: not late
      invoice('3', 20_000, '2026-10-24'), // 24 000 TTC, 30 days late, 4 000 paid → 20 000
      invoice('4', 1_000, '2026-09-01'), // fully paid: left out
      { ...invoice('5', 1_000, '2026-09-01'), status: 'draft' as const }, // draft: left out
      { ...invoice('6', 1_000, '2026-09-01'), kind: 'quote' as const } // quote: left out
    ];
    const ledgers = new Map<string, InvoiceLedger>([
      ['3', { paidCents: 4_000, creditedCents: 0 }],
      ['4', { paidCents: 1_000, creditedCents: 200 }]
    ]);
    const open = openReceivables(docs, ledgers, 'normal', TODAY);
    expect(open.map((r) => [r.invoiceId, r.balanceCents, r.daysLate])).toEqual([
      ['3', 20_000, 30],
      ['1', 12_000, 10],
      ['2', 6_000, 0]
    ]);
  });

  it('takes the seller’s VAT regime: under franchise the balance is the HT amount', () => {
    const open = openReceivables([invoice('1', 10_000, '2026-12-01')], new Map(), 'franchise', TODAY);
    expect(open[0].balanceCents).toBe(10_000);
  });
});

describe('summarizeReceivables', () => {
  it('splits outstanding into overdue and due within a week', () => {
    const docs = [
      invoice('1', 10_000, '2026-11-22'), // 12 000, 1 day late
      invoice('2', 5_000, '2026-11-23'), // 6 000, due today → due soon
      invoice('3', 2_500, '2026-11-30'), // 3 000, due in 7 days → due soon
      invoice('4', 1_000, '2026-12-01') // 1 200, due in 8 days → neither
    ];
    const s = summarizeReceivables(openReceivables(docs, new Map(), 'normal', TODAY), TODAY);
    expect(s).toEqual({ outstandingCents: 22_200, overdueCents: 12_000, overdueCount: 1, dueSoonCents: 9_000, dueSoonCount: 2 });
  });
});
