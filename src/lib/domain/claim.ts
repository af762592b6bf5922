// What a reminder letter, a formal notice or a reminder e-mail claims from a client: the late
// receivables it lists, with their interest and the 40 € indemnity, summed. Built from the
// receivables model only, so that the e-mail and the PDF of one step list the same invoices and
// the same total.
import type { BasisPoints, Cents, IsoDate } from './types';
import { heldApart, type InvoiceAccount, type Receivable } from './receivables';

export interface ClaimLine {
  /** The receivable's key (invoice, or invoice#installment). */
  key: string;
  invoiceId: string;
  number: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  installmentIndex: number | null;
  installmentCount: number | null;
  /** A retenue de garantie (absent: no): the letters say so. */
  retention?: boolean;
  /** What remains due on it (0 on a line that only claims the penalties of a settled invoice). */
  remainingCents: Cents;
  daysLate: number;
  /** The rate printed on the invoice (what the claim runs at). */
  rateBp: BasisPoints;
  interestCents: Cents;
  indemnityCents: Cents;
}

export interface LateClaim {
  asOf: IsoDate;
  lines: ClaimLine[];
  principalCents: Cents;
  interestCents: Cents;
  indemnityCents: Cents;
  totalCents: Cents;
}

/**
 * The claim on `asOf` over some invoices' accounts: each receivable that `include` keeps and that
 * is open and late (never one not yet due, never a disputed one or one in collection) with its
 * interest; the first line of each invoice also carries the invoice's 40 € (businesses) and the
 * interest accrued on its installments already paid late. An invoice whose penalties were waived
 * is claimed for its principal only. With `settledPenalties`, an invoice paid late whose
 * penalties were claimed gets a line of its own for them. With `held`, disputed receivables and
 * those in collection count too: the claim handed over to a collection agency.
 *
 * lateClaim([F1: 1 000 € 30 days late at 12,15 %, business], '…') → one line, 9,99 € interest,
 * 40 € indemnity, total 1 049,99 €.
 */
export function lateClaim(
  accounts: Iterable<InvoiceAccount>,
  asOf: IsoDate,
  options: { include?: (r: Receivable) => boolean; settledPenalties?: boolean; held?: boolean } = {}
): LateClaim {
  const lines: ClaimLine[] = [];
  for (const account of accounts) {
    const waived = account.penalties === 'waived';
    let first: ClaimLine | null = null;
    let settledInterest = 0;
    for (const r of account.receivables) {
      if (r.remainingCents <= 0) {
        settledInterest += r.interestCents;
        continue;
      }
      if (r.daysLate <= 0 || (!options.held && heldApart(r)) || (options.include && !options.include(r))) continue;
      const line: ClaimLine = {
        key: r.key,
        invoiceId: r.invoiceId,
        number: r.number,
        issueDate: r.issueDate,
        dueDate: r.dueDate,
        installmentIndex: r.installmentIndex,
        installmentCount: r.installmentCount,
        ...(r.retention ? { retention: true } : {}),
        remainingCents: r.remainingCents,
        daysLate: r.daysLate,
        rateBp: r.rateBp,
        interestCents: waived ? 0 : r.interestCents,
        indemnityCents: 0
      };
      lines.push(line);
      first ??= line;
    }
    if (!first && options.settledPenalties && account.penalties === 'claimed' && account.remainingCents === 0) {
      const r = account.receivables[0];
      first = {
        key: account.invoiceId,
        invoiceId: account.invoiceId,
        number: account.number,
        issueDate: r.issueDate,
        dueDate: r.dueDate,
        installmentIndex: null,
        installmentCount: null,
        remainingCents: 0,
        daysLate: Math.max(...account.receivables.map((x) => x.daysLate)),
        rateBp: r.rateBp,
        interestCents: 0,
        indemnityCents: 0
      };
      lines.push(first);
    }
    if (first && !waived) {
      first.indemnityCents = account.indemnityCents;
      first.interestCents += settledInterest;
    }
  }
  lines.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  let principalCents = 0;
  let interestCents = 0;
  let indemnityCents = 0;
  for (const l of lines) {
    principalCents += l.remainingCents;
    interestCents += l.interestCents;
    indemnityCents += l.indemnityCents;
  }
  return { asOf, lines, principalCents, interestCents, indemnityCents, totalCents: principalCents + interestCents + indemnityCents };
}
