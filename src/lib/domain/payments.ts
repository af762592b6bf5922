// Spreading a payment over a client's open invoices; what is left is client credit.
import type { Allocation, Cents, IsoDate, Payment } from './types';

export interface OpenInvoice {
  invoiceId: string;
  dueDate: IsoDate | null;
  balanceCents: Cents;
}

/** Oldest due first, never more than an invoice's balance. */
export function allocateOldestFirst(amountCents: Cents, open: OpenInvoice[]): Allocation[] {
  const sorted = [...open].sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''));
  const allocations: Allocation[] = [];
  let left = Math.max(0, amountCents);
  for (const inv of sorted) {
    if (left <= 0) break;
    const amount = Math.min(left, inv.balanceCents);
    if (amount > 0) {
      allocations.push({ invoiceId: inv.invoiceId, amountCents: amount });
      left -= amount;
    }
  }
  return allocations;
}

export function unallocatedCents(p: Payment): Cents {
  return p.amountCents - p.allocations.reduce((sum, a) => sum + a.amountCents, 0);
}

/** Codes for what is wrong with a payment's allocations; `balances`: invoice id → balance due. */
export function validateAllocations(p: Payment, balances: Map<string, Cents>): string[] {
  const problems: string[] = [];
  if (!(p.amountCents > 0)) problems.push('non_positive_amount');
  if (p.allocations.some((a) => !(a.amountCents > 0))) problems.push('non_positive_amount');
  if (unallocatedCents(p) < 0) problems.push('over_allocated');
  // Several allocations to one invoice count together against its balance.
  const perInvoice = new Map<string, Cents>();
  for (const a of p.allocations) perInvoice.set(a.invoiceId, (perInvoice.get(a.invoiceId) ?? 0) + a.amountCents);
  for (const [invoiceId, total] of perInvoice) {
    const balance = balances.get(invoiceId);
    if (balance === undefined || total > balance) problems.push(`exceeds_balance:${invoiceId}`);
  }
  return [...new Set(problems)];
}
