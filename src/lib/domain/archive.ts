// Which records leave the live document for a closed year's archive.
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
// - every invoice is settled: nothing remains, no penalties left to claim, no open collection
//   case, not disputed (an invoice without an account counts as settled, like a cancelled one);
// - every quote is accepted, refused or expired (a retention still running on its situations
//   shows as something remaining on their accounts);
// - every payment is wholly allocated (an unallocated rest is the client's credit, still usable);
// - nothing in it is pinned, and every reference from a document or payment names a record we have;
// - its latest date (issue and send dates, payments, events, settlements, write-offs, decisions,
//   collection closings, receptions) is in a year before today's, ARCHIVE_GRACE_DAYS days ago or more.
// The group goes to the archive of its latest date's year. Events naming no document we have form
// their own group, archivable on their date alone — except contact events (the follow-up register
// reads them by client), which stay live. Clients, drafts and everything else are not planned.
import type { ActivityEvent, DocumentRecord, IsoDate, Payment } from './types';
import type { InvoiceAccount } from './receivables';
import { invoiceOfKey } from './contactLog';
import { dayNumber } from './dates';
import { isQuoteExpired } from './quotes';

/** How long after its latest date a group of a closed year still stays live (late corrections, the accountant's closing). */
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

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Union–find over node numbers, with per-root facts: what decides a group. */
class Groups {
  private parent: number[] = [];
  private size: number[] = [];
  /** Per node, then merged into roots: the group must stay live. */
  private blocked: boolean[] = [];
  /** Per node, then merged into roots: the latest date seen ('' for none). */
  private latest: string[] = [];
  private hasDocument: boolean[] = [];
  private hasContact: boolean[] = [];

  add(): number {
    const n = this.parent.length;
    this.parent.push(n);
    this.size.push(1);
    this.blocked.push(false);
    this.latest.push('');
    this.hasDocument.push(false);
    this.hasContact.push(false);
    return n;
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
    this.blocked[ra] ||= this.blocked[rb];
    if (this.latest[rb] > this.latest[ra]) this.latest[ra] = this.latest[rb];
    this.hasDocument[ra] ||= this.hasDocument[rb];
    this.hasContact[ra] ||= this.hasContact[rb];
  }

  block(n: number): void {
    this.blocked[this.find(n)] = true;
  }

  /** Counts `date` towards the group's latest date; an unreadable one keeps the group live. */
  date(n: number, date: unknown): void {
    if (date === null || date === undefined) return;
    const r = this.find(n);
    if (typeof date !== 'string' || !DATE.test(date)) this.blocked[r] = true;
    else if (date > this.latest[r]) this.latest[r] = date;
  }

  markDocument(n: number): void {
    this.hasDocument[this.find(n)] = true;
  }

  markContact(n: number): void {
    this.hasContact[this.find(n)] = true;
  }

  /** The archive year of a node's group on `today`, or null when the group stays live. */
  yearOf(n: number, today: IsoDate, todayDay: number): number | null {
    const r = this.find(n);
    const latest = this.latest[r];
    if (this.blocked[r] || latest === '') return null;
    if (this.hasContact[r] && !this.hasDocument[r]) return null;
    if (latest.slice(0, 4) >= today.slice(0, 4) || todayDay - dayNumber(latest) < ARCHIVE_GRACE_DAYS) return null;
    return Number(latest.slice(0, 4));
  }
}

/** The documents a record references (other than through a draft id), each a document id or a draft id. */
function documentRefs(d: DocumentRecord): (string | null | undefined)[] {
  const f = d.frozen;
  const deposit = d.deposit ?? f?.deposit;
  const progress = d.progress ?? f?.progress;
  const refs = [d.sourceQuoteId, d.correctsInvoiceId, f?.correctsInvoiceId, deposit?.quoteId, progress?.quoteId];
  if (f?.deductions) for (const x of f.deductions) refs.push(x?.invoiceId);
  if (progress?.recap?.situations) for (const x of progress.recap.situations) refs.push(x?.invoiceId);
  return refs;
}

/** Whether an issued invoice's facts and account leave nothing to do on it. */
function invoiceSettled(d: DocumentRecord, account: InvoiceAccount | undefined): boolean {
  if (d.disputed || d.inCollection || (d.collection && !d.collection.closed)) return false;
  if (!account || account.cancelled) return true;
  return account.remainingCents === 0 && account.claimableCents === 0;
}

/**
 * The archive year of every record that may leave the live document on `today` (module header).
 * Linear in the records and their links (one union–find pass): 10 000 invoices, 12 000 payments
 * and 20 000 events take a few tens of milliseconds.
 */
export function archivePlan(input: ArchiveInput): ArchivePlan {
  const { documents, payments, events, accounts, pinned, today } = input;
  const g = new Groups();
  // Document ids and draft ids share one namespace: a reference may name either.
  const byRef = new Map<string, number>();
  const refNode = (ref: string): number => {
    let n = byRef.get(ref);
    if (n === undefined) byRef.set(ref, (n = g.add()));
    return n;
  };
  const orderNodes = new Map<string, number>();
  const orderNode = (key: string): number => {
    let n = orderNodes.get(key);
    if (n === undefined) orderNodes.set(key, (n = g.add()));
    return n;
  };

  // Every document and draft id first, so that a reference to anything else is known as missing.
  const docNodes: number[] = new Array(documents.length);
  for (let i = 0; i < documents.length; i++) {
    const d = documents[i];
    const n = refNode(d.id);
    docNodes[i] = n;
    if (d.sourceDraftId) g.union(n, refNode(d.sourceDraftId));
  }
  const known = new Set(byRef.keys());
  /** Links `n` to the document `ref` names; a missing one keeps the group live (we cannot tell it is settled). */
  const linkRequired = (n: number, ref: string) => {
    g.union(n, refNode(ref));
    if (!known.has(ref)) g.block(n);
  };

  for (let i = 0; i < documents.length; i++) {
    const d = documents[i];
    const n = docNodes[i];
    for (const ref of documentRefs(d)) if (ref) linkRequired(n, ref);
    const orderKey = (d.deposit ?? d.frozen?.deposit)?.orderKey;
    if (orderKey) g.union(n, orderNode(orderKey));
    if (d.jobOrderKey) g.union(n, orderNode(d.jobOrderKey));
    g.markDocument(n);
    if (d.status !== 'issued') {
      g.block(n);
      continue;
    }
    g.date(n, d.issueDate ?? '');
    g.date(n, d.sentAt);
    g.date(n, d.penaltyDecision?.on);
    g.date(n, d.collection?.since);
    g.date(n, d.collection?.closed?.on);
    g.date(n, d.writeOff?.on);
    if (d.kind === 'invoice') {
      const account = accounts.get(d.id);
      if (!invoiceSettled(d, account)) g.block(n);
      g.date(n, account?.settledOn);
      g.date(n, account?.writtenOffOn);
    } else if (d.kind === 'quote') {
      if (d.quoteOutcome !== 'accepted' && d.quoteOutcome !== 'refused' && !isQuoteExpired(d, today)) g.block(n);
      g.date(n, d.receptionDate);
    }
  }
  for (const id of pinned) {
    const n = byRef.get(id);
    if (n !== undefined) g.block(n);
  }

  const paymentNodes: number[] = new Array(payments.length);
  for (let i = 0; i < payments.length; i++) {
    const p = payments[i];
    const n = (paymentNodes[i] = g.add());
    let allocated = 0;
    for (const a of p.allocations) {
      allocated += a.amountCents;
      linkRequired(n, a.invoiceId);
    }
    if (allocated !== p.amountCents) g.block(n);
    g.date(n, p.date ?? '');
  }

  const eventNodes: number[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const n = (eventNodes[i] = g.add());
    // An event naming a document we do not have (a draft deleted unissued) is linked to nothing.
    if (e.documentId && known.has(e.documentId)) g.union(n, byRef.get(e.documentId)!);
    if (e.kind === 'contact') {
      g.markContact(n);
      for (const t of e.contact?.targets ?? []) {
        const id = invoiceOfKey(t.key);
        if (known.has(id)) g.union(n, byRef.get(id)!);
      }
    }
    g.date(n, typeof e.at === 'string' ? e.at.slice(0, 10) : '');
  }

  const todayDay = dayNumber(today);
  const plan: ArchivePlan = { documents: new Map(), payments: new Map(), events: new Map() };
  const place = (out: Map<string, number>, id: string, n: number) => {
    const year = g.yearOf(n, today, todayDay);
    if (year !== null) out.set(id, year);
  };
  for (let i = 0; i < documents.length; i++) place(plan.documents, documents[i].id, docNodes[i]);
  for (let i = 0; i < payments.length; i++) place(plan.payments, payments[i].id, paymentNodes[i]);
  for (let i = 0; i < events.length; i++) place(plan.events, events[i].id, eventNodes[i]);
  return plan;
}
