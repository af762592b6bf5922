// Builders of new documents, as plain records: a blank draft, a line, quote → invoice,
// invoice → credit note.
import type { Address, CatalogItem, DocumentKind, DocumentRecord, IsoDateTime, Line, PaymentTerms } from './types';

export function emptyAddress(): Address {
  return { line1: '', line2: '', postalCode: '', city: '', country: 'FR' };
}

export function newLine(id: string, partial: Partial<Line> = {}): Line {
  return { id, description: '', quantity: 1, unit: 'u', unitPriceCents: 0, vatRateBp: 2000, discountCents: 0, ...partial };
}

export function lineFromCatalog(id: string, item: CatalogItem): Line {
  const description = item.description ? `${item.name}\n${item.description}` : item.name;
  return newLine(id, { description, unit: item.unit, unitPriceCents: item.unitPriceCents, vatRateBp: item.vatRateBp });
}

interface NewIds {
  id: string;
  memberId: string;
  now: IsoDateTime;
}

export function newDocument(kind: DocumentKind, ids: NewIds & { clientId: string; terms: PaymentTerms }): DocumentRecord {
  return {
    id: ids.id,
    kind,
    clientId: ids.clientId,
    memberId: ids.memberId,
    status: 'draft',
    lines: [],
    discount: { kind: 'none' },
    issueDate: null,
    serviceDate: null,
    terms: ids.terms,
    notes: '',
    title: '',
    orderNumber: '',
    number: '',
    series: '',
    seq: 0,
    dueDate: null,
    frozen: null,
    hash: '',
    prevHash: '',
    issuedAt: null,
    sentAt: null,
    sentChannel: null,
    disputed: false,
    inCollection: false,
    quoteOutcome: 'pending',
    sourceQuoteId: null,
    correctsInvoiceId: null,
    createdAt: ids.now,
    updatedAt: ids.now
  };
}

/** The content to copy from a document: what was issued when it is issued, else the draft. */
function contentOf(doc: DocumentRecord) {
  const f = doc.frozen;
  return {
    lines: (f?.lines ?? doc.lines).map((l) => ({ ...l })),
    discount: { ...(f?.discount ?? doc.discount) },
    notes: f?.notes ?? doc.notes,
    terms: f?.terms ?? doc.terms,
    clientId: f?.clientId ?? doc.clientId
  };
}

export function invoiceFromQuote(quote: DocumentRecord, ids: NewIds): DocumentRecord {
  const c = contentOf(quote);
  return {
    ...newDocument('invoice', { ...ids, clientId: c.clientId, terms: c.terms }),
    lines: c.lines,
    discount: c.discount,
    notes: c.notes,
    title: quote.title,
    sourceQuoteId: quote.id
  };
}

/** A credit note for all of the invoice (no `lines`) or for the given lines (partial). */
export function creditNoteFrom(invoice: DocumentRecord, ids: NewIds, lines?: Line[]): DocumentRecord {
  const c = contentOf(invoice);
  return {
    ...newDocument('credit', { ...ids, clientId: c.clientId, terms: { kind: 'on_receipt' } }),
    lines: (lines ?? c.lines).map((l) => ({ ...l })),
    discount: lines ? { kind: 'none' } : c.discount,
    title: invoice.title,
    correctsInvoiceId: invoice.id
  };
}

/**
 * Whether `ref` — a document id kept somewhere (a link, `sourceQuoteId`, an event) — names this
 * document: its own id, or the id of the draft it was issued from (issuing writes a new record).
 */
export function isDocumentRef(doc: Pick<DocumentRecord, 'id' | 'sourceDraftId'>, ref: string | null | undefined): boolean {
  return Boolean(ref) && (doc.id === ref || doc.sourceDraftId === ref);
}

/**
 * What a reference names now: the record itself, else the documents issued from that draft
 * (two or more when it was issued on several devices offline), by number.
 */
export function documentsByRef(ref: string, documents: Iterable<DocumentRecord>): DocumentRecord[] {
  const issued: DocumentRecord[] = [];
  for (const d of documents) {
    if (d.id === ref) return [d];
    if (ref && d.sourceDraftId === ref) issued.push(d);
  }
  return issued.sort((a, b) => a.number.localeCompare(b.number));
}
