// The « À relancer » benchmark body, bundled by bench/chase.js (vite, with the Svelte plugin for
// the runes of the store) and run in Node: the 10 000-invoice demo workspace, the list computed
// in full (from the records: grouped, settled and decided from scratch; and from the per-client
// files the view keeps: decided again, as on a new day or after a policy change), then
// incrementally after one invoice changes. Returns plain numbers; bench/chase.js prints them as JSON.
import { generateDemo, proportionalCounts } from '$lib/demo/generate';
import { chaseClient, chaseEnv, prepareFile, type ChaseEnv } from '$lib/domain/chaseItem';
import { assembleList } from '$lib/domain/chaseList';
import { buildChaseList, indexClientFiles } from '$lib/store/chaseFiles';
import { DEFAULT_CHASE_CONFIG, effectivePolicies } from '$lib/domain/dunning';
import { ChaseView } from '$lib/store/chaseView.svelte';
import { logContact } from '$lib/store/chaseOperations';
import { followedCollections } from '$lib/store/fixtures';
import { demoDoc } from './demoDoc';
import { median, r3, time } from './timing';

export async function runChaseBench(opts: { invoices: number; runs: number; today: string; seed: number }) {
  const counts = proportionalCounts(opts.invoices);
  const data = await generateDemo({ ...counts, seed: opts.seed, today: opts.today, memberA: 'bench-a' });
  const records = { clients: data.clients, documents: data.documents, payments: data.payments, events: data.events };
  const env: ChaseEnv = chaseEnv(opts.today, data.company.vatRegime, { policies: effectivePolicies([]), config: DEFAULT_CHASE_CONFIG });

  // Warm-up, then full recomputes.
  for (let i = 0; i < 5; i++) buildChaseList(records, env);
  const fromRecords = time(opts.runs, () => buildChaseList(records, env));
  const files = [...indexClientFiles(records.clients, records.documents, records.payments, records.events, env.vatRegime).values()].map(prepareFile);
  // What the app does at midnight or when a policy changes: every client decided again from
  // the files the view keeps (what each file settles is worked out once, then reused).
  const fromIndexed = time(opts.runs, () => assembleList(files.map((f) => chaseClient(f, env))));
  const list = buildChaseList(records, env);

  // The store: a real Y.Doc with every record, collections followed, the incremental view.
  const doc = demoDoc(data, opts.today);
  const source = { ...followedCollections(doc), company: data.company };
  const t0 = performance.now();
  const view = new ChaseView(source, () => opts.today);
  const viewBuild = performance.now() - t0;

  // One invoice changes: a contact is logged (or, when the list is empty, a dispute flag).
  const items = [...view.list.overdue, ...view.list.today, ...view.list.courtesy];
  const actor = { memberId: 'bench-a', now: () => new Date(`${opts.today}T09:00:00.000Z`) };
  const flushes: number[] = [];
  const totals: number[] = [];
  const recomputed: number[] = [];
  for (let i = 0; i < Math.min(opts.runs, items.length); i++) {
    const item = items[i];
    const started = performance.now();
    logContact(doc, actor, {
      clientId: item.clientId,
      targets: item.lines.map((l) => ({ key: l.receivable.key, stepId: l.step.id })),
      stepId: item.step.id,
      channel: 'email',
      outcome: 'sent'
    });
    const f0 = performance.now();
    view.flush();
    const end = performance.now();
    flushes.push(end - f0);
    totals.push(end - started);
    recomputed.push(view.lastRecomputed.length);
  }

  return {
    invoices: data.stats.invoices,
    clients: data.clients.length,
    payments: data.payments.length,
    events: data.events.length,
    contactEvents: data.events.filter((e) => e.kind === 'contact').length,
    items: { overdue: list.overdue.length, today: list.today.length, courtesy: list.courtesy.length, postponed: list.postponed },
    fullFromRecordsMs: fromRecords,
    fullFromIndexedMs: fromIndexed,
    viewFirstBuildMs: r3(viewBuild),
    incrementalRecomputeMs: { median: r3(median(flushes)), max: r3(Math.max(...flushes)), runs: flushes.length },
    incrementalWithYjsWriteMs: { median: r3(median(totals)), max: r3(Math.max(...totals)) },
    clientsRecomputedPerChange: Math.max(...recomputed)
  };
}
