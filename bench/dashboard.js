// `node bench/dashboard.js`: every figure of « Tableau de bord » (aging, probable value, DSO and
// its 12-month trend, the 12-week forecast) over the 10 000-invoice demo workspace, in Node.
// bench/dashboard-entry.ts is bundled by vite (bench/bundle.js), then run. Prints ONE JSON object
// on stdout; progress on stderr. Budgets: the whole dashboard ≤ 50 ms, after one change ≤ 5 ms.
// Environment: DASHBOARD_BENCH_INVOICES (default 10000), DASHBOARD_BENCH_RUNS (default 30),
// DASHBOARD_BENCH_TODAY (default 2026-06-15), DASHBOARD_BENCH_SEED (default 1).
import { pathToFileURL } from 'node:url';
import { importBundled } from './bundle.js';

const BUDGET_MS = 50;
const BUDGET_CHANGE_MS = 5;

export async function benchDashboard(options = {}) {
  const opts = {
    invoices: Number(process.env.DASHBOARD_BENCH_INVOICES ?? 10000),
    runs: Number(process.env.DASHBOARD_BENCH_RUNS ?? 30),
    today: process.env.DASHBOARD_BENCH_TODAY ?? '2026-06-15',
    seed: Number(process.env.DASHBOARD_BENCH_SEED ?? 1),
    ...options
  };
  const { module, dispose } = await importBundled('bench/dashboard-entry.ts');
  try {
    const result = await module.runDashboardBench(opts);
    return {
      name: 'dashboard',
      node: process.version,
      ...result,
      budgets: { dashboardMs: BUDGET_MS, afterOneChangeMs: BUDGET_CHANGE_MS },
      withinBudget: {
        dashboard: result.dashboardMs.median <= BUDGET_MS,
        afterOneChange: result.afterOneChangeMs.median <= BUDGET_CHANGE_MS
      }
    };
  } finally {
    dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.error('[dashboard bench] generating the demo workspace and measuring…');
  process.stdout.write(JSON.stringify(await benchDashboard(), null, 2) + '\n');
}
