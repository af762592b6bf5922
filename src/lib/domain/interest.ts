// Late-payment interest and the fixed recovery indemnity (Code de commerce L441-10, D441-5):
// penalties run from the day after the due date with no reminder needed; interest = amount due
// TTC × rate × days late / 365; a business client owes 40 € per invoice paid late.
import type { BasisPoints, Cents, IsoDate } from './types';
import { daysBetween } from './dates';

/** The fixed indemnity for recovery costs, per late invoice, B2B only. */
export const RECOVERY_INDEMNITY_CENTS: Cents = 4000;

/**
 * lateInterestCents(100_000, 1215, '2026-01-01', '2026-01-31') → 999
 * (1 000 € × 12,15 % × 30 / 365 = 9,986… €, rounded half-up to the cent). 0 when not late.
 */
export function lateInterestCents(amountCents: Cents, rateBp: BasisPoints, dueDate: IsoDate, today: IsoDate): Cents {
  const days = daysBetween(dueDate, today);
  if (days <= 0 || amountCents <= 0 || rateBp <= 0) return 0;
  // amount × (bp / 10 000) × days / 365, in integers until the one rounding.
  return Math.round((amountCents * rateBp * days) / (10_000 * 365));
}

export interface LateClaim {
  daysLate: number;
  interestCents: Cents;
  indemnityCents: Cents;
  /** What may be claimed: the balance, the interest and the indemnity. */
  totalCents: Cents;
}

/** What a late invoice's balance costs the client on `today`; `business`: the 40 € applies. */
export function lateClaim(balanceCents: Cents, dueDate: IsoDate, today: IsoDate, rateBp: BasisPoints, business: boolean): LateClaim {
  const daysLate = Math.max(0, daysBetween(dueDate, today));
  const interestCents = lateInterestCents(balanceCents, rateBp, dueDate, today);
  const indemnityCents = business && daysLate > 0 && balanceCents > 0 ? RECOVERY_INDEMNITY_CENTS : 0;
  return { daysLate, interestCents, indemnityCents, totalCents: balanceCents + interestCents + indemnityCents };
}
