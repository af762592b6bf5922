// Payment plans (échéancier): an issued invoice split into dated installments that sum to its
// TTC. How payments settle them is the receivables model's (domain/receivables.ts).
import type { Cents, Installment, IsoDate } from './types';
import { addMonths, isIsoDate } from './dates';

export type InstallmentProblem =
  | 'empty'
  | 'sum_mismatch'
  | `amount:${number}`
  | `date:${number}`
  | `before_issue:${number}`
  | `order:${number}`;

/**
 * What is wrong with a plan (empty: it may be saved): at least one installment, each a positive
 * amount on a real date not before the issue date, strictly increasing dates, summing to the TTC.
 */
export function installmentProblems(plan: Installment[], ttcCents: Cents, issueDate: IsoDate): InstallmentProblem[] {
  const problems: InstallmentProblem[] = [];
  if (!plan.length) return ['empty'];
  let sum = 0;
  plan.forEach((inst, i) => {
    if (!Number.isInteger(inst.amountCents) || inst.amountCents <= 0) problems.push(`amount:${i}`);
    else sum += inst.amountCents;
    if (!isIsoDate(inst.dueDate)) problems.push(`date:${i}`);
    else if (inst.dueDate < issueDate) problems.push(`before_issue:${i}`);
    else if (i > 0 && isIsoDate(plan[i - 1].dueDate) && inst.dueDate <= plan[i - 1].dueDate) problems.push(`order:${i}`);
  });
  if (!problems.some((p) => p.startsWith('amount')) && sum !== ttcCents) problems.push('sum_mismatch');
  return problems;
}

/**
 * splitEvenly(100_000, 3, '2026-04-30') → 333,34 € on 30 April, 333,33 € on 30 May and 30 June:
 * equal monthly shares, the odd cents on the first installment so the total is exact.
 */
export function splitEvenly(ttcCents: Cents, count: number, firstDate: IsoDate, idPrefix = 'i'): Installment[] {
  const n = Math.max(1, Math.floor(count));
  const share = Math.floor(ttcCents / n);
  const rest = ttcCents - share * n;
  return Array.from({ length: n }, (_, i) => ({
    id: `${idPrefix}${i + 1}`,
    dueDate: addMonths(firstDate, i),
    amountCents: share + (i === 0 ? rest : 0)
  }));
}
