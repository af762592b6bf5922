// `node bench/chase.js`: the « À relancer » list over the 10 000-invoice demo workspace
// (proportionalCounts(10000): 1 000 clients, 12 000 payments, 20 000 events), in Node.
// bench/chase-entry.ts is bundled by vite (bench/bundle.js: Svelte plugin for the store's runes,
// $lib alias) into a temporary file, then run. Prints ONE JSON object on stdout; progress on stderr.
// Budgets: full recompute ≤ 10 ms, incremental recompute after one invoice changes ≤ 1 ms.
// Environment: CHASE_BENCH_INVOICES (default 10000), CHASE_BENCH_RUNS (default 30),
// CHASE_BENCH_TODAY (default 2026-06-15), CHASE_BENCH_SEED (default 1).
// The lead may also call `benchChase()` from bench/run.js: it returns the same object.
import { pathToFileURL } from 'node:url';
import { importBundled } from './bundle.js';

const BUDGET_FULL_MS = 10;
const BUDGET_INCREMENTAL_MS = 1;

export async function benchChase(options = {}) {
  const opts = {
    invoices: Number(process.env.CHASE_BENCH_INVOICES ?? 10000),
    runs: Number(process.env.CHASE_BENCH_RUNS ?? 30),
    today: process.env.CHASE_BENCH_TODAY ?? '2026-06-15',
    seed: Number(process.env.CHASE_BENCH_SEED ?? 1),
    ...options
  };
  const { module, dispose } = await importBundled('bench/chase-entry.ts');
  try {
    const result = await module.runChaseBench(opts);
    return {
      name: 'chase-list',
      node: process.version,
      ...result,
      budgets: { fullMs: BUDGET_FULL_MS, incrementalMs: BUDGET_INCREMENTAL_MS },
      withinBudget: {
        fullFromRecords: result.fullFromRecordsMs.median <= BUDGET_FULL_MS,
        fullFromIndexed: result.fullFromIndexedMs.median <= BUDGET_FULL_MS,
        incremental: result.incrementalRecomputeMs.median <= BUDGET_INCREMENTAL_MS
      }
    };
  } finally {
    dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  console.error('[chase bench] generating the demo workspace and measuring…');
  benchChase()
    .then((r) => {
      console.error(`[chase bench] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      console.log(JSON.stringify(r, null, 2));
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
