// The document editor's inputs are text (what the user typed); this turns them into a draft
// patch plus the per-field errors, without ever losing what was typed.
import type { CatalogItem, Discount, DocumentRecord, Line, PaymentTerms } from '$lib/domain/types';
import { parseAmount, parseQuantity, parseRate } from '$lib/domain/money';
import { lineFromCatalog, newLine } from '$lib/domain/documents';

export interface LineInput {
  id: string;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  vatRateBp: number;
  discount: string;
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
    discountValue: d.kind === 'percent' ? rateText(d.bp) : d.kind === 'amount' ? amountText(d.cents) : ''
  };
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

export function parseDraft(input: DraftInput): ParsedDraft {
  const errors: Record<string, string> = {};
  const lines: Line[] = [];
  for (const l of input.lines) {
    const quantity = parseQuantity(l.quantity);
    const unitPriceCents = parseAmount(l.unitPrice);
    const discountCents = l.discount.trim() ? parseAmount(l.discount) : 0;
    if (quantity === null) errors[`lines.${l.id}.quantity`] = 'invalid_quantity';
    if (unitPriceCents === null) errors[`lines.${l.id}.unitPrice`] = 'invalid_amount';
    if (discountCents === null || (discountCents ?? 0) < 0) errors[`lines.${l.id}.discount`] = 'invalid_amount';
    if (quantity !== null && unitPriceCents !== null && discountCents !== null)
      lines.push({ id: l.id, description: l.description, quantity, unit: l.unit, unitPriceCents, vatRateBp: l.vatRateBp, discountCents });
  }
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
  return {
    patch: {
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
