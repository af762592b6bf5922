// Every figure of « Tableau de bord » on a day, from the receivables model's accounts: what the
// store's DashboardView derives and what bench/dashboard.js measures.
import { agingOf, DEFAULT_RECOVERY_CURVE, type Aging, type RecoveryPoint } from './aging';
import { dsoFigures, type DsoFigures } from './dso';
import { cashInForecast, usualDelays, type CashInForecast, type UsualDelays } from './forecast';
import type { DocumentFacts, InvoiceAccount, Receivable } from './receivables';
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
