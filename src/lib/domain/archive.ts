// Which records leave the live document for their year's archive: the live document keeps today's
// working set (clients, drafts, what is still owed or open, the last ARCHIVE_GRACE_DAYS days); what
// was settled before goes to the archive of its year — the current year's too, so that the live
// document does not grow with the year.
//
// Records move in GROUPS that never split between live and archive, so that everything computed
// from them (accounts, dashboard, chase list, integrity) is the same whether an archive is loaded
// or not. A group is a connected component of links:
// - document ↔ document: an invoice and its quote (`sourceQuoteId`), a credit note and its invoice
//   (`correctsInvoiceId`), a deposit and its quote or order key (`deposit`), a final invoice and
//   the deposits of its order (`jobOrderKey`) or that it deducts, a situation and its quote
//   (`progress`); a reference may name a draft id, which links every record issued from it
//   (`sourceDraftId`: two devices issuing one draft offline leave two records, one group);
// - a payment and every document its allocations name;
// - an event and its `documentId`, and a contact event and every document its targets name.
// A group is archivable when all of:
// - every document is issued (a draft anywhere keeps the group live);
// - every invoice is settled: nothing remains, no penalties claimed and still due (penalties
//   never claimed do not count), no open collection case, not disputed (an invoice without an
//   account counts as settled, like a cancelled one);
// - every quote is accepted, refused or expired (a retention still running on its situations
//   shows as something remaining on their accounts);
// - every payment is wholly allocated (an unallocated rest is the client's credit, still usable);
// - nothing in it is pinned, and every reference from a document or payment names a record we have;
// - its latest date (issue and send dates, payments, events, settlements, write-offs, decisions,
//   collection closings, receptions) is ARCHIVE_GRACE_DAYS days ago or more.
// The group goes to the archive of its latest date's year. Events naming no document we have form
// their own group, archivable on their date alone — except contact events (the follow-up register
// reads them by client), which stay live. Clients, drafts and everything else are not planned.
import type { ActivityEvent, DocumentRecord, IsoDate, Payment } from './types';
import type { InvoiceAccount } from './receivables';
import { invoiceOfKey } from './contactLog';
import { dayNumber, fromDayNumber } from './dates';
import { isQuoteExpired } from './quotes';

/** How long after its latest date a settled group still stays live (late corrections, the accountant's questions). */
export const ARCHIVE_GRACE_DAYS = 90;

export interface ArchiveInput {
  documents: readonly DocumentRecord[];
  payments: readonly Payment[];
  events: readonly ActivityEvent[];
  /** Every invoice's account (receivables.ts), by invoice id: what is still owed. */
  accounts: ReadonlyMap<string, InvoiceAccount>;
  /** Document ids that must stay live whatever their state (open tasks, claims « je m'en occupe »...). */
  pinned: ReadonlySet<string>;
  today: IsoDate;
}

/** Record id → the year of the archive it belongs in; records not listed stay live. */
export interface ArchivePlan {
  documents: Map<string, number>;
  payments: Map<string, number>;
  events: Map<string, number>;
}

const BLOCKED = 1;
const HAS_DOCUMENT = 2;
const HAS_CONTACT = 4;
/** No date seen yet (below any day number a real date gives). */
const NO_DAY = -0x7fffffff;
const LIVE = 0;
const UNKNOWN = -1;

/** The day number of a 'YYYY-MM-DD' date or of an instant's date part; NaN when it is not one. */
function dayOf(s: unknown): number {
  if (typeof s !== 'string' || s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  if (!digit(s, 0) || !digit(s, 1) || !digit(s, 2) || !digit(s, 3) || !digit(s, 5) || !digit(s, 6) || !digit(s, 8) || !digit(s, 9)) return NaN;
  return dayNumber(s);
}

function digit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/**
 * Union–find over node numbers (one per record), with per-root facts: flags (blocked, has a
 * document, has a contact event) and the latest day number seen; typed arrays, no object per record.
 */
class Groups {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  private readonly flags: Uint8Array;
  private readonly latest: Int32Array;

  constructor(count: number) {
    this.parent = new Int32Array(count);
    for (let i = 0; i < count; i++) this.parent[i] = i;
    this.size = new Int32Array(count).fill(1);
    this.flags = new Uint8Array(count);
    this.latest = new Int32Array(count).fill(NO_DAY);
  }

  find(n: number): number {
    const p = this.parent;
    while (p[n] !== n) {
      p[n] = p[p[n]]; // path halving
      n = p[n];
    }
    return n;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra] < this.size[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
    this.flags[ra] |= this.flags[rb];
    if (this.latest[rb] > this.latest[ra]) this.latest[ra] = this.latest[rb];
  }

  mark(n: number, flag: number): void {
    this.flags[this.find(n)] |= flag;
  }

  /** Counts a date towards the group's latest one; absent (null, undefined) counts for nothing, unreadable keeps the group live. */
  date(n: number, date: unknown): void {
    if (date === null || date === undefined) return;
    const day = dayOf(date);
    const r = this.find(n);
    if (Number.isNaN(day)) this.flags[r] |= BLOCKED;
    else if (day > this.latest[r]) this.latest[r] = day;
  }

  flagsOf(root: number): number {
    return this.flags[root];
  }

  latestOf(root: number): number {
    return this.latest[root];
  }
}

/** Whether an issued invoice's facts and account leave nothing to do on it. */
function invoiceSettled(d: DocumentRecord, account: InvoiceAccount | undefined): boolean {
  if (d.disputed || d.inCollection || (d.collection && !d.collection.closed)) return false;
  if (!account || account.cancelled) return true;
  if (account.remainingCents !== 0) return false;
  // Late penalties nobody claimed do not keep a paid invoice open (most invoices paid late would
  // stay live for ever): deciding to claim them dates the invoice today, which reopens its year.
  // A claim made and not settled does keep it open.
  return account.claimableCents === 0 || d.penaltyDecision?.decision !== 'claimed';
}

/**
 * The archive year of every record that may leave the live document on `today` (module header).
 * Linear in the records and their links (one union–find pass, one node per record).
 */
export function archivePlan(input: ArchiveInput): ArchivePlan {
  const { documents, payments, events, accounts, pinned, today } = input;
  const docCount = documents.length;
  const payBase = docCount;
  const eventBase = payBase + payments.length;
  const g = new Groups(eventBase + events.length);

  // Document ids and draft ids share one namespace (a reference may name either): each names
  // the first record that has it, the others joined to it.
  const byRef = new Map<string, number>();
  const bind = (key: string, n: number) => {
    const other = byRef.get(key);
    if (other === undefined) byRef.set(key, n);
    else g.union(other, n);
  };
  for (let i = 0; i < docCount; i++) {
    const d = documents[i];
    bind(d.id, i);
    if (d.sourceDraftId) bind(d.sourceDraftId, i);
  }
  /** Links `n` to the document `ref` names; a missing one keeps the group live (we cannot tell it is settled). */
  const link = (n: number, ref: string | null | undefined) => {
    if (!ref) return;
    const other = byRef.get(ref);
    if (other === undefined) g.mark(n, BLOCKED);
    else g.union(n, other);
  };

  // A deposit on an order and the order's final invoice share its key.
  const byOrder = new Map<string, number>();
  const joinOrder = (key: string, n: number) => {
    const other = byOrder.get(key);
    if (other === undefined) byOrder.set(key, n);
    else g.union(other, n);
  };
  for (let i = 0; i < docCount; i++) {
    const d = documents[i];
    const f = d.frozen;
    const deposit = d.deposit ?? f?.deposit;
    const progress = d.progress ?? f?.progress;
    link(i, d.sourceQuoteId);
    link(i, d.correctsInvoiceId);
    link(i, f?.correctsInvoiceId);
    link(i, deposit?.quoteId);
    link(i, progress?.quoteId);
    if (f?.deductions) for (const x of f.deductions) link(i, x?.invoiceId);
    if (progress?.recap?.situations) for (const x of progress.recap.situations) link(i, x?.invoiceId);
    if (deposit?.orderKey) joinOrder(deposit.orderKey, i);
    if (d.jobOrderKey) joinOrder(d.jobOrderKey, i);
    g.mark(i, HAS_DOCUMENT);
    if (d.status !== 'issued') {
      g.mark(i, BLOCKED);
      continue;
    }
    g.date(i, d.issueDate ?? '');
    g.date(i, d.sentAt);
    g.date(i, d.penaltyDecision?.on);
    g.date(i, d.collection?.since);
    g.date(i, d.collection?.closed?.on);
    g.date(i, d.writeOff?.on);
    if (d.kind === 'invoice') {
      const account = accounts.get(d.id);
      if (!invoiceSettled(d, account)) g.mark(i, BLOCKED);
      g.date(i, account?.settledOn);
      g.date(i, account?.writtenOffOn);
    } else if (d.kind === 'quote') {
      if (d.quoteOutcome !== 'accepted' && d.quoteOutcome !== 'refused' && !isQuoteExpired(d, today)) g.mark(i, BLOCKED);
      g.date(i, d.receptionDate);
    }
  }
  for (const id of pinned) {
    const n = byRef.get(id);
    if (n !== undefined) g.mark(n, BLOCKED);
  }

  for (let i = 0; i < payments.length; i++) {
    const p = payments[i];
    const n = payBase + i;
    let allocated = 0;
    for (const a of p.allocations) {
      allocated += a.amountCents;
      link(n, a.invoiceId);
    }
    if (allocated !== p.amountCents) g.mark(n, BLOCKED);
    g.date(n, p.date ?? '');
  }

  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const n = eventBase + i;
    // An event naming a document we do not have (a draft deleted unissued) is linked to nothing.
    const named = e.documentId ? byRef.get(e.documentId) : undefined;
    if (named !== undefined) g.union(n, named);
    if (e.kind === 'contact') {
      g.mark(n, HAS_CONTACT);
      const targets = e.contact?.targets;
      if (targets)
        for (const t of targets) {
          const other = byRef.get(invoiceOfKey(t.key));
          if (other !== undefined) g.union(n, other);
        }
    }
    g.date(n, e.at ?? ''); // its date part
  }

  // Each group decided once, at its root.
  const todayDay = dayNumber(today);
  const yearByRoot = new Int32Array(eventBase + events.length).fill(UNKNOWN);
  const yearOf = (n: number): number => {
    const r = g.find(n);
    let year = yearByRoot[r];
    if (year === UNKNOWN) {
      const flags = g.flagsOf(r);
      const latest = g.latestOf(r);
      year = LIVE;
      if (!(flags & BLOCKED) && !(flags & HAS_CONTACT && !(flags & HAS_DOCUMENT)) && latest !== NO_DAY && todayDay - latest >= ARCHIVE_GRACE_DAYS) {
        year = Number(fromDayNumber(latest).slice(0, 4));
      }
      yearByRoot[r] = year;
    }
    return year;
  };
  const plan: ArchivePlan = { documents: new Map(), payments: new Map(), events: new Map() };
  for (let i = 0; i < docCount; i++) {
    const year = yearOf(i);
    if (year !== LIVE) plan.documents.set(documents[i].id, year);
  }
  for (let i = 0; i < payments.length; i++) {
    const year = yearOf(payBase + i);
    if (year !== LIVE) plan.payments.set(payments[i].id, year);
  }
  for (let i = 0; i < events.length; i++) {
    const year = yearOf(eventBase + i);
    if (year !== LIVE) plan.events.set(events[i].id, year);
  }
  return plan;
}
