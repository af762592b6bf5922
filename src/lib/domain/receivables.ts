// « What is still owed, and is it late »: the ONE place that says it. For an issued invoice (and
// its payment plan) as of a date, each receivable — the invoice, or each installment of its plan —
// with its amount, what was paid and credited, what remains, its due date, days late, late
// interest, the flat indemnity, the early-payment discount window, the promise to pay and what
// holds it. Home figures, client figures, the payment form, statements, letters, the formal
// notice and the « À relancer » list all read it; nothing else computes an amount owed.
//
// The rules (LEGAL.md « Late payment », Code de commerce L441-10, D441-5; Code civil 1231-6):
// - Paid and credited amounts settle the installments in due order. A credit note corrects the
//   invoice itself: it lowers what was owed from the start. A payment counts from its date, and
//   only once that date has come (`asOf`).
// - Interest runs per day from the day after the due date on the balance of each period, at the
//   rate printed on the invoice: 1 000 € due 1 March, 500 € paid 31 March, as of 30 April →
//   30 days on 1 000 € + 30 days on 500 €. It stops the day the receivable is paid, and what
//   accrued until then stays owed (an invoice paid late keeps its claim) until the user claims or
//   waives it. An invoice that printed no rate: for a business, ECB + 10 points of the half-year
//   the due date falls in; for an individual, the legal rate, from the formal notice only.
// - The 40 € recovery indemnity is owed once per invoice paid late, by business clients only.
// - Late means strictly after the due date: due today is not late.
import type {
  BasisPoints,
  Cents,
  ChasePause,
  ClientKind,
  DocumentRecord,
  EarlyDiscountTerms,
  Installment,
  IsoDate,
  Payment,
  PenaltyDecision,
  VatRegime
} from './types';
import { computeTotals } from './money';
import { addDays, dayNumber, fromDayNumber, isIsoDate } from './dates';
import { retentionReleaseDate } from './progress';
import { earlyDiscountOffer } from './earlyDiscount';
import { penaltyRatesOn, type PenaltyRateRow } from './terms';
import { formalNoticeDay, latestPromise, receivableKey, targetsInvoice, type ContactEntry, type PaymentPromise } from './contactLog';

/** D441-5: « indemnité forfaitaire pour frais de recouvrement » of 40 €, per late B2B invoice. */
export const RECOVERY_INDEMNITY_CENTS: Cents = 4000;

// ——— the facts read once from an issued document ———

/**
 * What the receivables need of an issued invoice or credit note, read once from the record: a
 * small object of one fixed shape, so that 10 000 invoices are walked at full speed (the records
 * themselves come in many shapes from Yjs).
 */
export interface DocumentFacts {
  id: string;
  kind: 'invoice' | 'credit';
  clientId: string;
  number: string;
  issueDate: IsoDate;
  dueDate: IsoDate | null;
  ttcCents: Cents;
  /** Credit notes: the invoice they take off. */
  correctsInvoiceId: string | null;
  /** The day the invoice was sent (recorded when the user confirmed it). */
  sentAt: IsoDate | null;
  disputed: boolean;
  inCollection: boolean;
  chasePolicyId: string | null;
  chasePause: ChasePause | null;
  installments: Installment[] | null;
  /** The late-penalty rate printed on the invoice (0: none printed). */
  rateBp: BasisPoints;
  /** The client's kind frozen on the invoice; null on documents issued before it was frozen. */
  clientKind: ClientKind | null;
  earlyDiscount: EarlyDiscountTerms | null;
  penaltyDecision: PenaltyDecision | null;
  /** Given up as lost (« passé en perte »): the amount and the day. */
  writeOff: { cents: Cents; on: IsoDate } | null;
  /** A deposit invoice (facture d'acompte): chased as « acompte non reçu » (absent: no). */
  deposit?: boolean;
  /**
   * A progress invoice's retenue de garantie: held apart from the TTC, due on `releaseDate` (one
   * year after the reception of the works; null while the works are not received). Absent: none.
   */
  retention?: { cents: Cents; releaseDate: IsoDate | null } | null;
}

/**
 * The due date of a retention whose works are not received yet: never reached, so it is never
 * late, never chased, never « due soon » nor in a forecast, and ages as « not due ». Receivables
 * carrying it have `retentionPending`; the UI shows « à la levée de la retenue » instead of a date.
 */
export const RETENTION_PENDING_DUE: IsoDate = '9999-12-31';

/** A quote's readable reception date (what releases its situations' retentions); null for anything else. */
export function receptionDateOf(doc: DocumentRecord | undefined): IsoDate | null {
  return doc?.kind === 'quote' && typeof doc.receptionDate === 'string' && isIsoDate(doc.receptionDate) ? doc.receptionDate : null;
}

/** The reception dates of the quotes among `documents`, by quote id: what releases their situations' retentions. */
export function receptionDates(documents: Iterable<DocumentRecord>): Map<string, IsoDate> {
  const out = new Map<string, IsoDate>();
  for (const d of documents) {
    const date = receptionDateOf(d);
    if (date) out.set(d.id, date);
  }
  return out;
}

/** A progress invoice's retention as the receivables read it: its amount, released a year after the quote's reception date. */
function retentionFacts(doc: DocumentRecord, receptionOf: (quoteId: string) => IsoDate | null | undefined): DocumentFacts['retention'] {
  const r = doc.frozen?.progress?.retention;
  if (!r || !Number.isSafeInteger(r.cents) || r.cents <= 0) return null;
  const reception = doc.sourceQuoteId ? receptionOf(doc.sourceQuoteId) : null;
  return { cents: r.cents, releaseDate: reception ? retentionReleaseDate(reception) : null };
}

export function documentTotalsTtc(doc: DocumentRecord, vatRegime: VatRegime): Cents {
  return doc.frozen ? doc.frozen.totals.ttcCents : computeTotals(doc.lines, doc.discount, vatRegime).ttcCents;
}

/**
 * The facts of an issued invoice or credit note; null for anything else. `receptionOf`: a quote's
 * reception date (a progress invoice's retention is released a year after it).
 */
export function documentFacts(doc: DocumentRecord, vatRegime: VatRegime, receptionOf: (quoteId: string) => IsoDate | null | undefined = () => null): DocumentFacts | null {
  if (doc.status !== 'issued' || (doc.kind !== 'invoice' && doc.kind !== 'credit')) return null;
  const frozen = doc.frozen;
  return {
    id: doc.id,
    kind: doc.kind,
    clientId: doc.clientId,
    number: doc.number,
    issueDate: doc.issueDate ?? '',
    dueDate: doc.dueDate ?? null,
    ttcCents: documentTotalsTtc(doc, vatRegime),
    correctsInvoiceId: doc.correctsInvoiceId ?? null,
    sentAt: doc.sentAt ?? null,
    disputed: doc.disputed === true,
    inCollection: doc.inCollection === true,
    chasePolicyId: doc.chasePolicyId ?? null,
    chasePause: doc.chasePause ?? null,
    installments: doc.installments?.length ? doc.installments : null,
    rateBp: frozen?.seller?.penaltyRateBp ?? 0,
    clientKind: frozen?.client?.kind ?? null,
    earlyDiscount: frozen?.earlyDiscount ?? null,
    penaltyDecision: doc.penaltyDecision ?? null,
    writeOff: writeOffOf(doc),
    deposit: Boolean(doc.deposit),
    retention: retentionFacts(doc, receptionOf)
  };
}

/** A record's write-off, when it has a readable one (a malformed one is ignored, not fatal). */
function writeOffOf(doc: DocumentRecord): { cents: Cents; on: IsoDate } | null {
  const w = doc.writeOff;
  if (!w || !Number.isSafeInteger(w.cents) || w.cents <= 0 || typeof w.on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(w.on)) return null;
  return { cents: w.cents, on: w.on };
}

// ——— what paid or credited each invoice ———

/** A payment's share for one invoice, on the payment's date. */
export interface DatedAmount {
  date: IsoDate;
  cents: Cents;
}

export interface InvoiceSettlement {
  /** Payments allocated to the invoice (any order). */
  payments: DatedAmount[];
  /** Issued credit notes on the invoice. */
  creditedCents: Cents;
}

const NO_SETTLEMENT: InvoiceSettlement = { payments: [], creditedCents: 0 };

/**
 * Where a document id sits among documents: a linear scan for the many clients with a few
 * invoices, a map for larger sets (a scan per allocation would be quadratic).
 */
function documentIndexer(documents: readonly DocumentFacts[]): (id: string) => number {
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

/**
 * What paid or credited each document, by position in `documents` (credit notes and invoices of
 * other lists are ignored): settleDocuments([F1 1 000 €], [300 € on 5 May to F1]) →
 * [{ payments: [{ 5 May, 300 € }], creditedCents: 0 }].
 */
export function settleDocuments(documents: readonly DocumentFacts[], payments: readonly Payment[]): InvoiceSettlement[] {
  const out: InvoiceSettlement[] = new Array(documents.length);
  for (let i = 0; i < documents.length; i++) out[i] = NO_SETTLEMENT;
  const own = (i: number) => (out[i] === NO_SETTLEMENT ? (out[i] = { payments: [], creditedCents: 0 }) : out[i]);
  const indexOf = documentIndexer(documents);
  for (const p of payments)
    for (const a of p.allocations) {
      const i = indexOf(a.invoiceId);
      if (i >= 0 && a.amountCents > 0) own(i).payments.push({ date: p.date, cents: a.amountCents });
    }
  for (const d of documents)
    if (d.kind === 'credit' && d.correctsInvoiceId) {
      const i = indexOf(d.correctsInvoiceId);
      if (i >= 0) own(i).creditedCents += d.ttcCents;
    }
  return out;
}

// ——— receivables ———

/** Why a receivable is not chased for now. */
export type HoldReason = 'disputed' | 'in_collection' | 'invoice_paused' | 'client_paused';

export interface Hold {
  reason: HoldReason;
  /** Reminders resume on this date; null: until lifted by hand. */
  until: IsoDate | null;
}

/** The early-payment discount an invoice offers: how much may be taken off, until when. */
export interface DiscountWindow {
  until: IsoDate;
  amountCents: Cents;
  /** Still open on the date asked: not past `until`, and nothing paid yet. */
  open: boolean;
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
  issueDate: IsoDate;
  dueDate: IsoDate;
  /** The invoice's TTC, or the installment's amount. */
  amountCents: Cents;
  paidCents: Cents;
  creditedCents: Cents;
  /** Given up as lost (written off): no longer owed. */
  writtenOffCents: Cents;
  remainingCents: Cents;
  /** The day a payment settled it (null while something remains, or when credit notes or a write-off did). */
  settledOn: IsoDate | null;
  /** Days after the due date: until the date asked while open, until the payment once settled. */
  daysLate: number;
  /** The yearly rate its interest runs at. */
  rateBp: BasisPoints;
  /** Interest accrued per day on each period's balance, until the date asked or the payment. */
  interestCents: Cents;
  /** 40 € on the first late receivable of an invoice, when the client is a business. */
  indemnityCents: Cents;
  discount: DiscountWindow | null;
  promise: PaymentPromise | null;
  holds: Hold[];
  /** The first hold in force on the date asked. */
  hold: Hold | null;
  /** The invoice was sent (recorded as sent, or a message about it was). */
  sent: boolean;
  /** A deposit asked before the work: its reminders say « acompte non reçu » (absent: no). */
  deposit?: boolean;
  /** The retenue de garantie of a progress invoice, owed one year after the reception of the works (absent: no). */
  retention?: boolean;
  /** A retention whose works are not received yet: its due date is RETENTION_PENDING_DUE (absent: no). */
  retentionPending?: boolean;
  /**
   * The client paid the TTC less the early-payment discount, but after its last day: the discount
   * does not apply and what remains is the difference (the chase says so). Absent: not the case.
   */
  discountLate?: { amountCents: Cents; until: IsoDate; paidOn: IsoDate } | null;
}

/** Where an invoice's late-payment penalties stand. */
export type PenaltyState =
  /** Never late. */
  | 'none'
  /** Late and not settled: interest still runs. */
  | 'accruing'
  /** Settled late: interest and indemnity are owed, nobody decided yet. */
  | 'due'
  | 'claimed'
  | 'waived'
  /** The debt was given up as lost: its penalties with it. */
  | 'written_off';

export interface InvoiceAccount {
  invoiceId: string;
  clientId: string;
  number: string;
  ttcCents: Cents;
  paidCents: Cents;
  creditedCents: Cents;
  /** Given up as lost on `writeOff.on`, once that day has come (never more than what remained). */
  writtenOffCents: Cents;
  writtenOffOn: IsoDate | null;
  remainingCents: Cents;
  /** Each installment, or the invoice as one receivable, in due order. */
  receivables: Receivable[];
  /** Credit notes took it all off and nothing was paid. */
  cancelled: boolean;
  /** Something remains past its due date. */
  overdue: boolean;
  /** The most days late among its open receivables. */
  daysLate: number;
  interestCents: Cents;
  indemnityCents: Cents;
  penalties: PenaltyState;
  /** Interest and indemnity that may still be claimed (0 once waived). */
  claimableCents: Cents;
  /** The day its last part was paid (null while open, or when credit notes settled it). */
  settledOn: IsoDate | null;
  /** The early-payment discount the client took by paying the TTC less it in time (absent: none). */
  discountTaken?: { amountCents: Cents; on: IsoDate } | null;
}

export interface AccountContext {
  asOf: IsoDate;
  /** The client's kind now, for invoices issued before the kind was frozen on them. */
  clientKind: ClientKind;
  clientPause: ChasePause | null;
  /** The client's contact entries (promises, the formal notice, what was sent). */
  contacts: readonly ContactEntry[];
  /** Ids of the steps that are formal notices (they start an individual's legal interest). */
  formalStepIds: ReadonlySet<string>;
  /** The legal rates table (terms.ts), for invoices that printed no rate; the built-in one if absent. */
  rates?: PenaltyRateRow[];
}

const NO_HOLDS: Hold[] = [];
/** The installment id of a retention's receivable: its key is receivableKey(invoiceId, 'retention'). */
export const RETENTION_KEY = 'retention';
const NO_CONTACTS: readonly ContactEntry[] = [];
const FORMAL_NOTICE_IDS: ReadonlySet<string> = new Set(['formal_notice']);

/** A context with no contact log and no pause: enough for amounts, dates and interest. */
export function plainContext(asOf: IsoDate, clientKind: ClientKind): AccountContext {
  return { asOf, clientKind, clientPause: null, contacts: NO_CONTACTS, formalStepIds: FORMAL_NOTICE_IDS };
}

/** Interest on a sum of cents × days at `rateBp` a year, rounded half-up: Σ × rate / 365. */
export function interestOnCentDays(centDays: number, rateBp: BasisPoints): Cents {
  if (centDays <= 0 || rateBp <= 0) return 0;
  // Exact integer arithmetic: cents × days × bp may exceed 2^53 for large claims.
  const numerator = BigInt(Math.round(centDays)) * BigInt(rateBp);
  const denominator = 10_000n * 365n;
  return Number((numerator * 2n + denominator) / (2n * denominator));
}

/**
 * lateInterestCents(100_000, 1215, 30) → 999 (1 000 € × 12,15 % × 30 / 365 = 9,986… €).
 */
export function lateInterestCents(amountCents: Cents, rateBp: BasisPoints, days: number): Cents {
  return amountCents > 0 && days > 0 ? interestOnCentDays(amountCents * days, rateBp) : 0;
}

function holdsOf(doc: DocumentFacts, clientPause: ChasePause | null): Hold[] {
  if (!doc.disputed && !doc.inCollection && !doc.chasePause && !clientPause) return NO_HOLDS;
  const holds: Hold[] = [];
  if (doc.disputed) holds.push({ reason: 'disputed', until: null });
  if (doc.inCollection) holds.push({ reason: 'in_collection', until: null });
  if (doc.chasePause) holds.push({ reason: 'invoice_paused', until: doc.chasePause.until });
  if (clientPause) holds.push({ reason: 'client_paused', until: clientPause.until });
  return holds;
}

function activeHold(holds: Hold[], day: number): Hold | null {
  for (const h of holds) if (h.until === null || day < dayNumber(h.until)) return h;
  return null;
}

function wasSent(doc: DocumentFacts, contacts: readonly ContactEntry[]): boolean {
  if (doc.sentAt) return true;
  for (const c of contacts) if (c.contact.outcome === 'sent' && targetsInvoice(c, doc.id)) return true;
  return false;
}

interface Part {
  installment: Installment | null;
  due: number;
  amount: Cents;
  credited: Cents;
  paid: Cents;
  writtenOff: Cents;
  balance: Cents;
  /** Day from which interest is counted next (never before interest may start). */
  cursor: number;
  centDays: number;
  settledDay: number | null;
}

/**
 * The account of one issued invoice on `ctx.asOf`, from its facts and what paid or credited it.
 * Throws on a credit note or an invoice without a due date: only issued invoices have accounts.
 */
export function invoiceAccount(doc: DocumentFacts, settlement: InvoiceSettlement, ctx: AccountContext): InvoiceAccount {
  if (doc.kind !== 'invoice') throw new Error('invoiceAccount: not an invoice');
  const t = dayNumber(ctx.asOf);
  const business = (doc.clientKind ?? ctx.clientKind) === 'company';
  const invoiceDue = doc.dueDate ?? doc.issueDate;

  // Which rate, and from when: the printed rate from the due date; without one, the legal
  // default (business) from the due date, or the legal rate from the formal notice (individual).
  let rateBp = doc.rateBp;
  let interestFrom: number | null = null; // null: from each part's due date
  if (rateBp <= 0) {
    if (business) rateBp = penaltyRatesOn(invoiceDue, ctx.rates).defaultPenaltyBp;
    else {
      const notice = formalNoticeDay(ctx.contacts, doc.id, ctx.formalStepIds);
      rateBp = notice === null ? 0 : penaltyRatesOn(fromDayNumber(notice), ctx.rates).legalRateProBp;
      interestFrom = notice ?? Infinity;
    }
  }

  // A retention splits the invoice in two: the main part (TTC − retention, on the invoice's due
  // date) and the retention (on its release date), settled in that order; no plan, no discount.
  const retention = doc.retention && doc.retention.cents > 0 && doc.retention.cents <= doc.ttcCents ? doc.retention : null;
  const plan = retention
    ? [
        { id: '', dueDate: invoiceDue, amountCents: doc.ttcCents - retention.cents },
        { id: RETENTION_KEY, dueDate: retention.releaseDate ?? RETENTION_PENDING_DUE, amountCents: retention.cents }
      ]
    : doc.installments
      ? [...doc.installments].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0))
      : null;
  const parts: Part[] = (plan ?? [null]).map((installment) => {
    const due = dayNumber(installment ? installment.dueDate : invoiceDue);
    const amount = installment ? installment.amountCents : doc.ttcCents;
    return { installment, due, amount, credited: 0, paid: 0, writtenOff: 0, balance: amount, cursor: Math.max(due, interestFrom ?? due), centDays: 0, settledDay: null };
  });

  // Credit notes correct the invoice: taken off from the start, earliest installment first.
  let credit = settlement.creditedCents;
  for (const p of parts) {
    const take = Math.min(credit, p.balance);
    p.credited = take;
    p.balance -= take;
    credit -= take;
  }

  // Payments in date order, each settling the earliest installments first; interest counted
  // on each part's balance up to the day the payment came.
  const payments = settlement.payments.length > 1 ? [...settlement.payments].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)) : settlement.payments;
  // A first payment of exactly the TTC less the discount, within its window, settles the invoice:
  // the discount is taken off like a credit. The same payment after the window leaves the difference.
  const early = plan ? null : earlyDiscountTaken(doc, payments, settlement.creditedCents, t);
  if (early?.taken) {
    parts[0].credited += early.amountCents;
    parts[0].balance -= early.amountCents;
  }
  let paidTotal = 0;
  let firstPaymentDay = Infinity;
  for (const pay of payments) {
    const day = dayNumber(pay.date);
    if (day > t) break;
    firstPaymentDay = Math.min(firstPaymentDay, day);
    let left = pay.cents;
    for (const p of parts) {
      if (left <= 0) break;
      if (p.balance <= 0) continue;
      if (day > p.cursor) {
        p.centDays += p.balance * (day - p.cursor);
        p.cursor = day;
      }
      const take = Math.min(left, p.balance);
      p.paid += take;
      p.balance -= take;
      left -= take;
      paidTotal += take;
      if (p.balance === 0) p.settledDay = day;
    }
    // An overpayment beyond the invoice stays with the client (client credit), not here.
  }
  // A write-off gives up what remained on its day (earliest installments first): interest runs
  // until then; a payment that still comes later lowers the loss, never what stays owed.
  let writtenOffCents = 0;
  const writeOffDay = doc.writeOff ? dayNumber(doc.writeOff.on) : Infinity;
  if (doc.writeOff && writeOffDay <= t) {
    let left = doc.writeOff.cents;
    for (const p of parts) {
      if (left <= 0) break;
      if (p.balance <= 0) continue;
      if (writeOffDay > p.cursor) {
        p.centDays += p.balance * (writeOffDay - p.cursor);
        p.cursor = writeOffDay;
      }
      const take = Math.min(left, p.balance);
      p.writtenOff = take;
      p.balance -= take;
      left -= take;
      writtenOffCents += take;
    }
  }
  for (const p of parts)
    if (p.balance > 0 && t > p.cursor) {
      p.centDays += p.balance * (t - p.cursor);
      p.cursor = t;
    }

  const holds = holdsOf(doc, ctx.clientPause);
  const hold = holds.length ? activeHold(holds, t) : null;
  const sent = wasSent(doc, ctx.contacts);
  const discount = discountWindow(doc, firstPaymentDay, t);
  const count = parts.length;
  const receivables: Receivable[] = [];
  let indemnityGiven = false;
  let interestCents = 0;
  let remainingCents = 0;
  let daysLate = 0;
  let late = false;
  let lastSettled: number | null = null;
  let settledByPayment = true;
  for (let i = 0; i < count; i++) {
    const p = parts[i];
    // With a retention the main part is the invoice itself (its key), the retention « id#retention ».
    const installment = retention ? null : p.installment;
    const isRetention = retention !== null && p.installment?.id === RETENTION_KEY;
    const key = receivableKey(doc.id, isRetention ? RETENTION_KEY : (installment?.id ?? null));
    const end = p.balance > 0 ? t : p.writtenOff > 0 ? writeOffDay : p.settledDay;
    const partLate = end !== null && end > p.due ? end - p.due : 0;
    const interest = interestOnCentDays(p.centDays, rateBp);
    let indemnity = 0;
    if (partLate > 0 && business && !indemnityGiven) {
      indemnity = RECOVERY_INDEMNITY_CENTS;
      indemnityGiven = true;
    }
    if (partLate > 0) late = true;
    if (p.balance > 0) {
      remainingCents += p.balance;
      daysLate = Math.max(daysLate, partLate);
    }
    if (p.balance === 0 && (p.settledDay === null || p.writtenOff > 0) && p.amount > 0) settledByPayment = false;
    if (p.settledDay !== null && (lastSettled === null || p.settledDay > lastSettled)) lastSettled = p.settledDay;
    interestCents += interest;
    receivables.push({
      key,
      invoiceId: doc.id,
      installmentId: installment?.id ?? null,
      installmentIndex: installment ? i + 1 : null,
      installmentCount: installment ? count : null,
      clientId: doc.clientId,
      number: doc.number,
      issueDate: doc.issueDate,
      dueDate: fromDayNumber(p.due),
      amountCents: p.amount,
      paidCents: p.paid,
      creditedCents: p.credited,
      writtenOffCents: p.writtenOff,
      remainingCents: p.balance,
      settledOn: p.settledDay === null || p.writtenOff > 0 ? null : fromDayNumber(p.settledDay),
      daysLate: partLate,
      rateBp,
      interestCents: interest,
      indemnityCents: indemnity,
      discount: plan ? null : discount,
      promise: ctx.contacts.length ? latestPromise(ctx.contacts, key) : null,
      holds,
      hold,
      sent,
      deposit: doc.deposit === true,
      ...(isRetention ? { retention: true, ...(retention!.releaseDate ? {} : { retentionPending: true }) } : {}),
      ...(early && !early.taken && p.balance > 0 ? { discountLate: { amountCents: early.amountCents, until: early.until, paidOn: early.paidOn } } : {})
    });
  }
  const indemnityCents = indemnityGiven ? RECOVERY_INDEMNITY_CENTS : 0;
  const penalties: PenaltyState = !late
    ? 'none'
    : writtenOffCents > 0
      ? 'written_off'
      : doc.penaltyDecision
      ? doc.penaltyDecision.decision
      : remainingCents > 0
        ? 'accruing'
        : 'due';
  return {
    invoiceId: doc.id,
    clientId: doc.clientId,
    number: doc.number,
    ttcCents: doc.ttcCents,
    paidCents: paidTotal,
    creditedCents: Math.min(settlement.creditedCents, doc.ttcCents),
    writtenOffCents,
    writtenOffOn: writtenOffCents > 0 ? doc.writeOff!.on : null,
    remainingCents,
    receivables,
    cancelled: paidTotal === 0 && settlement.creditedCents >= doc.ttcCents && doc.ttcCents > 0,
    overdue: remainingCents > 0 && daysLate > 0,
    daysLate,
    interestCents,
    indemnityCents,
    penalties,
    claimableCents: penalties === 'waived' || penalties === 'written_off' ? 0 : interestCents + indemnityCents,
    settledOn: remainingCents === 0 && settledByPayment && lastSettled !== null ? fromDayNumber(lastSettled) : null,
    ...(early?.taken ? { discountTaken: { amountCents: early.amountCents, on: early.paidOn } } : {})
  };
}

/**
 * Whether the first payment (on or before `t`) is the TTC less the early-payment discount, and
 * whether it came in time: issued 1 March with 2 % within 10 days on 1 200 €, 1 176 € paid on
 * 11 March takes the 24 € off; paid on 12 March, 24 € remain owed.
 */
function earlyDiscountTaken(
  doc: DocumentFacts,
  payments: readonly DatedAmount[],
  creditedCents: Cents,
  t: number
): { taken: boolean; amountCents: Cents; until: IsoDate; paidOn: IsoDate } | null {
  const terms = doc.earlyDiscount;
  const first = payments[0];
  if (!terms || terms.rateBp <= 0 || !doc.issueDate || !first || dayNumber(first.date) > t) return null;
  const offer = earlyDiscountOffer(terms, doc.issueDate, doc.ttcCents);
  if (offer.amountCents <= 0 || first.cents !== offer.netCents - creditedCents) return null;
  return { taken: dayNumber(first.date) <= dayNumber(offer.until), amountCents: offer.amountCents, until: offer.until, paidOn: first.date };
}

/**
 * « 2 % if paid within 10 days »: on an invoice of 1 200 € TTC issued 1 March, 24 € may be taken
 * off until 11 March — the whole TTC is discounted, HT and VAT alike. Closed once the date has
 * passed or something was paid.
 */
function discountWindow(doc: DocumentFacts, firstPaymentDay: number, t: number): DiscountWindow | null {
  const terms = doc.earlyDiscount;
  if (!terms || terms.rateBp <= 0 || !doc.issueDate) return null;
  const { until, amountCents } = earlyDiscountOffer(terms, doc.issueDate, doc.ttcCents);
  return { until, amountCents, open: t <= dayNumber(until) && firstPaymentDay > t };
}

// ——— several invoices ———

/** What remains on an invoice id, from the accounts (0 for anything without one). */
export function remainingOf(accounts: ReadonlyMap<string, InvoiceAccount>, invoiceId: string): Cents {
  return accounts.get(invoiceId)?.remainingCents ?? 0;
}

/**
 * The accounts of every issued invoice among `documents` on `asOf`, by invoice id: what the
 * payment form, the documents list and the pages of an invoice read.
 */
export function invoiceAccounts(
  documents: readonly DocumentFacts[],
  payments: readonly Payment[],
  context: (clientId: string) => AccountContext
): Map<string, InvoiceAccount> {
  const settlements = settleDocuments(documents, payments);
  const out = new Map<string, InvoiceAccount>();
  for (let i = 0; i < documents.length; i++) {
    const d = documents[i];
    if (d.kind === 'invoice') out.set(d.id, invoiceAccount(d, settlements[i], context(d.clientId)));
  }
  return out;
}

// ——— one client's ledger: what its accounts read ———
//
// An invoice's account reads its own facts (its plan, its retention « id#retention », its
// early-payment terms, its write-off), the credit notes that correct it, the payments allocated to
// it, and its client's context. Nothing else: so the accounts can be kept per client and only the
// clients a change links to computed again (store/views.svelte.ts), the ledger of a client being
// its invoices with every credit note and payment linked to them.

/** The invoice whose account a document weighs on: an invoice its own, a credit note the invoice it corrects. */
export function invoiceWeighedOn(doc: DocumentFacts): string | null {
  return doc.kind === 'invoice' ? doc.id : doc.correctsInvoiceId;
}

/** The invoices whose accounts a payment weighs on: those it is allocated to. */
export function invoicesPaidBy(payment: Payment): string[] {
  const out: string[] = [];
  for (const a of payment.allocations) if (!out.includes(a.invoiceId)) out.push(a.invoiceId);
  return out;
}

/** A client's invoices with the credit notes and the payments linked to them (a credit note or a payment may name another client). */
export interface ClientLedger {
  clientId: string;
  /** The client's issued invoices and the credit notes correcting them. */
  documents: DocumentFacts[];
  /** The payments allocated to them, each once, in the workspace's order. */
  payments: Payment[];
}

/**
 * Every client's ledger, by the client of the invoices: a credit note goes with the invoice it
 * corrects, a payment with each invoice it is allocated to (in several ledgers when it pays
 * several clients' invoices). Credit notes and payments linked to no issued invoice are in none.
 */
export function clientLedgers(documents: readonly DocumentFacts[], payments: readonly Payment[]): Map<string, ClientLedger> {
  const ownerOf = new Map<string, string>();
  for (const d of documents) if (d.kind === 'invoice') ownerOf.set(d.id, d.clientId);
  const out = new Map<string, ClientLedger>();
  const ledger = (clientId: string) => {
    let l = out.get(clientId);
    if (!l) out.set(clientId, (l = { clientId, documents: [], payments: [] }));
    return l;
  };
  for (const d of documents) {
    const owner = ownerOf.get(invoiceWeighedOn(d) ?? '');
    if (owner !== undefined) ledger(owner).documents.push(d);
  }
  for (const p of payments) {
    const owners: string[] = [];
    for (const id of invoicesPaidBy(p)) {
      const owner = ownerOf.get(id);
      if (owner !== undefined && !owners.includes(owner)) owners.push(owner);
    }
    for (const owner of owners) ledger(owner).payments.push(p);
  }
  return out;
}

/** The accounts of a ledger's invoices (in its order), all on the client's context: what invoiceAccounts gives for them. */
export function ledgerAccounts(ledger: ClientLedger, context: AccountContext): InvoiceAccount[] {
  const settlements = settleDocuments(ledger.documents, ledger.payments);
  const out: InvoiceAccount[] = [];
  for (let i = 0; i < ledger.documents.length; i++) {
    const d = ledger.documents[i];
    if (d.kind === 'invoice') out.push(invoiceAccount(d, settlements[i], context));
  }
  return out;
}

/** The accounts of the issued invoices among records (documentFacts, then invoiceAccounts). */
export function accountsOfRecords(
  documents: readonly DocumentRecord[],
  payments: readonly Payment[],
  vatRegime: VatRegime,
  context: (clientId: string) => AccountContext,
  // The quotes' reception dates (situations' retentions), when `documents` holds no quotes.
  reception: ReadonlyMap<string, IsoDate> = receptionDates(documents)
): Map<string, InvoiceAccount> {
  const facts: DocumentFacts[] = [];
  for (const d of documents) {
    const f = documentFacts(d, vatRegime, (q) => reception.get(q));
    if (f) facts.push(f);
  }
  return invoiceAccounts(facts, payments, context);
}

/**
 * What remained owed at the end of each of `dates`: every invoice issued by then, less its
 * credit notes (taken off from the start, as in invoiceAccount), the payments dated by then and
 * what was written off by then.
 * outstandingOn([F1 1 000 € issued 1 May], [400 € paid 10 June], ['2026-05-31', '2026-06-30'])
 * → [100 000, 60 000]. What the DSO of past months reads.
 */
export function outstandingOn(documents: readonly DocumentFacts[], settlements: readonly InvoiceSettlement[], dates: readonly IsoDate[]): Cents[] {
  const out: Cents[] = dates.map(() => 0);
  for (let i = 0; i < documents.length; i++) {
    const d = documents[i];
    if (d.kind !== 'invoice') continue;
    const { payments, creditedCents } = settlements[i];
    const owed = Math.max(0, d.ttcCents - creditedCents);
    for (let k = 0; k < dates.length; k++) {
      if (d.issueDate > dates[k]) continue;
      let paid = 0;
      for (const p of payments) if (p.date <= dates[k]) paid += p.cents;
      const lost = d.writeOff && d.writeOff.on <= dates[k] ? d.writeOff.cents : 0;
      out[k] += Math.max(0, owed - paid - lost);
    }
  }
  return out;
}

/** Open receivables (something remains), most late first, then oldest due date, then number. */
export function openReceivables(accounts: Iterable<InvoiceAccount>): Receivable[] {
  const open: Receivable[] = [];
  for (const a of accounts) for (const r of a.receivables) if (r.remainingCents > 0) open.push(r);
  return open.sort(
    (a, b) =>
      b.daysLate - a.daysLate ||
      (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
      (a.number < b.number ? -1 : a.number > b.number ? 1 : 0)
  );
}

export interface ReceivablesSummary {
  outstandingCents: Cents;
  overdueCents: Cents;
  overdueCount: number;
  /** Due from today to `soonDays` days ahead, not yet late. */
  dueSoonCents: Cents;
  dueSoonCount: number;
  /** Disputed or handed to collection: part of what is owed, not chased. */
  heldCents: Cents;
}

/**
 * Totals of receivables on `today`: outstanding is what remains; overdue what remains past its
 * own due date (an installment not yet due is not overdue, whatever the invoice's other ones).
 * Counts are of receivables.
 */
export function summarizeReceivables(receivables: Iterable<Pick<Receivable, 'remainingCents' | 'dueDate' | 'holds'>>, today: IsoDate, soonDays = 7): ReceivablesSummary {
  const soon = addDays(today, soonDays);
  const s: ReceivablesSummary = { outstandingCents: 0, overdueCents: 0, overdueCount: 0, dueSoonCents: 0, dueSoonCount: 0, heldCents: 0 };
  for (const r of receivables) {
    if (r.remainingCents <= 0) continue;
    s.outstandingCents += r.remainingCents;
    if (heldApart(r)) s.heldCents += r.remainingCents;
    if (r.dueDate < today) {
      s.overdueCents += r.remainingCents;
      s.overdueCount++;
    } else if (r.dueDate <= soon) {
      s.dueSoonCents += r.remainingCents;
      s.dueSoonCount++;
    }
  }
  return s;
}

/**
 * Disputed, or handed to collection: owed, but neither chased nor claimed by reminders, and
 * counted apart (collection first: a disputed debt handed over is the agency's business).
 */
export function heldApart(r: Pick<Receivable, 'holds'>): 'in_collection' | 'disputed' | null {
  let apart: 'in_collection' | 'disputed' | null = null;
  for (const h of r.holds) {
    if (h.reason === 'in_collection') return 'in_collection';
    if (h.reason === 'disputed') apart = 'disputed';
  }
  return apart;
}

/** A client's receivables that a claim covers: open, past due, not disputed nor in collection. */
export function claimableReceivables(receivables: Iterable<Receivable>): Receivable[] {
  const out: Receivable[] = [];
  for (const r of receivables) if (r.remainingCents > 0 && r.daysLate > 0 && !heldApart(r)) out.push(r);
  return out;
}

