// Business operations on a workspace document: each reads plain records, asks the domain what
// to do, and writes the result in one transaction.
import { StoreError } from './errors';
import type * as Y from 'yjs';
import type {
  ActivityEvent,
  ActivityKind,
  Company,
  DepositRequest,
  DocumentKind,
  DocumentRecord,
  IsoDate,
  IsoDateTime,
  Line,
  Payment,
  QuoteOutcome,
  SendChannel
} from '$lib/domain/types';
import { freezeDocument, hashFrozen } from '$lib/domain/integrity';
import { formatNumber, nextSeq, raiseHighWater, seriesId } from '$lib/domain/numbering';
import { dueDate as computeDueDate, initialTerms, penaltyRateAt, penaltyRateKind, penaltyRateTable } from '$lib/domain/terms';
import { missingBeforeIssue } from '$lib/domain/validation';
import { issueDateRefusal, totalsRefusal, type IssueRefusal } from '$lib/domain/issueRules';
import { canEdit, creditableCents } from '$lib/domain/lifecycle';
import { computeTotals } from '$lib/domain/money';
import { creditNoteFrom, invoiceFromQuote, newDocument } from '$lib/domain/documents';
import { askedDepositsCents, deductDeposits, depositDeductions, depositInvoiceFrom, depositRefusal, isFinalInvoice, jobDocuments, orderDepositInvoice, orderDocuments, orderFinalInvoice, type DepositRefusal, type DepositShare } from '$lib/domain/deposits';
import { validateAllocations } from '$lib/domain/payments';
import { earlyDiscountFor } from '$lib/domain/earlyDiscount';
import { earlierProgress, finalInvoiceRefusal, issuedSituations, requestOf, settleSituation, situationRefusal } from '$lib/domain/progress';
import { refuseProgress, requestSituation } from './progressOperations';
import { newId } from './ids';
import { localDate } from '$lib/clock';
import { LOCAL_ORIGIN, collectionMap, deleteRecord, patchRecord, putRecord, readAll, readCompany, readRecord } from './doc';

export interface Actor {
  memberId: string;
  now: () => Date;
}

export { StoreError };

/** A domain refusal as the error the UI words (errors.ts: error.<code>, with its details). */
function refuse(refusal: IssueRefusal | DepositRefusal | null): void {
  if (!refusal) return;
  switch (refusal.code) {
    case 'future_issue_date':
      throw new StoreError(refusal.code, [refusal.today]);
    case 'backdated':
      throw new StoreError(refusal.code, [refusal.previousNumber]);
    case 'credit_exceeds_invoice':
      throw new StoreError(refusal.code, [String(refusal.creditableCents)]);
    case 'deposit_exceeds_quote':
      throw new StoreError(refusal.code, [String(refusal.leftCents)]);
    default:
      throw new StoreError(refusal.code);
  }
}

function nowIso(actor: Actor): IsoDateTime {
  return actor.now().toISOString();
}

export function logEvent(
  doc: Y.Doc,
  actor: Actor,
  kind: ActivityKind,
  fields: Partial<Omit<ActivityEvent, 'id' | 'at' | 'memberId' | 'kind'>> = {}
): string {
  const event: ActivityEvent = {
    id: newId(),
    at: nowIso(actor),
    memberId: actor.memberId,
    kind,
    clientId: fields.clientId ?? null,
    documentId: fields.documentId ?? null,
    text: fields.text ?? '',
    data: fields.data ?? {},
    ...(fields.contact ? { contact: fields.contact } : {})
  };
  putRecord(doc, 'events', event);
  return event.id;
}

function requireDocument(doc: Y.Doc, id: string): DocumentRecord {
  const record = readRecord(doc, 'documents', id);
  if (!record) throw new StoreError('unknown_document');
  return record;
}

function requireCompany(doc: Y.Doc): Company {
  const company = readCompany(doc);
  if (!company) throw new StoreError('no_company');
  return company;
}

export function createDocument(doc: Y.Doc, actor: Actor, kind: DocumentKind, clientId: string): string {
  const company = requireCompany(doc);
  const client = readRecord(doc, 'clients', clientId);
  const id = newId();
  const record = newDocument(kind, {
    id,
    memberId: actor.memberId,
    now: nowIso(actor),
    clientId,
    terms: initialTerms(kind, client, company.defaultTerms)
  });
  doc.transact(() => {
    putRecord(doc, 'documents', record);
    logEvent(doc, actor, 'document_created', { clientId, documentId: id });
  }, LOCAL_ORIGIN);
  return id;
}

/**
 * Edits a draft. An issued document is frozen: the change is refused with the reason. `base`:
 * the draft as the editor last saved it — only what changed since is written, down to one field
 * of one line, so a partner's edit of another line or field survives.
 */
export function saveDraft(doc: Y.Doc, actor: Actor, id: string, patch: Partial<DocumentRecord>, base?: Partial<DocumentRecord>): void {
  const current = requireDocument(doc, id);
  const editable = canEdit(current);
  if (!editable.ok) throw new StoreError(editable.reason);
  const { id: _id, status: _s, frozen: _f, hash: _h, number: _n, ...allowed } = patch;
  patchRecord(doc, 'documents', id, { ...allowed, updatedAt: nowIso(actor) }, base);
}

export function deleteDraft(doc: Y.Doc, id: string): void {
  const current = requireDocument(doc, id);
  if (current.status !== 'draft') throw new StoreError('issued_frozen');
  doc.transact(() => collectionMap(doc, 'documents').delete(id), LOCAL_ORIGIN);
}

const FORMAT_KEY: Record<DocumentKind, keyof Company['numberFormats']> = {
  invoice: 'invoice',
  quote: 'quote',
  credit: 'credit'
};

/**
 * Issues a draft: takes the next number of this device's series, freezes the content, hashes it
 * and chains it to the previous document of the series. Refuses with the list of what is missing.
 *
 * The issued document is a new record (a fresh id, `sourceDraftId` = the draft's) and the draft
 * record is deleted in the same transaction. Writing into the shared draft record instead would
 * let the last writer win when two devices issue the same draft offline, and one number — already
 * shown, maybe already sent — would vanish. A fresh id rather than one derived from the draft:
 * nothing can ever be issued over an issued record (not even by two tabs of one device racing),
 * and the link back is `sourceDraftId`. The device's high-water mark of the series is raised in
 * the same transaction, so its numbers never go back even if a record is lost.
 */
export async function issueDocument(
  doc: Y.Doc,
  actor: Actor,
  id: string,
  issueDate: IsoDate,
  // The decoded documents when the caller already has them (the UI's collection): decoding
  // 10 000 records again just to find the next number would cost a noticeable pause.
  documents: () => DocumentRecord[] = () => readAll(doc, 'documents')
): Promise<DocumentRecord> {
  const draft = requireDocument(doc, id);
  if (draft.status !== 'draft') throw new StoreError('issued_frozen');
  const company = requireCompany(doc);
  const client = readRecord(doc, 'clients', draft.clientId);
  let withDate: DocumentRecord = { ...draft, issueDate };
  const missing = missingBeforeIssue(withDate, company, client);
  if (missing.length) throw new StoreError('missing', missing);
  const member = readRecord(doc, 'members', actor.memberId);
  if (!member) throw new StoreError('unknown_member');
  if (member.removed) throw new StoreError('removed_device');
  // A device that joined numbers only once the relay showed its letter is its own (domain/series.ts).
  if (member.seriesConfirmedAt === null) throw new StoreError('series_unconfirmed', [member.seriesLetter]);

  const year = Number(issueDate.slice(0, 4));
  const format = company.numberFormats[FORMAT_KEY[draft.kind]];
  const series = seriesId(format, { year, letter: member.seriesLetter });
  const all = documents();
  const seq = nextSeq(all, series, member.highestIssuedSeq?.[series]);
  const previous = all.find((d) => d.status === 'issued' && d.series === series && d.seq === seq - 1);
  refuse(issueDateRefusal(issueDate, localDate(actor.now()), previous ?? null));
  const number = formatNumber(format, { year, letter: member.seriesLetter, seq });
  const corrected = draft.correctsInvoiceId ? readRecord(doc, 'documents', draft.correctsInvoiceId) : null;
  if (draft.kind === 'credit' && (!corrected || corrected.kind !== 'invoice' || corrected.status !== 'issued'))
    throw new StoreError('missing', ['credit_invoice']);
  const creditable = draft.kind === 'credit' ? creditableCents(corrected!, all, company.vatRegime, draft.id) : null;
  // A situation is made again against the situations issued by now (another device's may have
  // arrived): its number, what earlier ones billed, its recap (domain/progress.ts).
  if (draft.progress) withDate = { ...withDate, ...settledSituation(draft, all) };
  refuseProgress(finalInvoiceRefusal(draft, all));
  // A final invoice takes off the quote's deposits issued by now (domain/deposits.ts).
  const deductions = depositDeductions(withDate, all);
  const totals = deductDeposits(computeTotals(withDate.lines, withDate.discount, company.vatRegime), deductions);
  refuse(totalsRefusal(draft.kind, totals, creditable));
  if (draft.kind === 'invoice' && draft.deposit?.quoteId) refuse(depositTotalRefusal(draft, totals.ttcCents, all, company));
  const due = draft.kind === 'invoice' ? computeDueDate(issueDate, draft.terms) : null;
  // The logo is presentation, not a legal mention: keep it out of every frozen copy. The penalty
  // rate is the one in force for this issue date (domain/terms.ts), not the one of the profile.
  const rates = penaltyRateTable(readAll(doc, 'penaltyRates'));
  const seller: Company = {
    ...company,
    logoDataUrl: '',
    penaltyRateKind: penaltyRateKind(company, rates),
    penaltyRateBp: penaltyRateAt(company, rates, issueDate)
  };
  const frozen = freezeDocument(withDate, {
    company: seller,
    client: client!,
    number,
    series,
    seq,
    issueDate,
    dueDate: due,
    prevHash: previous?.hash ?? '',
    correctedInvoice: corrected,
    deductions,
    quote: isFinalInvoice(draft) ? (jobDocuments(draft.sourceQuoteId!, all).quote ?? null) : null,
    // An invoice holding a retention offers no early-payment discount.
    earlyDiscount: draft.progress?.retention ? null : earlyDiscountFor(draft, client, company)
  });
  const hash = await hashFrozen(frozen);

  // Hashing is asynchronous: make sure no other issue took this number in the meantime, and that
  // the draft is still there (another device's issue of it may have arrived): else start again,
  // which refuses a draft that is gone.
  const markNow = readRecord(doc, 'members', actor.memberId)?.highestIssuedSeq;
  if (nextSeq(documents(), series, markNow?.[series]) !== seq || readRecord(doc, 'documents', id)?.status !== 'draft')
    return issueDocument(doc, actor, id, issueDate, documents);
  const issued: DocumentRecord = {
    ...withDate,
    id: newId(),
    sourceDraftId: draft.id,
    status: 'issued',
    issueDate,
    number,
    series,
    seq,
    dueDate: due,
    frozen,
    hash,
    prevHash: frozen.prevHash,
    issuedAt: nowIso(actor),
    memberId: actor.memberId,
    updatedAt: nowIso(actor)
  };
  doc.transact(() => {
    putRecord(doc, 'documents', issued);
    collectionMap(doc, 'documents').delete(draft.id);
    patchRecord(doc, 'members', actor.memberId, { highestIssuedSeq: raiseHighWater(markNow, series, seq) });
    logEvent(doc, actor, 'document_issued', { clientId: draft.clientId, documentId: issued.id, text: number });
  }, LOCAL_ORIGIN);
  return requireDocument(doc, issued.id);
}

/** A draft situation settled against the issued ones; refused (with the reason) when it no longer holds. */
function settledSituation(draft: DocumentRecord, all: DocumentRecord[]): Pick<DocumentRecord, 'lines' | 'discount' | 'progress'> {
  const quote = all.find((d) => d.id === draft.progress!.quoteId && d.kind === 'quote' && d.status === 'issued');
  if (!quote) throw new StoreError('unknown_document');
  refuseProgress(situationRefusal(quote, requestOf(draft.progress!), all, draft.id));
  return settleSituation(draft, quote, all);
}

function requireIssued(doc: Y.Doc, id: string): DocumentRecord {
  const record = requireDocument(doc, id);
  if (record.status !== 'issued') throw new StoreError('not_issued');
  return record;
}

export function markSent(doc: Y.Doc, actor: Actor, id: string, date: IsoDate, channel: SendChannel): void {
  const record = requireIssued(doc, id);
  doc.transact(() => {
    patchRecord(doc, 'documents', id, { sentAt: date, sentChannel: channel, updatedAt: nowIso(actor) });
    logEvent(doc, actor, 'document_sent', {
      clientId: record.clientId,
      documentId: id,
      text: record.number,
      data: { channel, date }
    });
  }, LOCAL_ORIGIN);
}

export function setDisputed(doc: Y.Doc, actor: Actor, id: string, disputed: boolean): void {
  const record = requireIssued(doc, id);
  doc.transact(() => {
    patchRecord(doc, 'documents', id, { disputed, updatedAt: nowIso(actor) });
    logEvent(doc, actor, 'document_disputed', {
      clientId: record.clientId,
      documentId: id,
      text: record.number,
      data: { disputed }
    });
  }, LOCAL_ORIGIN);
}

export function setQuoteOutcome(doc: Y.Doc, actor: Actor, id: string, outcome: QuoteOutcome): void {
  const record = requireIssued(doc, id);
  if (record.kind !== 'quote') throw new StoreError('not_a_quote');
  doc.transact(() => {
    patchRecord(doc, 'documents', id, { quoteOutcome: outcome, updatedAt: nowIso(actor) });
    if (outcome !== 'pending')
      logEvent(doc, actor, outcome === 'accepted' ? 'quote_accepted' : 'quote_refused', {
        clientId: record.clientId,
        documentId: id,
        text: record.number
      });
  }, LOCAL_ORIGIN);
}

/**
 * Quote → invoice in one action: marks the quote accepted and creates the draft invoice. Once the
 * quote has an issued situation its final invoice is the décompte définitif (every line at 100 %,
 * the retention of the last situation); after the décompte, refused.
 */
export function convertQuoteToInvoice(doc: Y.Doc, actor: Actor, quoteId: string, documents: () => DocumentRecord[] = () => readAll(doc, 'documents')): string {
  const quote = requireDocument(doc, quoteId);
  if (quote.kind !== 'quote') throw new StoreError('not_a_quote');
  if (quote.status === 'issued') {
    const earlier = earlierProgress(issuedSituations(quote, documents()));
    if (earlier.closed) throw new StoreError('progress_closed');
    if (earlier.lastNumber > 0) return requestSituation(doc, actor, quoteId, { cumulative: {}, retentionBp: earlier.retentionBp, final: true }, documents);
  }
  const id = newId();
  const invoice = invoiceFromQuote(quote, { id, memberId: actor.memberId, now: nowIso(actor) });
  doc.transact(() => {
    putRecord(doc, 'documents', invoice);
    if (quote.status === 'issued' && quote.quoteOutcome !== 'accepted') setQuoteOutcome(doc, actor, quoteId, 'accepted');
    logEvent(doc, actor, 'document_created', { clientId: quote.clientId, documentId: id, data: { fromQuote: quoteId } });
  }, LOCAL_ORIGIN);
  return id;
}

/** A deposit invoice never takes the quote's deposits beyond its TTC (one edited after it was asked included). */
function depositTotalRefusal(draft: DocumentRecord, ttcCents: number, all: DocumentRecord[], company: Company): DepositRefusal | null {
  const quote = all.find((d) => d.kind === 'quote' && d.id === draft.deposit!.quoteId);
  if (!quote?.frozen) return null;
  const asked = askedDepositsCents(quote.id, all, company.vatRegime, draft.id);
  const leftCents = Math.max(0, quote.frozen.totals.ttcCents - asked);
  return ttcCents > leftCents ? { code: 'deposit_exceeds_quote', leftCents } : null;
}

/**
 * « Demander un acompte »: a draft deposit invoice on an issued quote, by percentage or amount
 * TTC, split per VAT rate (domain/deposits.ts); `describe` words each line in the client's
 * language. Refused beyond what the quote has left after its other deposits. The quote is
 * marked accepted: a deposit is asked on a quote the client took.
 */
export function requestDeposit(
  doc: Y.Doc,
  actor: Actor,
  quoteId: string,
  request: DepositRequest,
  describe: (share: DepositShare) => string,
  documents: () => DocumentRecord[] = () => readAll(doc, 'documents')
): string {
  const quote = requireIssued(doc, quoteId);
  if (quote.kind !== 'quote') throw new StoreError('not_a_quote');
  if (quote.quoteOutcome === 'refused') throw new StoreError('quote_refused');
  // Deposits come before the work: once a final invoice of the job is issued, none is asked.
  if (jobDocuments(quote.id, documents()).finals.some((f) => f.status === 'issued')) throw new StoreError('quote_invoiced');
  const company = requireCompany(doc);
  refuse(depositRefusal(quote.frozen!.totals, request, askedDepositsCents(quote.id, documents(), company.vatRegime), company.vatRegime));
  const id = newId();
  const invoice = depositInvoiceFrom(quote, request, { id, memberId: actor.memberId, now: nowIso(actor), lineIds: newId }, describe);
  doc.transact(() => {
    putRecord(doc, 'documents', invoice);
    if (quote.quoteOutcome !== 'accepted') setQuoteOutcome(doc, actor, quoteId, 'accepted');
    logEvent(doc, actor, 'document_created', { clientId: quote.clientId, documentId: id, data: { fromQuote: quoteId, deposit: true } });
  }, LOCAL_ORIGIN);
  return id;
}

/**
 * A deposit on an order without a quote: a draft deposit invoice of `amountCents` TTC at one
 * VAT rate, due on receipt, under a new order key — or, given `orderKey`, another deposit on
 * that order of the client (its order number kept), as long as no final invoice of it is issued.
 * The order's final invoice deducts them all.
 */
export function requestOrderDeposit(
  doc: Y.Doc,
  actor: Actor,
  clientId: string,
  order: { amountCents: number; vatRateBp: number; orderNumber: string; orderKey?: string },
  description: string,
  documents: () => DocumentRecord[] = () => readAll(doc, 'documents')
): string {
  const company = requireCompany(doc);
  if (!readRecord(doc, 'clients', clientId)) throw new StoreError('unknown_client');
  if (!Number.isSafeInteger(order.amountCents) || order.amountCents <= 0) throw new StoreError('deposit_invalid');
  let orderNumber = order.orderNumber.trim();
  if (order.orderKey) {
    const job = orderDocuments(order.orderKey, documents());
    const first = job.deposits.find((d) => d.clientId === clientId);
    if (!first) throw new StoreError('not_an_order_deposit');
    if (job.finals.some((f) => f.status === 'issued')) throw new StoreError('order_invoiced');
    orderNumber = first.frozen?.orderNumber ?? first.orderNumber;
  }
  const id = newId();
  const invoice = orderDepositInvoice(
    { clientId, orderNumber, orderKey: order.orderKey || newId(), amountCents: order.amountCents, vatRateBp: order.vatRateBp },
    company.vatRegime,
    { id, memberId: actor.memberId, now: nowIso(actor), lineId: newId() },
    description
  );
  doc.transact(() => {
    putRecord(doc, 'documents', invoice);
    logEvent(doc, actor, 'document_created', { clientId, documentId: id, data: { deposit: true } });
  }, LOCAL_ORIGIN);
  return id;
}

/** The draft final invoice of an order, from one of its deposit invoices (the job's lines are then entered). */
export function createOrderFinalInvoice(doc: Y.Doc, actor: Actor, depositId: string): string {
  const deposit = requireIssued(doc, depositId);
  if (!deposit.deposit?.orderKey) throw new StoreError('not_an_order_deposit');
  const company = requireCompany(doc);
  const id = newId();
  const terms = initialTerms('invoice', readRecord(doc, 'clients', deposit.clientId), company.defaultTerms);
  const invoice = orderFinalInvoice(deposit, { id, memberId: actor.memberId, now: nowIso(actor) }, terms);
  doc.transact(() => {
    putRecord(doc, 'documents', invoice);
    logEvent(doc, actor, 'document_created', { clientId: deposit.clientId, documentId: id, data: { fromDeposit: depositId } });
  }, LOCAL_ORIGIN);
  return id;
}

/** A draft credit note correcting an issued invoice: all its lines, or the given ones. */
export function createCreditNote(doc: Y.Doc, actor: Actor, invoiceId: string, lines?: Line[]): string {
  const invoice = requireIssued(doc, invoiceId);
  if (invoice.kind !== 'invoice') throw new StoreError('not_an_invoice');
  const id = newId();
  const credit = creditNoteFrom(invoice, { id, memberId: actor.memberId, now: nowIso(actor) }, lines);
  doc.transact(() => {
    putRecord(doc, 'documents', credit);
    logEvent(doc, actor, 'document_created', { clientId: invoice.clientId, documentId: id, data: { corrects: invoiceId } });
  }, LOCAL_ORIGIN);
  return id;
}

export type NewPayment = Omit<Payment, 'id' | 'memberId' | 'createdAt'>;

/** Records a payment; `balances` are the invoices' current balances, to refuse over-allocation. */
export function recordPayment(doc: Y.Doc, actor: Actor, input: NewPayment, balances: Map<string, number>): string {
  const payment: Payment = {
    ...input,
    // Rows left at zero mean "nothing for this invoice"; a negative share is refused below.
    allocations: input.allocations.filter((a) => a.amountCents !== 0),
    id: newId(),
    memberId: actor.memberId,
    createdAt: nowIso(actor)
  };
  const problems = validateAllocations(payment, balances);
  // Recorded once received: a payment dated in the future would count before it came.
  if (payment.date > localDate(actor.now())) problems.push('future_payment');
  if (problems.length) throw new StoreError('invalid_payment', problems);
  doc.transact(() => {
    putRecord(doc, 'payments', payment);
    logEvent(doc, actor, 'payment_recorded', {
      clientId: payment.clientId,
      documentId: payment.allocations[0]?.invoiceId ?? null,
      data: { amountCents: payment.amountCents, method: payment.method, date: payment.date }
    });
  }, LOCAL_ORIGIN);
  return payment.id;
}

export function deletePayment(doc: Y.Doc, actor: Actor, id: string): void {
  const payment = readRecord(doc, 'payments', id);
  if (!payment) return;
  doc.transact(() => {
    deleteRecord(doc, 'payments', id);
    logEvent(doc, actor, 'payment_deleted', {
      clientId: payment.clientId,
      data: { amountCents: payment.amountCents, date: payment.date }
    });
  }, LOCAL_ORIGIN);
}
