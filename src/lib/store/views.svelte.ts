// The accounts of every issued invoice on today's date (domain/receivables.ts), recomputed when
// documents, payments, clients or contact events change: what the documents list, an invoice's
// page, the payment form, the clients and the home figures read.
import type { DocumentRecord, DocumentStatus, IsoDate, Totals } from '$lib/domain/types';
import { documentStatus, documentTotals } from '$lib/domain/lifecycle';
import { invoiceTotals, isFinalInvoice } from '$lib/domain/deposits';
import {
  documentFacts,
  invoiceAccounts,
  receptionDates,
  summarizeReceivables,
  type AccountContext,
  type DocumentFacts,
  type InvoiceAccount,
  type Receivable,
  type ReceivablesSummary
} from '$lib/domain/receivables';
import type { ContactEntry } from '$lib/domain/contactLog';
import { effectivePolicies } from '$lib/domain/dunning';
import { penaltyRateTable } from '$lib/domain/terms';
import { formalStepIds } from '$lib/domain/chaseItem';
import { findDraftsIssuedTwice, settleIssuedTwice, type IssuedTwiceState } from '$lib/domain/issuedTwice';
import type { Workspace } from './workspace.svelte';
import { contactEntry } from './chaseFiles';


export class ReceivablesView {
  /** The day the accounts are computed for (checkDay moves it on after midnight). */
  #day = $state('');

  constructor(
    private ws: Workspace,
    private today: () => IsoDate
  ) {
    this.#day = today();
  }

  /** Call when the page shows again: a new day changes days late and interest. */
  checkDay(): void {
    const day = this.today();
    if (day !== this.#day) this.#day = day;
  }

  get day(): IsoDate {
    return this.#day;
  }

  /** The facts of the issued invoices and credit notes (frozen: read once per change). */
  readonly #facts = $derived.by(() => {
    const vatRegime = this.ws.company?.vatRegime ?? 'normal';
    const out: DocumentFacts[] = [];
    // A situation's retention is released a year after its quote's reception date.
    const reception = receptionDates(this.ws.documents.all());
    const receptionOf = (quoteId: string) => reception.get(quoteId);
    for (const d of this.ws.documents.all()) {
      const f = documentFacts(d, vatRegime, receptionOf);
      if (f) out.push(f);
    }
    return out;
  });

  readonly #contacts = $derived.by(() => {
    const byClient = new Map<string, ContactEntry[]>();
    for (const e of this.ws.events.all()) {
      const entry = contactEntry(e);
      if (!entry) continue;
      const list = byClient.get(entry.clientId);
      if (list) list.push(entry);
      else byClient.set(entry.clientId, [entry]);
    }
    return byClient;
  });

  readonly #rates = $derived.by(() => penaltyRateTable(this.ws.penaltyRates.all()));
  readonly #formalStepIds = $derived.by(() => formalStepIds(effectivePolicies(this.ws.policies.all())));

  /** The issued invoices and credit notes, as the receivables model reads them. */
  get facts(): readonly DocumentFacts[] {
    return this.#facts;
  }

  /** A client's account context on the view's day: kind, pause, contact log. */
  context(clientId: string): AccountContext {
    const client = this.ws.clients.peek(clientId);
    return {
      asOf: this.#day,
      clientKind: client?.kind ?? 'company',
      clientPause: client?.chasePause ?? null,
      contacts: this.#contacts.get(clientId) ?? [],
      formalStepIds: this.#formalStepIds,
      rates: this.#rates
    };
  }

  /** Every issued invoice's account on the view's day, by invoice id. */
  readonly accounts = $derived.by(() => {
    void this.#day;
    void this.ws.clients.version;
    const contexts = new Map<string, AccountContext>();
    const contextOf = (clientId: string): AccountContext => {
      let c = contexts.get(clientId);
      if (!c) contexts.set(clientId, (c = this.context(clientId)));
      return c;
    };
    return invoiceAccounts(this.#facts, this.ws.payments.all(), contextOf);
  });

  /** The accounts of one client's invoices. */
  accountsOf(clientId: string): InvoiceAccount[] {
    const out: InvoiceAccount[] = [];
    for (const a of this.accounts.values()) if (a.clientId === clientId) out.push(a);
    return out;
  }

  account(id: string): InvoiceAccount | null {
    return this.accounts.get(id) ?? null;
  }

  /** What remains to pay on a document (0 for anything but an issued invoice). */
  remaining(doc: DocumentRecord): number {
    return this.accounts.get(doc.id)?.remainingCents ?? 0;
  }

  totals(doc: DocumentRecord): Totals {
    // A draft final invoice: its quote's deposits issued by now already taken off, as the editor shows.
    if (!doc.frozen && isFinalInvoice(doc)) return invoiceTotals(doc, this.ws.documents.all(), this.ws.company?.vatRegime ?? 'normal');
    return documentTotals(doc, this.ws.company?.vatRegime ?? 'normal');
  }

  status(doc: DocumentRecord): DocumentStatus {
    return documentStatus(doc, this.account(doc.id), this.#day);
  }

  /** The open receivables of a client (or of everyone). */
  openReceivables(clientId?: string): Receivable[] {
    const out: Receivable[] = [];
    for (const a of this.accounts.values()) {
      if (clientId !== undefined && a.clientId !== clientId) continue;
      for (const r of a.receivables) if (r.remainingCents > 0) out.push(r);
    }
    return out;
  }

  /** The home figures: outstanding, overdue, due soon. */
  summary(clientId?: string): ReceivablesSummary {
    return summarizeReceivables(this.openReceivables(clientId), this.#day);
  }

  /** Drafts issued on several devices offline: where each stands, and the fix to propose. */
  readonly issuedTwice: IssuedTwiceState[] = $derived.by(() => {
    const documents = this.ws.documents.all();
    const vatRegime = this.ws.company?.vatRegime ?? 'normal';
    return findDraftsIssuedTwice(documents).map((group) =>
      settleIssuedTwice(group, { documents, paidCents: (id) => this.account(id)?.paidCents ?? 0, vatRegime })
    );
  });

  /** The draft-issued-twice group a document belongs to (by its id, or the draft's id). */
  issuedTwiceOf(ref: string): IssuedTwiceState | undefined {
    return this.issuedTwice.find((s) => s.draftId === ref || s.documents.some((d) => d.id === ref));
  }
}
