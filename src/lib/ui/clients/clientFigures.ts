// The numbers on a client's page: what was invoiced, paid, is still open or late, and how late
// the client usually pays. Plain data in (amounts already computed by the ledger), plain data out.
import type { IsoDate, Payment } from '$lib/domain/types';
import { daysBetween } from '$lib/domain/dates';
import { unallocatedCents } from '$lib/domain/payments';

export interface InvoiceFacts {
  id: string;
  ttcCents: number;
  balanceCents: number;
  dueDate: IsoDate | null;
  /** True when nothing was ever paid and credit notes cancelled it all. */
  cancelled: boolean;
}

export interface ClientFigures {
  invoicedCents: number;
  creditedCents: number;
  paidCents: number;
  openCents: number;
  overdueCents: number;
  overdueCount: number;
  /** Payments not allocated to any invoice: the client's credit. */
  creditCents: number;
  /** Average days between due date and full payment over the invoices paid so far; null when none. */
  averageDaysLate: number | null;
}

/**
 * clientFigures(invoices, creditNotesTtc, payments, today).
 * An invoice counts in the average once fully paid: days from its due date to the payment that
 * settled it (0 when on time). Invoices cancelled by a credit note are left out.
 */
export function clientFigures(invoices: InvoiceFacts[], creditedCents: number, payments: Payment[], today: IsoDate): ClientFigures {
  const lastPayment = new Map<string, IsoDate>();
  for (const p of payments)
    for (const a of p.allocations) {
      const prev = lastPayment.get(a.invoiceId);
      if (a.amountCents > 0 && (!prev || p.date > prev)) lastPayment.set(a.invoiceId, p.date);
    }
  let invoicedCents = 0;
  let openCents = 0;
  let overdueCents = 0;
  let overdueCount = 0;
  let lateDays = 0;
  let settled = 0;
  for (const inv of invoices) {
    if (inv.cancelled) continue;
    invoicedCents += inv.ttcCents;
    openCents += inv.balanceCents;
    if (inv.balanceCents > 0 && inv.dueDate && inv.dueDate < today) {
      overdueCents += inv.balanceCents;
      overdueCount++;
    }
    const paidOn = lastPayment.get(inv.id);
    if (inv.balanceCents === 0 && inv.dueDate && paidOn) {
      lateDays += Math.max(0, daysBetween(inv.dueDate, paidOn));
      settled++;
    }
  }
  return {
    invoicedCents,
    creditedCents,
    paidCents: payments.reduce((sum, p) => sum + p.amountCents, 0),
    openCents,
    overdueCents,
    overdueCount,
    creditCents: payments.reduce((sum, p) => sum + unallocatedCents(p), 0),
    averageDaysLate: settled ? Math.round(lateDays / settled) : null
  };
}
