// The document editor's inputs are text (what the user typed); this turns them into a draft
// patch plus the per-field errors, without ever losing what was typed.
import type { CatalogItem, Discount, DocumentRecord, Line, PaymentTerms, QuoteValidity } from '$lib/domain/types';
import { parseAmount, parseQuantity, parseRate } from '$lib/domain/money';
import { lineFromCatalog, newLine } from '$lib/domain/documents';
import { DEFAULT_QUOTE_VALIDITY, quoteValidityProblem } from '$lib/domain/quotes';
import { isIsoDate } from '$lib/domain/dates';

export interface LineInput {
  id: string;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  vatRateBp: number;
  discount: string;
}

/** A quote's validity as typed: both fields are kept, so switching kind loses nothing. */
export interface ValidityInput {
  kind: QuoteValidity['kind'];
  days: string;
  date: string;
}

export interface DraftInput {
  clientId: string;
  title: string;
  orderNumber: string;
  issueDate: string;
  serviceDate: string;
  terms: PaymentTerms;
  notes: string;
  lines: LineInput[];
  discountKind: Discount['kind'];
  discountValue: string;
  /** Quotes only (null otherwise). */
  validity: ValidityInput | null;
}

const amountText = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
const quantityText = (q: number) => String(q).replace('.', ',');
const rateText = (bp: number) => String(bp / 100).replace('.', ',');

export function lineToInput(line: Line): LineInput {
  return {
    id: line.id,
    description: line.description,
    quantity: quantityText(line.quantity),
    unit: line.unit,
    unitPrice: amountText(line.unitPriceCents),
    vatRateBp: line.vatRateBp,
    discount: line.discountCents ? amountText(line.discountCents) : ''
  };
}

export function draftToInput(doc: DocumentRecord): DraftInput {
  const d = doc.discount;
  return {
    clientId: doc.clientId,
    title: doc.title,
    orderNumber: doc.orderNumber ?? '',
    issueDate: doc.issueDate ?? '',
    serviceDate: doc.serviceDate ?? '',
    terms: doc.terms,
    notes: doc.notes,
    lines: doc.lines.map(lineToInput),
    discountKind: d.kind,
    discountValue: d.kind === 'percent' ? rateText(d.bp) : d.kind === 'amount' ? amountText(d.cents) : '',
    validity: doc.kind === 'quote' ? validityToInput(doc.validity ?? DEFAULT_QUOTE_VALIDITY) : null
  };
}

function validityToInput(v: QuoteValidity): ValidityInput {
  return v.kind === 'days'
    ? { kind: 'days', days: String(v.days), date: '' }
    : { kind: 'date', days: validityToInput(DEFAULT_QUOTE_VALIDITY).days, date: v.date };
}

/** The typed validity, or the rule of domain/quotes.ts it breaks. */
function parseValidity(input: ValidityInput, issueDate: string): { validity: QuoteValidity } | { error: string } {
  const days = input.days.trim();
  const validity: QuoteValidity =
    input.kind === 'days' ? { kind: 'days', days: /^\d+$/.test(days) ? Number(days) : Number.NaN } : { kind: 'date', date: input.date };
  const problem = quoteValidityProblem(isIsoDate(issueDate) ? issueDate : null, validity);
  return problem ? { error: problem } : { validity };
}

export function blankLineInput(id: string): LineInput {
  return lineToInput(newLine(id, { quantity: 1 }));
}

export function catalogLineInput(id: string, item: CatalogItem): LineInput {
  return lineToInput(lineFromCatalog(id, item));
}

export interface ParsedDraft {
  patch: Partial<DocumentRecord>;
  /** 'lines.<id>.quantity' → error code, 'discount' → code. */
  errors: Record<string, string>;
}

/** The lines as typed → the lines that parse, and 'lines.<id>.<field>' → error code for the others. */
export function parseLines(inputs: readonly LineInput[], errors: Record<string, string> = {}): { lines: Line[]; errors: Record<string, string> } {
  const lines: Line[] = [];
  for (const l of inputs) {
    const quantity = parseQuantity(l.quantity);
    const unitPriceCents = parseAmount(l.unitPrice);
    const discountCents = l.discount.trim() ? parseAmount(l.discount) : 0;
    if (quantity === null) errors[`lines.${l.id}.quantity`] = 'invalid_quantity';
    if (unitPriceCents === null) errors[`lines.${l.id}.unitPrice`] = 'invalid_amount';
    if (discountCents === null || (discountCents ?? 0) < 0) errors[`lines.${l.id}.discount`] = 'invalid_amount';
    if (quantity !== null && unitPriceCents !== null && discountCents !== null)
      lines.push({ id: l.id, description: l.description, quantity, unit: l.unit, unitPriceCents, vatRateBp: l.vatRateBp, discountCents });
  }
  return { lines, errors };
}

export function parseDraft(input: DraftInput): ParsedDraft {
  const { lines, errors } = parseLines(input.lines);
  let discount: Discount = { kind: 'none' };
  if (input.discountKind === 'percent') {
    const bp = parseRate(input.discountValue);
    if (bp === null || bp < 0 || bp > 10000) errors.discount = 'invalid_rate';
    else discount = { kind: 'percent', bp };
  } else if (input.discountKind === 'amount') {
    const cents = parseAmount(input.discountValue);
    if (cents === null || cents < 0) errors.discount = 'invalid_amount';
    else discount = { kind: 'amount', cents };
  }
  let validity: QuoteValidity | undefined;
  if (input.validity) {
    const v = parseValidity(input.validity, input.issueDate);
    if ('error' in v) errors.validity = v.error;
    else validity = v.validity;
  }
  return {
    patch: {
      ...(validity ? { validity } : {}),
      clientId: input.clientId,
      title: input.title,
      orderNumber: input.orderNumber.trim(),
      issueDate: input.issueDate || null,
      serviceDate: input.serviceDate || null,
      terms: input.terms,
      notes: input.notes,
      lines,
      discount
    },
    errors
  };
}
