// What clients owe on a given local day: the open invoices and the figures of the home screen.
import type { Cents, DocumentRecord, IsoDate, VatRegime } from './types';
import { balanceDue, daysLate, type InvoiceLedger } from './lifecycle';
import { addDays } from './dates';
import { compareCodes } from './compare';

export interface OpenReceivable {
  invoiceId: string;
  clientId: string;
  number: string;
  dueDate: IsoDate | null;
  balanceCents: Cents;
  daysLate: number;
  disputed: boolean;
}

const NO_LEDGER: InvoiceLedger = { paidCents: 0, creditedCents: 0 };

/** Issued invoices with something left to pay, most late first (then oldest due date, number). */
export function openReceivables(
  documents: DocumentRecord[],
  ledgers: Map<string, InvoiceLedger>,
  vatRegime: VatRegime,
  today: IsoDate
): OpenReceivable[] {
  const open: OpenReceivable[] = [];
  for (const doc of documents) {
    if (doc.kind !== 'invoice' || doc.status !== 'issued') continue;
    const balanceCents = balanceDue(doc, ledgers.get(doc.id) ?? NO_LEDGER, vatRegime);
    if (balanceCents <= 0) continue;
    open.push({
      invoiceId: doc.id,
      clientId: doc.clientId,
      number: doc.number,
      dueDate: doc.dueDate,
      balanceCents,
      daysLate: doc.dueDate ? daysLate(doc.dueDate, today) : 0,
      disputed: doc.disputed
    });
  }
  return open.sort(
    (a, b) => b.daysLate - a.daysLate || compareCodes(a.dueDate, b.dueDate) || compareCodes(a.number, b.number)
  );
}

export interface ReceivablesSummary {
  outstandingCents: Cents;
  overdueCents: Cents;
  overdueCount: number;
  /** Due from today to `soonDays` days ahead, not yet late. */
  dueSoonCents: Cents;
  dueSoonCount: number;
}

/** Totals of the open receivables: overdue means strictly after the due date. */
export function summarizeReceivables(open: OpenReceivable[], today: IsoDate, soonDays = 7): ReceivablesSummary {
  const soon = addDays(today, soonDays);
  const s: ReceivablesSummary = { outstandingCents: 0, overdueCents: 0, overdueCount: 0, dueSoonCents: 0, dueSoonCount: 0 };
  for (const r of open) {
    s.outstandingCents += r.balanceCents;
    if (r.daysLate > 0) {
      s.overdueCents += r.balanceCents;
      s.overdueCount++;
    } else if (r.dueDate && r.dueDate >= today && r.dueDate <= soon) {
      s.dueSoonCents += r.balanceCents;
      s.dueSoonCount++;
    }
  }
  return s;
}
