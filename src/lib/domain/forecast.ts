// What will come in over the next weeks: each open receivable placed at the day it will probably
// be paid — a promise to pay when there is one still ahead, otherwise its due date moved by the
// client's usual delay (their average days late, risk.ts), and for a client with no history the
// workspace's average. Disputed amounts and amounts in collection are left out: nobody can say
// when, or whether, they come in. Weeks run Monday to Sunday, the current one first.
import type { Cents, IsoDate, Payment } from './types';
import { dayNumber, fromDayNumber } from './dates';
import { heldApart, invoiceAccount, plainContext, settleDocuments, type DatedAmount, type DocumentFacts, type InvoiceAccount, type Receivable } from './receivables';
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
  return forecastOfShares([forecastShare(receivables, today, delays, weeks)], today, weeks);
}

/**
 * Some receivables (one client's, for the dashboard) placed in the weeks from `today`'s: what
 * forecastOfShares adds up. A client's share changes with its receivables and its usual delay only.
 */
export interface ForecastShare {
  /** Each receivable expected within the weeks, with its week (0: the current one). */
  placed: { week: number; entry: ForecastEntry }[];
  laterCents: Cents;
  leftOutCents: Cents;
}

export function forecastShare(receivables: Iterable<Receivable>, today: IsoDate, delays: UsualDelays, weeks = 12): ForecastShare {
  const first = dayNumber(weekStart(today));
  const out: ForecastShare = { placed: [], laterCents: 0, leftOutCents: 0 };
  for (const r of receivables) {
    if (r.remainingCents <= 0) continue;
    if (heldApart(r)) {
      out.leftOutCents += r.remainingCents;
      continue;
    }
    // Works not received yet: no day to place it on (its due date is never reached, and moving
    // « 9999-12-31 » by a delay would leave the calendar): after the weeks shown.
    if (r.retentionPending) {
      out.laterCents += r.remainingCents;
      continue;
    }
    const { on, basis } = expectedPayment(r, today, delays);
    const week = Math.floor((dayNumber(on) - first) / 7);
    if (week >= weeks) out.laterCents += r.remainingCents;
    else out.placed.push({ week, entry: { receivable: r, cents: r.remainingCents, expectedOn: on, basis } });
  }
  return out;
}

/** The weeks from `today`'s with every share's receivables, each week's earliest first, then the largest. */
export function forecastOfShares(shares: Iterable<ForecastShare>, today: IsoDate, weeks = 12): CashInForecast {
  const first = dayNumber(weekStart(today));
  const out: CashInForecast = {
    weeks: Array.from({ length: weeks }, (_, i) => ({ start: fromDayNumber(first + 7 * i), end: fromDayNumber(first + 7 * i + 6), cents: 0, entries: [] })),
    laterCents: 0,
    leftOutCents: 0
  };
  for (const share of shares) {
    out.laterCents += share.laterCents;
    out.leftOutCents += share.leftOutCents;
    for (const { week, entry } of share.placed) {
      out.weeks[week].cents += entry.cents;
      out.weeks[week].entries.push(entry);
    }
  }
  for (const w of out.weeks) w.entries.sort((a, b) => (a.expectedOn < b.expectedOn ? -1 : a.expectedOn > b.expectedOn ? 1 : b.cents - a.cents));
  return out;
}

/** A past week: what the forecast made on its Monday expected, beside what came in. */
export interface PastWeek {
  start: IsoDate;
  end: IsoDate;
  forecastCents: Cents;
  cameInCents: Cents;
}

/**
 * The `weeks` weeks before the current one, oldest first: for each, the forecast as it would have
 * been made on its Monday — the receivables open that morning (the receivables model as of the
 * Sunday before: payments, credit notes and write-offs dated by then), each placed by today's
 * usual delays — beside the payments dated within it. Disputes and hand-overs are read as they
 * stand today, and promises are not replayed: the forecast of a past week is an estimate of what
 * the screen said, recomputed, not a stored copy. Only the invoices that can have been open then
 * are replayed (issued by then, not settled before), so that years of history stay cheap.
 */
export function pastWeeks(
  facts: readonly DocumentFacts[],
  accounts: ReadonlyMap<string, InvoiceAccount>,
  payments: readonly Payment[],
  today: IsoDate,
  delays: UsualDelays,
  weeks = 8
): PastWeek[] {
  // Settled once for all weeks: each invoice's payments (the account ignores those after its
  // day) and its credit notes with their dates (a credit note counts from its issue date).
  const settlements = settleDocuments(facts, payments);
  const credits = new Map<string, DatedAmount[]>();
  for (const f of facts)
    if (f.kind === 'credit' && f.correctsInvoiceId) {
      const list = credits.get(f.correctsInvoiceId);
      if (list) list.push({ date: f.issueDate, cents: f.ttcCents });
      else credits.set(f.correctsInvoiceId, [{ date: f.issueDate, cents: f.ttcCents }]);
    }
  const current = dayNumber(weekStart(today));
  const out: PastWeek[] = [];
  for (let k = weeks; k >= 1; k--) {
    const monday = fromDayNumber(current - 7 * k);
    const sunday = fromDayNumber(current - 7 * k + 6);
    const eve = fromDayNumber(current - 7 * k - 1);
    const context = plainContext(eve, 'company');
    const open: Receivable[] = [];
    for (let i = 0; i < facts.length; i++) {
      const f = facts[i];
      if (f.kind !== 'invoice' || f.issueDate > eve) continue;
      const now = accounts.get(f.id);
      if (!now || now.cancelled) continue;
      const closedOn = now.remainingCents > 0 ? null : (now.settledOn ?? now.writtenOffOn);
      if (closedOn !== null && closedOn <= eve) continue;
      // Expected after that week at the earliest (its first due date moved by the usual delay).
      if (dayNumber(firstDue(f)) + Math.round(delays.byClient.get(f.clientId) ?? delays.fallback) > dayNumber(sunday)) continue;
      let creditedCents = 0;
      for (const c of credits.get(f.id) ?? []) if (c.date <= eve) creditedCents += c.cents;
      const then = invoiceAccount(f, { payments: settlements[i].payments, creditedCents }, context);
      for (const r of then.receivables) if (r.remainingCents > 0) open.push(r);
    }
    let cameInCents = 0;
    for (const p of payments) if (p.date >= monday && p.date <= sunday) cameInCents += p.amountCents;
    out.push({ start: monday, end: sunday, forecastCents: cashInForecast(open, monday, delays, 1).weeks[0].cents, cameInCents });
  }
  return out;
}

function firstDue(f: DocumentFacts): IsoDate {
  let due = f.dueDate ?? f.issueDate;
  if (f.installments) for (const i of f.installments) if (i.dueDate < due) due = i.dueDate;
  return due;
}
