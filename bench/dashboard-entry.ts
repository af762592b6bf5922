// The « Tableau de bord » benchmark body, bundled by bench/dashboard.js and run in Node: the
// 10 000-invoice demo workspace, every figure of the dashboard computed from the accounts the
// receivables view keeps (what a visit to the page costs), then with the accounts recomputed too
// (what one change costs: a new payment recomputes the accounts, then the dashboard).
import { generateDemo, proportionalCounts } from '$lib/demo/generate';
import { dashboardFigures } from '$lib/domain/dashboard';
import { collectionCases } from '$lib/domain/collection';
import { pastWeeks } from '$lib/domain/forecast';
import { documentFacts, invoiceAccounts, plainContext, type DocumentFacts } from '$lib/domain/receivables';
import { time } from './timing';

export async function runDashboardBench(opts: { invoices: number; runs: number; today: string; seed: number }) {
  const counts = proportionalCounts(opts.invoices);
  const data = await generateDemo({ ...counts, seed: opts.seed, today: opts.today, memberA: 'bench-a' });
  const facts: DocumentFacts[] = [];
  for (const d of data.documents) {
    const f = documentFacts(d, data.company.vatRegime);
    if (f) facts.push(f);
  }
  const kinds = new Map(data.clients.map((c) => [c.id, c.kind]));
  const contexts = new Map(data.clients.map((c) => [c.id, plainContext(opts.today, kinds.get(c.id) ?? 'company')]));
  const contextOf = (clientId: string) => contexts.get(clientId) ?? plainContext(opts.today, 'company');
  const accounts = invoiceAccounts(facts, data.payments, contextOf);

  // What opening the page computes: the figures and the collection cases (the past weeks are
  // replayed only when their panel is opened: measured apart).
  const page = (all: typeof accounts) => ({ figures: dashboardFigures(facts, all.values(), data.payments, opts.today), cases: collectionCases(data.documents, all) });
  for (let i = 0; i < 5; i++) page(accounts);
  const fromAccounts = time(opts.runs, () => page(accounts));
  const afterChange = time(opts.runs, () => page(invoiceAccounts(facts, data.payments, contextOf)));
  const delays = dashboardFigures(facts, accounts.values(), data.payments, opts.today).delays;
  const past = time(opts.runs, () => pastWeeks(facts, accounts, data.payments, opts.today, delays));
  const { figures, cases } = page(accounts);
  return {
    invoices: opts.invoices,
    documents: facts.length,
    payments: data.payments.length,
    openReceivables: figures.open.length,
    agingRows: figures.aging.rows.length,
    dsoDays: figures.dso.countBack.days,
    collectionCases: cases.length,
    dashboardMs: fromAccounts,
    afterOneChangeMs: afterChange,
    /** « Semaines passées » opened: 8 past Mondays' forecasts replayed. */
    pastWeeksMs: past
  };
}
