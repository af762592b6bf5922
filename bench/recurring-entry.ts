// The recurring-invoice preparation benchmark body, bundled by bench/recurring.js and run in Node:
// the 10 000-invoice demo workspace in a Y.Doc plus `templates` monthly templates started a year
// ago, then 'recurring/prepare' as the app runs it after the first screen: the first open (a
// year of occurrences to prepare) and the usual open (nothing due). Returns plain numbers.
import * as Y from 'yjs';
import { generateDemo, proportionalCounts } from '$lib/demo/generate';
import { LOCAL_ORIGIN, initialiseDoc, putRecord, readAll, writeCompany } from '$lib/store/doc';
import { prepareRecurring, saveRecurring } from '$lib/store/recurringOperations';
import { addMonths } from '$lib/domain/dates';
import type { CollectionName } from '$lib/store/schema';
import { median, r3 } from './timing';

export async function runRecurringBench(opts: { invoices: number; templates: number; runs: number; today: string; seed: number }) {
  const counts = proportionalCounts(opts.invoices);
  const data = await generateDemo({ ...counts, seed: opts.seed, today: opts.today, memberA: 'bench-a' });
  const actor = { memberId: 'bench-a', now: () => new Date(`${opts.today}T08:00:00.000Z`) };

  const fresh = () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      initialiseDoc(doc, 'bench', `${opts.today}T08:00:00.000Z`);
      writeCompany(doc, data.company);
      putRecord(doc, 'members', { id: 'bench-a', name: 'Banc', seriesLetter: 'A', createdAt: '', lastSeenAt: '', removed: false });
      for (const [name, list] of [['clients', data.clients], ['documents', data.documents]] as const)
        for (const r of list) putRecord(doc, name as CollectionName, r as never);
    }, LOCAL_ORIGIN);
    for (let i = 0; i < opts.templates; i++) {
      const client = data.clients[i % data.clients.length];
      saveRecurring(doc, actor, {
        id: `tpl${i}`, clientId: client.id, title: `Abonnement ${i}`,
        lines: [{ id: 'l1', description: 'Maintenance', quantity: 1, unit: 'mois', unitPriceCents: 25_000, vatRateBp: 2000, discountCents: 0 }],
        discount: { kind: 'none' }, terms: { kind: 'net', days: 30 }, notes: '', frequency: 'monthly',
        firstDate: addMonths(opts.today, -12), endDate: null, count: null, autoIssue: false, autoIssueMemberId: null,
        paused: false, preparedThrough: null, createdAt: '', updatedAt: ''
      });
    }
    // The app passes the documents it already decoded: decode them once, as the collection has.
    const documents = readAll(doc, 'documents');
    return { doc, documents };
  };

  const first: number[] = [];
  const usual: number[] = [];
  let drafts = 0;
  for (let run = 0; run < opts.runs; run++) {
    const { doc, documents } = fresh();
    const t0 = performance.now();
    prepareRecurring(doc, actor, opts.today, () => documents);
    first.push(performance.now() - t0);
    const after = readAll(doc, 'documents');
    drafts = after.filter((d) => d.recurrence).length;
    const t1 = performance.now();
    prepareRecurring(doc, actor, opts.today, () => after);
    usual.push(performance.now() - t1);
  }
  const stats = (xs: number[]) => ({ median: r3(median(xs)), min: r3(Math.min(...xs)), max: r3(Math.max(...xs)) });
  return { invoices: opts.invoices, templates: opts.templates, draftsPrepared: drafts, firstOpenMs: stats(first), usualOpenMs: stats(usual) };
}
