// Closed records moving to their year's archive and back, on real Workspaces (fake-indexeddb):
// what the app reads never changes, the live document keeps only stubs, and two devices doing it
// at once — or one archiving while the other, offline, edits or deletes — converge with nothing
// lost or doubled.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ActivityEvent, DocumentRecord, IsoDate, Payment } from '$lib/domain/types';
import { archivePlan } from '$lib/domain/archive';
import { accountsOfRecords, plainContext } from '$lib/domain/receivables';
import { addDays } from '$lib/domain/dates';
import { canonicalJson } from '$lib/domain/integrity';
import { chaseClientRecord, chaseInvoice, chasePayment } from '$lib/domain/fixtures';
import { Workspace } from './workspace.svelte';
import { ARCHIVE_KEY, collectionMap, patchRecord } from './doc';
import { STUB_DAYS } from './archiver';
import { newId } from './ids';
import { SYNC_ORDERS, company, exchange } from './fixtures';

const TODAY = '2026-12-02';
const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close();
});

function invoice(id: string, issueDate: IsoDate, extra: Partial<DocumentRecord> = {}): DocumentRecord {
  return chaseInvoice(id, 100_000, addDays(issueDate, 30), extra);
}

function event(id: string, at: string, documentId: string): ActivityEvent {
  return { id, at, memberId: 'm-a', kind: 'document_issued', clientId: 'c1', documentId, text: '', data: {} };
}

/** i1 (2024, paid in 2024: closed), i2 (2026, unpaid: open), their payment and events. */
const BOOKS = {
  documents: [invoice('i1', '2024-03-01'), invoice('i2', '2026-11-01')],
  payments: [chasePayment('p1', 'i1', 100_000, '2024-03-20')] as Payment[],
  events: [event('e1', '2024-03-01T09:00:00.000Z', 'i1'), event('e2', '2026-11-01T09:00:00.000Z', 'i2')]
};

async function workspaceWithBooks(): Promise<Workspace> {
  const ws = await Workspace.create({ company: company(), deviceName: 'Poste A' });
  open.push(ws);
  await ws.run('records/import', 'clients', [chaseClientRecord()]);
  await ws.run('records/import', 'documents', BOOKS.documents as (DocumentRecord & { id: string })[]);
  await ws.run('records/import', 'payments', BOOKS.payments);
  await ws.run('records/import', 'events', BOOKS.events);
  return ws;
}

/** What the app reads of the three archivable collections, canonical. */
function seen(ws: Workspace): string {
  const sorted = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
  return canonicalJson({ documents: sorted(ws.documents.all()), payments: sorted(ws.payments.all()), events: sorted(ws.events.all()) });
}

function plan(ws: Workspace, today: IsoDate = TODAY) {
  const documents = ws.documents.all();
  const payments = ws.payments.all();
  const accounts = accountsOfRecords(documents, payments, 'normal', () => plainContext(today, 'company'));
  return archivePlan({ documents, payments, events: ws.events.all(), accounts, pinned: new Set(), today });
}

/** The archive documents a workspace has loaded, by year. */
function archivesOf(ws: Workspace): Map<number, Y.Doc> {
  const docs = new Map<number, Y.Doc>();
  ws.watchArchives((year, doc) => {
    docs.set(year, doc);
    return () => {};
  })();
  return docs;
}

async function archive(ws: Workspace, today: IsoDate = TODAY) {
  return ws.archiveClosed(plan(ws, today), today);
}

/** A second device holding A's live document and archives, as the relay would bring them. */
async function secondDevice(a: Workspace): Promise<Workspace> {
  // Another id: both devices live in this process's one IndexedDB and BroadcastChannel.
  const b = await Workspace.join({ id: newId(), memberId: newId(), deviceName: 'Poste B', seriesLetter: 'B', publicKey: 'cGs=' });
  open.push(b);
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), 'relay');
  await b.adoptRemoteCopy();
  await meet(a, b);
  return b;
}

/** Both devices' live documents and archives exchanged, in both orders' worth of cases. */
async function meet(a: Workspace, b: Workspace, order: (typeof SYNC_ORDERS)[number] = 'a→b first'): Promise<void> {
  exchange(a.doc, b.doc, order);
  await Promise.all([a.complete, b.complete]);
  // The archives either device listed are open on both now (each opens the years its live document lists).
  await settle();
  const fromA = archivesOf(a);
  const fromB = archivesOf(b);
  for (const [year, docA] of fromA) {
    const docB = fromB.get(year);
    if (docB) exchange(docA, docB, order);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('archiving closed records', () => {
  it('moves a closed invoice, its payment and its events to their year, and the app reads the same', async () => {
    const ws = await workspaceWithBooks();
    const before = seen(ws);
    const report = await archive(ws);
    expect(report).toMatchObject({ archived: 3, unarchived: 0 });
    expect(seen(ws)).toBe(before);
    // The live document keeps a stub of the invoice, nothing of its payment and event.
    const stub = collectionMap(ws.doc, 'documents').get('i1') as Y.Map<unknown>;
    expect([...stub.keys()].sort()).toEqual(['@archive', '@archivedAt']);
    expect(stub.get(ARCHIVE_KEY)).toBe(2024);
    expect(collectionMap(ws.doc, 'payments').has('p1')).toBe(false);
    expect(collectionMap(ws.doc, 'events').has('e1')).toBe(false);
    expect(collectionMap(ws.doc, 'documents').get('i2')).toBeInstanceOf(Y.Map);
    expect(collectionMap(ws.doc, 'events').has('e2')).toBe(true);
    const archived = archivesOf(ws).get(2024)!;
    expect([...collectionMap(archived, 'documents').keys()]).toEqual(['i1']);
    expect([...collectionMap(archived, 'payments').keys()]).toEqual(['p1']);
    expect([...collectionMap(archived, 'events').keys()]).toEqual(['e1']);
    // Done: a second pass has nothing to do.
    expect(await archive(ws)).toEqual({ archived: 0, unarchived: 0, relocated: 0, folded: 0, dropped: 0 });
  });

  it('opens again with the live document first, then the archives', async () => {
    const ws = await workspaceWithBooks();
    const before = seen(ws);
    await archive(ws);
    await ws.close();
    open.splice(open.indexOf(ws), 1);
    const again = await Workspace.open(ws.id, ws.memberId);
    open.push(again);
    await again.ready;
    expect(again.documents.get('i2')).toBeDefined();
    // An archive's records arrive together: what reads them once a change is told (the screens,
    // the chase list) never sees its invoice without its payment, unpaid for a moment.
    const torn: string[] = [];
    const check = () => queueMicrotask(() => void (again.documents.peek('i1') && !again.payments.peek('p1') && torn.push('i1 without p1')));
    const stops = [again.documents.onChange(check), again.payments.onChange(check)];
    await again.complete;
    stops.forEach((stop) => stop());
    expect(torn).toEqual([]);
    expect(seen(again)).toBe(before);
  });

  it('shows the archives found at opening together: the screens told once, not once per year', async () => {
    const ws = await workspaceWithBooks();
    await ws.run('records/import', 'documents', [invoice('i0', '2023-02-01')] as (DocumentRecord & { id: string })[]);
    await ws.run('records/import', 'payments', [chasePayment('p0', 'i0', 100_000, '2023-02-20')] as Payment[]);
    const before = seen(ws);
    await archive(ws);
    expect([...archivesOf(ws).keys()].sort()).toEqual([2023, 2024]);
    await ws.close();
    open.splice(open.indexOf(ws), 1);
    const again = await Workspace.open(ws.id, ws.memberId);
    open.push(again);
    await again.ready;
    const versions = [again.documents.version, again.payments.version];
    await again.complete;
    // Each time they are told, the documents list and the layout's checks read every document again.
    expect([again.documents.version - versions[0], again.payments.version - versions[1]]).toEqual([1, 1]);
    expect(seen(again)).toBe(before);
  });

  it('keeps a change made on an archived invoice in its stub, then folds it into the archive', async () => {
    const ws = await workspaceWithBooks();
    await archive(ws);
    // A field written without an event dated today (the commands log one, which reopens the
    // year: next test): the invoice stays closed in 2024.
    patchRecord(ws.doc, 'documents', 'i1', { sentAt: '2024-03-02', sentChannel: 'post' });
    expect(ws.documents.get('i1')).toMatchObject({ sentAt: '2024-03-02', sentChannel: 'post', number: 'F-2026-A-i1' });
    const stub = collectionMap(ws.doc, 'documents').get('i1') as Y.Map<unknown>;
    expect(stub.get('sentAt')).toBe('2024-03-02');
    const after = seen(ws);
    expect(await archive(ws)).toMatchObject({ folded: 1 });
    expect(seen(ws)).toBe(after);
    expect([...stub.keys()].sort()).toEqual(['@archive', '@archivedAt']);
    expect((collectionMap(archivesOf(ws).get(2024)!, 'documents').get('i1') as Y.Map<unknown>).get('sentAt')).toBe('2024-03-02');
  });

  it('brings an archived invoice back whole when a change reopens its year (sent again this year)', async () => {
    const ws = await workspaceWithBooks();
    await archive(ws);
    await ws.run('document/markSent', 'i1', '2026-12-01', 'post');
    const before = seen(ws);
    expect(await archive(ws)).toMatchObject({ unarchived: 3 });
    expect(seen(ws)).toBe(before);
    const live = collectionMap(ws.doc, 'documents').get('i1') as Y.Map<unknown>;
    expect(live.has(ARCHIVE_KEY)).toBe(false);
    expect(live.get('sentAt')).toBe('2026-12-01');
    expect(collectionMap(ws.doc, 'payments').has('p1')).toBe(true);
    expect(collectionMap(archivesOf(ws).get(2024)!, 'documents').size).toBe(0);
  });

  it('deletes an archived payment from its archive too, and brings its invoice back to the live document', async () => {
    const ws = await workspaceWithBooks();
    await archive(ws);
    await ws.run('payment/delete', 'p1');
    expect(ws.payments.get('p1')).toBeUndefined();
    expect(collectionMap(archivesOf(ws).get(2024)!, 'payments').has('p1')).toBe(false);
    // i1 is owed again: no longer closed, it comes back whole, and its event with it.
    const before = seen(ws);
    expect(await archive(ws)).toMatchObject({ unarchived: 2 });
    expect(seen(ws)).toBe(before);
    const live = collectionMap(ws.doc, 'documents').get('i1') as Y.Map<unknown>;
    expect(live.has(ARCHIVE_KEY)).toBe(false);
    expect(live.get('hash')).toBe(BOOKS.documents[0].hash);
    expect(collectionMap(archivesOf(ws).get(2024)!, 'documents').has('i1')).toBe(false);
    // After a reopening too.
    await ws.close();
    open.splice(open.indexOf(ws), 1);
    const again = await Workspace.open(ws.id, ws.memberId);
    open.push(again);
    await again.complete;
    expect(seen(again)).toBe(before);
  });

  it('deletes a stub left unchanged for STUB_DAYS; a later change makes one again', async () => {
    const ws = await workspaceWithBooks();
    await archive(ws);
    const before = seen(ws);
    const later = addDays(TODAY, STUB_DAYS + 1);
    expect(await archive(ws, addDays(TODAY, STUB_DAYS - 1))).toMatchObject({ dropped: 0 });
    expect(await archive(ws, later)).toMatchObject({ dropped: 1 });
    expect(collectionMap(ws.doc, 'documents').has('i1')).toBe(false);
    expect(seen(ws)).toBe(before);
    await ws.run('document/markSent', 'i1', '2026-12-01', 'post');
    expect((collectionMap(ws.doc, 'documents').get('i1') as Y.Map<unknown>).get(ARCHIVE_KEY)).toBe(2024);
    expect(ws.documents.get('i1')).toMatchObject({ sentAt: '2026-12-01', number: 'F-2026-A-i1' });
  });

  it('finishes a pass cut short: a record in both places reads as the live one', async () => {
    const ws = await workspaceWithBooks();
    const before = seen(ws);
    await archive(ws);
    // As if the archive had been written but the live copy not yet stripped: i1 whole again.
    ws.doc.transact(() => collectionMap(ws.doc, 'documents').delete('i1'));
    await ws.run('records/import', 'documents', [BOOKS.documents[0] as DocumentRecord & { id: string }]);
    await ws.run('records/import', 'payments', BOOKS.payments);
    expect(seen(ws)).toBe(before);
    expect(await archive(ws)).toMatchObject({ archived: 2 });
    expect(seen(ws)).toBe(before);
    expect(collectionMap(ws.doc, 'payments').has('p1')).toBe(false);
  });
});

describe('two devices', () => {
  for (const order of SYNC_ORDERS)
    it(`archiving the same records at once, offline, leaves one copy of each (${order})`, async () => {
      const a = await workspaceWithBooks();
      const b = await secondDevice(a);
      const before = seen(a);
      expect(seen(b)).toBe(before);
      await archive(a);
      await archive(b);
      await meet(a, b, order);
      expect(seen(a)).toBe(before);
      expect(seen(b)).toBe(before);
      for (const ws of [a, b]) {
        const archived = archivesOf(ws).get(2024)!;
        expect([...collectionMap(archived, 'documents').keys()]).toEqual(['i1']);
        expect([...collectionMap(archived, 'payments').keys()]).toEqual(['p1']);
        expect(collectionMap(ws.doc, 'payments').has('p1')).toBe(false);
      }
    });

  for (const order of SYNC_ORDERS)
    it(`a change made offline on a record the other device archives is kept (${order})`, async () => {
      const a = await workspaceWithBooks();
      const b = await secondDevice(a);
      await archive(a);
      await b.run('document/markSent', 'i1', '2024-03-02', 'post');
      await meet(a, b, order);
      for (const ws of [a, b]) expect(ws.documents.get('i1')).toMatchObject({ sentAt: '2024-03-02', sentChannel: 'post', number: 'F-2026-A-i1', status: 'issued' });
      // The next pass folds it into the archive; both still read it.
      await archive(a);
      await meet(a, b, order);
      for (const ws of [a, b]) expect(ws.documents.get('i1')).toMatchObject({ sentAt: '2024-03-02', sentChannel: 'post' });
      expect(collectionMap(a.doc, 'documents').get('i1')).toBeInstanceOf(Y.Map);
      expect(seen(a)).toBe(seen(b));
    });

  it('one device deleting the payment while the other archives: deleted on both once they meet and archive again', async () => {
    const a = await workspaceWithBooks();
    const b = await secondDevice(a);
    await archive(a);
    await meet(a, b);
    await b.run('payment/delete', 'p1');
    await meet(a, b);
    for (const ws of [a, b]) expect(ws.payments.get('p1')).toBeUndefined();
    await archive(a);
    await meet(a, b);
    expect(seen(a)).toBe(seen(b));
    for (const ws of [a, b]) expect(ws.payments.get('p1')).toBeUndefined();
  });
});
