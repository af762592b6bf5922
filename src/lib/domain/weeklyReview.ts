// « Revue de la semaine »: twenty minutes a week over what reminders alone do not catch —
// invoices issued but never sent, promises broken, disputes and since when, clients above their
// credit limit or paying later than before, the largest debts, and what changed since last week.
// Pure: today's open receivables (receivables.ts), settled invoices, payments and the dispute log
// in, the checklist out. When it is due: reviewSchedule.ts.
import type { Cents, IsoDate, Payment } from './types';
import { addDays } from './dates';
import { heldApart, type Receivable } from './receivables';
import { clientRisk, type SettledInvoice } from './risk';

export interface ReviewInput {
  today: IsoDate;
  /** Today's receivables with something left to pay. */
  open: readonly Receivable[];
  /** Each client's invoices settled by payment (due date, day of the last payment). */
  settled: ReadonlyMap<string, readonly SettledInvoice[]>;
  payments: readonly Payment[];
  /** The day each disputed invoice was last marked disputed (from the activity log). */
  disputedSince: ReadonlyMap<string, IsoDate>;
  /** Clients with a credit limit: the most they may owe, TTC. */
  creditLimits: ReadonlyMap<string, Cents>;
}

export interface ClientOwed {
  clientId: string;
  owedCents: Cents;
}

export interface WeeklyReview {
  /** The first day of the week reviewed (today − 7 days, excluded) … */
  since: IsoDate;
  /** Issued, still owed, and never sent to the client. */
  notSent: Receivable[];
  /** A promise to pay whose date has passed, still owed. */
  brokenPromises: Receivable[];
  disputes: { receivable: Receivable; since: IsoDate | null }[];
  overLimit: (ClientOwed & { limitCents: Cents })[];
  /** Clients whose average days late grew with what they paid this week. */
  slower: { clientId: string; beforeDays: number; nowDays: number }[];
  /** The ten clients owing the most. */
  largest: ClientOwed[];
  /** Payments dated within the week. */
  paid: { count: number; cents: Cents; payments: Payment[] };
  /** Fell due within the week and still owed. */
  newlyLate: Receivable[];
}

const byDue = (a: Receivable, b: Receivable) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number < b.number ? -1 : 1);

export function weeklyReview(input: ReviewInput): WeeklyReview {
  const { today } = input;
  const since = addDays(today, -7);
  const owed = new Map<string, Cents>();
  for (const r of input.open) owed.set(r.clientId, (owed.get(r.clientId) ?? 0) + r.remainingCents);

  const notSent = input.open.filter((r) => !r.sent).sort(byDue);
  const brokenPromises = input.open.filter((r) => r.promise !== null && r.promise.date < today).sort(byDue);
  const disputes = input.open
    .filter((r) => heldApart(r) === 'disputed')
    .sort(byDue)
    .map((receivable) => ({ receivable, since: input.disputedSince.get(receivable.invoiceId) ?? null }));
  const overLimit: WeeklyReview['overLimit'] = [];
  for (const [clientId, limitCents] of input.creditLimits) {
    const owedCents = owed.get(clientId) ?? 0;
    if (owedCents > limitCents) overLimit.push({ clientId, owedCents, limitCents });
  }
  overLimit.sort((a, b) => b.owedCents - a.owedCents);

  const slower: WeeklyReview['slower'] = [];
  for (const [clientId, settled] of input.settled) {
    const before = settled.filter((s) => s.settledOn <= since);
    if (before.length === settled.length || before.length === 0) continue; // nothing paid this week, or no history before
    const nowDays = clientRisk([...settled]).averageDaysLate;
    const beforeDays = clientRisk(before).averageDaysLate;
    if (nowDays > beforeDays) slower.push({ clientId, beforeDays, nowDays });
  }
  slower.sort((a, b) => b.nowDays - b.beforeDays - (a.nowDays - a.beforeDays));

  const largest = [...owed].map(([clientId, owedCents]) => ({ clientId, owedCents })).sort((a, b) => b.owedCents - a.owedCents || (a.clientId < b.clientId ? -1 : 1)).slice(0, 10);

  const payments = input.payments.filter((p) => p.date > since && p.date <= today).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const paid = { count: payments.length, cents: payments.reduce((s, p) => s + p.amountCents, 0), payments };
  const newlyLate = input.open.filter((r) => r.dueDate >= since && r.dueDate < today).sort(byDue);

  return { since, notSent, brokenPromises, disputes, overLimit, slower, largest, paid, newlyLate };
}
