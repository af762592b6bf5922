// The demo workspace written into a real Y.Doc with the store's code, as a device holds it: what
// the benchmarks of the store's views (chase-entry.ts, dashboard-entry.ts) run on.
import * as Y from 'yjs';
import type { DemoData } from '$lib/demo/generate';
import { LOCAL_ORIGIN, initialiseDoc, putRecord, writeCompany } from '$lib/store/doc';
import type { CollectionName } from '$lib/store/schema';

export function demoDoc(data: DemoData, today: string): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    initialiseDoc(doc, 'bench', `${today}T08:00:00.000Z`);
    writeCompany(doc, data.company);
    putRecord(doc, 'members', { id: 'bench-a', name: 'Banc', seriesLetter: 'A', createdAt: '', lastSeenAt: '', removed: false });
    for (const [name, list] of [['clients', data.clients], ['documents', data.documents], ['payments', data.payments], ['events', data.events]] as const)
      for (const r of list) putRecord(doc, name as CollectionName, r as never);
  }, LOCAL_ORIGIN);
  return doc;
}
