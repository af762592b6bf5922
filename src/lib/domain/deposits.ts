// Deposits (factures d'acompte) and the final invoice that takes them off: how a deposit asked
// on a quote splits per VAT rate, what a final invoice deducts, its totals once deducted, and
// where the job of a quote stands. A deposit is an invoice like any other (same series, same
// receivables, same chase) that carries `deposit`; a final invoice is an invoice made from the
// quote (`sourceQuoteId`) that is not a deposit.
//
// The rules:
// - A deposit is a share of the quote (a percentage of its HT) or an amount TTC. Its HT is split
//   over the quote's VAT rates in proportion to the quote's base at each rate, each share rounded
//   half-up; the rate with the largest base (ties: the higher rate) takes the rounding remainder,
//   so the shares add up to the deposit's HT exactly. VAT per rate is then computed as on any
//   invoice (vatOf on each rate's base). An amount TTC is met to the cent by moving the
//   remainder rate's HT by a cent or two when VAT rounding requires it.
// - The deposits of a quote never add up to more than the quote's TTC.
// - A final invoice lists the whole job and takes off each deposit invoice of the quote that
//   is issued, as that invoice printed it (HT and VAT per rate) less its credit notes; a deposit
//   credited in full is not deducted, nor one another final invoice of the job already deducted.
//   Its totals (HT, VAT per rate, TTC) are what remains; the whole job is kept beside them.
import type {
  BasisPoints,
  Cents,
  DepositDeduction,
  DepositRequest,
  DocumentRecord,
  DepositInfo,
  IsoDateTime,
  Line,
  JobTotals,
  Totals,
  VatBreakdown,
  VatRegime
} from './types';
import { computeTotals, proportionOf, shareOf, vatOf } from './money';
import { isDocumentRef, newDocument, newLine } from './documents';
import { creditableCents } from './lifecycle';

/** One VAT rate's part of a deposit, HT. */
export interface DepositShare {
  rateBp: BasisPoints;
  htCents: Cents;
}

export type DepositRefusal =
  | { code: 'deposit_invalid' }
  | { code: 'deposit_quote_empty' }
  | { code: 'deposit_exceeds_quote'; leftCents: Cents };

/** Splits `htCents` over the bases, the largest base (first among equals: the higher rate) taking the remainder. */
function splitOverRates(htCents: Cents, bases: readonly VatBreakdown[]): DepositShare[] {
  const positive = bases.filter((b) => b.baseCents > 0).sort((a, b) => b.rateBp - a.rateBp);
  const whole = positive.reduce((s, b) => s + b.baseCents, 0);
  let keeper = 0;
  positive.forEach((b, i) => {
    if (b.baseCents > positive[keeper].baseCents) keeper = i;
  });
  const shares = positive.map((b, i) => ({ rateBp: b.rateBp, htCents: i === keeper ? 0 : proportionOf(htCents, b.baseCents, whole) }));
  shares[keeper].htCents = htCents - shares.reduce((s, x) => s + x.htCents, 0);
  return shares;
}

const ttcOf = (shares: readonly DepositShare[]) => shares.reduce((s, x) => s + x.htCents + vatOf(x.htCents, x.rateBp), 0);

/** The largest base's share: the one that took the remainder, and that an amount adjusts. */
function keeperIndex(shares: readonly DepositShare[], bases: readonly VatBreakdown[]): number {
  let best = 0;
  shares.forEach((s, i) => {
    const base = bases.find((b) => b.rateBp === s.rateBp)!.baseCents;
    const bestBase = bases.find((b) => b.rateBp === shares[best].rateBp)!.baseCents;
    if (base > bestBase) best = i;
  });
  return best;
}

/**
 * The deposit's HT per VAT rate for a quote's totals: 30 % of a quote of 1 000 € HT at 20 % and
 * 500 € HT at 5,5 % → 300 € at 20 %, 150 € at 5,5 %. Under the VAT franchise (no VAT lines) one
 * share at rate 0. Throws on an invalid request (see depositRefusal).
 */
export function depositShares(quote: Totals, request: DepositRequest): DepositShare[] {
  const refusal = requestRefusal(quote, request);
  if (refusal) throw new RangeError(`Invalid deposit (${refusal.code}): ${JSON.stringify(request)}`);
  if (!quote.vat.length) return [{ rateBp: 0, htCents: request.kind === 'percent' ? shareOf(quote.htCents, request.bp) : request.cents }];
  if (request.kind === 'percent') return splitOverRates(shareOf(quote.htCents, request.bp), quote.vat);
  // An amount TTC: its HT in the quote's proportion of HT to TTC; then, when VAT rounding misses
  // the amount, the remainder rate's HT moved by up to 3 cents (with another rate's too, when the
  // remainder rate alone skips the amount), the smallest move first; else the nearest below.
  const shares = splitOverRates(proportionOf(request.cents, quote.htCents, quote.ttcCents), quote.vat);
  const k = keeperIndex(shares, quote.vat);
  const start = shares.map((s) => s.htCents);
  const moves: [number, number, number][] = [];
  for (let dk = -3; dk <= 3; dk++) {
    moves.push([Math.abs(dk), dk, -1]);
    for (let i = 0; i < shares.length; i++) if (i !== k) for (let di = -3; di <= 3; di++) if (di !== 0) moves.push([Math.abs(dk) + Math.abs(di) + 0.5, dk, i * 8 + di + 3]);
  }
  moves.sort((a, b) => a[0] - b[0]);
  let below: { ht: Cents[]; ttc: Cents } | null = null;
  for (const [, dk, other] of moves) {
    shares.forEach((s, i) => (s.htCents = start[i]));
    shares[k].htCents += dk;
    if (other >= 0) shares[Math.floor(other / 8)].htCents += (other % 8) - 3;
    const ttc = ttcOf(shares);
    if (ttc === request.cents) return shares;
    if (ttc < request.cents && (!below || ttc > below.ttc)) below = { ht: shares.map((s) => s.htCents), ttc };
  }
  shares.forEach((s, i) => (s.htCents = below ? below.ht[i] : start[i]));
  return shares;
}

function requestRefusal(quote: Totals, request: DepositRequest): DepositRefusal | null {
  if (request.kind === 'percent' ? !Number.isInteger(request.bp) || request.bp <= 0 || request.bp > 10_000 : !Number.isSafeInteger(request.cents) || request.cents <= 0)
    return { code: 'deposit_invalid' };
  if (quote.htCents <= 0 || quote.ttcCents <= 0) return { code: 'deposit_quote_empty' };
  return null;
}

/** The TTC of a deposit's shares, VAT computed per rate as on its invoice (0 VAT under the franchise). */
export function depositTtc(shares: readonly DepositShare[], vatRegime: VatRegime): Cents {
  return vatRegime === 'franchise' ? shares.reduce((s, x) => s + x.htCents, 0) : ttcOf(shares);
}

/**
 * Why this deposit cannot be asked on a quote (null: it can): a percentage from 0,01 to 100 %
 * or a positive amount; a quote with a positive total; and with the deposits already asked
 * (`askedCents` TTC, less their credit notes) never more than the quote's TTC.
 */
export function depositRefusal(quote: Totals, request: DepositRequest, askedCents: Cents, vatRegime: VatRegime): DepositRefusal | null {
  const refusal = requestRefusal(quote, request);
  if (refusal) return refusal;
  const leftCents = Math.max(0, quote.ttcCents - askedCents);
  return depositTtc(depositShares(quote, request), vatRegime) > leftCents ? { code: 'deposit_exceeds_quote', leftCents } : null;
}

// ——— the documents of a job ———

/**
 * An invoice made from a quote (or from an order's deposit) that is not a deposit: it bills the
 * job. Of a quote's progress invoices (domain/progress.ts) only the décompte définitif is final.
 */
export function isFinalInvoice(doc: Pick<DocumentRecord, 'kind' | 'deposit' | 'sourceQuoteId' | 'jobOrderKey' | 'progress'>): boolean {
  if (doc.kind !== 'invoice' || doc.deposit) return false;
  if (doc.progress) return doc.progress.final === true;
  return Boolean(doc.sourceQuoteId) || Boolean(doc.jobOrderKey);
}

export function isDeposit(doc: Pick<DocumentRecord, 'kind' | 'deposit'>): boolean {
  return doc.kind === 'invoice' && Boolean(doc.deposit);
}

/** Whether `doc` was made from the quote `quoteRef` names (the quote, or the draft it was issued from). */
function madeFrom(doc: DocumentRecord, quoteRef: string, quote: DocumentRecord | undefined): boolean {
  if (!doc.sourceQuoteId) return false;
  return doc.sourceQuoteId === quoteRef || (quote !== undefined && isDocumentRef(quote, doc.sourceQuoteId));
}

/**
 * The quote's deposit invoices, final invoices and progress invoices (situations, the décompte
 * définitif among them), drafts and issued, in the order given.
 */
export function jobDocuments(
  quoteRef: string,
  documents: readonly DocumentRecord[]
): { quote: DocumentRecord | undefined; deposits: DocumentRecord[]; finals: DocumentRecord[]; situations: DocumentRecord[] } {
  const quote = documents.find((d) => d.kind === 'quote' && isDocumentRef(d, quoteRef));
  const deposits: DocumentRecord[] = [];
  const finals: DocumentRecord[] = [];
  const situations: DocumentRecord[] = [];
  for (const d of documents) {
    if (d.kind !== 'invoice' || !madeFrom(d, quoteRef, quote)) continue;
    (d.deposit ? deposits : d.progress ? situations : finals).push(d);
  }
  return { quote, deposits, finals, situations };
}

/** The deposit invoices and final invoices of an order without a quote (its `orderKey`). */
export function orderDocuments(orderKey: string, documents: readonly DocumentRecord[]): { deposits: DocumentRecord[]; finals: DocumentRecord[] } {
  const deposits: DocumentRecord[] = [];
  const finals: DocumentRecord[] = [];
  for (const d of documents) {
    if (d.kind !== 'invoice') continue;
    if (d.deposit?.orderKey === orderKey) deposits.push(d);
    else if (!d.deposit && d.jobOrderKey === orderKey) finals.push(d);
  }
  return { deposits, finals };
}

/** The job a final invoice bills: its quote's, or its order's. */
function jobOf(invoice: DocumentRecord, documents: readonly DocumentRecord[]): { deposits: DocumentRecord[]; finals: DocumentRecord[] } {
  if (!invoice.sourceQuoteId) return orderDocuments(invoice.jobOrderKey!, documents);
  const job = jobDocuments(invoice.sourceQuoteId, documents);
  return { deposits: job.deposits, finals: [...job.finals, ...job.situations.filter(isFinalInvoice)] };
}

/** Per rate: a − b (rates of either), rates with nothing left dropped, higher rates first. */
function subtractVat(a: readonly VatBreakdown[], b: readonly VatBreakdown[]): VatBreakdown[] {
  const byRate = new Map<BasisPoints, VatBreakdown>();
  for (const v of a) byRate.set(v.rateBp, { ...v });
  for (const v of b) {
    const cur = byRate.get(v.rateBp) ?? { rateBp: v.rateBp, baseCents: 0, vatCents: 0 };
    byRate.set(v.rateBp, { rateBp: v.rateBp, baseCents: cur.baseCents - v.baseCents, vatCents: cur.vatCents - v.vatCents });
  }
  return [...byRate.values()].filter((v) => v.baseCents !== 0 || v.vatCents !== 0).sort((x, y) => y.rateBp - x.rateBp);
}

const sumVat = (lists: readonly (readonly VatBreakdown[])[]): VatBreakdown[] => lists.reduce<VatBreakdown[]>((acc, l) => subtractVat(acc, l.map((v) => ({ ...v, baseCents: -v.baseCents, vatCents: -v.vatCents }))), []);

/** The TTC credit notes took off an issued invoice (lifecycle.ts's creditableCents counts them). */
function creditedTtc(invoice: DocumentRecord, documents: readonly DocumentRecord[]): Cents {
  const f = invoice.frozen;
  return f ? f.totals.ttcCents - creditableCents(invoice, documents, f.seller.vatRegime) : 0;
}

/**
 * What a final invoice takes off (empty for any other document): each issued deposit invoice of
 * its quote, as printed, less its credit notes per rate — by issue date, then number. Left out:
 * a deposit credited in full, and one that another issued final invoice of the job (not itself
 * credited in full) already deducted.
 */
export function depositDeductions(invoice: DocumentRecord, documents: readonly DocumentRecord[]): DepositDeduction[] {
  if (!isFinalInvoice(invoice)) return [];
  const { deposits, finals } = jobOf(invoice, documents);
  const taken = new Set<string>();
  for (const f of finals)
    if (f.id !== invoice.id && f.status === 'issued' && f.frozen?.deductions?.length && creditedTtc(f, documents) < f.frozen.totals.ttcCents)
      for (const d of f.frozen.deductions) taken.add(d.invoiceId);
  const out: DepositDeduction[] = [];
  for (const d of deposits) {
    if (d.status !== 'issued' || !d.frozen || taken.has(d.id)) continue;
    const credits = documents.filter((c) => c.kind === 'credit' && c.status === 'issued' && c.correctsInvoiceId === d.id && c.frozen);
    const t = d.frozen.totals;
    const ttcCents = t.ttcCents - credits.reduce((s, c) => s + c.frozen!.totals.ttcCents, 0);
    if (ttcCents <= 0) continue;
    out.push({
      invoiceId: d.id,
      number: d.number,
      issueDate: d.issueDate ?? d.frozen.issueDate,
      htCents: t.htCents - credits.reduce((s, c) => s + c.frozen!.totals.htCents, 0),
      vat: subtractVat(t.vat, sumVat(credits.map((c) => c.frozen!.totals.vat))),
      vatCents: t.vatCents - credits.reduce((s, c) => s + c.frozen!.totals.vatCents, 0),
      ttcCents
    });
  }
  return out.sort((a, b) => (a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
}

/** What the deductions take off in all: HT, VAT per rate, TTC. */
export function deductedTotals(deductions: readonly DepositDeduction[]): JobTotals {
  return {
    htCents: deductions.reduce((s, d) => s + d.htCents, 0),
    vat: sumVat(deductions.map((d) => d.vat)),
    vatCents: deductions.reduce((s, d) => s + d.vatCents, 0),
    ttcCents: deductions.reduce((s, d) => s + d.ttcCents, 0)
  };
}

/**
 * A final invoice's totals: the whole job (`job`, from its lines) less the deposits, rate by
 * rate (VAT already invoiced on the deposits is subtracted as printed, not recomputed), so the
 * deposits and the final invoice add up to the job to the cent. No deductions: `job` unchanged.
 */
export function deductDeposits(job: Totals, deductions: readonly DepositDeduction[]): Totals {
  if (!deductions.length) return job;
  const off = deductedTotals(deductions);
  const htCents = job.htCents - off.htCents;
  const vatCents = job.vatCents - off.vatCents;
  return {
    ...job,
    htCents,
    vat: subtractVat(job.vat, off.vat),
    vatCents,
    ttcCents: htCents + vatCents,
    beforeDeposits: { htCents: job.htCents, vat: job.vat, vatCents: job.vatCents, ttcCents: job.ttcCents }
  };
}

/** The totals of a draft or issued invoice with its deposits taken off (issued: as frozen). */
export function invoiceTotals(doc: DocumentRecord, documents: readonly DocumentRecord[], vatRegime: VatRegime): Totals {
  if (doc.frozen) return doc.frozen.totals;
  return deductDeposits(computeTotals(doc.lines, doc.discount, vatRegime), depositDeductions(doc, documents));
}

/** The TTC the quote's deposits ask (drafts and issued, less their credit notes): what a new deposit adds to. */
export function askedDepositsCents(quoteRef: string, documents: readonly DocumentRecord[], vatRegime: VatRegime, exceptId = ''): Cents {
  let asked = 0;
  for (const d of jobDocuments(quoteRef, documents).deposits) {
    if (d.id === exceptId) continue;
    const ttc = d.frozen ? d.frozen.totals.ttcCents : computeTotals(d.lines, d.discount, vatRegime).ttcCents;
    asked += Math.max(0, ttc - creditedTtc(d, documents));
  }
  return asked;
}

// ——— where the job stands ———

export type JobStage = 'quoted' | 'deposit_asked' | 'deposit_received' | 'invoiced' | 'paid';

export interface JobState {
  stage: JobStage;
  /** The quote's TTC. */
  quotedCents: Cents;
  /** Issued deposit invoices, less their credit notes. */
  depositsAskedCents: Cents;
  /** Paid on those deposits. */
  depositsReceivedCents: Cents;
  /** Issued final invoices (what they charge once the deposits are off). */
  invoicedCents: Cents;
  /** Still owed on the job's issued invoices (deposits and final). */
  remainingCents: Cents;
}

/** What the receivables model says of one issued invoice. */
export interface InvoiceBalance {
  paidCents: Cents;
  remainingCents: Cents;
}

/**
 * Where the job of a quote stands: « devisé », « acompte demandé » (a deposit issued, not all
 * paid), « acompte reçu » (every deposit issued is paid), « facturé » (a final invoice issued),
 * « payé » (a final invoice issued and nothing left on any of the job's invoices). Drafts and
 * deposits credited in full do not count. `balance`: the receivables model's account of an
 * issued invoice (null when it has none).
 */
export function jobState(quote: DocumentRecord, documents: readonly DocumentRecord[], balance: (invoiceId: string) => InvoiceBalance | null): JobState {
  // Each situation bills part of the job: issued, the job counts as invoiced.
  const job = jobDocuments(quote.id, documents);
  return stateOfJob({ deposits: job.deposits, finals: [...job.finals, ...job.situations] }, quote.frozen?.totals.ttcCents ?? 0, documents, balance);
}

/** Where an order without a quote stands (jobState's stages; nothing quoted). */
export function orderState(orderKey: string, documents: readonly DocumentRecord[], balance: (invoiceId: string) => InvoiceBalance | null): JobState {
  return stateOfJob(orderDocuments(orderKey, documents), 0, documents, balance);
}

function stateOfJob(
  { deposits, finals }: { deposits: DocumentRecord[]; finals: DocumentRecord[] },
  quotedCents: Cents,
  documents: readonly DocumentRecord[],
  balance: (invoiceId: string) => InvoiceBalance | null
): JobState {
  const state: JobState = { stage: 'quoted', quotedCents, depositsAskedCents: 0, depositsReceivedCents: 0, invoicedCents: 0, remainingCents: 0 };
  let openDeposit = false;
  let depositCount = 0;
  for (const d of deposits) {
    if (d.status !== 'issued' || !d.frozen) continue;
    const net = d.frozen.totals.ttcCents - creditedTtc(d, documents);
    if (net <= 0) continue;
    depositCount++;
    const b = balance(d.id);
    state.depositsAskedCents += net;
    state.depositsReceivedCents += b?.paidCents ?? 0;
    state.remainingCents += b?.remainingCents ?? net;
    if ((b?.remainingCents ?? net) > 0) openDeposit = true;
  }
  let finalCount = 0;
  for (const f of finals) {
    if (f.status !== 'issued' || !f.frozen) continue;
    finalCount++;
    const b = balance(f.id);
    state.invoicedCents += f.frozen.totals.ttcCents;
    state.remainingCents += b?.remainingCents ?? f.frozen.totals.ttcCents;
  }
  if (finalCount) state.stage = state.remainingCents === 0 ? 'paid' : 'invoiced';
  else if (depositCount) state.stage = openDeposit ? 'deposit_asked' : 'deposit_received';
  return state;
}

// ——— the draft of a deposit invoice ———

/**
 * A draft deposit invoice on an issued quote: one line per VAT rate (`describe` words it, e.g.
 * « Acompte de 30 % sur le devis D-2026-A-0001 »), due on receipt, made from the quote
 * (`sourceQuoteId`) so the final invoice finds it. `lineIds`: one fresh id per share.
 */
export function depositInvoiceFrom(
  quote: DocumentRecord,
  request: DepositRequest,
  ids: { id: string; memberId: string; now: IsoDateTime; lineIds: () => string },
  describe: (share: DepositShare) => string
): DocumentRecord {
  const f = quote.frozen;
  if (quote.kind !== 'quote' || quote.status !== 'issued' || !f) throw new RangeError('A deposit is asked on an issued quote');
  const lines: Line[] = depositShares(f.totals, request).map((share) =>
    newLine(ids.lineIds(), { description: describe(share), quantity: 1, unit: 'forfait', unitPriceCents: share.htCents, vatRateBp: share.rateBp })
  );
  const deposit: DepositInfo = { quoteId: quote.id, quoteNumber: quote.number, quoteDate: f.issueDate, request, quoteTtcCents: f.totals.ttcCents };
  return {
    ...newDocument('invoice', { id: ids.id, memberId: ids.memberId, now: ids.now, clientId: f.clientId, terms: { kind: 'on_receipt' } }),
    lines,
    title: quote.title,
    orderNumber: f.orderNumber ?? '',
    sourceQuoteId: quote.id,
    deposit
  };
}

// ——— an order without a quote ———

/**
 * A draft deposit invoice on an order with no quote: `amountCents` TTC at one VAT rate (its HT
 * found as for an amount on a quote: to the cent, else the nearest below), due on receipt. The
 * order is named by the client's order number; `orderKey` ties its deposits and final invoice
 * together (a new key for a new order).
 */
export function orderDepositInvoice(
  order: { clientId: string; orderNumber: string; orderKey: string; amountCents: Cents; vatRateBp: BasisPoints },
  vatRegime: VatRegime,
  ids: { id: string; memberId: string; now: IsoDateTime; lineId: string },
  description: string
): DocumentRecord {
  const rate = vatRegime === 'franchise' ? 0 : order.vatRateBp;
  // One unit of 100,00 € HT at the rate: the proportions an amount TTC is split by.
  const unit = computeTotals([newLine('unit', { unitPriceCents: 10_000, vatRateBp: rate })], { kind: 'none' }, vatRegime);
  const [share] = depositShares(unit, { kind: 'amount', cents: order.amountCents });
  const deposit: DepositInfo = { quoteId: null, quoteNumber: '', quoteDate: null, request: { kind: 'amount', cents: order.amountCents }, orderKey: order.orderKey };
  return {
    ...newDocument('invoice', { id: ids.id, memberId: ids.memberId, now: ids.now, clientId: order.clientId, terms: { kind: 'on_receipt' } }),
    lines: [newLine(ids.lineId, { description, quantity: 1, unit: 'forfait', unitPriceCents: share.htCents, vatRateBp: share.rateBp })],
    orderNumber: order.orderNumber,
    deposit
  };
}

/** The draft final invoice of an order, from one of its deposits: the client, the order, no lines yet (the whole job is entered). */
export function orderFinalInvoice(deposit: DocumentRecord, ids: { id: string; memberId: string; now: IsoDateTime }, terms: DocumentRecord['terms']): DocumentRecord {
  const key = deposit.deposit?.orderKey;
  if (deposit.kind !== 'invoice' || !key) throw new RangeError('A final invoice of an order is made from one of its deposits');
  return {
    ...newDocument('invoice', { id: ids.id, memberId: ids.memberId, now: ids.now, clientId: deposit.clientId, terms }),
    title: deposit.title,
    orderNumber: deposit.frozen?.orderNumber ?? deposit.orderNumber,
    jobOrderKey: key
  };
}
