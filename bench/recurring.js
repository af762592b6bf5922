// `node bench/recurring.js`: preparing recurring drafts at open over the 10 000-invoice demo
// workspace with 100 monthly templates started a year ago (bench/recurring-entry.ts). It runs
// after the first screen (src/lib/store/app.svelte.ts), so it never delays it; this measures how
// long that background step holds the main thread. Prints ONE JSON object on stdout.
// Environment: RECURRING_BENCH_INVOICES (10000), RECURRING_BENCH_TEMPLATES (100), RECURRING_BENCH_RUNS (5).
import { pathToFileURL } from 'node:url';
import { importBundled } from './bundle.js';

export async function benchRecurring(options = {}) {
  const opts = {
    invoices: Number(process.env.RECURRING_BENCH_INVOICES ?? 10000),
    templates: Number(process.env.RECURRING_BENCH_TEMPLATES ?? 100),
    runs: Number(process.env.RECURRING_BENCH_RUNS ?? 5),
    today: '2026-06-15',
    seed: 1,
    ...options
  };
  const { module, dispose } = await importBundled('bench/recurring-entry.ts');
  try {
    return { name: 'recurring-prepare', node: process.version, ...(await module.runRecurringBench(opts)) };
  } finally {
    dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.error('[recurring bench] generating the demo workspace and measuring…');
  benchRecurring()
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
