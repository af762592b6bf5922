// Progress invoices of a quote (domain/progress.ts): « Facturer une situation » makes a draft
// situation, the décompte définitif closes the quote, and the reception date of the works (on the
// quote record, one field that merges on its own) releases the retentions a year later.
import type * as Y from 'yjs';
import type { DocumentRecord, IsoDate } from '$lib/domain/types';
import { situationInvoiceFrom, situationRefusal, type ProgressRefusal, type SituationRequest } from '$lib/domain/progress';
import { initialTerms } from '$lib/domain/terms';
import { isIsoDate } from '$lib/domain/dates';
import { newId } from './ids';
import { LOCAL_ORIGIN, patchRecord, putRecord, readAll, readCompany, readRecord } from './doc';
import { StoreError, logEvent, setQuoteOutcome, type Actor } from './operations';

/** A progress refusal as the error the UI words (error.<code>, the line and its previous % as details). */
export function refuseProgress(refusal: ProgressRefusal | null): void {
  if (!refusal) return;
  if (refusal.code === 'progress_goes_down') throw new StoreError(refusal.code, [refusal.line, String(refusal.previousBp)]);
  if (refusal.code === 'progress_invalid') throw new StoreError(refusal.code, [refusal.line]);
  throw new StoreError(refusal.code);
}

function requireQuote(doc: Y.Doc, quoteId: string): DocumentRecord {
  const quote = readRecord(doc, 'documents', quoteId);
  if (!quote) throw new StoreError('unknown_document');
  if (quote.kind !== 'quote') throw new StoreError('not_a_quote');
  if (quote.status !== 'issued') throw new StoreError('not_issued');
  return quote;
}

/**
 * « Facturer une situation » (or, `request.final`, the décompte définitif): a draft invoice of
 * the quote's progress, refused when a percentage goes down, the retention exceeds 5 %, the
 * quote was billed by a final invoice or closed by its décompte. The quote is marked accepted.
 */
export function requestSituation(
  doc: Y.Doc,
  actor: Actor,
  quoteId: string,
  request: SituationRequest,
  documents: () => DocumentRecord[] = () => readAll(doc, 'documents')
): string {
  const quote = requireQuote(doc, quoteId);
  if (quote.quoteOutcome === 'refused') throw new StoreError('quote_refused');
  const company = readCompany(doc);
  if (!company) throw new StoreError('no_company');
  const all = documents();
  refuseProgress(situationRefusal(quote, request, all));
  const id = newId();
  const terms = initialTerms('invoice', readRecord(doc, 'clients', quote.clientId), company.defaultTerms);
  const invoice = situationInvoiceFrom(quote, request, all, { id, memberId: actor.memberId, now: actor.now().toISOString() }, terms);
  doc.transact(() => {
    putRecord(doc, 'documents', invoice);
    if (quote.quoteOutcome !== 'accepted') setQuoteOutcome(doc, actor, quoteId, 'accepted');
    logEvent(doc, actor, 'document_created', { clientId: quote.clientId, documentId: id, data: { fromQuote: quoteId, situation: true } });
  }, LOCAL_ORIGIN);
  return id;
}

/** « Date de réception des travaux » of an issued quote (null: not received); a date in the future is refused. */
export function setReceptionDate(doc: Y.Doc, actor: Actor, quoteId: string, date: IsoDate | null, today: IsoDate): void {
  const quote = requireQuote(doc, quoteId);
  if (date !== null && (!isIsoDate(date) || date > today)) throw new StoreError('reception_date_invalid');
  doc.transact(() => {
    patchRecord(doc, 'documents', quoteId, { receptionDate: date, updatedAt: actor.now().toISOString() });
    logEvent(doc, actor, 'note', { clientId: quote.clientId, documentId: quoteId, text: date ?? '', data: { receptionDate: date } });
  }, LOCAL_ORIGIN);
}
