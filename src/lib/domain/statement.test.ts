import { describe, expect, it } from 'vitest';
import { accountStatement } from './statement';
import { newDocument, newLine } from './documents';
import { newClient, newCompany } from './company';
import { freezeDocument } from './integrity';
import type { DocumentRecord, Payment } from './types';
import { plainContext } from './receivables';

/** An issued document of `htCents` HT at 20 % (TTC = HT × 1,2). */
function issued(kind: 'invoice' | 'credit' | 'quote', id: string, htCents: number, issueDate: string, extra: Partial<DocumentRecord> = {}): DocumentRecord {
  const doc: DocumentRecord = {
    ...newDocument(kind, { id, memberId: 'm', now: '2026-01-01T00:00:00.000Z', clientId: 'c1', terms: { kind: 'net', days: 30 } }),
    status: 'issued',
    number: id,
    issueDate,
    lines: [newLine('l1', { quantity: 1, unitPriceCents: htCents, vatRateBp: 2000 })],
    ...extra
  };
  const frozen = freezeDocument(doc, {
    company: newCompany(issueDate),
    client: newClient(doc.clientId, '2026-01-01T00:00:00.000Z'),
    number: id,
    series: 'S',
    seq: 1,
    issueDate,
    dueDate: doc.dueDate,
    prevHash: '',
    correctedInvoice: null
  });
  return { ...doc, frozen };
}

function payment(id: string, date: string, amountCents: number, allocations: [string, number][], reference = ''): Payment {
  return {
    id,
    clientId: 'c1',
    amountCents,
    date,
    method: 'transfer',
    reference,
    allocations: allocations.map(([invoiceId, amount]) => ({ invoiceId, amountCents: amount })),
    memberId: 'm',
    createdAt: `${date}T10:00:00.000Z`
  };
}

const documents: DocumentRecord[] = [
  issued('invoice', 'F1', 100_000, '2026-09-01', { dueDate: '2026-10-01' }), // 1 200 € TTC
  issued('invoice', 'F2', 50_000, '2026-10-15', { dueDate: '2026-11-14' }), // 600 € TTC
  issued('credit', 'A1', 10_000, '2026-10-20', { correctsInvoiceId: 'F2' }), // 120 € TTC on F2
  issued('invoice', 'F3', 10_000, '2026-11-20', { dueDate: '2026-12-20' }), // 120 € TTC
  issued('quote', 'D1', 99_000, '2026-09-01'), // a quote is not part of the account
  { ...issued('invoice', 'draft', 5_000, '2026-11-01'), status: 'draft', number: '' },
  { ...issued('invoice', 'other', 5_000, '2026-11-01', { dueDate: '2026-12-01' }), clientId: 'c2' }
];
const payments: Payment[] = [
  payment('P1', '2026-10-01', 120_000, [['F1', 120_000]], 'VIR 123'),
  payment('P2', '2026-11-01', 20_000, [['F2', 18_000]]), // 2 000 left as client credit
  { ...payment('P3', '2026-11-01', 9_999, []), clientId: 'c2' }
];

describe('accountStatement', () => {
  const s = accountStatement({ clientId: 'c1', documents, payments, vatRegime: 'normal', context: plainContext('2026-11-23', 'company') });

  it('lists invoices as debits, credit notes and payments as credits, oldest first, with the running balance', () => {
    expect(s.entries.map((e) => [e.date, e.kind, e.reference, e.debitCents, e.creditCents, e.balanceCents])).toEqual([
      ['2026-09-01', 'invoice', 'F1', 120_000, 0, 120_000],
      ['2026-10-01', 'payment', 'VIR 123', 0, 120_000, 0],
      ['2026-10-15', 'invoice', 'F2', 60_000, 0, 60_000],
      ['2026-10-20', 'credit', 'A1', 0, 12_000, 48_000],
      ['2026-11-01', 'payment', '', 0, 20_000, 28_000],
      ['2026-11-20', 'invoice', 'F3', 12_000, 0, 40_000]
    ]);
    expect(s.entries[3].corrects).toBe('F2');
    expect(s.entries[0].dueDate).toBe('2026-10-01');
    expect(s.entries[1].method).toBe('transfer');
    expect(s.totalDebitCents).toBe(192_000);
    expect(s.totalCreditCents).toBe(152_000);
    expect(s.balanceCents).toBe(40_000);
    expect(s.openingBalanceCents).toBe(0);
  });

  it('lists what is open with what was settled and the days late', () => {
    expect(s.openItems.map((i) => [i.number, i.amountCents, i.settledCents, i.remainingCents, i.daysLate])).toEqual([
      ['F2', 60_000, 30_000, 30_000, 9], // 18 000 paid + 12 000 credited; due 14 Nov
      ['F3', 12_000, 0, 12_000, 0]
    ]);
    expect(s.dueCents).toBe(42_000);
    expect(s.overdueCents).toBe(30_000);
    // The balance is what the open invoices leave once the unallocated payment is counted.
    expect(s.unallocatedCents).toBe(2_000);
    expect(s.balanceCents).toBe(s.dueCents - s.unallocatedCents);
  });

  it('lists the penalties owed: F2 is 9 days late on 300 € (the credit note and the payment of 1 Nov came before its due date)', () => {
    // 30 000 × 9 × 1215 / 3 650 000 = 89,87… → 0,90 €; a business: 40 €.
    expect(s.penalties).toEqual([{ invoiceId: 'F2', number: 'F2', state: 'accruing', interestCents: 90, indemnityCents: 4000 }]);
    expect(s.penaltiesCents).toBe(4090);
  });

  it('keeps the penalties of an invoice paid late (« pénalités exigibles »)', () => {
    const p = accountStatement({
      clientId: 'c1',
      documents: [issued('invoice', 'F8', 100_000, '2026-09-01', { dueDate: '2026-10-01' })],
      payments: [payment('P8', '2026-10-31', 120_000, [['F8', 120_000]])],
      vatRegime: 'normal',
      context: plainContext('2026-11-23', 'company')
    });
    // Paid 30 days late: 120 000 × 30 × 1215 / 3 650 000 = 1 198,35… → 11,98 €, plus 40 €.
    expect(p.openItems).toEqual([]);
    expect(p.penalties).toEqual([{ invoiceId: 'F8', number: 'F8', state: 'due', interestCents: 1198, indemnityCents: 4000 }]);
  });

  it('sums what comes before the period into an opening balance', () => {
    const p = accountStatement({ clientId: 'c1', documents, payments, vatRegime: 'normal', context: plainContext('2026-11-23', 'company'), from: '2026-10-16' });
    expect(p.openingBalanceCents).toBe(60_000);
    expect(p.entries.map((e) => e.reference)).toEqual(['A1', '', 'F3']);
    expect(p.totalDebitCents).toBe(12_000);
    expect(p.totalCreditCents).toBe(32_000);
    expect(p.balanceCents).toBe(40_000);
  });

  it('leaves out what happens after the statement date', () => {
    const p = accountStatement({ clientId: 'c1', documents, payments, vatRegime: 'normal', context: plainContext('2026-10-31', 'company') });
    expect(p.entries.map((e) => e.reference)).toEqual(['F1', 'VIR 123', 'F2', 'A1']);
    expect(p.balanceCents).toBe(48_000);
    expect(p.openItems.map((i) => [i.number, i.remainingCents])).toEqual([['F2', 48_000]]);
  });

  it('puts an invoice before the payment of the same day', () => {
    const p = accountStatement({
      clientId: 'c1',
      documents: [issued('invoice', 'F9', 1_000, '2026-11-02', { dueDate: '2026-11-02' })],
      payments: [payment('P9', '2026-11-02', 1_200, [['F9', 1_200]], 'CB')],
      vatRegime: 'normal',
      context: plainContext('2026-11-23', 'company')
    });
    expect(p.entries.map((e) => [e.kind, e.balanceCents])).toEqual([
      ['invoice', 1_200],
      ['payment', 0]
    ]);
    expect(p.openItems).toEqual([]);
  });

  it('is empty for a client with no issued document', () => {
    const p = accountStatement({ clientId: 'nobody', documents, payments, vatRegime: 'normal', context: plainContext('2026-11-23', 'company') });
    expect(p.entries).toEqual([]);
    expect(p.balanceCents).toBe(0);
  });
});
