// The daily « À relancer » list: for each open receivable (an invoice, or each installment of a
// payment plan) the next step of its dunning policy given what the contact log says was done,
// then ONE item per client covering all its receivables with something to do today, ordered by
// amount at stake × days late × client risk. Pure: plain records in, plain items out, `today`
// always passed in. Dates are compared as day numbers (dates.ts) so that the whole list of a
// 10 000-invoice workspace is rebuilt in a few milliseconds.
import type {
  ActivityEvent,
  Cents,
  Client,
  ContactOutcome,
  ContactPayload,
  DocumentRecord,
  DunningPolicy,
  DunningStep,
  IsoDate,
  IsoDateTime,
  Payment,
  VatRegime,
  BasisPoints,
  ChasePause,
  Installment
} from './types';
import { documentTotals } from './lifecycle';
import { dayNumber, fromDayNumber, localDate } from './dates';
import { applySettled } from './installments';
import { PROMISE_BROKEN_STEP, policyFor, type PolicySettings } from './dunning';
import { RECOVERY_INDEMNITY_CENTS, lateInterestCents } from './interest';
import { clientRisk, type ClientRisk, type RiskLevel, type SettledInvoice } from './risk';

/** Why a receivable is not chased for now. */
export type HoldReason = 'disputed' | 'in_collection' | 'invoice_paused' | 'client_paused';

export interface Hold {
  reason: HoldReason;
  /** Reminders resume on this date; null: until lifted by hand. */
  until: IsoDate | null;
}

/** Something a client owes on its own due date: an invoice, or one installment of its plan. */
export interface Receivable {
  /** The invoice id, or « invoiceId#installmentId ». */
  key: string;
  invoiceId: string;
  installmentId: string | null;
  /** « 2 » of « échéance 2/3 » (null for a whole invoice). */
  installmentIndex: number | null;
  installmentCount: number | null;
  clientId: string;
  number: string;
  dueDate: IsoDate;
  balanceCents: Cents;
  holds: Hold[];
}

/** A contact event read for the follow-up: its local calendar date and its payload. */
export interface ContactEntry {
  id: string;
  at: IsoDateTime;
  /** The local calendar date of `at`. */
  date: IsoDate;
  memberId: string;
  clientId: string;
  documentId: string | null;
  contact: ContactPayload;
}

/** Outcomes that mean the client was actually contacted (they count for the minimum gap). */
export const CONTACT_OUTCOMES: ReadonlySet<ContactOutcome> = new Set(['sent', 'reached', 'voicemail', 'promised', 'disputed']);

export type ChaseDecision =
  | { kind: 'step'; step: DunningStep; dueOn: IsoDate }
  | { kind: 'held'; hold: Hold }
  | { kind: 'waiting'; until: IsoDate | null; reason: 'promised' | 'snoozed' | 'next_step' | 'no_more_steps' }
  | { kind: 'settled' };

export function receivableKey(invoiceId: string, installmentId: string | null): string {
  return installmentId ? `${invoiceId}#${installmentId}` : invoiceId;
}

/** The contact events of a log as entries (other events are left out). */
export function contactEntries(events: ActivityEvent[]): ContactEntry[] {
  const out: ContactEntry[] = [];
  for (const e of events) {
    const entry = contactEntry(e);
    if (entry) out.push(entry);
  }
  return out;
}

export function contactEntry(e: ActivityEvent): ContactEntry | null {
  if (e.kind !== 'contact' || !e.contact || !e.clientId) return null;
  return { id: e.id, at: e.at, date: localDate(new Date(e.at)), memberId: e.memberId, clientId: e.clientId, documentId: e.documentId, contact: e.contact };
}

function targets(entry: ContactEntry, key: string): boolean {
  for (const t of entry.contact.targets) if (t.key === key) return true;
  return false;
}

function activeHold(holds: Hold[], t: number): Hold | null {
  for (const h of holds) if (h.until === null || t < dayNumber(h.until)) return h;
  return null;
}

/**
 * The next thing to do about one receivable on `today`, given its policy and the contact log
 * (entries about other receivables are ignored):
 * - nothing when it is settled; held while disputed, in collection or paused;
 * - waiting while a logged promise (until the day after the promised date) or a snooze runs;
 * - the day after a promised date that passed unpaid with no contact since: « promesse non tenue »;
 * - otherwise the policy's steps due by today and not done (a step is done when a contact entry
 *   names it for this receivable — a skipped step counts as done — and the steps before the most
 *   advanced one done are passed over). Courtesy steps (before the due
 *   date) only while not yet due. Of several steps due, the latest REMINDER until one reminder
 *   after the due date was done; never a decision before the formal notice.
 */
export function nextChaseStep(receivable: Receivable, policy: DunningPolicy, log: ContactEntry[], today: IsoDate): ChaseDecision {
  if (receivable.balanceCents <= 0) return { kind: 'settled' };
  const t = dayNumber(today);
  const hold = activeHold(receivable.holds, t);
  if (hold) return { kind: 'held', hold };

  const key = receivable.key;
  // Most receivables have no contact yet: no set allocated for them.
  let done: Set<string> | null = null;
  let waitUntil = -Infinity;
  let waitReason: 'promised' | 'snoozed' = 'snoozed';
  let promise: { day: number; at: string } | null = null;
  let lastContactDay = -Infinity;
  for (const entry of log) {
    if (!targets(entry, key)) continue;
    const c = entry.contact;
    for (const target of c.targets) if (target.key === key && target.stepId) (done ??= new Set()).add(target.stepId);
    if (c.outcome !== 'snoozed') lastContactDay = Math.max(lastContactDay, dayNumber(entry.date));
    if (c.outcome === 'promised' && c.promisedDate) {
      const day = dayNumber(c.promisedDate);
      if (day + 1 > waitUntil) (waitUntil = day + 1), (waitReason = 'promised');
      if (!promise || entry.at > promise.at) promise = { day, at: entry.at };
    }
    if (c.snoozeUntil) {
      const day = dayNumber(c.snoozeUntil);
      if (day > waitUntil) (waitUntil = day), (waitReason = 'snoozed');
    }
  }
  if (t < waitUntil) return { kind: 'waiting', until: fromDayNumber(waitUntil), reason: waitReason };
  // A promise is broken when its date passed unpaid and nobody contacted the client since.
  if (promise && t > promise.day && lastContactDay <= promise.day) {
    return { kind: 'step', step: PROMISE_BROKEN_STEP, dueOn: fromDayNumber(promise.day + 1) };
  }

  const due = dayNumber(receivable.dueDate);
  let reminderDone = false;
  let formalDone = false;
  let hasFormal = false;
  let hasPostDueReminder = false;
  // Steps before the most advanced one done are behind us: never go back to them.
  let doneUpTo = -Infinity;
  for (const s of policy.steps) {
    if (s.kind === 'formal_notice') hasFormal = true;
    if (s.kind === 'reminder' && s.offsetDays >= 0) hasPostDueReminder = true;
    if (done === null || !done.has(s.id)) continue;
    doneUpTo = Math.max(doneUpTo, s.offsetDays);
    if (s.kind === 'reminder' && s.offsetDays >= 0) reminderDone = true;
    if (s.kind === 'formal_notice') formalDone = true;
  }
  let latest: DunningStep | null = null;
  let latestReminder: DunningStep | null = null;
  let next: number | null = null;
  for (const s of policy.steps) {
    if (s.offsetDays <= doneUpTo || (done !== null && done.has(s.id))) continue;
    const on = due + s.offsetDays;
    if (on > t) {
      if (next === null || on < next) next = on;
      continue;
    }
    // A courtesy reminder makes sense only before the due date.
    if (s.offsetDays < 0 && t >= due) continue;
    if (s.kind === 'decision' && hasFormal && !formalDone) continue;
    if (!latest || s.offsetDays > latest.offsetDays) latest = s;
    if (s.kind === 'reminder' && (!latestReminder || s.offsetDays > latestReminder.offsetDays)) latestReminder = s;
  }
  const chosen = !reminderDone && hasPostDueReminder ? (latestReminder ?? null) : latest;
  if (chosen) return { kind: 'step', step: chosen, dueOn: fromDayNumber(due + chosen.offsetDays) };
  return next === null ? { kind: 'waiting', until: null, reason: 'no_more_steps' } : { kind: 'waiting', until: fromDayNumber(next), reason: 'next_step' };
}

// ——— one client ———

/**
 * What the list needs of an issued invoice or credit note, read once from the record: a small
 * object of one fixed shape, so that the list of 10 000 invoices is walked at full speed (the
 * records themselves come in many shapes from Yjs).
 */
export interface DocumentFacts {
  id: string;
  kind: 'invoice' | 'credit';
  clientId: string;
  number: string;
  dueDate: IsoDate | null;
  ttcCents: Cents;
  /** Credit notes: the invoice they take off. */
  correctsInvoiceId: string | null;
  disputed: boolean;
  inCollection: boolean;
  chasePolicyId: string | null;
  chasePause: ChasePause | null;
  installments: Installment[] | null;
  /** The late-penalty rate printed on the invoice (0: not printed). */
  rateBp: BasisPoints;
}

/** The facts of an issued invoice or credit note; null for anything else. */
export function documentFacts(doc: DocumentRecord, vatRegime: VatRegime): DocumentFacts | null {
  if (doc.status !== 'issued' || (doc.kind !== 'invoice' && doc.kind !== 'credit')) return null;
  return {
    id: doc.id,
    kind: doc.kind,
    clientId: doc.clientId,
    number: doc.number,
    dueDate: doc.dueDate ?? null,
    ttcCents: documentTotals(doc, vatRegime).ttcCents,
    correctsInvoiceId: doc.correctsInvoiceId ?? null,
    disputed: doc.disputed === true,
    inCollection: doc.inCollection === true,
    chasePolicyId: doc.chasePolicyId ?? null,
    chasePause: doc.chasePause ?? null,
    installments: doc.installments?.length ? doc.installments : null,
    rateBp: doc.frozen?.seller?.penaltyRateBp ?? 0
  };
}

/** Everything the list needs about one client. */
export interface ClientFile {
  client: Client;
  /** The client's issued invoices and credit notes. */
  documents: DocumentFacts[];
  /** Payments allocated to the client's invoices. */
  payments: Payment[];
  /** The client's contact entries. */
  contacts: ContactEntry[];
}

export interface ChaseEnv {
  today: IsoDate;
  vatRegime: VatRegime;
  /** Late-penalty rate of the company (basis points), for invoices that do not print one. */
  penaltyRateBp: BasisPoints;
  settings: PolicySettings;
}

export type ChaseSection = 'overdue' | 'today' | 'courtesy';

export interface ChaseLine {
  receivable: Receivable;
  step: DunningStep;
  /** The day the step became due. */
  dueOn: IsoDate;
  daysLate: number;
  interestCents: Cents;
  /** 40 € on the first line of each late invoice of a business client. */
  indemnityCents: Cents;
}

export interface ChaseReason {
  invoiceCount: number;
  amountCents: Cents;
  daysLate: number;
  risk: RiskLevel;
}

export interface ChaseItem {
  clientId: string;
  clientName: string;
  section: ChaseSection;
  /** The most advanced step among the lines: what this contact is. */
  step: DunningStep;
  stepDueOn: IsoDate;
  policyId: string;
  lines: ChaseLine[];
  amountCents: Cents;
  daysLate: number;
  interestCents: Cents;
  indemnityCents: Cents;
  totalCents: Cents;
  /** More than one invoice: the message carries an account statement. */
  statement: boolean;
  risk: ClientRisk;
  priority: number;
  reason: ChaseReason;
  lastContact: ContactEntry | null;
}

export interface ClientChase {
  clientId: string;
  item: ChaseItem | null;
  /** When nothing is due today: the first day something will be (gap, snooze, next step). */
  nextOn: IsoDate | null;
  /** Within the minimum gap after the last contact: the item waits until `nextOn`. */
  postponed: boolean;
  /** Open receivables, with what each is waiting for. */
  decisions: { receivable: Receivable; decision: ChaseDecision }[];
}

const KIND_RANK: Record<DunningStep['kind'], number> = { reminder: 0, formal_notice: 1, decision: 2 };

/** How far along a step is: decision > formal notice > reminders by offset; a broken promise tops the reminders. */
export function stepRank(step: DunningStep): number {
  const offset = step.id === PROMISE_BROKEN_STEP.id ? 10_000 : step.offsetDays;
  return KIND_RANK[step.kind] * 100_000 + offset;
}

const NO_HOLDS: Hold[] = [];

/**
 * What paid or credited each of the client's documents (by position in `documents`), and the day
 * of the last payment on it. A client has a handful of invoices: a linear search by id beats a
 * hash map here, and allocates nothing per allocation.
 */
interface Settlement {
  settled: number[];
  lastPaid: (IsoDate | null)[];
}

/**
 * Where a document id sits in a client's documents: a linear scan for the many clients with a
 * few invoices, a map for the few with hundreds (a scan per allocation would be quadratic).
 */
function documentIndexer(documents: DocumentFacts[]): (id: string) => number {
  if (documents.length <= 16) {
    return (id) => {
      for (let i = 0; i < documents.length; i++) if (documents[i].id === id) return i;
      return -1;
    };
  }
  const positions = new Map<string, number>();
  for (let i = 0; i < documents.length; i++) positions.set(documents[i].id, i);
  return (id) => positions.get(id) ?? -1;
}

function settlementOf(documents: DocumentFacts[], payments: Payment[]): Settlement {
  const settled = new Array<number>(documents.length).fill(0);
  const lastPaid = new Array<IsoDate | null>(documents.length).fill(null);
  const indexOf = documentIndexer(documents);
  for (const p of payments)
    for (const a of p.allocations) {
      const i = indexOf(a.invoiceId);
      if (i < 0) continue;
      settled[i] += a.amountCents;
      const prev = lastPaid[i];
      if (prev === null || p.date > prev) lastPaid[i] = p.date;
    }
  for (const d of documents)
    if (d.kind === 'credit' && d.correctsInvoiceId) {
      const i = indexOf(d.correctsInvoiceId);
      if (i >= 0) settled[i] += d.ttcCents;
    }
  return { settled, lastPaid };
}

/** A client's open receivables: each issued invoice with a balance, or each open installment of its plan. */
export function clientReceivables(client: Client, documents: DocumentFacts[], settled: number[]): Receivable[] {
  const out: Receivable[] = [];
  const clientHold: Hold | null = client.chasePause ? { reason: 'client_paused', until: client.chasePause.until } : null;
  for (let i = 0; i < documents.length; i++) {
    const doc = documents[i];
    if (doc.kind !== 'invoice' || !doc.dueDate) continue;
    const paid = settled[i];
    if (doc.ttcCents - paid <= 0) continue;
    let holds = NO_HOLDS;
    if (doc.disputed || doc.inCollection || doc.chasePause || clientHold) {
      holds = [];
      if (doc.disputed) holds.push({ reason: 'disputed', until: null });
      if (doc.inCollection) holds.push({ reason: 'in_collection', until: null });
      if (doc.chasePause) holds.push({ reason: 'invoice_paused', until: doc.chasePause.until });
      if (clientHold) holds.push(clientHold);
    }
    if (doc.installments) {
      for (const s of applySettled(doc.installments, paid)) {
        if (s.balanceCents <= 0) continue;
        out.push({
          key: receivableKey(doc.id, s.installment.id),
          invoiceId: doc.id,
          installmentId: s.installment.id,
          installmentIndex: s.index,
          installmentCount: s.count,
          clientId: doc.clientId,
          number: doc.number,
          dueDate: s.installment.dueDate,
          balanceCents: s.balanceCents,
          holds
        });
      }
    } else {
      out.push({ key: doc.id, invoiceId: doc.id, installmentId: null, installmentIndex: null, installmentCount: null, clientId: doc.clientId, number: doc.number, dueDate: doc.dueDate, balanceCents: doc.ttcCents - paid, holds });
    }
  }
  return out;
}

/** Invoices of the client settled by payments, with the day the last of those payments came. */
function settledInvoices(documents: DocumentFacts[], settlement: Settlement): SettledInvoice[] {
  const out: SettledInvoice[] = [];
  for (let i = 0; i < documents.length; i++) {
    const doc = documents[i];
    if (doc.kind !== 'invoice' || !doc.dueDate) continue;
    const on = settlement.lastPaid[i];
    if (on !== null && settlement.settled[i] >= doc.ttcCents) out.push({ dueDate: doc.dueDate, settledOn: on });
  }
  return out;
}

/**
 * What to do about one client today: at most ONE item covering every receivable with a step due,
 * unless the client was contacted less than the policy's minimum gap ago (then postponed to the
 * first allowed day).
 */
/** What a client file settles, whatever the day and the policies: worked out once per file. */
interface PreparedFile {
  settlement: Settlement;
  receivables: Receivable[];
  byId: Map<string, DocumentFacts>;
  risk: ClientRisk;
}

// A file is never changed once made (the store makes a new one when a record of its client
// changes), so a new day or new policies reuse what its payments and credit notes settle.
const prepared = new WeakMap<ClientFile, PreparedFile>();

function prepare(file: ClientFile): PreparedFile {
  let p = prepared.get(file);
  if (!p) {
    const settlement = settlementOf(file.documents, file.payments);
    const byId = new Map<string, DocumentFacts>();
    for (const d of file.documents) byId.set(d.id, d);
    p = {
      settlement,
      receivables: clientReceivables(file.client, file.documents, settlement.settled),
      byId,
      risk: clientRisk(settledInvoices(file.documents, settlement))
    };
    prepared.set(file, p);
  }
  return p;
}

export function chaseClient(file: ClientFile, env: ChaseEnv): ClientChase {
  const { client } = file;
  const { receivables, byId, risk } = prepare(file);
  const result: ClientChase = { clientId: client.id, item: null, nextOn: null, postponed: false, decisions: [] };
  if (!receivables.length) return result;

  const t = dayNumber(env.today);
  const lines: ChaseLine[] = [];
  let next = Infinity;
  let gap = 0;
  let policyId = '';
  let top: ChaseLine | null = null;
  for (const r of receivables) {
    const policy = policyFor(byId.get(r.invoiceId) ?? null, client, env.settings);
    const decision = nextChaseStep(r, policy, file.contacts, env.today);
    result.decisions.push({ receivable: r, decision });
    if (decision.kind === 'waiting' && decision.until) next = Math.min(next, dayNumber(decision.until));
    if (decision.kind === 'held' && decision.hold.until) next = Math.min(next, dayNumber(decision.hold.until));
    if (decision.kind !== 'step') continue;
    gap = Math.max(gap, policy.minGapDays);
    const late = t - dayNumber(r.dueDate);
    const line: ChaseLine = { receivable: r, step: decision.step, dueOn: decision.dueOn, daysLate: Math.max(0, late), interestCents: 0, indemnityCents: 0 };
    lines.push(line);
    if (!top || stepRank(line.step) > stepRank(top.step)) (top = line), (policyId = policy.id);
  }

  let lastContact: ContactEntry | null = null;
  for (const c of file.contacts) if (CONTACT_OUTCOMES.has(c.contact.outcome) && (!lastContact || c.at > lastContact.at)) lastContact = c;

  if (!top) {
    result.nextOn = next === Infinity ? null : fromDayNumber(next);
    return result;
  }
  if (lastContact) {
    const allowed = dayNumber(lastContact.date) + gap;
    if (t < allowed) {
      result.postponed = true;
      result.nextOn = fromDayNumber(allowed);
      return result;
    }
  }

  // Late interest on each late line; the 40 € once per late invoice, for business clients.
  const business = client.kind === 'company';
  const indemnified = new Set<string>();
  let amount = 0;
  let interest = 0;
  let indemnity = 0;
  let daysLate = 0;
  const invoices = new Set<string>();
  lines.sort((a, b) => (a.receivable.dueDate < b.receivable.dueDate ? -1 : a.receivable.dueDate > b.receivable.dueDate ? 1 : a.receivable.number < b.receivable.number ? -1 : 1));
  for (const line of lines) {
    const r = line.receivable;
    invoices.add(r.invoiceId);
    amount += r.balanceCents;
    if (line.daysLate > 0) {
      // The rate printed on the invoice (its contractual rate), else the company's current one.
      const rateBp = byId.get(r.invoiceId)?.rateBp || env.penaltyRateBp;
      line.interestCents = lateInterestCents(r.balanceCents, rateBp, line.daysLate);
      if (business && !indemnified.has(r.invoiceId)) {
        line.indemnityCents = RECOVERY_INDEMNITY_CENTS;
        indemnified.add(r.invoiceId);
      }
      interest += line.interestCents;
      indemnity += line.indemnityCents;
      daysLate = Math.max(daysLate, line.daysLate);
    }
  }

  const stepDue = dayNumber(top.dueOn);
  const section: ChaseSection = top.step.offsetDays < 0 && top.step.id !== PROMISE_BROKEN_STEP.id ? 'courtesy' : stepDue < t ? 'overdue' : 'today';
  result.item = {
    clientId: client.id,
    clientName: client.name,
    section,
    step: top.step,
    stepDueOn: top.dueOn,
    policyId,
    lines,
    amountCents: amount,
    daysLate,
    interestCents: interest,
    indemnityCents: indemnity,
    totalCents: amount + interest + indemnity,
    statement: invoices.size > 1,
    risk,
    priority: Math.round((amount / 100) * Math.max(1, daysLate) * risk.factor),
    reason: { invoiceCount: invoices.size, amountCents: amount, daysLate, risk: risk.level },
    lastContact
  };
  return result;
}

// ——— the whole list ———

export interface ChaseList {
  overdue: ChaseItem[];
  today: ChaseItem[];
  courtesy: ChaseItem[];
  /** Clients with something due but within the minimum gap after a contact. */
  postponed: number;
}

/** Highest priority first; equal priorities by client name, then id, so the order is stable. */
export function compareItems(a: ChaseItem, b: ChaseItem): number {
  return b.priority - a.priority || (a.clientName < b.clientName ? -1 : a.clientName > b.clientName ? 1 : a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0);
}

/** Sorts per-client results into the list's sections. */
export function assembleList(results: Iterable<ClientChase>): ChaseList {
  const list: ChaseList = { overdue: [], today: [], courtesy: [], postponed: 0 };
  for (const r of results) {
    if (r.postponed) list.postponed++;
    if (r.item) list[r.item.section].push(r.item);
  }
  list.overdue.sort(compareItems);
  list.today.sort(compareItems);
  list.courtesy.sort(compareItems);
  return list;
}

/** The records of a workspace grouped per client, the way `chaseClient` reads them. */
export function indexClientFiles(clients: Client[], documents: DocumentRecord[], payments: Payment[], events: ActivityEvent[], vatRegime: VatRegime): Map<string, ClientFile> {
  const files = new Map<string, ClientFile>();
  for (const client of clients) files.set(client.id, { client, documents: [], payments: [], contacts: [] });
  const ownerOf = new Map<string, string>();
  for (const d of documents) {
    const file = files.get(d.clientId);
    const facts = file && documentFacts(d, vatRegime);
    if (!facts) continue;
    file!.documents.push(facts);
    ownerOf.set(d.id, d.clientId);
  }
  for (const p of payments) {
    let last: ClientFile | undefined;
    for (const a of p.allocations) {
      const owner = ownerOf.get(a.invoiceId);
      const file = owner === undefined ? undefined : files.get(owner);
      if (!file || file === last || file.payments[file.payments.length - 1] === p) continue;
      file.payments.push(p);
      last = file;
    }
  }
  for (const e of events) {
    if (e.kind !== 'contact' || !e.contact || !e.clientId) continue;
    const file = files.get(e.clientId);
    const entry = file && contactEntry(e);
    if (entry) file!.contacts.push(entry);
  }
  return files;
}

/** The whole list from a workspace's records (the full recompute). */
export function buildChaseList(
  records: { clients: Client[]; documents: DocumentRecord[]; payments: Payment[]; events: ActivityEvent[] },
  env: ChaseEnv
): ChaseList {
  const files = indexClientFiles(records.clients, records.documents, records.payments, records.events, env.vatRegime);
  const results: ClientChase[] = [];
  for (const file of files.values()) results.push(chaseClient(file, env));
  return assembleList(results);
}
