// Days sales outstanding: how many days of sales are waiting to be paid. The headline is the
// count-back (« exhaustion ») method — walk back month by month through credit sales until they
// cover what is owed — because it does not swing with one big month the way the simple formula
// (owed ÷ sales of the period × days) does; both are shown. Sales are TTC (what is owed is TTC),
// net of credit notes, on their issue date; every invoice is a credit sale (paid later).
import type { Cents, IsoDate } from './types';
import { addMonths, dayNumber, endOfMonth } from './dates';
import { outstandingOn, settleDocuments, type DocumentFacts } from './receivables';
import type { Payment } from './types';

export interface SalesPeriod {
  salesCents: Cents;
  days: number;
}

export interface CountBackDso {
  /** Days, one decimal. */
  days: number;
  /** False when the whole history of sales did not cover what is owed (then « at least »). */
  complete: boolean;
}

/**
 * countBackDso(212 000 €, [100 000 € / 30 d, 80 000 € / 30 d, 70 000 € / 30 d]): the latest month
 * covers 100 000 € in 30 days (112 000 € left), the one before 80 000 € in 30 more (32 000 € left),
 * then 32 000 / 70 000 of 30 days = 13,71 → 73,7 days. Periods most recent first.
 */
export function countBackDso(owedCents: Cents, periods: readonly SalesPeriod[]): CountBackDso {
  let left = owedCents;
  let days = 0;
  for (const p of periods) {
    if (left <= 0) break;
    if (p.salesCents <= 0 || left >= p.salesCents) {
      days += p.days;
      left -= Math.max(0, p.salesCents);
      continue;
    }
    days += (p.days * left) / p.salesCents;
    left = 0;
  }
  return { days: Math.round(days * 10) / 10, complete: left <= 0 };
}

/** owed ÷ sales of the period × its days; null without sales. simpleDso(60 000, 90 000, 90) → 60. */
export function simpleDso(owedCents: Cents, salesCents: Cents, periodDays: number): number | null {
  if (salesCents <= 0) return null;
  return Math.round(((owedCents / salesCents) * periodDays) * 10) / 10;
}

/** Net sales TTC per day number and per month ('YYYY-MM'): invoices add, credit notes take off. */
export interface SalesIndex {
  daily: Map<number, Cents>;
  monthly: Map<string, Cents>;
  /** Day number of the first sale (Infinity without any). */
  firstDay: number;
}

export function salesIndex(documents: readonly DocumentFacts[]): SalesIndex {
  const index: SalesIndex = { daily: new Map(), monthly: new Map(), firstDay: Infinity };
  for (const d of documents) {
    const cents = d.kind === 'invoice' ? d.ttcCents : -d.ttcCents;
    const day = dayNumber(d.issueDate);
    const month = d.issueDate.slice(0, 7);
    index.daily.set(day, (index.daily.get(day) ?? 0) + cents);
    index.monthly.set(month, (index.monthly.get(month) ?? 0) + cents);
    index.firstDay = Math.min(index.firstDay, day);
  }
  return index;
}

/** Sales from day `from` to day `to`, both included. */
export function salesBetween(sales: SalesIndex, from: number, to: number): Cents {
  let sum = 0;
  if (to - from < sales.daily.size) {
    for (let day = from; day <= to; day++) sum += sales.daily.get(day) ?? 0;
  } else for (const [day, cents] of sales.daily) if (day >= from && day <= to) sum += cents;
  return sum;
}

/**
 * Calendar months walked back from `asOf`, most recent first: the month of `asOf` up to that day
 * (whole when `asOf` is its last day), then whole months, as far back as the first sale.
 */
export function monthPeriods(sales: SalesIndex, asOf: IsoDate): SalesPeriod[] {
  const periods: SalesPeriod[] = [];
  const start = dayNumber(asOf.slice(0, 8) + '01');
  const end = dayNumber(asOf);
  if (end < sales.firstDay) return periods;
  periods.push({ salesCents: salesBetween(sales, start, end), days: end - start + 1 });
  let month = addMonths(asOf.slice(0, 8) + '01', -1);
  while (dayNumber(endOfMonth(month)) >= sales.firstDay) {
    const first = dayNumber(month);
    const days = dayNumber(endOfMonth(month)) - first + 1;
    periods.push({ salesCents: sales.monthly.get(month.slice(0, 7)) ?? 0, days });
    month = addMonths(month, -1);
  }
  return periods;
}

export interface DsoPoint {
  /** 'YYYY-MM' */
  month: string;
  /** The month's last day, or today for the current month. */
  asOf: IsoDate;
  owedCents: Cents;
  dso: CountBackDso;
}

export interface DsoFigures {
  asOf: IsoDate;
  owedCents: Cents;
  countBack: CountBackDso;
  /** The simple formula over the last 30, 90 and 365 days. */
  simple: Record<30 | 90 | 365, number | null>;
  /** The count-back DSO at the end of each of the last 12 months, oldest first. */
  trend: DsoPoint[];
}

export const SIMPLE_DSO_PERIODS = [30, 90, 365] as const;

/** The DSO figures on `today` from the issued invoices and credit notes and the payments. */
export function dsoFigures(documents: readonly DocumentFacts[], payments: readonly Payment[], today: IsoDate, months = 12): DsoFigures {
  const ends = dsoDates(today, months);
  return dsoOfOwed(dsoSales(salesIndex(documents), ends), today, ends, outstandingOn(documents, settleDocuments(documents, payments), ends));
}

/** The days the trend reads what is owed: the end of each of the `months` − 1 months before today's, then today. */
export function dsoDates(today: IsoDate, months = 12): IsoDate[] {
  const ends: IsoDate[] = [];
  for (let k = months - 1; k >= 1; k--) ends.push(endOfMonth(addMonths(today.slice(0, 8) + '01', -k)));
  ends.push(today);
  return ends;
}

/** The sales as the DSO of each of `ends` walks them back (monthPeriods): they change with the documents, not with payments. */
export interface DsoSales {
  index: SalesIndex;
  periods: SalesPeriod[][];
}

export function dsoSales(index: SalesIndex, ends: readonly IsoDate[]): DsoSales {
  return { index, periods: ends.map((asOf) => monthPeriods(index, asOf)) };
}

/**
 * The DSO figures from what was owed on each of `ends` (dsoDates; summed per client by the
 * dashboard, receivables.ts outstandingOn) and the sales walked back from them.
 */
export function dsoOfOwed(sales: DsoSales, today: IsoDate, ends: readonly IsoDate[], owed: readonly Cents[]): DsoFigures {
  const trend = ends.map((asOf, k) => ({ month: asOf.slice(0, 7), asOf, owedCents: owed[k], dso: countBackDso(owed[k], sales.periods[k]) }));
  const now = trend[trend.length - 1];
  const t = dayNumber(today);
  const simple = {} as Record<30 | 90 | 365, number | null>;
  for (const days of SIMPLE_DSO_PERIODS) simple[days] = simpleDso(now.owedCents, salesBetween(sales.index, t - days + 1, t), days);
  return { asOf: today, owedCents: now.owedCents, countBack: now.dso, simple, trend };
}
