// The « À relancer » list kept up to date INCREMENTALLY: the records are indexed per client once,
// then each change (a document, a payment, a contact event, a client) marks only the clients it
// touches, and only those are computed again (domain/chaseItem.ts `chaseClient`). A change of
// policies, of the mapping, of the company or of the day recomputes every client.
import type { Company, ChaseConfig, IsoDate } from '$lib/domain/types';
import { documentFacts, type DocumentFacts } from '$lib/domain/receivables';
import type { ContactEntry } from '$lib/domain/contactLog';
import { chaseClient, chaseEnv, prepareFile, type ChaseEnv, type ClientChase, type ClientFile, type PreparedFile } from '$lib/domain/chaseItem';
import { assembleList, type ChaseList } from '$lib/domain/chaseList';
import { DEFAULT_CHASE_CONFIG, effectivePolicies } from '$lib/domain/dunning';
import type { Collection } from './collection.svelte';
import { contactEntry } from './chaseFiles';
import { slicer, yieldToPage } from './afterPaint';

/** What the view reads: the workspace's collections and company (a Workspace fits). */
export interface ChaseSource {
  clients: Collection<'clients'>;
  documents: Collection<'documents'>;
  payments: Collection<'payments'>;
  events: Collection<'events'>;
  policies: Collection<'policies'>;
  chaseConfig: Collection<'chaseConfig'>;
  readonly company: Company | null;
  companyListeners?: Set<() => void>;
}

const EMPTY: ChaseList = { overdue: [], today: [], courtesy: [], postponed: 0 };
/** Clients touched at once beyond which they are computed in slices of about SLICE_MS. */
const SLICED_FROM = 200;
const SLICE_MS = 8;

function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(id);
}

export class ChaseView {
  /** The list of the day, replaced (never mutated) after each change. */
  list = $state.raw<ChaseList>(EMPTY);
  /** Number of client items on the list (the badge). */
  readonly count = $derived(this.list.overdue.length + this.list.today.length + this.list.courtesy.length);

  /** The clients computed by the last update: what the tests and the benchmark look at. */
  lastRecomputed: string[] = [];

  #source: ChaseSource;
  #today: () => IsoDate;
  #day = '';
  #results = new Map<string, ClientChase>();
  // Ids per client, and the client each record was filed under (to find it again when the
  // record changes or disappears).
  #docsOf = new Map<string, Set<string>>();
  #paymentsOf = new Map<string, Set<string>>();
  #contactsOf = new Map<string, Set<string>>();
  #docClient = new Map<string, string>();
  #paymentClients = new Map<string, string[]>();
  /** Payment ids per invoice they pay (may keep ids of deleted payments: checked on use). */
  #paymentsByInvoice = new Map<string, Set<string>>();
  #eventClient = new Map<string, string>();
  #entries = new Map<string, ContactEntry>();
  /** The facts of each issued document, read once per change of the document. */
  #facts = new Map<string, DocumentFacts>();
  #dirty = new Set<string>();
  /** Each client's file, settled once and kept until one of its records changes: a new day or
   * new policies recompute the decisions from the same prepared files. */
  #files = new Map<string, PreparedFile>();
  #all = true;
  #scheduled = false;
  /** Being built in slices (ChaseView.build): a change meanwhile makes the end rebuild everything. */
  #building = false;
  /** A large change being computed in slices (#flushSliced). */
  #slicing = false;
  /** Counts the changes of settings (policies, mapping, company): what #flushSliced checks. */
  #settings = 0;
  #pause: () => Promise<void>;
  #sliceMs: number;
  #stops: (() => void)[] = [];

  constructor(source: ChaseSource, today: () => IsoDate, computeNow = true, pause: () => Promise<void> = yieldToPage, sliceMs = SLICE_MS) {
    this.#source = source;
    this.#today = today;
    this.#pause = pause;
    this.#sliceMs = sliceMs;
    const s = source;
    // While built in slices, any change is taken as a change of everything: the indexes are
    // half made, the end of the build rebuilds them whole (rare: a change within that second).
    const when =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A) =>
        this.#building ? this.#markAll() : fn(...args);
    this.#stops.push(
      s.clients.onChange(when((ids) => (ids ? this.#markClients(ids) : this.#markAll()))),
      s.documents.onChange(when((ids) => (ids ? this.#documentsChanged(ids) : this.#markAll()))),
      s.payments.onChange(when((ids) => (ids ? this.#paymentsChanged(ids) : this.#markAll()))),
      s.events.onChange(when((ids) => (ids ? this.#eventsChanged(ids) : this.#markAll()))),
      s.policies.onChange(when(() => this.#markAll(false))),
      s.chaseConfig.onChange(when(() => this.#markAll(false)))
    );
    if (s.companyListeners) {
      const onCompany = when(() => this.#markAll(false));
      s.companyListeners.add(onCompany);
      this.#stops.push(() => s.companyListeners!.delete(onCompany));
    }
    if (computeNow) this.flush();
  }

  /**
   * The view built a few records and clients at a time, `pause` letting the page answer between
   * slices of about `sliceMs` (opening years of invoices: one pass is a few hundred ms).
   */
  static async build(source: ChaseSource, today: () => IsoDate, pause: () => Promise<void>, sliceMs = 8): Promise<ChaseView> {
    const view = new ChaseView(source, today, false, pause, sliceMs);
    await view.#buildSliced(pause, sliceMs);
    return view;
  }

  async #buildSliced(pause: () => Promise<void>, sliceMs: number): Promise<void> {
    this.#building = true;
    const step = slicer(pause, sliceMs);
    try {
      this.#all = false;
      this.#day = this.#today();
      this.#clearIndexes();
      const s = this.#source;
      for (const d of [...s.documents.values()]) {
        this.#indexDocument(d.id);
        await step();
      }
      for (const p of [...s.payments.values()]) {
        this.#indexPayment(p.id);
        await step();
      }
      for (const e of [...s.events.values()]) {
        this.#indexEvent(e.id);
        await step();
      }
      const env = this.#env(this.#day);
      const clients = [...s.clients.values()].map((c) => c.id);
      for (const clientId of clients) {
        if (this.#all) break; // something changed: rebuilt whole below
        const file = this.#file(clientId);
        if (file) this.#results.set(clientId, chaseClient(file, env));
        await step();
      }
      this.lastRecomputed = clients;
    } finally {
      this.#building = false;
    }
    if (this.#all) this.flush();
    else this.list = assembleList(this.#results.values());
  }

  /** Stops following the collections. */
  destroy(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
  }

  /** What the view knows of one client (its receivables and decisions), after the last update. */
  client(clientId: string): ClientChase | undefined {
    void this.list; // a Svelte effect reading a client follows the list's updates
    return this.#results.get(clientId);
  }

  /** Checks the day (the list changes at midnight); call it when the page shows again. */
  checkDay(): void {
    if (this.#today() !== this.#day) {
      this.#markAll(false);
      this.flush();
    }
  }

  /** Applies pending changes now (they are otherwise applied once the current task ends). */
  flush(): void {
    if (this.#building) return; // the build ends with it
    this.#scheduled = false;
    const today = this.#today();
    if (today !== this.#day) {
      // A new day changes decisions, not what each client owes: same files, all recomputed.
      this.#day = today;
      for (const c of this.#source.clients.values()) this.#dirty.add(c.id);
    }
    if (this.#all) {
      this.#all = false;
      this.#dirty.clear();
      this.#files.clear();
      this.#rebuildIndexes();
      this.#results.clear();
      this.lastRecomputed = [...this.#source.clients.values()].map((c) => c.id);
    } else {
      if (!this.#dirty.size) return;
      this.lastRecomputed = [...this.#dirty];
      this.#dirty.clear();
    }
    const env = this.#env(today);
    for (const clientId of this.lastRecomputed) {
      const file = this.#file(clientId);
      if (file) this.#results.set(clientId, chaseClient(file, env));
      else this.#results.delete(clientId);
    }
    this.list = assembleList(this.#results.values());
  }

  #env(today: IsoDate): ChaseEnv {
    const s = this.#source;
    const config: ChaseConfig = s.chaseConfig.peek('main') ?? DEFAULT_CHASE_CONFIG;
    return chaseEnv(today, s.company?.vatRegime ?? 'normal', { policies: effectivePolicies([...s.policies.values()]), config });
  }

  #file(clientId: string): PreparedFile | null {
    const s = this.#source;
    const client = s.clients.peek(clientId);
    if (!client) return null;
    const cached = this.#files.get(clientId);
    if (cached && cached.file.client === client) return cached;
    const file: ClientFile = { client, documents: [], payments: [], contacts: [] };
    for (const id of this.#docsOf.get(clientId) ?? []) {
      const d = this.#facts.get(id);
      if (d) file.documents.push(d);
    }
    for (const id of this.#paymentsOf.get(clientId) ?? []) {
      const p = s.payments.peek(id);
      if (p) file.payments.push(p);
    }
    for (const id of this.#contactsOf.get(clientId) ?? []) {
      const e = this.#entries.get(id);
      if (e) file.contacts.push(e);
    }
    const prepared = prepareFile(file);
    this.#files.set(clientId, prepared);
    return prepared;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      if (!this.#scheduled || this.#slicing) return; // the slices running take the change
      if (this.#dirty.size > SLICED_FROM && !this.#all && this.#today() === this.#day) void this.#flushSliced();
      else this.flush();
    });
  }

  /**
   * Hundreds of clients touched at once (an archive loaded, a sync catching up) are computed a
   * slice per task, the list replaced once at the end: until then it is the list as it was. A
   * change meanwhile joins the slices; flush() meanwhile finishes them at once.
   */
  async #flushSliced(): Promise<void> {
    this.#scheduled = false;
    this.#slicing = true;
    const step = slicer(this.#pause, this.#sliceMs);
    const computed = new Set<string>();
    try {
      let settings = this.#settings;
      let env = this.#env(this.#day);
      while (this.#dirty.size && !this.#all && !this.#building && this.#stops.length && this.#today() === this.#day) {
        const [clientId] = this.#dirty;
        this.#dirty.delete(clientId);
        computed.add(clientId);
        const file = this.#file(clientId);
        if (file) this.#results.set(clientId, chaseClient(file, env));
        else this.#results.delete(clientId);
        await step();
        // Settings changed meanwhile: every client was marked again, computed with the new ones.
        if (settings !== this.#settings) {
          settings = this.#settings;
          env = this.#env(this.#day);
        }
      }
    } finally {
      this.#slicing = false;
    }
    if (!this.#stops.length) return; // destroyed meanwhile
    if (this.#all || this.#dirty.size || this.#today() !== this.#day) return this.flush();
    this.lastRecomputed = [...computed];
    this.list = assembleList(this.#results.values());
  }

  #markAll(reindex = true): void {
    // A replaced collection needs its index rebuilt; a settings change only recomputes.
    if (reindex) this.#all = true;
    else {
      this.#settings++;
      for (const c of this.#source.clients.values()) this.#dirty.add(c.id);
    }
    this.#schedule();
  }

  #markClients(ids: Iterable<string>): void {
    for (const id of ids) this.#touch(id);
    this.#schedule();
  }

  /** One of this client's records changed: its file is read again and its item recomputed. */
  #touch(clientId: string): void {
    this.#dirty.add(clientId);
    this.#files.delete(clientId);
  }

  // ——— indexes ———

  #rebuildIndexes(): void {
    this.#clearIndexes();
    const s = this.#source;
    for (const d of s.documents.values()) this.#indexDocument(d.id);
    for (const p of s.payments.values()) this.#indexPayment(p.id);
    for (const e of s.events.values()) this.#indexEvent(e.id);
  }

  #clearIndexes(): void {
    this.#docsOf.clear();
    this.#paymentsOf.clear();
    this.#contactsOf.clear();
    this.#docClient.clear();
    this.#facts.clear();
    this.#paymentClients.clear();
    this.#paymentsByInvoice.clear();
    this.#eventClient.clear();
    this.#entries.clear();
  }

  #indexDocument(id: string): string | null {
    const d = this.#source.documents.peek(id);
    // Issued documents are frozen: their totals do not depend on today's VAT regime.
    // A situation's retention is released a year after its quote's reception date.
    const facts = d ? documentFacts(d, this.#source.company?.vatRegime ?? 'normal', (q) => this.#source.documents.peek(q)?.receptionDate) : null;
    if (!facts) return null;
    addTo(this.#docsOf, facts.clientId, id);
    this.#docClient.set(id, facts.clientId);
    this.#facts.set(id, facts);
    return facts.clientId;
  }

  #indexPayment(id: string): string[] {
    const p = this.#source.payments.peek(id);
    if (!p) return [];
    // Filed under its client and under the owner of each invoice it pays.
    const clients = [p.clientId];
    for (const a of p.allocations) {
      addTo(this.#paymentsByInvoice, a.invoiceId, id);
      const owner = this.#docClient.get(a.invoiceId);
      if (owner && !clients.includes(owner)) clients.push(owner);
    }
    for (const c of clients) addTo(this.#paymentsOf, c, id);
    this.#paymentClients.set(id, clients);
    return clients;
  }

  #indexEvent(id: string): string | null {
    const e = this.#source.events.peek(id);
    const entry = e ? contactEntry(e) : null;
    if (!entry) return null;
    addTo(this.#contactsOf, entry.clientId, id);
    this.#eventClient.set(id, entry.clientId);
    this.#entries.set(id, entry);
    return entry.clientId;
  }

  #documentsChanged(changed: ReadonlySet<string>): void {
    const ids = this.#withSituations(changed);
    for (const id of ids) {
      const before = this.#docClient.get(id);
      if (before) {
        this.#docsOf.get(before)?.delete(id);
        this.#docClient.delete(id);
        this.#facts.delete(id);
        this.#touch(before);
      }
      const after = this.#indexDocument(id);
      if (after) {
        this.#touch(after);
        // Payments that arrived before their invoice: file them under its client now.
        if (!before) for (const p of this.#paymentsByInvoice.get(id) ?? []) this.#refilePayment(p);
      }
    }
    this.#schedule();
  }

  /** A quote's reception date moves its situations' retentions: they are read again with it. */
  #withSituations(ids: ReadonlySet<string>): ReadonlySet<string> {
    let out: Set<string> | null = null;
    for (const id of ids) {
      const q = this.#source.documents.peek(id);
      if (q?.kind !== 'quote' || q.status !== 'issued') continue;
      for (const other of this.#docsOf.get(q.clientId) ?? [])
        if (this.#source.documents.peek(other)?.sourceQuoteId === id) (out ??= new Set(ids)).add(other);
    }
    return out ?? ids;
  }

  #refilePayment(id: string): void {
    for (const c of this.#paymentClients.get(id) ?? []) {
      this.#paymentsOf.get(c)?.delete(id);
      this.#touch(c);
    }
    this.#paymentClients.delete(id);
    for (const c of this.#indexPayment(id)) this.#touch(c);
  }

  #paymentsChanged(ids: ReadonlySet<string>): void {
    for (const id of ids) this.#refilePayment(id);
    this.#schedule();
  }

  #eventsChanged(ids: ReadonlySet<string>): void {
    let any = false;
    for (const id of ids) {
      const before = this.#eventClient.get(id);
      if (before) {
        this.#contactsOf.get(before)?.delete(id);
        this.#eventClient.delete(id);
        this.#entries.delete(id);
        this.#touch(before);
        any = true;
      }
      const after = this.#indexEvent(id);
      if (after) {
        this.#touch(after);
        any = true;
      }
    }
    // Most events (a document issued, a payment recorded) are not contacts: nothing to redo.
    if (any) this.#schedule();
  }
}
