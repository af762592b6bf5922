// Creates a NEW workspace on this device and fills it with generated records through the real
// store code (Workspace.create, the 'records/import' command in batched transactions, the update log),
// moves its closed years to their archives as the app does after an opening (domain/archive.ts,
// store/archiver.ts), then waits until everything is on disk and every log is compacted, as a
// workspace used for years is. Loaded lazily by the /demo page: never in the main bundle.
import * as Y from 'yjs';
import { now, today } from '$lib/clock';
import { Workspace } from '$lib/store/workspace.svelte';
import { saveWorkspaceEntry, setCurrentWorkspace, type WorkspaceEntry } from '$lib/store/registry';
import { newSecretKey } from '$lib/store/ids';
import { archiveDbName, openWorkspaceDb, workspaceDbName } from '$lib/store/workspaceDb';
import { archivePlan } from '$lib/domain/archive';
import { addDays } from '$lib/domain/dates';
import { STUB_DAYS } from '$lib/store/archiver';
import { accountsOfRecords, plainContext } from '$lib/domain/receivables';
import { requestCompaction } from '$lib/store/compactionClient';
import type { CollectionName, RecordTypes } from '$lib/store/schema';
import { demoCompany, generateDemo, type DemoCounts, type DemoProgress, type DemoStats } from './generate';

export interface DemoRunOptions extends DemoCounts {
  seed?: number;
  /** Years of history (generate.ts; default 2). */
  years?: number;
  /** Records per Yjs transaction (each transaction is one update row in IndexedDB). */
  batchSize?: number;
  deviceName?: string;
}

export interface DemoResult {
  workspaceId: string;
  seed: number;
  counts: DemoCounts & { documents: number; quotes: number; creditNotes: number; drafts: number; lines: number; items: number; members: number };
  stats: DemoStats;
  /** Y.encodeStateAsUpdate(doc).byteLength once everything is written. */
  encodedBytes: number;
  /** Rows in the live document's 'updates' store (store/persistence.ts) and their total size, once compacted. */
  idbUpdates: number;
  idbUpdateBytes: number;
  /** The live document's encoded state once the closed years are archived, and each archive's. */
  liveEncodedBytes: number;
  archives: { year: number; encodedBytes: number; idbUpdates: number; idbUpdateBytes: number; documents: number }[];
  archiveMs: number;
  transactions: number;
  generateMs: number;
  writeMs: number;
  persistMs: number;
  totalMs: number;
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** What the update log actually holds on disk. */
async function storedSizes(name: string): Promise<{ updates: number; updateBytes: number }> {
  const db = await openWorkspaceDb(name);
  try {
    const tx = db.transaction(['updates'], 'readonly');
    const updates = (await requestResult(tx.objectStore('updates').getAll())) as Uint8Array[];
    return { updates: updates.length, updateBytes: updates.reduce((n, u) => n + u.byteLength, 0) };
  } finally {
    db.close();
  }
}

export async function populateDemoWorkspace(opts: DemoRunOptions, progress: DemoProgress = () => {}): Promise<DemoResult> {
  const seed = opts.seed ?? 1;
  const batchSize = Math.max(1, opts.batchSize ?? 500);
  const t0 = performance.now();
  const day = today();
  const company = demoCompany(day);

  // As app.create() does: a new workspace with this device as member A, registered on the device.
  const ws = await Workspace.create({ company, deviceName: opts.deviceName ?? 'Portable de Claire' });
  const entry: WorkspaceEntry = {
    id: ws.id,
    name: company.name,
    memberId: ws.memberId,
    key: newSecretKey(),
    relayUrl: '',
    createdAt: now().toISOString()
  };
  saveWorkspaceEntry(entry);

  let transactions = 0;
  try {
    const data = await generateDemo({ ...opts, seed, years: opts.years, today: day, memberA: ws.memberId }, progress);
    const t1 = performance.now();

    const collections: [CollectionName, { id: string }[]][] = [
      ['members', data.members],
      ['clients', data.clients],
      ['items', data.items],
      ['documents', data.documents],
      ['payments', data.payments],
      ['events', data.events]
    ];
    const total = collections.reduce((n, [, list]) => n + list.length, 0);
    let written = 0;
    for (const [name, list] of collections) {
      for (let i = 0; i < list.length; i += batchSize) {
        const batch = list.slice(i, i + batchSize);
        ws.apply('records/import', name, batch as (RecordTypes[typeof name] & { id: string })[]);
        transactions++;
        written += batch.length;
        progress('write', written, total);
        await tick(); // let y-indexeddb queue this update and the page repaint
      }
    }
    const t2 = performance.now();

    const encodedBytes = Y.encodeStateAsUpdate(ws.doc).byteLength;

    // The closed years to their archives, as the app does a while after an opening.
    progress('archive', 0, 1);
    const kinds = new Map(data.clients.map((c) => [c.id, c.kind]));
    const documents = ws.documents.all();
    const payments = ws.payments.all();
    const accounts = accountsOfRecords(documents, payments, company.vatRegime, (id) => plainContext(day, kinds.get(id) ?? 'company'));
    const plan = archivePlan({ documents, payments, events: ws.events.all(), accounts, pinned: new Set(), today: day });
    await ws.archiveClosed(plan, day);
    // As a workspace used for years is: the stubs of its archived documents dropped once every
    // device has had time to see the move (STUB_DAYS after it).
    await ws.archiveClosed(plan, addDays(day, STUB_DAYS + 1));
    const liveEncodedBytes = Y.encodeStateAsUpdate(ws.doc).byteLength;
    const archived: { year: number; encodedBytes: number; documents: number }[] = [];
    ws.watchArchives((year, doc) => {
      archived.push({ year, encodedBytes: Y.encodeStateAsUpdate(doc).byteLength, documents: doc.getMap('documents').size });
      return () => {};
    })();
    const t25 = performance.now();
    progress('archive', 1, 1);

    progress('persist', 0, 1);
    // Closing the database connection waits for every queued update transaction to commit.
    await ws.close();
    await requestCompaction(workspaceDbName(ws.id));
    const stored = await storedSizes(workspaceDbName(ws.id));
    const archives = [];
    for (const a of archived.sort((x, y) => x.year - y.year)) {
      await requestCompaction(archiveDbName(ws.id, a.year));
      const sizes = await storedSizes(archiveDbName(ws.id, a.year));
      archives.push({ ...a, idbUpdates: sizes.updates, idbUpdateBytes: sizes.updateBytes });
    }
    setCurrentWorkspace(ws.id);
    const t3 = performance.now();
    progress('persist', 1, 1);

    const docs = data.documents;
    return {
      workspaceId: ws.id,
      seed,
      counts: {
        clients: data.clients.length,
        invoices: data.stats.invoices,
        payments: data.payments.length,
        events: data.events.length,
        documents: docs.length,
        quotes: data.stats.quotes,
        creditNotes: data.stats.creditNotes,
        drafts: data.stats.drafts,
        lines: data.stats.lines,
        items: data.items.length,
        members: data.members.length + 1
      },
      stats: data.stats,
      encodedBytes,
      idbUpdates: stored.updates,
      idbUpdateBytes: stored.updateBytes,
      liveEncodedBytes,
      archives,
      archiveMs: Math.round(t25 - t2),
      transactions,
      generateMs: Math.round(t1 - t0),
      writeMs: Math.round(t2 - t1),
      persistMs: Math.round(t3 - t25),
      totalMs: Math.round(t3 - t0)
    };
  } catch (e) {
    await ws.close().catch(() => {});
    throw e;
  }
}
