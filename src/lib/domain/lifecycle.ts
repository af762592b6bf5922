// Where a document stands: draft → issued → sent → partially paid → paid, overdue derived from
// the invoice's account (domain/receivables.ts: what remains, and whether any of it is late).
// A quote is issued, sent, accepted or refused, and expired once its validity passes unanswered.
import type { Cents, DocumentRecord, DocumentStatus, IsoDate, Totals, VatRegime } from './types';
import { computeTotals } from './money';
import { isQuoteExpired } from './quotes';
import type { InvoiceAccount } from './receivables';

export function documentTotals(doc: DocumentRecord, vatRegime: VatRegime): Totals {
  return doc.frozen ? doc.frozen.totals : computeTotals(doc.lines, doc.discount, vatRegime);
}

/**
 * How much of an issued invoice credit notes may still take off: its TTC less the credit notes
 * already issued on it (`exceptId`: the credit note being issued, when it is in `documents`).
 */
export function creditableCents(invoice: DocumentRecord, documents: readonly DocumentRecord[], vatRegime: VatRegime, exceptId = ''): Cents {
  let credited = 0;
  for (const d of documents)
    if (d.kind === 'credit' && d.status === 'issued' && d.correctsInvoiceId === invoice.id && d.id !== exceptId && d.frozen)
      credited += d.frozen.totals.ttcCents;
  return Math.max(0, documentTotals(invoice, vatRegime).ttcCents - credited);
}

/** The status shown for a document on `today`; an issued invoice's comes from its account on that day. */
export function documentStatus(doc: DocumentRecord, account: InvoiceAccount | null, today: IsoDate): DocumentStatus {
  if (doc.status === 'draft') return 'draft';
  if (doc.kind === 'quote') {
    if (doc.quoteOutcome === 'accepted') return 'accepted';
    if (doc.quoteOutcome === 'refused') return 'refused';
    if (isQuoteExpired(doc, today)) return 'expired';
    return doc.sentAt ? 'sent' : 'issued';
  }
  if (doc.kind === 'credit' || !account) return doc.sentAt ? 'sent' : 'issued';
  if (account.cancelled) return 'cancelled';
  if (account.remainingCents === 0) return account.writtenOffCents > 0 ? 'written_off' : 'paid';
  if (account.overdue) return 'overdue';
  // A partial credit note lowers the balance but is not a payment: nothing paid, not « partially paid ».
  if (account.paidCents > 0) return 'partially_paid';
  return doc.sentAt ? 'sent' : 'issued';
}

export function canEdit(doc: DocumentRecord): { ok: true } | { ok: false; reason: 'issued_frozen' } {
  return doc.status === 'draft' ? { ok: true } : { ok: false, reason: 'issued_frozen' };
}
