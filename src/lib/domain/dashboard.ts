// Every figure of « Tableau de bord » on a day, from the receivables model's accounts: what the
// store's DashboardView derives and what bench/dashboard.js measures. The figures are sums over
// clients: each client's share (clientFigures, from its ledger and accounts) is kept until that
// client's accounts change, and combineFigures adds the shares up — so one payment recomputes one
// client's share, not the whole dashboard.
import { agingOfRows, agingRowOf, DEFAULT_RECOVERY_CURVE, type Aging, type AgingRow, type RecoveryPoint } from './aging';
import { dsoDates, dsoOfOwed, salesIndex, type DsoFigures, type SalesIndex } from './dso';
import { cashInForecast, usualDelays, type CashInForecast, type UsualDelays } from './forecast';
import { clientLedgers, outstandingOn, settleDocuments, type ClientLedger, type DocumentFacts, type InvoiceAccount, type Receivable } from './receivables';
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

/** The first day of the last 12 months: the losses the dashboard counts. */
const writtenOffFrom = (today: IsoDate) => addDays(addMonths(today, -12), 1);

/** A client's share of the dashboard, from its ledger and its invoices' accounts on `today`. */
export function clientFigures(
  ledger: ClientLedger,
  accounts: readonly InvoiceAccount[],
  today: IsoDate,
  curve: readonly RecoveryPoint[] = DEFAULT_RECOVERY_CURVE
): ClientFigures {
  const open: Receivable[] = [];
  for (const a of accounts) for (const r of a.receivables) if (r.remainingCents > 0) open.push(r);
  const settled = settledInvoices(ledger.documents, accounts).get(ledger.clientId);
  return {
    clientId: ledger.clientId,
    open,
    aging: agingRowOf(ledger.clientId, open, curve),
    risk: settled ? clientRisk(settled) : null,
    owed: outstandingOn(ledger.documents, settleDocuments(ledger.documents, ledger.payments), dsoDates(today)),
    writtenOff: writtenOffIn(accounts, writtenOffFrom(today), today)
  };
}

/** The dashboard from every client's share (on the same `today` and curve) and the sales. */
export function combineFigures(parts: Iterable<ClientFigures>, sales: SalesIndex, today: IsoDate): DashboardFigures {
  const open: Receivable[] = [];
  const rows: AgingRow[] = [];
  const risks = new Map<string, ClientRisk>();
  const ends = dsoDates(today);
  const owed: Cents[] = ends.map(() => 0);
  const writtenOff = { cents: 0, count: 0 };
  for (const p of parts) {
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
    aging: agingOfRows(rows, today),
    dso: dsoOfOwed(sales, today, ends, owed),
    risks,
    delays,
    forecast: cashInForecast(open, today, delays),
    writtenOff
  };
}

/** Every figure at once, from the accounts (each client's share computed, then added up). */
export function dashboardFigures(
  facts: readonly DocumentFacts[],
  accounts: Iterable<InvoiceAccount>,
  payments: readonly Payment[],
  today: IsoDate,
  curve: readonly RecoveryPoint[] = DEFAULT_RECOVERY_CURVE
): DashboardFigures {
  const byClient = new Map<string, InvoiceAccount[]>();
  for (const a of accounts) {
    const list = byClient.get(a.clientId);
    if (list) list.push(a);
    else byClient.set(a.clientId, [a]);
  }
  const parts: ClientFigures[] = [];
  for (const ledger of clientLedgers(facts, payments).values()) parts.push(clientFigures(ledger, byClient.get(ledger.clientId) ?? [], today, curve));
  return combineFigures(parts, salesIndex(facts), today);
}
