// Progress invoices (« situations de travaux ») of a quote, their retenue de garantie and the
// décompte définitif that closes the quote. A situation is an ordinary invoice of the normal
// series, made from the quote (`sourceQuoteId`), that carries `progress`.
//
// The rules:
// - Per quote line the user states the cumulative percentage done (0–100 %, never below the
//   previous situations'). Cumulative HT = round-half-up(line net HT × cumulative %), the line net
//   being the quote line's HT after its line discount (money.ts lineHt); this situation's HT =
//   cumulative HT − what the earlier issued situations billed for the line, as they froze it. At
//   100 % the cumulative is the line net exactly: the situations of a line add up to it to the cent.
// - A quote discount in percent is the same percent on every situation; in euros it is taken off
//   in proportion to the progress: round(discount × Σ cumulative HT / quote HT before discount)
//   less what earlier situations took off.
// - Earlier situations: the quote's issued progress invoices not credited in full. The number of
//   a situation is derived at issue: one more than the highest issued one of the quote.
// - Retenue de garantie (loi n° 71-584 du 16 juillet 1971): at most 5 % of the works' price,
//   round-half-up(TTC × rate) held on each situation; the TTC stays due (VAT on the whole), the
//   retention is owed one year after the reception of the works (receivables.ts).
// - A quote billed by a final invoice (« facture de solde ») takes no situation, and after the
//   décompte définitif no situation is made; once a situation exists the final invoice of the
//   quote is the décompte définitif, which deducts the quote's deposits like a final invoice.
import type { BasisPoints, Cents, Discount, DocumentRecord, IsoDate, IsoDateTime, Line, PaymentTerms, ProgressInfo, ProgressLine, ProgressRecapItem, Totals } from './types';
import { lineHt, proportionOf, shareOf } from './money';
import { addMonths } from './dates';
import { isDocumentRef, newDocument, newLine } from './documents';
import { creditableCents } from './lifecycle';

/** Loi 71-584 art. 1: the retention is at most 5 % of the works' price. */
export const RETENTION_MAX_BP: BasisPoints = 500;

export type ProgressRefusal =
  | { code: 'progress_invalid'; line: string }
  | { code: 'progress_goes_down'; line: string; previousBp: BasisPoints }
  | { code: 'retention_too_high' }
  | { code: 'progress_quote_empty' }
  | { code: 'progress_closed' }
  | { code: 'progress_quote_invoiced' }
  | { code: 'progress_final_is_statement' };

/** What the user asks for a situation: the cumulative percentage per quote line id, the retention rate (0: none), whether it closes the quote. */
export interface SituationRequest {
  cumulative: Record<string, BasisPoints>;
  retentionBp: BasisPoints;
  final: boolean;
}

/** A progress invoice (a situation or the décompte définitif). */
export function isSituation(doc: Pick<DocumentRecord, 'kind' | 'progress'>): boolean {
  return doc.kind === 'invoice' && Boolean(doc.progress);
}

/** The progress info a document prints: frozen once issued, the draft's before. */
export function progressOf(doc: DocumentRecord): ProgressInfo | null {
  return doc.frozen ? (doc.frozen.progress ?? null) : (doc.progress ?? null);
}

/** Whether `doc` is a progress invoice of the quote `quote`. */
function situationOf(doc: DocumentRecord, quote: DocumentRecord): boolean {
  return isSituation(doc) && (doc.progress?.quoteId === quote.id || (doc.sourceQuoteId !== null && isDocumentRef(quote, doc.sourceQuoteId)));
}

const byIssue = (a: DocumentRecord, b: DocumentRecord) =>
  (a.issueDate ?? '') < (b.issueDate ?? '') ? -1 : (a.issueDate ?? '') > (b.issueDate ?? '') ? 1 : a.number < b.number ? -1 : a.number > b.number ? 1 : 0;

/** The quote's issued situations that still count (not credited in full), by issue date then number. */
export function issuedSituations(quote: DocumentRecord, documents: readonly DocumentRecord[]): DocumentRecord[] {
  return documents
    .filter((d) => d.status === 'issued' && d.frozen?.progress && situationOf(d, quote) && creditableCents(d, documents, d.frozen.seller.vatRegime) > 0)
    .sort(byIssue);
}

/** Every progress invoice of the quote, drafts and issued (credited ones too), by issue date then number. */
export function quoteSituations(quote: DocumentRecord, documents: readonly DocumentRecord[]): DocumentRecord[] {
  return documents.filter((d) => situationOf(d, quote)).sort(byIssue);
}

/** What earlier situations did: per quote line its highest cumulative % and the HT billed, the euro discount taken off, the highest number. */
export interface EarlierProgress {
  byLine: Map<string, { bp: BasisPoints; htCents: Cents }>;
  discountCents: Cents;
  lastNumber: number;
  retentionBp: BasisPoints;
  closed: boolean;
}

export function earlierProgress(situations: readonly DocumentRecord[]): EarlierProgress {
  const out: EarlierProgress = { byLine: new Map(), discountCents: 0, lastNumber: 0, retentionBp: 0, closed: false };
  for (const s of situations) {
    const p = s.frozen?.progress;
    if (!p) continue;
    for (const l of p.lines) {
      const cur = out.byLine.get(l.quoteLineId) ?? { bp: 0, htCents: 0 };
      out.byLine.set(l.quoteLineId, { bp: Math.max(cur.bp, l.cumulativeBp), htCents: cur.htCents + l.thisHtCents });
    }
    if (p.discountShare) out.discountCents += p.discountShare.cumulativeCents - p.discountShare.previousCents;
    out.lastNumber = Math.max(out.lastNumber, p.situation);
    out.retentionBp = p.retention?.rateBp ?? 0;
    if (p.final) out.closed = true;
  }
  return out;
}

/** Why this situation cannot be made on the quote (null: it can). `documents`: the workspace's, for the job's other invoices. */
export function situationRefusal(quote: DocumentRecord, request: SituationRequest, documents: readonly DocumentRecord[], exceptId = ''): ProgressRefusal | null {
  const f = quote.frozen;
  if (!f || !f.lines.length) return { code: 'progress_quote_empty' };
  if (!Number.isInteger(request.retentionBp) || request.retentionBp < 0 || request.retentionBp > RETENTION_MAX_BP) return { code: 'retention_too_high' };
  const others = documents.filter((d) => d.id !== exceptId);
  // A final invoice (« facture de solde ») that is not a situation bills the whole job.
  if (others.some((d) => d.kind === 'invoice' && d.status === 'issued' && !d.deposit && !d.progress && d.sourceQuoteId && isDocumentRef(quote, d.sourceQuoteId) && creditableCents(d, documents, f.seller.vatRegime) > 0))
    return { code: 'progress_quote_invoiced' };
  const earlier = earlierProgress(issuedSituations(quote, others));
  if (earlier.closed) return { code: 'progress_closed' };
  for (const l of f.lines) {
    const bp = request.cumulative[l.id] ?? earlier.byLine.get(l.id)?.bp ?? 0;
    if (!Number.isInteger(bp) || bp < 0 || bp > 10_000) return { code: 'progress_invalid', line: l.description };
    const previousBp = earlier.byLine.get(l.id)?.bp ?? 0;
    if (bp < previousBp) return { code: 'progress_goes_down', line: l.description, previousBp };
  }
  return null;
}

/**
 * Why a final invoice (« facture de solde », not a situation) of a quote cannot be issued: the
 * quote is billed by situations, whose final invoice is the décompte définitif. null: it can.
 */
export function finalInvoiceRefusal(draft: DocumentRecord, documents: readonly DocumentRecord[]): ProgressRefusal | null {
  if (draft.kind !== 'invoice' || draft.deposit || draft.progress || !draft.sourceQuoteId) return null;
  const quote = documents.find((d) => d.kind === 'quote' && d.status === 'issued' && isDocumentRef(d, draft.sourceQuoteId!));
  return quote && issuedSituations(quote, documents).length ? { code: 'progress_final_is_statement' } : null;
}

/** The lines, discount and progress of a situation on `quote` after the issued `earlier` ones. Throws on a refused request (see situationRefusal). */
export function computeSituation(quote: DocumentRecord, request: SituationRequest, earlierSituations: readonly DocumentRecord[]): { lines: Line[]; discount: Discount; progress: ProgressInfo } {
  const f = quote.frozen;
  if (quote.kind !== 'quote' || quote.status !== 'issued' || !f) throw new RangeError('A situation is made on an issued quote');
  const earlier = earlierProgress(earlierSituations);
  const progressLines: ProgressLine[] = f.lines.map((l) => {
    const previous = earlier.byLine.get(l.id) ?? { bp: 0, htCents: 0 };
    const cumulativeBp = request.final ? 10_000 : (request.cumulative[l.id] ?? previous.bp);
    if (cumulativeBp < previous.bp || cumulativeBp > 10_000 || cumulativeBp < 0) throw new RangeError(`Invalid progress for line ${l.id}`);
    const quoteHtCents = lineHt(l);
    const cumulativeHtCents = shareOf(quoteHtCents, cumulativeBp);
    return {
      quoteLineId: l.id,
      description: l.description,
      vatRateBp: l.vatRateBp,
      quoteHtCents,
      previousBp: previous.bp,
      cumulativeBp,
      cumulativeHtCents,
      previousHtCents: previous.htCents,
      thisHtCents: cumulativeHtCents - previous.htCents
    };
  });
  const lines = progressLines.map((p) => newLine(p.quoteLineId, { description: p.description, quantity: 1, unit: 'forfait', unitPriceCents: p.thisHtCents, vatRateBp: p.vatRateBp }));
  let discount: Discount = { kind: 'none' };
  let discountShare: ProgressInfo['discountShare'] = null;
  if (f.discount.kind === 'percent') discount = f.discount;
  else if (f.discount.kind === 'amount' && f.totals.discountCents > 0 && f.totals.linesHtCents > 0) {
    const done = progressLines.reduce((s, p) => s + p.cumulativeHtCents, 0);
    const cumulativeCents = proportionOf(f.totals.discountCents, done, f.totals.linesHtCents);
    discountShare = { cumulativeCents, previousCents: earlier.discountCents };
    discount = { kind: 'amount', cents: cumulativeCents - earlier.discountCents };
  }
  const progress: ProgressInfo = {
    quoteId: quote.id,
    quoteNumber: quote.number,
    quoteDate: f.issueDate,
    situation: earlier.lastNumber + 1,
    final: request.final,
    lines: progressLines,
    ...(discountShare ? { discountShare } : {}),
    retention: request.retentionBp > 0 ? { rateBp: request.retentionBp, cents: 0 } : null
  };
  return { lines, discount, progress };
}

/** The retention on a situation's TTC: round-half-up(TTC × rate); 5 % of 1 234,57 € → 61,73 € (61,7285). */
export function retentionCents(ttcCents: Cents, rateBp: BasisPoints): Cents {
  return rateBp > 0 ? shareOf(ttcCents, rateBp) : 0;
}

/** The day a retention is owed: one year after the reception of the works (29 Feb → 28 Feb). */
export function retentionReleaseDate(receptionDate: IsoDate): IsoDate {
  return addMonths(receptionDate, 12);
}

/** The request a situation draft was made with (its cumulative % per line, its retention, whether final). */
export function requestOf(progress: ProgressInfo): SituationRequest {
  return { cumulative: Object.fromEntries(progress.lines.map((l) => [l.quoteLineId, l.cumulativeBp])), retentionBp: progress.retention?.rateBp ?? 0, final: progress.final };
}

/**
 * A situation draft made again against the situations issued by now (what issuing freezes):
 * same cumulative %, its number, what earlier ones billed, the retention on `totals` (the
 * invoice's TTC once computed) and, on the décompte, the recap of the earlier situations.
 */
export function settleSituation(draft: DocumentRecord, quote: DocumentRecord, documents: readonly DocumentRecord[]): { lines: Line[]; discount: Discount; progress: ProgressInfo } {
  if (!draft.progress) throw new RangeError('Not a progress invoice');
  const request = requestOf(draft.progress);
  const refusal = situationRefusal(quote, request, documents, draft.id);
  if (refusal) throw Object.assign(new RangeError(`Refused situation (${refusal.code})`), { refusal });
  const earlier = issuedSituations(quote, documents.filter((d) => d.id !== draft.id));
  const out = computeSituation(quote, request, earlier);
  if (request.final)
    out.progress.recap = {
      quoteHtCents: quote.frozen!.totals.htCents,
      quoteTtcCents: quote.frozen!.totals.ttcCents,
      situations: earlier.map(recapItem)
    };
  return out;
}

/** Sets the retention's amount on a situation's progress from its totals (before any deposit taken off). */
export function withRetention(progress: ProgressInfo, totals: Totals): ProgressInfo {
  if (!progress.retention) return progress;
  const ttc = totals.beforeDeposits?.ttcCents ?? totals.ttcCents;
  return { ...progress, retention: { rateBp: progress.retention.rateBp, cents: retentionCents(ttc, progress.retention.rateBp) } };
}

function recapItem(s: DocumentRecord): ProgressRecapItem {
  const f = s.frozen!;
  const t = f.totals.beforeDeposits ?? f.totals;
  return { invoiceId: s.id, number: s.number, situation: f.progress!.situation, issueDate: f.issueDate, htCents: t.htCents, ttcCents: t.ttcCents, retentionCents: f.progress!.retention?.cents ?? 0 };
}

/** The retention held in all by a décompte: the earlier situations' and its own. */
export function retentionHeldCents(progress: ProgressInfo): Cents {
  return (progress.recap?.situations ?? []).reduce((s, x) => s + x.retentionCents, 0) + (progress.retention?.cents ?? 0);
}

/**
 * A draft situation on an issued quote (`final`: the décompte définitif, every line at 100 %),
 * made from the quote so the job finds it; `terms`: the client's usual terms.
 */
export function situationInvoiceFrom(
  quote: DocumentRecord,
  request: SituationRequest,
  documents: readonly DocumentRecord[],
  ids: { id: string; memberId: string; now: IsoDateTime },
  terms: PaymentTerms
): DocumentRecord {
  const f = quote.frozen;
  if (quote.kind !== 'quote' || quote.status !== 'issued' || !f) throw new RangeError('A situation is made on an issued quote');
  const { lines, discount, progress } = computeSituation(quote, request, issuedSituations(quote, documents));
  return {
    ...newDocument('invoice', { id: ids.id, memberId: ids.memberId, now: ids.now, clientId: f.clientId, terms }),
    lines,
    discount,
    title: quote.title,
    orderNumber: f.orderNumber ?? '',
    sourceQuoteId: quote.id,
    progress,
    // An invoice holding a retention offers no early-payment discount.
    ...(progress.retention ? { earlyDiscount: null } : {})
  };
}

// ——— where the situations of a quote stand ———

export interface SituationRow {
  id: string;
  number: string;
  situation: number;
  final: boolean;
  draft: boolean;
  /** Σ cumulative HT / the quote's HT before discount, in basis points. */
  progressBp: BasisPoints;
  ttcCents: Cents;
  paidCents: Cents;
  retentionCents: Cents;
}

/** The quote's situations for its page: n° k, how far the job is, invoiced and paid. `paid`: the receivables model's paid on an invoice. */
export function situationRows(quote: DocumentRecord, documents: readonly DocumentRecord[], paid: (invoiceId: string) => Cents): SituationRow[] {
  const linesHt = quote.frozen?.totals.linesHtCents ?? 0;
  return quoteSituations(quote, documents).map((d) => {
    const p = progressOf(d)!;
    const done = p.lines.reduce((s, l) => s + l.cumulativeHtCents, 0);
    return {
      id: d.id,
      number: d.number,
      situation: p.situation,
      final: p.final,
      draft: d.status !== 'issued',
      progressBp: linesHt > 0 ? proportionOf(10_000, done, linesHt) : 0,
      ttcCents: d.frozen?.totals.ttcCents ?? 0,
      paidCents: d.status === 'issued' ? paid(d.id) : 0,
      retentionCents: p.retention?.cents ?? 0
    };
  });
}

/** Situation numbers issued more than once (two devices offline each made n° k): the quote page shows them. */
export function duplicateSituationNumbers(quote: DocumentRecord, documents: readonly DocumentRecord[]): number[] {
  const seen = new Map<number, number>();
  for (const d of issuedSituations(quote, documents)) seen.set(d.frozen!.progress!.situation, (seen.get(d.frozen!.progress!.situation) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([k]) => k).sort((a, b) => a - b);
}
