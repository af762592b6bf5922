// The payments list: rows built once from the records, then filtered and totalled on every
// keystroke — cheap enough for the 12 000 payments of the benchmark workspace.
import type { Cents, IsoDate, IsoDateTime, Payment, PaymentMethod } from '$lib/domain/types';
import { compareCodes } from '$lib/domain/compare';
import { unallocatedCents } from '$lib/domain/payments';

export interface PaymentRow {
  id: string;
  date: IsoDate;
  createdAt: IsoDateTime;
  clientId: string;
  clientName: string;
  amountCents: Cents;
  method: PaymentMethod;
  reference: string;
  /** The invoices it pays, in allocation order; number '' when the invoice is unknown here. */
  invoices: { id: string; number: string; amountCents: Cents }[];
  /** Kept as client credit (0 when fully allocated). */
  unallocatedCents: Cents;
  /** Lower-cased reference, client name and invoice numbers, for the search box. */
  haystack: string;
}

export interface PaymentFilter {
  clientId: string;
  method: PaymentMethod | '';
  from: IsoDate | '';
  to: IsoDate | '';
  search: string;
}

export const NO_FILTER: PaymentFilter = { clientId: '', method: '', from: '', to: '', search: '' };

export function buildPaymentRows(payments: Payment[], clientNames: Map<string, string>, invoiceNumbers: Map<string, string>): PaymentRow[] {
  return payments.map((p) => {
    const clientName = clientNames.get(p.clientId) ?? '';
    const invoices = p.allocations.map((a) => ({ id: a.invoiceId, number: invoiceNumbers.get(a.invoiceId) ?? '', amountCents: a.amountCents }));
    return {
      id: p.id,
      date: p.date,
      createdAt: p.createdAt,
      clientId: p.clientId,
      clientName,
      amountCents: p.amountCents,
      method: p.method,
      reference: p.reference,
      invoices,
      unallocatedCents: Math.max(0, unallocatedCents(p)),
      haystack: [p.reference, clientName, ...invoices.map((i) => i.number)].join('\n').toLowerCase()
    };
  });
}

/** Payment date newest first; same day: the one recorded last first. A new array. */
export function sortNewestFirst(rows: PaymentRow[]): PaymentRow[] {
  return [...rows].sort(
    (a, b) => compareCodes(b.date, a.date) || compareCodes(b.createdAt, a.createdAt) || compareCodes(a.id, b.id)
  );
}

/** Client, method, period (inclusive) and free text over reference, client and invoice numbers. */
export function filterPayments(rows: PaymentRow[], f: PaymentFilter): PaymentRow[] {
  const q = f.search.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!f.clientId || r.clientId === f.clientId) &&
      (!f.method || r.method === f.method) &&
      (!f.from || r.date >= f.from) &&
      (!f.to || r.date <= f.to) &&
      (!q || r.haystack.includes(q))
  );
}

export function totalCents(rows: PaymentRow[]): Cents {
  let sum = 0;
  for (const r of rows) sum += r.amountCents;
  return sum;
}
