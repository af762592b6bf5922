// The dashboard's settings and their rules: the odds of collecting by days late and the DSO the
// owner aims at. Small on purpose: the store checks them on every save (first-load code), while
// the dashboard's figures load with its page.
import type { RecoveryPoint } from './types';

/** The odds of collecting by days late, points joined by straight lines: about 90 % at 30 days late, 70 % at 90, 50 % at 180, 10 % at a year, nothing at two. */
export const DEFAULT_RECOVERY_CURVE: readonly RecoveryPoint[] = [
  { daysLate: 0, percent: 100 },
  { daysLate: 30, percent: 90 },
  { daysLate: 90, percent: 70 },
  { daysLate: 180, percent: 50 },
  { daysLate: 365, percent: 10 },
  { daysLate: 730, percent: 0 }
];

/** A curve is usable when its days rise strictly and its percents stay within 0…100. */
export function isRecoveryCurve(curve: readonly RecoveryPoint[]): boolean {
  return (
    curve.length > 0 &&
    curve.every(
      (p, i) =>
        Number.isInteger(p.daysLate) && p.daysLate >= 0 && Number.isFinite(p.percent) && p.percent >= 0 && p.percent <= 100 && (i === 0 || p.daysLate > curve[i - 1].daysLate)
    )
  );
}

/** The owner's curve when it is usable, the default one otherwise. */
export function recoveryCurveOf(saved: readonly RecoveryPoint[] | null | undefined): readonly RecoveryPoint[] {
  return saved && isRecoveryCurve(saved) ? saved : DEFAULT_RECOVERY_CURVE;
}

/** A DSO target: a whole number of days from 1 to 365. */
export function isDsoTarget(days: number): boolean {
  return Number.isInteger(days) && days >= 1 && days <= 365;
}
