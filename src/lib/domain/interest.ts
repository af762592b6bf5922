// What a late payer owes on top of the invoices (LEGAL.md, Code de commerce L441-10): interest
// from the day after the due date = amount due TTC × rate × days late / 365, and for a business
// client a fixed 40 € indemnity for recovery costs per invoice paid late.
import type { BasisPoints, Cents, DocumentRecord, IsoDate, VatRegime } from './types';
import { balanceDue, daysLate, type InvoiceLedger } from './lifecycle';

/** D441-5: « indemnité forfaitaire pour frais de recouvrement » of 40 €, per late B2B invoice. */
export const RECOVERY_INDEMNITY_CENTS: Cents = 4000;

/**
 * Interest on `amountCents` for `days` days at `rateBp` a year, rounded half-up to the cent:
 * lateInterestCents(100_000, 1215, 30) → 999 (1 000 € × 12,15 % × 30 / 365 = 9,986… €).
 */
export function lateInterestCents(amountCents: Cents, rateBp: BasisPoints, days: number): Cents {
  if (amountCents <= 0 || rateBp <= 0 || days <= 0) return 0;
  // Exact integer arithmetic: cents × bp × days may exceed 2^53 for large claims.
  const numerator = BigInt(amountCents) * BigInt(rateBp) * BigInt(days);
  const denominator = 10_000n * 365n;
  return Number((numerator * 2n + denominator) / (2n * denominator));
}

export interface UnpaidInvoice {
  invoiceId: string;
  number: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  /** What remains due TTC. */
  balanceCents: Cents;
  /** The penalty rate printed on the invoice (the contractual rate). */
  rateBp: BasisPoints;
}

export interface LateInvoiceClaim extends UnpaidInvoice {
  daysLate: number;
  interestCents: Cents;
  indemnityCents: Cents;
}

export interface LateClaim {
  asOf: IsoDate;
  invoices: LateInvoiceClaim[];
  principalCents: Cents;
  interestCents: Cents;
  indemnityCents: Cents;
  totalCents: Cents;
}

/**
 * The claim on `asOf` for the invoices already late (due date passed, something left to pay):
 * each with its days late, interest and — when the client is a business — the 40 € indemnity.
 * The interest runs on what remains due now, which never overstates what is owed after a
 * partial payment.
 */
export function lateClaim(invoices: UnpaidInvoice[], asOf: IsoDate, businessClient: boolean): LateClaim {
  const late = invoices
    .filter((i) => i.balanceCents > 0 && daysLate(i.dueDate, asOf) > 0)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number))
    .map((i): LateInvoiceClaim => {
      const days = daysLate(i.dueDate, asOf);
      return {
        ...i,
        daysLate: days,
        interestCents: lateInterestCents(i.balanceCents, i.rateBp, days),
        indemnityCents: businessClient ? RECOVERY_INDEMNITY_CENTS : 0
      };
    });
  const sum = (pick: (c: LateInvoiceClaim) => Cents) => late.reduce((s, c) => s + pick(c), 0);
  const principalCents = sum((c) => c.balanceCents);
  const interestCents = sum((c) => c.interestCents);
  const indemnityCents = sum((c) => c.indemnityCents);
  return { asOf, invoices: late, principalCents, interestCents, indemnityCents, totalCents: principalCents + interestCents + indemnityCents };
}

const NO_LEDGER: InvoiceLedger = { paidCents: 0, creditedCents: 0 };

/**
 * A client's issued invoices with something left to pay and a due date, as `lateClaim` takes
 * them. Disputed invoices and those handed to collection are left out: they are not chased.
 * The rate is the one printed on each invoice, else `fallbackRateBp`.
 */
export function unpaidInvoices(
  clientId: string,
  documents: DocumentRecord[],
  ledgers: Map<string, InvoiceLedger>,
  vatRegime: VatRegime,
  fallbackRateBp: BasisPoints
): UnpaidInvoice[] {
  const out: UnpaidInvoice[] = [];
  for (const d of documents) {
    if (d.clientId !== clientId || d.kind !== 'invoice' || d.status !== 'issued' || !d.dueDate || d.disputed || d.inCollection) continue;
    const balanceCents = balanceDue(d, ledgers.get(d.id) ?? NO_LEDGER, vatRegime);
    if (balanceCents <= 0) continue;
    out.push({
      invoiceId: d.id,
      number: d.number,
      issueDate: d.issueDate ?? '',
      dueDate: d.dueDate,
      balanceCents,
      rateBp: d.frozen?.seller.penaltyRateBp || fallbackRateBp
    });
  }
  return out;
}
