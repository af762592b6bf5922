// The « Tableau de bord » benchmark body, bundled by bench/dashboard.js and run in Node: the
// 10 000-invoice demo workspace, every figure of the dashboard computed from the accounts (what a
// visit to the page costs), then what one change costs in the app — a payment recorded through the
// store on a real Y.Doc, the receivables view (store/views.svelte.ts) and the dashboard view
// (store/dashboard.svelte.ts) bringing the accounts and the figures up to date for the clients it
// touched — beside the same figures recomputed from scratch (every account, then the dashboard).
import { generateDemo, proportionalCounts } from '$lib/demo/generate';
import { dashboardFigures } from '$lib/domain/dashboard';
import { collectionCases } from '$lib/domain/collection';
import { pastWeeks } from '$lib/domain/forecast';
import { documentFacts, invoiceAccounts, plainContext, type DocumentFacts } from '$lib/domain/receivables';
import { ReceivablesView } from '$lib/store/views.svelte';
import { DashboardView } from '$lib/store/dashboard.svelte';
import { recordPayment } from '$lib/store/operations';
import { followedCollections } from '$lib/store/fixtures';
import { demoDoc } from './demoDoc';
import { median, r3, time } from './timing';

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
  // Without the per-client views: every account, then the whole dashboard, again.
  const fullRecompute = time(opts.runs, () => page(invoiceAccounts(facts, data.payments, contextOf)));
  const delays = dashboardFigures(facts, accounts.values(), data.payments, opts.today).delays;
  const past = time(opts.runs, () => pastWeeks(facts, accounts, data.payments, opts.today, delays));
  const { figures, cases } = page(accounts);

  // The store: a real Y.Doc with every record, its collections followed, the two views.
  const doc = demoDoc(data, opts.today);
  const source = { ...followedCollections(doc), company: data.company };
  const receivables = new ReceivablesView(source, () => opts.today);
  const t0 = performance.now();
  void receivables.accounts;
  const accountsBuild = performance.now() - t0;
  // Opening the page: the app keeps the accounts; the page's view computes every client's share.
  const visit = () => {
    const view = new DashboardView(source, receivables);
    void view.figures;
    void view.openCases;
    return view;
  };
  for (let i = 0; i < 5; i++) visit();
  const pageVisit = time(opts.runs, visit);
  const board = visit();

  // One change: a payment recorded on an open invoice (a different client each time), through
  // the store's command as the payment form does; then the page's figures read again.
  const open = [...receivables.accounts.values()].filter((a) => a.remainingCents > 0);
  const actor = { memberId: 'bench-a', now: () => new Date(`${opts.today}T09:00:00.000Z`) };
  const updates: number[] = [];
  const withWrite: number[] = [];
  const accountsRedone: number[] = [];
  const sharesRedone: number[] = [];
  const runs = Math.min(opts.runs, open.length);
  for (let i = 0; i < runs; i++) {
    const a = open[Math.floor((i * open.length) / runs)];
    const cents = Math.min(a.remainingCents, 1000);
    const started = performance.now();
    recordPayment(
      doc,
      actor,
      { clientId: a.clientId, amountCents: cents, date: opts.today, method: 'transfer', reference: `bench ${i}`, allocations: [{ invoiceId: a.invoiceId, amountCents: cents }] },
      new Map([[a.invoiceId, a.remainingCents]])
    );
    const u0 = performance.now();
    void board.figures;
    void board.openCases;
    const end = performance.now();
    updates.push(end - u0);
    withWrite.push(end - started);
    accountsRedone.push(receivables.lastRecomputed.length);
    sharesRedone.push(board.lastRecomputed.length);
  }
  const after = board.figures;
  return {
    invoices: opts.invoices,
    documents: facts.length,
    payments: data.payments.length,
    openReceivables: figures.open.length,
    agingRows: figures.aging.rows.length,
    dsoDays: figures.dso.countBack.days,
    collectionCases: cases.length,
    /** Every figure from the accounts at once (domain/dashboard.ts dashboardFigures). */
    dashboardMs: fromAccounts,
    /** Opening the page in the app: the dashboard view's figures from the receivables view's books. */
    pageVisitMs: pageVisit,
    /** A payment recorded: the accounts and the figures brought up to date by the store's views. */
    afterOneChangeMs: { median: r3(median(updates)), min: r3(Math.min(...updates)), max: r3(Math.max(...updates)), runs },
    /** The same with the Yjs write and the collections' decoding of the new records. */
    afterOneChangeWithWriteMs: { median: r3(median(withWrite)), max: r3(Math.max(...withWrite)) },
    clientsRecomputedPerChange: { accounts: Math.max(...accountsRedone), dashboard: Math.max(...sharesRedone) },
    /** Every account and the whole dashboard computed again (what one change cost before the views were incremental). */
    fullRecomputeMs: fullRecompute,
    /** The receivables view's first computation of every account (at open, once). */
    accountsFirstBuildMs: r3(accountsBuild),
    /** The recorded payments lowered what is owed by as much (a sanity check of the incremental path). */
    owedAfterChangesCents: after.aging.totalCents,
    /** « Semaines passées » opened: 8 past Mondays' forecasts replayed. */
    pastWeeksMs: past
  };
}
