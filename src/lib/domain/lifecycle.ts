// Where a document stands: draft → issued → sent → partially paid → paid, overdue derived from
// the due date and what remains due on a given local "today"; credit notes reduce what is due.
import type { Cents, DocumentRecord, DocumentStatus, IsoDate, Payment, Totals, VatRegime } from './types';
import { computeTotals } from './money';
import { daysBetween } from './dates';

export interface InvoiceLedger {
  paidCents: Cents;
  creditedCents: Cents;
}

/** Per invoice id: what payments allocated to it and what issued credit notes took off it. */
export function buildLedgers(documents: DocumentRecord[], payments: Payment[]): Map<string, InvoiceLedger> {
  const ledgers = new Map<string, InvoiceLedger>();
  const entry = (id: string) => {
    let l = ledgers.get(id);
    if (!l) ledgers.set(id, (l = { paidCents: 0, creditedCents: 0 }));
    return l;
  };
  for (const p of payments) for (const a of p.allocations) entry(a.invoiceId).paidCents += a.amountCents;
  for (const d of documents)
    if (d.kind === 'credit' && d.status === 'issued' && d.correctsInvoiceId && d.frozen)
      entry(d.correctsInvoiceId).creditedCents += d.frozen.totals.ttcCents;
  return ledgers;
}

export function documentTotals(doc: DocumentRecord, vatRegime: VatRegime): Totals {
  return doc.frozen ? doc.frozen.totals : computeTotals(doc.lines, doc.discount, vatRegime);
}

/**
 * How much of an issued invoice credit notes may still take off: its TTC less the credit notes
 * already issued on it (`exceptId`: the credit note being issued, when it is in `documents`).
 */
export function creditableCents(invoice: DocumentRecord, documents: DocumentRecord[], vatRegime: VatRegime, exceptId = ''): Cents {
  let credited = 0;
  for (const d of documents)
    if (d.kind === 'credit' && d.status === 'issued' && d.correctsInvoiceId === invoice.id && d.id !== exceptId && d.frozen)
      credited += d.frozen.totals.ttcCents;
  return Math.max(0, documentTotals(invoice, vatRegime).ttcCents - credited);
}

/** What remains to be paid on an issued invoice (never negative); 0 for anything else. */
export function balanceDue(doc: DocumentRecord, ledger: InvoiceLedger, vatRegime: VatRegime): Cents {
  if (doc.kind !== 'invoice' || doc.status !== 'issued') return 0;
  const ttc = documentTotals(doc, vatRegime).ttcCents;
  return Math.max(0, ttc - ledger.paidCents - ledger.creditedCents);
}

export function documentStatus(doc: DocumentRecord, ledger: InvoiceLedger, today: IsoDate, vatRegime: VatRegime): DocumentStatus {
  if (doc.status === 'draft') return 'draft';
  if (doc.kind === 'quote') {
    if (doc.quoteOutcome === 'accepted') return 'accepted';
    if (doc.quoteOutcome === 'refused') return 'refused';
    return doc.sentAt ? 'sent' : 'issued';
  }
  if (doc.kind === 'credit') return doc.sentAt ? 'sent' : 'issued';
  const ttc = documentTotals(doc, vatRegime).ttcCents;
  if (ledger.paidCents === 0 && ledger.creditedCents >= ttc && ttc > 0) return 'cancelled';
  const balance = balanceDue(doc, ledger, vatRegime);
  if (balance === 0) return 'paid';
  if (doc.dueDate && doc.dueDate < today) return 'overdue';
  // A partial credit note lowers the balance but is not a payment: nothing paid, not « partially paid ».
  if (ledger.paidCents > 0) return 'partially_paid';
  return doc.sentAt ? 'sent' : 'issued';
}

/** Days past the due date (0 when not late; due today is not late). */
export function daysLate(dueDate: IsoDate, today: IsoDate): number {
  return Math.max(0, daysBetween(dueDate, today));
}

export function canEdit(doc: DocumentRecord): { ok: true } | { ok: false; reason: 'issued_frozen' } {
  return doc.status === 'draft' ? { ok: true } : { ok: false, reason: 'issued_frozen' };
}
