// The numbers on a client's page, all read from the client's invoice accounts (the receivables
// model): what was invoiced, paid, is still open or late, the penalties owed, and how late the
// client usually pays (the same figure the follow-up weighs its priority with).
import type { Payment } from '$lib/domain/types';
import type { InvoiceAccount } from '$lib/domain/receivables';
import { unallocatedCents } from '$lib/domain/payments';
import { clientRisk, type SettledInvoice } from '$lib/domain/risk';

export interface ClientFigures {
  invoicedCents: number;
  creditedCents: number;
  paidCents: number;
  openCents: number;
  overdueCents: number;
  /** Invoices with something past its due date. */
  overdueCount: number;
  /** Late interest and indemnities owed and not waived, on open or settled invoices. */
  penaltiesCents: number;
  /** Payments not allocated to any invoice: the client's credit. */
  creditCents: number;
  /** Average days between due date and full payment over the invoices paid so far; null when none. */
  averageDaysLate: number | null;
}

/**
 * clientFigures(accounts of the client's invoices, credit notes' TTC, the client's payments).
 * Invoices cancelled by credit notes are left out of « invoiced ».
 */
export function clientFigures(accounts: InvoiceAccount[], creditedCents: number, payments: Payment[]): ClientFigures {
  let invoicedCents = 0;
  let openCents = 0;
  let overdueCents = 0;
  let overdueCount = 0;
  let penaltiesCents = 0;
  const settled: SettledInvoice[] = [];
  for (const a of accounts) {
    if (a.cancelled) continue;
    invoicedCents += a.ttcCents;
    openCents += a.remainingCents;
    if (a.overdue) overdueCount++;
    for (const r of a.receivables) if (r.remainingCents > 0 && r.daysLate > 0) overdueCents += r.remainingCents;
    if (a.penalties !== 'none' && a.penalties !== 'waived') penaltiesCents += a.claimableCents;
    // A retention paid before the works' reception has no due date yet: the invoice's own counts.
    const last = a.receivables.findLast((r) => !r.retentionPending);
    if (a.settledOn && last) settled.push({ dueDate: last.dueDate, settledOn: a.settledOn });
  }
  const risk = clientRisk(settled);
  return {
    invoicedCents,
    creditedCents,
    paidCents: payments.reduce((sum, p) => sum + p.amountCents, 0),
    openCents,
    overdueCents,
    overdueCount,
    penaltiesCents,
    creditCents: payments.reduce((sum, p) => sum + unallocatedCents(p), 0),
    averageDaysLate: risk.settledCount ? Math.round(risk.averageDaysLate) : null
  };
}
