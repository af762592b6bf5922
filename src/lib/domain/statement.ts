// A client's account statement (relevé de compte): every issued invoice (debit), credit note
// and payment (credit) in date order with the running balance, then what is still open — each
// receivable of the receivables model (installments on their own dates) — and the late-payment
// penalties owed (« pénalités exigibles »), also on invoices paid late.
import type { Cents, DocumentRecord, IsoDate, Payment, PaymentMethod, VatRegime } from './types';
import { documentTotals } from './lifecycle';
import { unallocatedCents } from './payments';
import { accountsOfRecords, receptionDates, type AccountContext, type PenaltyState } from './receivables';

export type StatementEntryKind = 'invoice' | 'credit' | 'payment';

export interface StatementEntry {
  date: IsoDate;
  kind: StatementEntryKind;
  /** Document or payment id. */
  id: string;
  /** Document number, or the payment's reference (may be empty). */
  reference: string;
  method: PaymentMethod | null;
  /** For a credit note: the number of the invoice it corrects. */
  corrects: string | null;
  dueDate: IsoDate | null;
  debitCents: Cents;
  creditCents: Cents;
  /** Balance after this entry: positive when the client owes. */
  balanceCents: Cents;
}

/** A receivable still open: an invoice, or one installment of its plan. */
export interface OpenItem {
  key: string;
  invoiceId: string;
  number: string;
  installmentIndex: number | null;
  installmentCount: number | null;
  issueDate: IsoDate;
  dueDate: IsoDate;
  /** The invoice's TTC, or the installment's amount. */
  amountCents: Cents;
  /** Paid or credited so far. */
  settledCents: Cents;
  remainingCents: Cents;
  daysLate: number;
  disputed: boolean;
  /** A retenue de garantie (absent: no); `retentionPending`: the works are not received, no due date yet. */
  retention?: boolean;
  retentionPending?: boolean;
}

/** Late-payment penalties owed on an invoice (open and late, or paid late). */
export interface PenaltyItem {
  invoiceId: string;
  number: string;
  state: Exclude<PenaltyState, 'none' | 'waived'>;
  interestCents: Cents;
  indemnityCents: Cents;
}

export interface AccountStatement {
  clientId: string;
  asOf: IsoDate;
  /** Entries before this date are summed into the opening balance (null: from the start). */
  from: IsoDate | null;
  openingBalanceCents: Cents;
  entries: StatementEntry[];
  totalDebitCents: Cents;
  totalCreditCents: Cents;
  /** Opening balance + debits − credits: what the client owes (negative: a credit in their favour). */
  balanceCents: Cents;
  openItems: OpenItem[];
  /** Sum of what remains open, and the part of it past its own due date. */
  dueCents: Cents;
  overdueCents: Cents;
  penalties: PenaltyItem[];
  penaltiesCents: Cents;
  /** Payments received but allocated to no invoice: the client's credit. */
  unallocatedCents: Cents;
}

const KIND_ORDER: Record<StatementEntryKind, number> = { invoice: 0, credit: 1, payment: 2 };

export interface StatementInput {
  clientId: string;
  documents: DocumentRecord[];
  payments: Payment[];
  vatRegime: VatRegime;
  /** The client's account context; its `asOf` is the statement's date. */
  context: AccountContext;
  from?: IsoDate | null;
}

/**
 * accountStatement({ clientId, documents, payments, vatRegime, context }): the client's issued
 * invoices and credit notes and their payments up to `asOf` (drafts and quotes are not part of
 * an account), oldest first; on one day invoices come before credit notes and payments.
 */
export function accountStatement(input: StatementInput): AccountStatement {
  const { clientId, vatRegime, context } = input;
  const asOf = context.asOf;
  const from = input.from ?? null;
  const documents = input.documents.filter(
    (d) => d.clientId === clientId && d.status === 'issued' && d.kind !== 'quote' && (d.issueDate ?? '') <= asOf
  );
  const payments = input.payments.filter((p) => p.clientId === clientId && p.date <= asOf);
  const numbers = new Map(input.documents.map((d) => [d.id, d.number]));

  const all: Omit<StatementEntry, 'balanceCents'>[] = [];
  for (const d of documents) {
    const ttc = documentTotals(d, vatRegime).ttcCents;
    all.push({
      date: d.issueDate ?? '',
      kind: d.kind === 'credit' ? 'credit' : 'invoice',
      id: d.id,
      reference: d.number,
      method: null,
      corrects: d.kind === 'credit' && d.correctsInvoiceId ? (numbers.get(d.correctsInvoiceId) ?? null) : null,
      dueDate: d.kind === 'invoice' ? d.dueDate : null,
      debitCents: d.kind === 'invoice' ? ttc : 0,
      creditCents: d.kind === 'credit' ? ttc : 0
    });
  }
  for (const p of payments)
    all.push({ date: p.date, kind: 'payment', id: p.id, reference: p.reference, method: p.method, corrects: null, dueDate: null, debitCents: 0, creditCents: p.amountCents });
  all.sort((a, b) => a.date.localeCompare(b.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.reference.localeCompare(b.reference));

  let openingBalanceCents = 0;
  let balance = 0;
  let totalDebitCents = 0;
  let totalCreditCents = 0;
  const entries: StatementEntry[] = [];
  for (const e of all) {
    balance += e.debitCents - e.creditCents;
    if (from && e.date < from) {
      openingBalanceCents = balance;
      continue;
    }
    totalDebitCents += e.debitCents;
    totalCreditCents += e.creditCents;
    entries.push({ ...e, balanceCents: balance });
  }

  // What is open, from the receivables model over the whole history (not only the period shown).
  const accounts = accountsOfRecords(documents, payments, vatRegime, () => context, receptionDates(input.documents));
  const openItems: OpenItem[] = [];
  const penalties: PenaltyItem[] = [];
  for (const a of accounts.values()) {
    for (const r of a.receivables) {
      if (r.remainingCents <= 0) continue;
      openItems.push({
        key: r.key,
        invoiceId: r.invoiceId,
        number: r.number,
        installmentIndex: r.installmentIndex,
        installmentCount: r.installmentCount,
        issueDate: r.issueDate,
        dueDate: r.dueDate,
        amountCents: r.amountCents,
        settledCents: r.paidCents + r.creditedCents,
        remainingCents: r.remainingCents,
        daysLate: r.daysLate,
        disputed: r.holds.some((h) => h.reason === 'disputed'),
        ...(r.retention ? { retention: true, retentionPending: r.retentionPending === true } : {})
      });
    }
    if (a.penalties !== 'none' && a.penalties !== 'waived' && a.claimableCents > 0)
      penalties.push({ invoiceId: a.invoiceId, number: a.number, state: a.penalties, interestCents: a.interestCents, indemnityCents: a.indemnityCents });
  }
  openItems.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number));
  penalties.sort((a, b) => a.number.localeCompare(b.number));

  return {
    clientId,
    asOf,
    from,
    openingBalanceCents,
    entries,
    totalDebitCents,
    totalCreditCents,
    balanceCents: balance,
    openItems,
    dueCents: openItems.reduce((s, i) => s + i.remainingCents, 0),
    overdueCents: openItems.filter((i) => i.daysLate > 0).reduce((s, i) => s + i.remainingCents, 0),
    penalties,
    penaltiesCents: penalties.reduce((s, p) => s + p.interestCents + p.indemnityCents, 0),
    unallocatedCents: payments.reduce((s, p) => s + Math.max(0, unallocatedCents(p)), 0)
  };
}
