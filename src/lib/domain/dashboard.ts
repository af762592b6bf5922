// Every figure of « Tableau de bord » on a day, from the receivables model's accounts: what the
// store's DashboardView derives and what bench/dashboard.js measures. The figures are sums over
// clients: the store keeps each client's share (clientFigures, from its ledger and accounts) until
// that client's accounts change, and combineFigures adds the shares up — so one payment recomputes
// one client's share, not the whole dashboard. dashboardFigures computes them all at once.
import { agingOf, agingOfRows, agingRowOf, DEFAULT_RECOVERY_CURVE, type Aging, type AgingRow, type RecoveryPoint } from './aging';
import { dsoDates, dsoFigures, dsoOfOwed, type DsoFigures, type DsoSales } from './dso';
import { cashInForecast, forecastOfShares, forecastShare, usualDelays, type CashInForecast, type ForecastShare, type UsualDelays } from './forecast';
import { outstandingOn, settleDocuments, type ClientLedger, type DocumentFacts, type InvoiceAccount, type Receivable } from './receivables';
import { clientRisk, type ClientRisk, type SettledInvoice } from './risk';
import type { Cents, IsoDate, Payment } from './types';
import { writtenOffIn } from './collection';
import { addDays, addMonths } from './dates';

export interface DashboardFigures {
  /** Every receivable with something left to pay. */
  open: Receivable[];
  aging: Aging;
  dso: DsoFigures;
  /** How each client paid its settled invoices (the chase priority's rule). */
  risks: Map<string, ClientRisk>;
  delays: UsualDelays;
  forecast: CashInForecast;
  /** Given up as lost over the last 12 months (« passé en perte »). */
  writtenOff: { cents: Cents; count: number };
}

/** Each client's invoices settled by payment: due date → the day the last payment came. */
export function settledInvoices(facts: readonly DocumentFacts[], accounts: Iterable<InvoiceAccount>): Map<string, SettledInvoice[]> {
  const dueDates = new Map<string, IsoDate>();
  for (const f of facts) if (f.dueDate) dueDates.set(f.id, f.dueDate);
  const settled = new Map<string, SettledInvoice[]>();
  for (const a of accounts) {
    const dueDate = dueDates.get(a.invoiceId);
    if (!a.settledOn || !dueDate || a.remainingCents > 0) continue;
    const list = settled.get(a.clientId);
    if (list) list.push({ dueDate, settledOn: a.settledOn });
    else settled.set(a.clientId, [{ dueDate, settledOn: a.settledOn }]);
  }
  return settled;
}

/** Each client's risk from its settled invoices (the chase priority's rule). */
export function clientRisks(facts: readonly DocumentFacts[], accounts: Iterable<InvoiceAccount>): Map<string, ClientRisk> {
  const out = new Map<string, ClientRisk>();
  for (const [clientId, list] of settledInvoices(facts, accounts)) out.set(clientId, clientRisk(list));
  return out;
}

/** One client's share of the dashboard on a day (see combineFigures). */
export interface ClientFigures {
  clientId: string;
  /** Its receivables with something left to pay. */
  open: Receivable[];
  /** Its aging row (null: nothing open). */
  aging: AgingRow | null;
  /** How it paid its settled invoices (null: none settled yet). */
  risk: ClientRisk | null;
  /** What it owed at the end of each of the DSO trend's days (dso.ts dsoDates). */
  owed: Cents[];
  /** What was written off on its invoices over the last 12 months. */
  writtenOff: { cents: Cents; count: number };
}

/** What every client's share is computed for: the day, the recovery curve, and the dates they read. */
export interface FiguresDay {
  today: IsoDate;
  curve: readonly RecoveryPoint[];
  /** The DSO trend's dates (dso.ts dsoDates). */
  dsoDates: IsoDate[];
  /** The first day of the last 12 months: the losses counted. */
  lossesFrom: IsoDate;
}

export function figuresDay(today: IsoDate, curve: readonly RecoveryPoint[] = DEFAULT_RECOVERY_CURVE): FiguresDay {
  return { today, curve, dsoDates: dsoDates(today), lossesFrom: addDays(addMonths(today, -12), 1) };
}

/** A client's share of the dashboard, from its ledger and its invoices' accounts on `day.today`. */
export function clientFigures(ledger: ClientLedger, accounts: readonly InvoiceAccount[], day: FiguresDay): ClientFigures {
  const open: Receivable[] = [];
  for (const a of accounts) for (const r of a.receivables) if (r.remainingCents > 0) open.push(r);
  const settled = settledInvoices(ledger.documents, accounts).get(ledger.clientId);
  return {
    clientId: ledger.clientId,
    open,
    aging: agingRowOf(ledger.clientId, open, day.curve),
    risk: settled ? clientRisk(settled) : null,
    owed: outstandingOn(ledger.documents, settleDocuments(ledger.documents, ledger.payments), day.dsoDates),
    writtenOff: writtenOffIn(accounts, day.lossesFrom, day.today)
  };
}

/**
 * The dashboard from every client's share (all computed for `day`) and the sales walked back from
 * `day.dsoDates`. `forecastOf` places a client's receivables in the weeks once the usual delays
 * are known (the store keeps each client's placement while its share and its delay stay the same).
 */
export function combineFigures(
  parts: Iterable<ClientFigures>,
  sales: DsoSales,
  day: FiguresDay,
  forecastOf: (part: ClientFigures, delays: UsualDelays) => ForecastShare = (part, delays) => forecastShare(part.open, day.today, delays)
): DashboardFigures {
  const all: ClientFigures[] = [];
  const open: Receivable[] = [];
  const rows: AgingRow[] = [];
  const risks = new Map<string, ClientRisk>();
  const owed: Cents[] = day.dsoDates.map(() => 0);
  const writtenOff = { cents: 0, count: 0 };
  for (const p of parts) {
    all.push(p);
    for (const r of p.open) open.push(r);
    if (p.aging) rows.push(p.aging);
    if (p.risk) risks.set(p.clientId, p.risk);
    for (let k = 0; k < owed.length; k++) owed[k] += p.owed[k];
    writtenOff.cents += p.writtenOff.cents;
    writtenOff.count += p.writtenOff.count;
  }
  const delays = usualDelays(risks);
  return {
    open,
    aging: agingOfRows(rows, day.today),
    dso: dsoOfOwed(sales, day.today, day.dsoDates, owed),
    risks,
    delays,
    forecast: forecastOfShares(all.map((p) => forecastOf(p, delays)), day.today),
    writtenOff
  };
}

/**
 * Every figure at once, from all the accounts (what a single computation costs least): the same
 * figures as every client's share added up (combineFigures), which the store keeps per client.
 */
export function dashboardFigures(
  facts: readonly DocumentFacts[],
  accounts: Iterable<InvoiceAccount>,
  payments: readonly Payment[],
  today: IsoDate,
  curve: readonly RecoveryPoint[] = DEFAULT_RECOVERY_CURVE
): DashboardFigures {
  const open: Receivable[] = [];
  const all: InvoiceAccount[] = [];
  for (const a of accounts) {
    all.push(a);
    for (const r of a.receivables) if (r.remainingCents > 0) open.push(r);
  }
  const risks = clientRisks(facts, all);
  const delays = usualDelays(risks);
  return {
    open,
    aging: agingOf(open, today, curve),
    dso: dsoFigures(facts, payments, today),
    risks,
    delays,
    forecast: cashInForecast(open, today, delays),
    writtenOff: writtenOffIn(all, addDays(addMonths(today, -12), 1), today)
  };
}
