// The accounts of every issued invoice on today's date (domain/receivables.ts): what the documents
// list, an invoice's page, the payment form, the clients, the home figures and the dashboard read.
// Kept INCREMENTALLY, per client (a client's ledger: its invoices with the credit notes and the
// payments linked to them, domain/receivables.ts `clientLedgers`): each change marks the clients
// whose ledger it touches — a document its client (and the client it left), a credit note the
// client of the invoice it corrects, a payment the clients of the invoices it is allocated to, a
// contact event or a client record that client — and only those are computed again, when the
// accounts are next read. A new day, the company's VAT regime, the policies or the penalty rates
// recompute every client.
import type { ActivityEvent, Company, DocumentRecord, DocumentStatus, IsoDate, Payment, Totals } from '$lib/domain/types';
import { documentStatus, documentTotals } from '$lib/domain/lifecycle';
import { invoiceTotals, isFinalInvoice } from '$lib/domain/deposits';
import {
  documentFacts,
  invoicesPaidBy,
  invoiceWeighedOn,
  ledgerAccounts,
  receptionDateOf,
  summarizeReceivables,
  type AccountContext,
  type ClientLedger,
  type DocumentFacts,
  type InvoiceAccount,
  type Receivable,
  type ReceivablesSummary
} from '$lib/domain/receivables';
import type { ContactEntry } from '$lib/domain/contactLog';
import { effectivePolicies } from '$lib/domain/dunning';
import { penaltyRateTable, type PenaltyRateRow } from '$lib/domain/terms';
import { formalStepIds } from '$lib/domain/chaseItem';
import { findDraftsIssuedTwice, settleIssuedTwice, type IssuedTwiceState } from '$lib/domain/issuedTwice';
import { findDuplicateNumbers } from '$lib/domain/numbering';
import { RepeatIndex } from './repeats.svelte';
import type { Collection } from './collection.svelte';
import { contactEntry } from './chaseFiles';
import { slicer } from './afterPaint';

/** What the view reads: the workspace's collections and company (a Workspace fits). */
export interface AccountsSource {
  clients: Collection<'clients'>;
  documents: Collection<'documents'>;
  payments: Collection<'payments'>;
  events: Collection<'events'>;
  policies: Collection<'policies'>;
  penaltyRates: Collection<'penaltyRates'>;
  readonly company: Company | null;
  companyListeners?: Set<() => void>;
}

/** A client's ledger with its invoices' accounts: replaced (never mutated) when computed again. */
export interface ClientAccounts {
  ledger: ClientLedger;
  /** The accounts of the ledger's invoices, in its order. */
  accounts: InvoiceAccount[];
  /** The day they were computed for. */
  asOf: IsoDate;
}

/**
 * A payment as the indexes hold it: the invoices it was filed under, and its place in the
 * collection — a ledger lists payments (and a client's contacts) in the workspace's order, as a
 * full computation over the collections reads them (two payments of one day: the first one is the
 * one an early-payment discount looks at).
 */
interface PaymentEntry {
  payment: Payment;
  order: number;
  invoices: string[];
  /** The last computation that took it (each is taken once per ledger). */
  stamp: number;
}

const NONE: readonly never[] = [];

function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(id);
}

function pushTo<T>(index: Map<string, T[]>, key: string, item: T): void {
  const list = index.get(key);
  if (list) list.push(item);
  else index.set(key, [item]);
}

function removeFrom<T>(index: Map<string, T[]>, key: string, item: T): void {
  const list = index.get(key);
  const at = list ? list.indexOf(item) : -1;
  if (at >= 0) list!.splice(at, 1);
}

export class ReceivablesView {
  /** The day the accounts are computed for (checkDay moves it on after midnight). */
  #day = $state('');
  /** Bumped when a change reaches the accounts: reading it subscribes a Svelte effect to them. */
  #version = $state(0);

  /** The clients computed again by the last update: what the tests and the benchmark look at. */
  lastRecomputed: string[] = [];

  #source: AccountsSource;
  #stops: (() => void)[] = [];
  // What is pending: every index to rebuild, every client to compute again, or some clients.
  #reindex = true;
  #recomputeAll = false;
  #dirty = new Set<string>();
  #computedDay = '';
  #vatRegime: Company['vatRegime'] | null = null;

  // ——— indexes, kept up to date by each change ———
  /** The facts of each issued invoice and credit note, read once per change of the document. */
  #facts = new Map<string, DocumentFacts>();
  #factsList: DocumentFacts[] | null = null;
  /** Client → its issued invoices. */
  #invoicesOf = new Map<string, Set<string>>();
  /** Invoice id → the credit notes correcting it (kept for invoices not here yet). */
  #creditsOf = new Map<string, Set<string>>();
  /** Invoice id → the payments allocated to it (kept for invoices not here yet). */
  #paymentsOf = new Map<string, PaymentEntry[]>();
  /** Payment id → how it is filed. */
  #payments = new Map<string, PaymentEntry>();
  #stamp = 0;
  /** Quote id → the documents made from it (a quote's reception date releases their retentions). */
  #situationsOf = new Map<string, Set<string>>();
  #quoteOf = new Map<string, string>();
  /** Client → its contact entries, and the client each contact event was filed under. */
  #contactsOf = new Map<string, Map<string, ContactEntry>>();
  #contactClient = new Map<string, string>();
  #contactLists = new Map<string, ContactEntry[]>();
  /** Each contact's place in its collection (payments keep theirs in their entry). */
  #contactOrder = new Map<string, number>();
  #nextOrder = 0;
  /** Indexes being rebuilt: every client is computed next, none needs marking. */
  #rebuilding = false;
  /** Being computed in slices (warm()): a change meanwhile is taken as a change of everything. */
  #warming = false;
  readonly #receptionOf = (quoteId: string) => receptionDateOf(this.#source.documents.peek(quoteId));
  #formalStepIds: ReadonlySet<string> | null = null;
  #rates: PenaltyRateRow[] | null = null;
  /**
   * A draft's totals, by its record: the documents list reads every draft's on each change of any
   * document, and records are replaced, never changed in place, when they change.
   */
  /** Issued documents by kind and number, and by the draft they were issued from: see duplicateNumbers, issuedTwice. */
  #sameNumber: RepeatIndex;
  #sameDraft: RepeatIndex;
  #draftTotals = new WeakMap<DocumentRecord, { vatRegime: Company['vatRegime']; totals: Totals }>();

  // ——— results ———
  #books = new Map<string, ClientAccounts>();
  #accounts = new Map<string, InvoiceAccount>();

  constructor(
    source: AccountsSource,
    private today: () => IsoDate
  ) {
    this.#source = source;
    this.#day = today();
    // Numbers are unique per kind (a quote and an invoice may both be n° 1 of their own series).
    this.#sameNumber = new RepeatIndex(source.documents, (d) => (d.status === 'issued' && d.number ? `${d.kind} ${d.number}` : null));
    this.#sameDraft = new RepeatIndex(source.documents, (d) => (d.status === 'issued' && d.sourceDraftId ? d.sourceDraftId : null));
    const s = source;
    // While warm() runs, the indexes are half made: any change means everything again.
    const when =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A) =>
        this.#warming ? this.#changed(() => (this.#reindex = true)) : fn(...args);
    this.#stops.push(
      s.clients.onChange(when((ids) => (ids ? this.#clientsChanged(ids) : this.#changed(() => (this.#recomputeAll = true))))),
      s.documents.onChange(when((ids) => (ids ? this.#documentsChanged(ids) : this.#changed(() => (this.#reindex = true))))),
      s.payments.onChange(when((ids) => (ids ? this.#paymentsChanged(ids) : this.#changed(() => (this.#reindex = true))))),
      s.events.onChange(when((ids) => (ids ? this.#eventsChanged(ids) : this.#changed(() => (this.#reindex = true))))),
      s.policies.onChange(when(() => this.#changed(() => ((this.#formalStepIds = null), (this.#recomputeAll = true))))),
      s.penaltyRates.onChange(when(() => this.#changed(() => ((this.#rates = null), (this.#recomputeAll = true)))))
    );
    if (s.companyListeners) {
      // Issued documents are frozen; the VAT regime only weighs on the facts of older records.
      const onCompany = when(() => {
        const regime = s.company?.vatRegime ?? 'normal';
        if (regime !== this.#vatRegime) this.#changed(() => (this.#reindex = true));
      });
      s.companyListeners.add(onCompany);
      this.#stops.push(() => s.companyListeners!.delete(onCompany));
    }
  }

  /** Stops following the collections. */
  destroy(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
    this.#sameNumber.destroy();
    this.#sameDraft.destroy();
  }

  /** Call when the page shows again: a new day changes days late and interest. */
  checkDay(): void {
    const day = this.today();
    if (day !== this.#day) this.#day = day;
  }

  get day(): IsoDate {
    return this.#day;
  }

  /** The issued invoices and credit notes, as the receivables model reads them. */
  get facts(): readonly DocumentFacts[] {
    this.#update();
    return (this.#factsList ??= [...this.#facts.values()]);
  }

  /** Every issued invoice's account on the view's day, by invoice id. */
  get accounts(): ReadonlyMap<string, InvoiceAccount> {
    this.#update();
    return this.#accounts;
  }

  /** Each client's ledger and accounts, by client id (a client without issued invoices has none). */
  get books(): ReadonlyMap<string, ClientAccounts> {
    this.#update();
    return this.#books;
  }

  /** A client's account context on the view's day: kind, pause, contact log. */
  context(clientId: string): AccountContext {
    this.#update();
    return this.#contextOf(clientId);
  }

  /** The accounts of one client's invoices. */
  accountsOf(clientId: string): InvoiceAccount[] {
    return this.books.get(clientId)?.accounts ?? [];
  }

  account(id: string): InvoiceAccount | null {
    return this.accounts.get(id) ?? null;
  }

  /** What remains to pay on a document (0 for anything but an issued invoice). */
  remaining(doc: DocumentRecord): number {
    return this.accounts.get(doc.id)?.remainingCents ?? 0;
  }

  totals(doc: DocumentRecord): Totals {
    // An issued document's are frozen in it (the documents list reads thousands: no regime to read).
    if (doc.frozen) return doc.frozen.totals;
    const vatRegime = this.#source.company?.vatRegime ?? 'normal';
    // A draft final invoice: its quote's deposits issued by now already taken off, as the editor shows.
    if (isFinalInvoice(doc)) return invoiceTotals(doc, this.#source.documents.all(), vatRegime);
    const kept = this.#draftTotals.get(doc);
    if (kept?.vatRegime === vatRegime) return kept.totals;
    const totals = documentTotals(doc, vatRegime);
    this.#draftTotals.set(doc, { vatRegime, totals });
    return totals;
  }

  status(doc: DocumentRecord): DocumentStatus {
    return documentStatus(doc, this.account(doc.id), this.#day);
  }

  /** The open receivables of a client (or of everyone). */
  openReceivables(clientId?: string): Receivable[] {
    const out: Receivable[] = [];
    const accounts = clientId === undefined ? this.accounts.values() : this.accountsOf(clientId);
    for (const a of accounts) for (const r of a.receivables) if (r.remainingCents > 0) out.push(r);
    return out;
  }

  /** The home figures: outstanding, overdue, due soon. */
  summary(clientId?: string): ReceivablesSummary {
    return summarizeReceivables(this.openReceivables(clientId), this.#day);
  }

  /** Numbers used by more than one issued document (the layout warns on every page). */
  readonly duplicateNumbers: { number: string; ids: string[] }[] = $derived.by(() =>
    this.#sameNumber.any ? findDuplicateNumbers(this.#source.documents.all()) : []
  );

  /** Drafts issued on several devices offline: where each stands, and the fix to propose. */
  readonly issuedTwice: IssuedTwiceState[] = $derived.by(() => {
    if (!this.#sameDraft.any) return [];
    const documents = this.#source.documents.all();
    const vatRegime = this.#source.company?.vatRegime ?? 'normal';
    return findDraftsIssuedTwice(documents).map((group) =>
      settleIssuedTwice(group, { documents, paidCents: (id) => this.account(id)?.paidCents ?? 0, vatRegime })
    );
  });

  /** The draft-issued-twice group a document belongs to (by its id, or the draft's id). */
  issuedTwiceOf(ref: string): IssuedTwiceState | undefined {
    return this.issuedTwice.find((s) => s.draftId === ref || s.documents.some((d) => d.id === ref));
  }

  // ——— bringing the accounts up to date ———

  /** Records what a change needs, and tells Svelte the accounts changed. */
  #changed(mark: () => void): void {
    mark();
    this.#version++;
  }

  /** Applies what is pending (on read: a burst of changes is computed once). */
  #update(): void {
    void this.#version;
    // Their changes are filed by the listeners; the screens re-read once the collections tell
    // them (archived records join quietly, in parts, and tell them once: Collection.update).
    void this.#source.documents.version;
    void this.#source.payments.version;
    void this.#source.events.version;
    if (this.#warming) return; // half made: read once warm() is done
    const day = this.#day;
    if (day !== this.#computedDay) {
      this.#computedDay = day;
      this.#recomputeAll = true;
    }
    if (this.#reindex) {
      this.#reindex = false;
      this.#recomputeAll = true;
      this.#rebuildIndexes();
    }
    let clients: Iterable<string>;
    if (this.#recomputeAll) {
      this.#recomputeAll = false;
      this.#dirty.clear();
      clients = new Set([...this.#books.keys(), ...this.#invoicesOf.keys()]);
    } else {
      if (!this.#dirty.size) return;
      clients = this.#dirty;
      this.#dirty = new Set();
    }
    this.lastRecomputed = [...clients];
    for (const clientId of this.lastRecomputed) this.#compute(clientId);
  }

  /** One client's ledger read from the indexes, and its accounts computed again. */
  #compute(clientId: string): void {
    const before = this.#books.get(clientId);
    const invoices = this.#invoicesOf.get(clientId);
    const ledger: ClientLedger = { clientId, documents: [], payments: [] };
    const entries: PaymentEntry[] = [];
    const stamp = ++this.#stamp;
    for (const id of invoices ?? NONE) {
      ledger.documents.push(this.#facts.get(id)!);
      for (const credit of this.#creditsOf.get(id) ?? NONE) {
        const f = this.#facts.get(credit);
        if (f) ledger.documents.push(f);
      }
      for (const e of this.#paymentsOf.get(id) ?? NONE)
        if (e.stamp !== stamp) {
          e.stamp = stamp;
          entries.push(e);
        }
    }
    if (entries.length > 1) entries.sort((a, b) => a.order - b.order);
    for (const e of entries) ledger.payments.push(e.payment);
    const accounts = ledger.documents.length ? ledgerAccounts(ledger, this.#contextOf(clientId)) : [];
    // An invoice gone, or moved to another client (whose book may be computed first: then it is theirs).
    for (const a of before?.accounts ?? []) if (this.#accounts.get(a.invoiceId) === a && invoices?.has(a.invoiceId) !== true) this.#accounts.delete(a.invoiceId);
    for (const a of accounts) this.#accounts.set(a.invoiceId, a);
    if (accounts.length) this.#books.set(clientId, { ledger, accounts, asOf: this.#computedDay });
    else this.#books.delete(clientId);
  }

  #contextOf(clientId: string): AccountContext {
    const client = this.#source.clients.peek(clientId);
    this.#formalStepIds ??= formalStepIds(effectivePolicies([...this.#source.policies.values()]));
    this.#rates ??= penaltyRateTable([...this.#source.penaltyRates.values()]);
    return {
      asOf: this.#computedDay,
      clientKind: client?.kind ?? 'company',
      clientPause: client?.chasePause ?? null,
      contacts: this.#contactsList(clientId),
      formalStepIds: this.#formalStepIds,
      rates: this.#rates
    };
  }

  #contactsList(clientId: string): ContactEntry[] {
    let list = this.#contactLists.get(clientId);
    if (!list) {
      const entries = this.#contactsOf.get(clientId);
      if (!entries?.size) return NONE as never[];
      list = [...entries.values()];
      list.sort((a, b) => this.#contactOrder.get(a.id)! - this.#contactOrder.get(b.id)!);
      this.#contactLists.set(clientId, list);
    }
    return list;
  }

  // ——— indexes ———

  #rebuildIndexes(): void {
    for (const _ of this.#reindexSteps());
  }

  /** Files every record anew, yielding after each one (where warm() may pause). */
  *#reindexSteps(): Generator<void> {
    for (const index of [this.#facts, this.#invoicesOf, this.#creditsOf, this.#paymentsOf, this.#payments, this.#situationsOf, this.#quoteOf]) index.clear();
    for (const index of [this.#contactsOf, this.#contactClient, this.#contactLists, this.#contactOrder]) index.clear();
    this.#factsList = null;
    const s = this.#source;
    this.#vatRegime = s.company?.vatRegime ?? 'normal';
    this.#rebuilding = true;
    try {
      for (const d of [...s.documents.values()]) {
        this.#fileDocument(d.id, d);
        yield;
      }
      for (const p of [...s.payments.values()]) {
        this.#filePayment(p.id, this.#nextOrder++, p);
        yield;
      }
      for (const e of [...s.events.values()]) {
        this.#fileContact(e.id, e);
        yield;
      }
    } finally {
      this.#rebuilding = false;
    }
    this.#dirty.clear();
  }

  /**
   * Computes every account before anything reads them, a slice of about `sliceMs` at a time,
   * `pause` letting the page answer between slices: what the first read would otherwise do in
   * one long task (opening years of invoices). A change meanwhile makes the next read redo it all.
   */
  async warm(pause: () => Promise<void>, sliceMs = 8): Promise<void> {
    if (!this.#reindex) return;
    this.#reindex = false;
    this.#warming = true;
    const step = slicer(pause, sliceMs);
    try {
      for (const _ of this.#reindexSteps()) await step();
      this.#computedDay = this.#day;
      this.#recomputeAll = false;
      const clients = [...this.#invoicesOf.keys()];
      for (const clientId of clients) {
        if (this.#reindex) return; // changed meanwhile: the next read does it all again
        this.#compute(clientId);
        await step();
      }
      this.lastRecomputed = clients;
    } finally {
      this.#warming = false;
      this.#version++;
    }
  }

  /** The client whose ledger an invoice is in (null: not an issued invoice here). */
  #ownerOf(invoiceId: string | null): string | null {
    const f = invoiceId === null ? undefined : this.#facts.get(invoiceId);
    return f?.kind === 'invoice' ? f.clientId : null;
  }

  #touch(clientId: string | null): void {
    if (clientId !== null) this.#dirty.add(clientId);
  }

  #fileDocument(id: string, d: DocumentRecord | undefined = this.#source.documents.peek(id)): void {
    if (d?.sourceQuoteId) {
      addTo(this.#situationsOf, d.sourceQuoteId, id);
      this.#quoteOf.set(id, d.sourceQuoteId);
    }
    const facts = d ? documentFacts(d, this.#vatRegime ?? 'normal', this.#receptionOf) : null;
    if (!facts) return;
    this.#facts.set(id, facts);
    if (facts.kind === 'invoice') addTo(this.#invoicesOf, facts.clientId, id);
    else if (facts.correctsInvoiceId) addTo(this.#creditsOf, facts.correctsInvoiceId, id);
    if (!this.#rebuilding) this.#touch(this.#ownerOf(invoiceWeighedOn(facts)));
  }

  #unfileDocument(id: string): void {
    const quote = this.#quoteOf.get(id);
    if (quote !== undefined) {
      this.#situationsOf.get(quote)?.delete(id);
      this.#quoteOf.delete(id);
    }
    const facts = this.#facts.get(id);
    if (!facts) return;
    this.#touch(this.#ownerOf(invoiceWeighedOn(facts)));
    this.#facts.delete(id);
    if (facts.kind === 'invoice') this.#invoicesOf.get(facts.clientId)?.delete(id);
    else if (facts.correctsInvoiceId) this.#creditsOf.get(facts.correctsInvoiceId)?.delete(id);
  }

  /** Files a payment under each invoice it pays; `order`: its place in the collection, kept when it changes. */
  #filePayment(id: string, order = this.#nextOrder++, payment: Payment | undefined = this.#source.payments.peek(id)): void {
    if (!payment) return;
    const entry: PaymentEntry = { payment, order, invoices: invoicesPaidBy(payment), stamp: 0 };
    this.#payments.set(id, entry);
    for (const invoiceId of entry.invoices) {
      pushTo(this.#paymentsOf, invoiceId, entry);
      if (!this.#rebuilding) this.#touch(this.#ownerOf(invoiceId));
    }
  }

  /** Takes a payment out of the indexes; returns its place in the collection (undefined: it was not there). */
  #unfilePayment(id: string): number | undefined {
    const entry = this.#payments.get(id);
    if (!entry) return undefined;
    for (const invoiceId of entry.invoices) {
      removeFrom(this.#paymentsOf, invoiceId, entry);
      this.#touch(this.#ownerOf(invoiceId));
    }
    this.#payments.delete(id);
    return entry.order;
  }

  /** Files a contact event under its client (any other event is left out). */
  #fileContact(id: string, e: ActivityEvent | undefined = this.#source.events.peek(id)): void {
    const entry = e ? contactEntry(e) : null;
    if (!entry) {
      this.#contactOrder.delete(id);
      return;
    }
    if (!this.#contactOrder.has(id)) this.#contactOrder.set(id, this.#nextOrder++);
    let entries = this.#contactsOf.get(entry.clientId);
    if (!entries) this.#contactsOf.set(entry.clientId, (entries = new Map()));
    entries.set(id, entry);
    this.#contactClient.set(id, entry.clientId);
    this.#contactLists.delete(entry.clientId);
    this.#touch(entry.clientId);
  }

  #unfileContact(id: string): void {
    const clientId = this.#contactClient.get(id);
    if (clientId === undefined) return;
    this.#contactsOf.get(clientId)?.delete(id);
    this.#contactClient.delete(id);
    this.#contactLists.delete(clientId);
    this.#touch(clientId);
  }

  // ——— changes ———

  #documentsChanged(ids: ReadonlySet<string>): void {
    // A quote's reception date moves its situations' retentions: they are read again with it.
    const all = new Set(ids);
    for (const id of ids) for (const s of this.#situationsOf.get(id) ?? []) all.add(s);
    for (const id of all) {
      this.#unfileDocument(id);
      this.#fileDocument(id);
    }
    this.#factsList = null;
  }

  #paymentsChanged(ids: ReadonlySet<string>): void {
    for (const id of ids) this.#filePayment(id, this.#unfilePayment(id));
  }

  #eventsChanged(ids: ReadonlySet<string>): void {
    // Most events (a document issued, a payment recorded) are not contacts: filing them does nothing.
    for (const id of ids) {
      this.#unfileContact(id);
      this.#fileContact(id);
    }
  }

  #clientsChanged(ids: ReadonlySet<string>): void {
    // A client's kind and pause weigh on its accounts.
    let any = false;
    for (const id of ids)
      if (this.#invoicesOf.get(id)?.size) {
        this.#dirty.add(id);
        any = true;
      }
    if (any) this.#version++;
  }
}
