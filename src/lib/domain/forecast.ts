// What will come in over the next weeks: each open receivable placed at the day it will probably
// be paid — a promise to pay when there is one still ahead, otherwise its due date moved by the
// client's usual delay (their average days late, risk.ts), and for a client with no history the
// workspace's average. Disputed amounts and amounts in collection are left out: nobody can say
// when, or whether, they come in. Weeks run Monday to Sunday, the current one first.
import type { Cents, IsoDate } from './types';
import { dayNumber, fromDayNumber } from './dates';
import { heldApart, type Receivable } from './receivables';
import type { ClientRisk } from './risk';

export interface UsualDelays {
  byClient: ReadonlyMap<string, number>;
  /** The workspace's average days late, for clients without a settled invoice yet. */
  fallback: number;
}

/** Each client's average days late, and the workspace's, weighted by settled invoices. */
export function usualDelays(risks: ReadonlyMap<string, ClientRisk>): UsualDelays {
  const byClient = new Map<string, number>();
  let days = 0;
  let count = 0;
  for (const [clientId, risk] of risks) {
    if (risk.settledCount === 0) continue;
    byClient.set(clientId, risk.averageDaysLate);
    days += risk.averageDaysLate * risk.settledCount;
    count += risk.settledCount;
  }
  return { byClient, fallback: count ? Math.round((days / count) * 10) / 10 : 0 };
}

export type ForecastBasis = 'promise' | 'usual_delay';

export interface ForecastEntry {
  receivable: Receivable;
  cents: Cents;
  expectedOn: IsoDate;
  basis: ForecastBasis;
}

export interface ForecastWeek {
  /** Monday. */
  start: IsoDate;
  /** Sunday. */
  end: IsoDate;
  cents: Cents;
  entries: ForecastEntry[];
}

export interface CashInForecast {
  weeks: ForecastWeek[];
  /** Expected after the last week shown. */
  laterCents: Cents;
  /** Disputed or in collection: not forecast. */
  leftOutCents: Cents;
}

/** The Monday of the week `date` falls in (1970-01-01, day 0, was a Thursday). */
export function weekStart(date: IsoDate): IsoDate {
  const day = dayNumber(date);
  return fromDayNumber(day - ((day + 3) % 7));
}

/** When a receivable will probably be paid, seen from `today` (never before today). */
export function expectedPayment(r: Receivable, today: IsoDate, delays: UsualDelays): { on: IsoDate; basis: ForecastBasis } {
  if (r.promise && r.promise.date >= today) return { on: r.promise.date, basis: 'promise' };
  const delay = delays.byClient.get(r.clientId) ?? delays.fallback;
  const on = fromDayNumber(Math.max(dayNumber(today), dayNumber(r.dueDate) + Math.round(delay)));
  return { on, basis: 'usual_delay' };
}

/** The next `weeks` weeks of expected payments, from the week of `today`. */
export function cashInForecast(receivables: Iterable<Receivable>, today: IsoDate, delays: UsualDelays, weeks = 12): CashInForecast {
  const first = dayNumber(weekStart(today));
  const out: CashInForecast = {
    weeks: Array.from({ length: weeks }, (_, i) => ({ start: fromDayNumber(first + 7 * i), end: fromDayNumber(first + 7 * i + 6), cents: 0, entries: [] })),
    laterCents: 0,
    leftOutCents: 0
  };
  for (const r of receivables) {
    if (r.remainingCents <= 0) continue;
    if (heldApart(r)) {
      out.leftOutCents += r.remainingCents;
      continue;
    }
    const { on, basis } = expectedPayment(r, today, delays);
    const week = Math.floor((dayNumber(on) - first) / 7);
    if (week >= weeks) {
      out.laterCents += r.remainingCents;
      continue;
    }
    out.weeks[week].cents += r.remainingCents;
    out.weeks[week].entries.push({ receivable: r, cents: r.remainingCents, expectedOn: on, basis });
  }
  for (const w of out.weeks) w.entries.sort((a, b) => (a.expectedOn < b.expectedOn ? -1 : a.expectedOn > b.expectedOn ? 1 : b.cents - a.cents));
  return out;
}
