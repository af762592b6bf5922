// The « Enregistrer un paiement » form: which invoices are open, how a payment is spread over
// them by default, and turning what was typed into a payment plus per-field errors — without
// ever losing what was typed. Plain data in and out.
import type { Allocation, Cents, IsoDate, PaymentMethod } from '$lib/domain/types';
import type { InvoiceAccount } from '$lib/domain/receivables';
import { compareCodes } from '$lib/domain/compare';
import type { NewPayment } from '$lib/store/operations';
import { allocateOldestFirst, validateAllocations } from '$lib/domain/payments';
import { parseAmount } from '$lib/domain/money';
import { isIsoDate } from '$lib/domain/dates';

export const PAYMENT_METHODS: PaymentMethod[] = ['transfer', 'card', 'cheque', 'cash', 'direct_debit', 'link', 'other'];

/** An issued invoice of the client with something left to pay. */
export interface OpenInvoiceRow {
  invoiceId: string;
  number: string;
  dueDate: IsoDate | null;
  balanceCents: Cents;
  /** All that is left is a retenue de garantie whose works are not received: not due yet, no date. */
  retentionPending?: boolean;
}

/**
 * The client's invoices with something left to pay (from their accounts in the receivables
 * model), oldest due first (then by number); an invoice with a payment plan is due on the date
 * of its first open installment.
 */
export function openInvoicesOf(clientId: string, accounts: Iterable<InvoiceAccount>): OpenInvoiceRow[] {
  const rows: OpenInvoiceRow[] = [];
  for (const a of accounts) {
    if (a.clientId !== clientId || a.remainingCents <= 0) continue;
    const firstOpen = a.receivables.find((r) => r.remainingCents > 0);
    const pending = firstOpen?.retentionPending === true;
    rows.push({ invoiceId: a.invoiceId, number: a.number, dueDate: pending ? null : (firstOpen?.dueDate ?? null), balanceCents: a.remainingCents, ...(pending ? { retentionPending: true } : {}) });
  }
  return rows.sort((a, b) => compareCodes(a.dueDate, b.dueDate) || compareCodes(a.number, b.number));
}

/** What the amount field starts with: the balance of the invoice we came from, else everything open. */
export function defaultAmountCents(open: OpenInvoiceRow[], invoiceId: string | null): Cents {
  const invoice = invoiceId ? open.find((o) => o.invoiceId === invoiceId) : undefined;
  return invoice ? invoice.balanceCents : open.reduce((sum, o) => sum + o.balanceCents, 0);
}

/**
 * The preferred invoice (the one we came from) first, up to its balance; the rest oldest due
 * first. defaultAllocation(150_00, [A 100 €, B 80 €], 'B') → B 80 €, A 70 €.
 */
export function defaultAllocation(amountCents: Cents, open: OpenInvoiceRow[], preferredId: string | null): Allocation[] {
  const preferred = preferredId ? open.find((o) => o.invoiceId === preferredId) : undefined;
  const allocations: Allocation[] = [];
  let left = Math.max(0, amountCents);
  if (preferred && left > 0) {
    const first = Math.min(left, preferred.balanceCents);
    allocations.push({ invoiceId: preferred.invoiceId, amountCents: first });
    left -= first;
  }
  const rest = open.filter((o) => o !== preferred);
  return [...allocations, ...allocateOldestFirst(left, rest)];
}

/** The table's order: the invoice we came from on top, the others oldest due first. */
export function preferredFirst(open: OpenInvoiceRow[], preferredId: string | null): OpenInvoiceRow[] {
  const first = open.filter((o) => o.invoiceId === preferredId);
  return first.length ? [...first, ...open.filter((o) => o.invoiceId !== preferredId)] : open;
}

/** Cents → what an amount input shows: 123456 → '1234,56' (French) or '1234.56'. */
export function centsText(cents: Cents, decimalComma = true): string {
  const s = (cents / 100).toFixed(2);
  return decimalComma ? s.replace('.', ',') : s;
}

/** One text per open invoice: the allocated amount, or '' when nothing goes to it. */
export function allocationTexts(allocations: Allocation[], open: OpenInvoiceRow[], decimalComma = true): Record<string, string> {
  const byId = new Map(allocations.map((a) => [a.invoiceId, a.amountCents]));
  return Object.fromEntries(open.map((o) => [o.invoiceId, byId.get(o.invoiceId) ? centsText(byId.get(o.invoiceId)!, decimalComma) : '']));
}

/** What the user typed, as typed. */
export interface PaymentInput {
  clientId: string;
  amount: string;
  date: string;
  method: PaymentMethod;
  reference: string;
  /** invoice id → amount text ('' = nothing). */
  allocations: Record<string, string>;
}

export interface PaymentSummary {
  /** null while the amount does not parse. */
  amountCents: Cents | null;
  /** null while an allocation does not parse. */
  allocatedCents: Cents | null;
  /** amount − allocated: kept as client credit when > 0, an error when < 0. */
  unallocatedCents: Cents | null;
}

/** The live figures under the allocation table. */
export function summarize(input: Pick<PaymentInput, 'amount' | 'allocations'>): PaymentSummary {
  const amountCents = input.amount.trim() ? parseAmount(input.amount) : null;
  let allocatedCents: Cents | null = 0;
  for (const text of Object.values(input.allocations)) {
    if (!text.trim()) continue;
    const cents = parseAmount(text);
    if (cents === null || allocatedCents === null) allocatedCents = null;
    else allocatedCents += cents;
  }
  return {
    amountCents,
    allocatedCents,
    unallocatedCents: amountCents !== null && allocatedCents !== null ? amountCents - allocatedCents : null
  };
}

export interface ParsedPayment {
  /** null when there is any error. */
  payment: NewPayment | null;
  /**
   * Field → error code: 'clientId', 'amount', 'date', 'allocations' (the whole table),
   * 'alloc.<invoiceId>' (one row). Codes are the `error.*` messages.
   */
  errors: Record<string, string>;
}

/**
 * Checks everything the store would refuse, and more (date, unparsable amounts), so that the
 * user sees each problem next to its field. `balances`: invoice id → balance due now. A payment
 * is recorded once received: never dated after `today`.
 */
export function parsePayment(input: PaymentInput, balances: Map<string, Cents>, today: IsoDate): ParsedPayment {
  const errors: Record<string, string> = {};
  if (!input.clientId) errors.clientId = 'required';

  const amountCents = input.amount.trim() ? parseAmount(input.amount) : null;
  if (!input.amount.trim()) errors.amount = 'required';
  else if (amountCents === null) errors.amount = 'invalid_amount';
  else if (amountCents <= 0) errors.amount = 'non_positive_amount';

  if (!isIsoDate(input.date)) errors.date = 'invalid_date';
  else if (input.date > today) errors.date = 'future_payment';

  const allocations: Allocation[] = [];
  for (const [invoiceId, text] of Object.entries(input.allocations)) {
    if (!text.trim()) continue;
    const cents = parseAmount(text);
    if (cents === null) errors[`alloc.${invoiceId}`] = 'invalid_amount';
    else if (cents < 0) errors[`alloc.${invoiceId}`] = 'negative';
    else if (cents > 0) allocations.push({ invoiceId, amountCents: cents });
  }

  if (amountCents !== null && amountCents > 0) {
    const problems = validateAllocations(
      { id: '', clientId: input.clientId, amountCents, date: input.date, method: input.method, reference: '', allocations, memberId: '', createdAt: '' },
      balances
    );
    for (const code of problems) {
      if (code.startsWith('exceeds_balance:')) errors[`alloc.${code.slice('exceeds_balance:'.length)}`] ??= 'exceeds_balance';
      else if (code === 'over_allocated') errors.allocations = 'over_allocated';
      else errors.allocations ??= code;
    }
  }

  if (Object.keys(errors).length) return { payment: null, errors };
  return {
    payment: {
      clientId: input.clientId,
      amountCents: amountCents!,
      date: input.date,
      method: input.method,
      reference: input.reference.trim(),
      allocations
    },
    errors
  };
}

/**
 * Store refusals ('invalid_payment' details, e.g. a balance that changed meanwhile) as field
 * errors: 'exceeds_balance:<id>' → 'alloc.<id>'.
 */
export function storeProblemsToErrors(details: string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const code of details) {
    if (code.startsWith('exceeds_balance:')) errors[`alloc.${code.slice('exceeds_balance:'.length)}`] = 'exceeds_balance';
    else if (code === 'non_positive_amount') errors.amount = code;
    else if (code === 'future_payment') errors.date = code;
    else errors.allocations = code;
  }
  return errors;
}

/** Where to go once saved: the invoice we came from, else the client's page, else the list. */
export function pageAfterSave(p: { invoiceId: string | null; clientId: string; clientExists: boolean }): string {
  if (p.invoiceId) return `/documents/${p.invoiceId}`;
  if (p.clientId && p.clientExists) return `/clients/${p.clientId}`;
  return '/payments';
}
