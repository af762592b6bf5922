// Figures derived from the records, recomputed only when payments or documents change.
import { buildLedgers, documentStatus, balanceDue, documentTotals, type InvoiceLedger } from '$lib/domain/lifecycle';
import type { DocumentRecord, DocumentStatus, IsoDate, Totals } from '$lib/domain/types';
import type { Workspace } from './workspace.svelte';

const NO_LEDGER: InvoiceLedger = { paidCents: 0, creditedCents: 0 };

export class LedgerView {
  constructor(private ws: Workspace) {}

  readonly ledgers = $derived.by(() => buildLedgers(this.ws.documents.all(), this.ws.payments.all()));

  ledger(id: string): InvoiceLedger {
    return this.ledgers.get(id) ?? NO_LEDGER;
  }

  totals(doc: DocumentRecord): Totals {
    return documentTotals(doc, this.ws.company?.vatRegime ?? 'normal');
  }

  balance(doc: DocumentRecord): number {
    return balanceDue(doc, this.ledger(doc.id), this.ws.company?.vatRegime ?? 'normal');
  }

  status(doc: DocumentRecord, today: IsoDate): DocumentStatus {
    return documentStatus(doc, this.ledger(doc.id), today, this.ws.company?.vatRegime ?? 'normal');
  }
}
