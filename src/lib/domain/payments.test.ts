import { describe, expect, it } from 'vitest';
import { allocateOldestFirst, unallocatedCents, validateAllocations, type OpenInvoice } from './payments';
import type { Allocation, Payment } from './types';

const open: OpenInvoice[] = [
  { invoiceId: 'inv-b', dueDate: '2026-03-15', balanceCents: 30_000 },
  { invoiceId: 'inv-a', dueDate: '2026-01-31', balanceCents: 50_000 },
  { invoiceId: 'inv-c', dueDate: '2026-02-28', balanceCents: 20_000 }
];

function payment(amountCents: number, allocations: Allocation[]): Payment {
  return { id: 'p1', clientId: 'c1', amountCents, date: '2026-03-01', method: 'transfer', reference: 'VIR 123', allocations, memberId: 'm1', createdAt: '2026-03-01T10:00:00.000Z' };
}

describe('allocateOldestFirst', () => {
  it('pays the oldest due invoice first, never above its balance', () => {
    // 600 €: a (due 31 Jan) takes 500 €, c (28 Feb) the remaining 100 €, b (15 Mar) nothing
    expect(allocateOldestFirst(60_000, open)).toEqual([
      { invoiceId: 'inv-a', amountCents: 50_000 },
      { invoiceId: 'inv-c', amountCents: 10_000 }
    ]);
  });

  it('leaves what exceeds all balances unallocated, as client credit', () => {
    // 1 200 € for 500 + 200 + 300 = 1 000 € due: 200 € left over
    const allocations = allocateOldestFirst(120_000, open);
    expect(allocations).toEqual([
      { invoiceId: 'inv-a', amountCents: 50_000 },
      { invoiceId: 'inv-c', amountCents: 20_000 },
      { invoiceId: 'inv-b', amountCents: 30_000 }
    ]);
    expect(unallocatedCents(payment(120_000, allocations))).toBe(20_000);
  });

  it('pays exactly the total when the amount matches', () => {
    expect(allocateOldestFirst(100_000, open).reduce((s, a) => s + a.amountCents, 0)).toBe(100_000);
  });

  it('allocates nothing for a zero or negative amount, and skips settled invoices', () => {
    expect(allocateOldestFirst(0, open)).toEqual([]);
    expect(allocateOldestFirst(-500, open)).toEqual([]);
    const withSettled: OpenInvoice[] = [{ invoiceId: 'old', dueDate: '2025-12-01', balanceCents: 0 }, ...open];
    expect(allocateOldestFirst(1_000, withSettled)).toEqual([{ invoiceId: 'inv-a', amountCents: 1_000 }]);
  });

  it('keeps the given order between invoices due the same day, and does not reorder its input', () => {
    const sameDay: OpenInvoice[] = [
      { invoiceId: 'x', dueDate: '2026-02-01', balanceCents: 100 },
      { invoiceId: 'y', dueDate: '2026-02-01', balanceCents: 100 }
    ];
    expect(allocateOldestFirst(150, sameDay)).toEqual([
      { invoiceId: 'x', amountCents: 100 },
      { invoiceId: 'y', amountCents: 50 }
    ]);
    const before = open.map((o) => o.invoiceId);
    allocateOldestFirst(60_000, open);
    expect(open.map((o) => o.invoiceId)).toEqual(before);
  });
});

describe('unallocatedCents', () => {
  it('is the amount minus the allocations', () => {
    expect(unallocatedCents(payment(100_000, [{ invoiceId: 'a', amountCents: 50_000 }, { invoiceId: 'b', amountCents: 30_000 }]))).toBe(20_000);
    expect(unallocatedCents(payment(100_000, []))).toBe(100_000);
    expect(unallocatedCents(payment(50_000, [{ invoiceId: 'a', amountCents: 60_000 }]))).toBe(-10_000);
  });
});

describe('validateAllocations', () => {
  const balances = new Map([
    ['inv-a', 40_000],
    ['inv-b', 40_000]
  ]);

  it('accepts allocations within the payment and the balances', () => {
    expect(validateAllocations(payment(50_000, [{ invoiceId: 'inv-a', amountCents: 40_000 }, { invoiceId: 'inv-b', amountCents: 10_000 }]), balances)).toEqual([]);
    expect(validateAllocations(payment(50_000, []), balances)).toEqual([]); // all credit
  });

  it('refuses allocations above the payment', () => {
    // 300 + 300 = 600 € allocated out of 500 €
    const p = payment(50_000, [{ invoiceId: 'inv-a', amountCents: 30_000 }, { invoiceId: 'inv-b', amountCents: 30_000 }]);
    expect(validateAllocations(p, balances)).toEqual(['over_allocated']);
    // by a single cent: 400,00 + 100,01 = 500,01 € out of 500 €
    const byOne = payment(50_000, [{ invoiceId: 'inv-a', amountCents: 40_000 }, { invoiceId: 'inv-b', amountCents: 10_001 }]);
    expect(validateAllocations(byOne, balances)).toEqual(['over_allocated']);
  });

  it('refuses an allocation above an invoice balance or to an unknown invoice', () => {
    expect(validateAllocations(payment(50_000, [{ invoiceId: 'inv-a', amountCents: 40_001 }]), balances)).toEqual(['exceeds_balance:inv-a']);
    expect(validateAllocations(payment(50_000, [{ invoiceId: 'inv-x', amountCents: 100 }]), balances)).toEqual(['exceeds_balance:inv-x']);
  });

  it('adds up several allocations to the same invoice before comparing with its balance', () => {
    // 250 € + 250 € = 500 € onto an invoice with 400 € due
    const p = payment(50_000, [{ invoiceId: 'inv-a', amountCents: 25_000 }, { invoiceId: 'inv-a', amountCents: 25_000 }]);
    expect(validateAllocations(p, balances)).toEqual(['exceeds_balance:inv-a']);
    // 200 € + 200 € = 400 € exactly: fine
    const q = payment(50_000, [{ invoiceId: 'inv-a', amountCents: 20_000 }, { invoiceId: 'inv-a', amountCents: 20_000 }]);
    expect(validateAllocations(q, balances)).toEqual([]);
  });

  it('refuses non-positive amounts, once', () => {
    expect(validateAllocations(payment(0, []), balances)).toEqual(['non_positive_amount']);
    expect(validateAllocations(payment(-100, []), balances)).toEqual(['non_positive_amount', 'over_allocated']);
    expect(validateAllocations(payment(NaN, []), balances)).toEqual(['non_positive_amount']);
    const p = payment(10_000, [{ invoiceId: 'inv-a', amountCents: 0 }, { invoiceId: 'inv-b', amountCents: -500 }]);
    expect(validateAllocations(p, balances)).toEqual(['non_positive_amount']);
  });

  it('reports every problem at once', () => {
    const p = payment(10_000, [{ invoiceId: 'inv-a', amountCents: 50_000 }, { invoiceId: 'inv-b', amountCents: -1 }]);
    expect(validateAllocations(p, balances)).toEqual(['non_positive_amount', 'over_allocated', 'exceeds_balance:inv-a']);
  });
});
