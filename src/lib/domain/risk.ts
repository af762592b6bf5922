// How risky a client is, from how they paid before: the average days late of their settled
// invoices and the share of those settled late. The factor (≥ 1) weighs the chase priority.
import type { IsoDate } from './types';
import { dayNumber } from './dates';

export interface SettledInvoice {
  dueDate: IsoDate;
  /** The day the last payment that settled it arrived. */
  settledOn: IsoDate;
}

export type RiskLevel = 'unknown' | 'good' | 'sometimes_late' | 'often_late';

export interface ClientRisk {
  settledCount: number;
  /** Mean days late over the settled invoices (early payments count as 0), one decimal. */
  averageDaysLate: number;
  /** Share of settled invoices paid after their due date, 0…1. */
  lateShare: number;
  /** 1 + min(average days late, 60) / 60 + share paid late: from 1 (always on time) to 3. */
  factor: number;
  level: RiskLevel;
}

/** Days over which average lateness stops adding to the factor. */
const LATENESS_CAP_DAYS = 60;

/**
 * clientRisk([{ due 1 Mar, settled 31 Mar }, { due 1 Apr, settled 1 Apr }]) → average 15 days,
 * half paid late, factor 1 + 15/60 + 0,5 = 1,75, « often late ».
 */
export function clientRisk(settled: SettledInvoice[]): ClientRisk {
  if (!settled.length) return { settledCount: 0, averageDaysLate: 0, lateShare: 0, factor: 1, level: 'unknown' };
  let totalLate = 0;
  let lateCount = 0;
  for (const s of settled) {
    const late = dayNumber(s.settledOn) - dayNumber(s.dueDate);
    if (late > 0) {
      totalLate += late;
      lateCount++;
    }
  }
  const average = totalLate / settled.length;
  const lateShare = lateCount / settled.length;
  const factor = 1 + Math.min(average, LATENESS_CAP_DAYS) / LATENESS_CAP_DAYS + lateShare;
  const level: RiskLevel = lateShare >= 0.5 || average >= 15 ? 'often_late' : lateShare > 0.2 || average >= 5 ? 'sometimes_late' : 'good';
  return {
    settledCount: settled.length,
    averageDaysLate: Math.round(average * 10) / 10,
    lateShare,
    factor: Math.round(factor * 1000) / 1000,
    level
  };
}
