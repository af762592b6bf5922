// A record a buggy or hostile device wrote (or a later version, in a shape this one does not know)
// is written into the Y.Doc directly, as such a device's update would: it is skipped from every
// view, kept untouched in the document, reported, and blocks nothing — the other records, the
// chase list, the backup and its restore.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Collection } from './collection.svelte';
import { loadCollection, followCollection } from './collectionSync';
import { ChaseView } from './chaseView.svelte';
import { collectionMap, readAll, readCompany, readRecord, readWorkspace, unreadableRecords } from './doc';
import { checkBackup, exportBackup, restoreWorkspace } from './backup';
import { issueDocument, createDocument, saveDraft, markSent, recordPayment } from './operations';
import { Workspace } from './workspace.svelte';
import { newId } from './ids';
import { actor, client, company, line, seededDoc } from './fixtures';

const APP = { appVersion: '0.1.0-test', at: new Date('2026-11-23T09:30:00.000Z') };

/** A workspace document with one late invoice of c1 (120 € TTC, due 5 June) and a payment of 20 €. */
async function lateInvoiceDoc() {
  const doc = seededDoc({ clients: [client('c1'), client('c2')] });
  const me = actor('m-a', '2026-05-06T09:00:00.000Z');
  const id = createDocument(doc, me, 'invoice', 'c1');
  saveDraft(doc, me, id, { lines: [line('l1')] });
  const invoice = await issueDocument(doc, me, id, '2026-05-06');
  markSent(doc, me, invoice.id, '2026-05-06', 'email');
  recordPayment(doc, actor('m-a', '2026-06-15T08:00:00.000Z'), { clientId: 'c1', amountCents: 2000, date: '2026-06-01', method: 'transfer', reference: '', allocations: [{ invoiceId: invoice.id, amountCents: 2000 }] }, new Map([[invoice.id, 12_000]]));
  return { doc, invoice };
}

/** The bad values other devices could send, one per kind of record. */
function injectBadRecords(doc: Y.Doc): void {
  doc.transact(() => {
    collectionMap(doc, 'payments').set('p-bad', '{not json');
    collectionMap(doc, 'events').set('e-bad', JSON.stringify({ id: 'e-bad', at: 'x', kind: 'note', clientId: 42, documentId: null, text: '' }));
    const badClient = new Y.Map<unknown>();
    collectionMap(doc, 'clients').set('c-bad', badClient);
    badClient.set('id', 'c-bad');
    badClient.set('name', 'Sans adresse');
    badClient.set('contacts', 'aucun');
    const badDoc = new Y.Map<unknown>();
    collectionMap(doc, 'documents').set('d-bad', badDoc);
    for (const [k, v] of Object.entries({ id: 'd-bad', kind: 'invoice', status: 'issued', clientId: 'c1', memberId: 'm-z', lines: [], discount: { kind: 'none' }, frozen: '{"cut', sellerRef: 'nope' }))
      badDoc.set(k, v);
  });
}

describe('a malformed record', () => {
  it('is left out of the reads, reported, and kept as it was', async () => {
    const { doc, invoice } = await lateInvoiceDoc();
    injectBadRecords(doc);
    expect(readAll(doc, 'payments').map((p) => p.amountCents)).toEqual([2000]);
    expect(readAll(doc, 'clients').map((c) => c.id).sort()).toEqual(['c1', 'c2']);
    expect(readAll(doc, 'documents').map((d) => d.id)).toEqual([invoice.id]);
    expect(readRecord(doc, 'payments', 'p-bad')).toBeNull();
    expect(unreadableRecords(doc)).toEqual([
      { collection: 'clients', id: 'c-bad', defect: { kind: 'bad_field', field: 'kind' } },
      { collection: 'documents', id: 'd-bad', defect: { kind: 'not_json' } },
      { collection: 'payments', id: 'p-bad', defect: { kind: 'not_json' } },
      { collection: 'events', id: 'e-bad', defect: { kind: 'bad_field', field: 'clientId' } }
    ]);
    expect(readWorkspace(doc).payments).toHaveLength(1);
    expect(collectionMap(doc, 'payments').get('p-bad')).toBe('{not json');
    expect((collectionMap(doc, 'clients').get('c-bad') as Y.Map<unknown>).toJSON()).toEqual({ id: 'c-bad', name: 'Sans adresse', contacts: 'aucun' });
  });

  it('is skipped by a collection, on load and when it arrives later; repaired, it shows', async () => {
    const { doc } = await lateInvoiceDoc();
    const payments = new Collection('payments');
    loadCollection(payments, doc);
    followCollection(payments, doc);
    collectionMap(doc, 'payments').set('p-bad', '{not json');
    expect(payments.all().map((p) => p.amountCents)).toEqual([2000]);
    const reloaded = new Collection('payments');
    loadCollection(reloaded, doc);
    expect(reloaded.size).toBe(1);
    // A later version (or the device that wrote it) puts it right: it appears.
    collectionMap(doc, 'payments').set('p-bad', JSON.stringify({ id: 'p-bad', clientId: 'c2', amountCents: 500, date: '2026-06-02', method: 'cash', reference: '', allocations: [], memberId: 'm-a', createdAt: '2026-06-02T10:00:00.000Z' }));
    expect(payments.get('p-bad')?.amountCents).toBe(500);
  });

  it('does not block the chase list', async () => {
    const { doc } = await lateInvoiceDoc();
    injectBadRecords(doc);
    const make = <K extends 'clients' | 'documents' | 'payments' | 'events' | 'policies' | 'chaseConfig'>(name: K) => {
      const c = new Collection(name);
      loadCollection(c, doc);
      return c;
    };
    const view = new ChaseView(
      { clients: make('clients'), documents: make('documents'), payments: make('payments'), events: make('events'), policies: make('policies'), chaseConfig: make('chaseConfig'), get company() { return readCompany(doc); } },
      () => '2026-06-15'
    );
    // 120 € due, 20 € paid: 100 € still owed by c1.
    expect(view.list.overdue.map((i) => [i.clientId, i.amountCents])).toEqual([['c1', 10_000]]);
  });
});

describe('a workspace holding a malformed record', () => {
  const opened: Workspace[] = [];
  afterEach(async () => {
    for (const ws of opened.splice(0)) await ws.close().catch(() => undefined);
  });

  it('is backed up, its backup passes the checks, and restores with the record still in it', async () => {
    globalThis.indexedDB = new IDBFactory();
    const ws = await Workspace.create({ id: newId(), company: company(), deviceName: 'Portable' });
    opened.push(ws);
    await ws.run('client/save', client('c1'));
    collectionMap(ws.doc, 'payments').set('p-bad', '{not json');
    expect(ws.unreadable()).toEqual([{ collection: 'payments', id: 'p-bad', defect: { kind: 'not_json' } }]);

    const { text } = await exportBackup(ws, APP);
    const file = JSON.parse(text);
    expect(file.data.payments).toEqual([]);
    expect(file.data.unreadable).toEqual([{ collection: 'payments', id: 'p-bad', defect: { kind: 'not_json' } }]);

    const result = await checkBackup(text);
    if (!result.ok) throw new Error(result.reason);
    globalThis.indexedDB = new IDBFactory();
    const restored = await restoreWorkspace(result.backup, { id: newId(), deviceName: 'Tablette' });
    opened.push(restored);
    expect(restored.clients.get('c1')?.name).toBe('Client c1');
    expect(collectionMap(restored.doc, 'payments').get('p-bad')).toBe('{not json');
    expect(restored.unreadable()).toHaveLength(1);
    // And the restored workspace backs up again.
    expect((await checkBackup((await exportBackup(restored, APP)).text)).ok).toBe(true);
  });

  it('without one, the backup’s readable copy is as before (no `unreadable` field)', async () => {
    globalThis.indexedDB = new IDBFactory();
    const ws = await Workspace.create({ id: newId(), company: company(), deviceName: 'Portable' });
    opened.push(ws);
    const file = JSON.parse((await exportBackup(ws, APP)).text);
    expect('unreadable' in file.data).toBe(false);
  });
});
