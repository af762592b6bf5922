import { describe, expect, it } from 'vitest';
import type { Payment } from '$lib/domain/types';
import { NO_FILTER, buildPaymentRows, filterPayments, sortNewestFirst, totalCents } from './paymentRows';

const pay = (id: string, over: Partial<Payment>): Payment => ({
  id,
  clientId: 'c1',
  amountCents: 100_00,
  date: '2026-03-01',
  method: 'transfer',
  reference: '',
  allocations: [],
  memberId: 'm',
  createdAt: '2026-03-01T10:00:00.000Z',
  ...over
});

const clients = new Map([
  ['c1', 'Boulangerie Martin'],
  ['c2', 'Garage Lefèvre']
]);
const numbers = new Map([
  ['i1', 'F-2026-A-0001'],
  ['i2', 'F-2026-A-0002']
]);

const payments = [
  pay('p1', { date: '2026-01-10', amountCents: 50_00, method: 'cheque', reference: 'Chq 4512', allocations: [{ invoiceId: 'i1', amountCents: 50_00 }] }),
  pay('p2', {
    date: '2026-02-20',
    createdAt: '2026-02-20T09:00:00.000Z',
    amountCents: 250_00,
    reference: 'VIR SEPA',
    allocations: [
      { invoiceId: 'i1', amountCents: 70_00 },
      { invoiceId: 'i2', amountCents: 130_00 }
    ]
  }),
  pay('p3', { clientId: 'c2', date: '2026-02-20', createdAt: '2026-02-20T18:00:00.000Z', amountCents: 12_34, method: 'cash' })
];
const rows = buildPaymentRows(payments, clients, numbers);

describe('buildPaymentRows', () => {
  it('names the client and the invoices, and keeps the unallocated credit', () => {
    expect(rows[1]).toMatchObject({
      clientName: 'Boulangerie Martin',
      invoices: [
        { id: 'i1', number: 'F-2026-A-0001', amountCents: 70_00 },
        { id: 'i2', number: 'F-2026-A-0002', amountCents: 130_00 }
      ],
      unallocatedCents: 50_00 // 250 − 70 − 130
    });
    expect(rows[0].unallocatedCents).toBe(0);
    expect(rows[2].unallocatedCents).toBe(12_34);
  });
});

describe('sortNewestFirst', () => {
  it('orders by payment date, then the last recorded first', () => {
    expect(sortNewestFirst(rows).map((r) => r.id)).toEqual(['p3', 'p2', 'p1']);
  });
});

describe('filterPayments', () => {
  const ids = (f: Partial<typeof NO_FILTER>) => filterPayments(rows, { ...NO_FILTER, ...f }).map((r) => r.id);
  it('keeps everything with no filter', () => {
    expect(ids({})).toEqual(['p1', 'p2', 'p3']);
  });
  it('filters by client and by method', () => {
    expect(ids({ clientId: 'c2' })).toEqual(['p3']);
    expect(ids({ method: 'cheque' })).toEqual(['p1']);
  });
  it('filters by period, both ends included', () => {
    expect(ids({ from: '2026-02-20' })).toEqual(['p2', 'p3']);
    expect(ids({ to: '2026-01-10' })).toEqual(['p1']);
    expect(ids({ from: '2026-01-11', to: '2026-02-19' })).toEqual([]);
  });
  it('searches reference, client name and invoice numbers, ignoring case', () => {
    expect(ids({ search: 'chq' })).toEqual(['p1']);
    expect(ids({ search: 'lefèvre' })).toEqual(['p3']);
    expect(ids({ search: 'a-0002' })).toEqual(['p2']);
    expect(ids({ search: '  F-2026-A-0001 ' })).toEqual(['p1', 'p2']);
  });
});

describe('totalCents', () => {
  it('adds up the shown payments (50 + 250 + 12,34)', () => {
    expect(totalCents(rows)).toBe(312_34);
    expect(totalCents([])).toBe(0);
  });
});
