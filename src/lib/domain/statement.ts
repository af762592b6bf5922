// A client's account statement (relevé de compte): every issued invoice (debit), credit note
// and payment (credit) in date order with the running balance, and the invoices still open.
import type { Cents, DocumentRecord, IsoDate, Payment, PaymentMethod, VatRegime } from './types';
import { balanceDue, buildLedgers, daysLate, documentTotals } from './lifecycle';
import { unallocatedCents } from './payments';

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

export interface OpenInvoice {
  invoiceId: string;
  number: string;
  issueDate: IsoDate;
  dueDate: IsoDate | null;
  ttcCents: Cents;
  /** Paid or credited so far. */
  settledCents: Cents;
  balanceCents: Cents;
  daysLate: number;
  disputed: boolean;
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
  openInvoices: OpenInvoice[];
  /** Sum of the open invoices' balances, and the part of it past due. */
  dueCents: Cents;
  overdueCents: Cents;
  /** Payments received but allocated to no invoice: the client's credit. */
  unallocatedCents: Cents;
}

const KIND_ORDER: Record<StatementEntryKind, number> = { invoice: 0, credit: 1, payment: 2 };

export interface StatementInput {
  clientId: string;
  documents: DocumentRecord[];
  payments: Payment[];
  vatRegime: VatRegime;
  asOf: IsoDate;
  from?: IsoDate | null;
}

/**
 * accountStatement({ clientId, documents, payments, vatRegime, asOf }): the client's issued
 * invoices and credit notes and their payments up to `asOf` (drafts and quotes are not part of
 * an account), oldest first; on one day invoices come before credit notes and payments.
 */
export function accountStatement(input: StatementInput): AccountStatement {
  const { clientId, vatRegime, asOf } = input;
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

  // Open invoices from the ledgers of the whole history (not only the period shown).
  const ledgers = buildLedgers(documents, payments);
  const openInvoices: OpenInvoice[] = [];
  for (const d of documents) {
    if (d.kind !== 'invoice') continue;
    const ledger = ledgers.get(d.id) ?? { paidCents: 0, creditedCents: 0 };
    const balanceCents = balanceDue(d, ledger, vatRegime);
    if (balanceCents <= 0) continue;
    const ttcCents = documentTotals(d, vatRegime).ttcCents;
    openInvoices.push({
      invoiceId: d.id,
      number: d.number,
      issueDate: d.issueDate ?? '',
      dueDate: d.dueDate,
      ttcCents,
      settledCents: ttcCents - balanceCents,
      balanceCents,
      daysLate: d.dueDate ? daysLate(d.dueDate, asOf) : 0,
      disputed: d.disputed
    });
  }
  openInvoices.sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.number.localeCompare(b.number));

  return {
    clientId,
    asOf,
    from,
    openingBalanceCents,
    entries,
    totalDebitCents,
    totalCreditCents,
    balanceCents: balance,
    openInvoices,
    dueCents: openInvoices.reduce((s, i) => s + i.balanceCents, 0),
    overdueCents: openInvoices.filter((i) => i.daysLate > 0).reduce((s, i) => s + i.balanceCents, 0),
    unallocatedCents: payments.reduce((s, p) => s + Math.max(0, unallocatedCents(p)), 0)
  };
}
