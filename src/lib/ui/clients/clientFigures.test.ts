import { describe, expect, it } from 'vitest';
import type { Payment } from '$lib/domain/types';
import { clientFigures, type InvoiceFacts } from './clientFigures';

const inv = (id: string, ttcCents: number, balanceCents: number, dueDate: string | null, cancelled = false): InvoiceFacts => ({
  id,
  ttcCents,
  balanceCents,
  dueDate,
  cancelled
});
const pay = (date: string, amountCents: number, allocations: [string, number][]): Payment => ({
  id: `p-${date}`,
  clientId: 'c1',
  amountCents,
  date,
  method: 'transfer',
  reference: '',
  allocations: allocations.map(([invoiceId, amount]) => ({ invoiceId, amountCents: amount })),
  memberId: 'm',
  createdAt: `${date}T10:00:00.000Z`
});

describe('clientFigures', () => {
  it('adds up invoiced, paid, open and overdue amounts', () => {
    const invoices = [
      inv('a', 12000, 0, '2026-01-31'), // paid 10 days late
      inv('b', 6000, 6000, '2026-02-28'), // overdue on 10 March
      inv('c', 2400, 1400, '2026-03-31'), // partly paid, not yet due
      inv('d', 5000, 0, '2026-02-15', true) // cancelled by a credit note
    ];
    const payments = [pay('2026-02-05', 7000, [['a', 7000]]), pay('2026-02-10', 7000, [['a', 5000], ['c', 1000]])];
    const f = clientFigures(invoices, 5000, payments, '2026-03-10');
    expect(f.invoicedCents).toBe(20400);
    expect(f.creditedCents).toBe(5000);
    expect(f.paidCents).toBe(14000);
    expect(f.openCents).toBe(7400);
    expect(f.overdueCents).toBe(6000);
    expect(f.overdueCount).toBe(1);
    expect(f.creditCents).toBe(1000); // 14 000 paid, 13 000 allocated
    expect(f.averageDaysLate).toBe(10); // settled on 10 Feb, due 31 Jan
  });

  it('counts an invoice paid before its due date as 0 days late, and averages', () => {
    const invoices = [inv('a', 1000, 0, '2026-01-31'), inv('b', 1000, 0, '2026-01-31')];
    const payments = [pay('2026-01-20', 1000, [['a', 1000]]), pay('2026-02-05', 1000, [['b', 1000]])];
    expect(clientFigures(invoices, 0, payments, '2026-03-10').averageDaysLate).toBe(3); // (0 + 5) / 2 = 2.5 → 3
  });

  it('has no average before any invoice is settled', () => {
    expect(clientFigures([inv('a', 1000, 1000, '2026-01-31')], 0, [], '2026-03-10').averageDaysLate).toBeNull();
  });
});
