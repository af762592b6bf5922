// Merging a backup only adds and updates: through the real store, a real (fake) IndexedDB, and
// backups made from copies that deleted things, as an old device or a careless partner would.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { verifyDocuments } from '$lib/domain/integrity';
import { checkBackup, exportBackup, mergeBackup, previewMerge, restoreWorkspace, withoutDeletions, type CheckedBackup } from './backup';
import { ARCHIVE_KEY, collectionMap } from './doc';
import { BOOKS, archiveClosed, archiveDocs, importBooks, seen } from './archiveFixtures';
import { Workspace } from './workspace.svelte';
import { newId } from './ids';
import { client, company, line } from './fixtures';

const APP = { appVersion: '0.1.0-test', at: new Date('2026-11-23T09:30:00.000Z') };

function device(factory = new IDBFactory()): IDBFactory {
  globalThis.indexedDB = factory;
  return factory;
}

const opened: Workspace[] = [];
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close().catch(() => undefined);
});

async function checked(text: string): Promise<CheckedBackup> {
  const result = await checkBackup(text);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.backup;
}

async function preview(ws: Workspace, backup: CheckedBackup) {
  const result = await previewMerge(ws, backup);
  if (!result.ok) throw new Error(result.reason);
  return result.preview;
}

/**
 * The laptop: two clients, an issued invoice, a draft quote, a catalogue item. The tablet: a copy
 * restored from the laptop's backup, on which `onCopy` deletes and changes things; its backup is
 * what the laptop merges.
 */
async function laptopAndCopy(onCopy: (tablet: Workspace, ids: { invoiceId: string; quoteId: string }) => Promise<void>) {
  const laptopDb = device();
  const laptop = await Workspace.create({ id: newId(), company: company(), deviceName: 'Portable' });
  opened.push(laptop);
  await laptop.run('client/save', client('c1'));
  await laptop.run('client/save', client('c2', { name: 'Mairie de Villeurbanne' }));
  await laptop.run('item/save', { id: 'i1', name: 'Pose de porte', description: '', unit: 'u', unitPriceCents: 12_000, vatRateBp: 2000, archived: false });
  const draft = await laptop.run('document/create', 'invoice', 'c1');
  await laptop.run('draft/save', draft, { lines: [line('l1', { quantity: 2 })] });
  const invoiceId = (await laptop.run('document/issue', draft, '2026-11-20')).id;
  const quoteId = await laptop.run('document/create', 'quote', 'c2');
  await laptop.run('draft/save', quoteId, { lines: [line('q1')] });
  const { text } = await exportBackup(laptop, APP);
  const { id, memberId } = laptop;
  // One device at a time: open together, the two would talk over BroadcastChannel like two tabs.
  await laptop.close();
  opened.length = 0;

  device();
  const tablet = await restoreWorkspace(await checked(text), { id, deviceName: 'Tablette' });
  await onCopy(tablet, { invoiceId, quoteId });
  const fromTablet = await checked((await exportBackup(tablet, APP)).text);
  await tablet.close();

  device(laptopDb);
  const again = await Workspace.open(id, memberId);
  opened.push(again);
  await again.ready;
  return { laptop: again, fromTablet, invoiceId, quoteId };
}

describe('merging a backup only adds and updates', () => {
  it('keeps the clients, the issued invoice and the draft the backup’s copy deleted, and adds what it created', async () => {
    const { laptop, fromTablet, invoiceId, quoteId } = await laptopAndCopy(async (tablet, ids) => {
      // A hostile or buggy copy deletes records the app itself never deletes.
      tablet.doc.transact(() => {
        collectionMap(tablet.doc, 'clients').delete('c1');
        collectionMap(tablet.doc, 'clients').delete('c2');
        collectionMap(tablet.doc, 'documents').delete(ids.invoiceId);
      });
      await tablet.run('draft/delete', ids.quoteId);
      await tablet.run('item/delete', 'i1');
      await tablet.run('client/save', client('c-tab', { name: 'Garage Lefèvre' }));
    });
    const issuedBefore = laptop.documents.get(invoiceId)!;

    const plan = await preview(laptop, fromTablet);
    expect(plan.added.map((r) => [r.collection, r.label])).toEqual(
      expect.arrayContaining([
        ['clients', 'Garage Lefèvre'],
        ['members', 'Tablette']
      ])
    );
    expect(plan.added.some((r) => r.collection === 'clients' && r.id !== 'c-tab')).toBe(false);
    expect(plan.deletions).toBe(0);
    expect(plan.restorable).toEqual([]);

    expect(await mergeBackup(laptop, fromTablet)).toEqual({ ok: true });
    expect(laptop.clients.all().map((c) => c.name).sort()).toEqual(['Client c1', 'Garage Lefèvre', 'Mairie de Villeurbanne']);
    expect(laptop.documents.get(invoiceId)).toEqual(issuedBefore);
    expect(laptop.documents.get(quoteId)?.lines).toEqual([line('q1')]);
    expect(laptop.items.get('i1')?.name).toBe('Pose de porte');
    expect(await verifyDocuments(laptop.documents.all())).toEqual([]);
  });

  it('never changes an issued document’s frozen content, never lowers a series mark, never drops a contact', async () => {
    const { laptop, fromTablet, invoiceId } = await laptopAndCopy(async (tablet, ids) => {
      const map = collectionMap(tablet.doc, 'documents').get(ids.invoiceId) as Y.Map<unknown>;
      const members = collectionMap(tablet.doc, 'members');
      tablet.doc.transact(() => {
        map.set('frozen', JSON.stringify({ ...JSON.parse(map.get('frozen') as string), number: 'F-2026-A-9999' }));
        map.set('hash', 'f'.repeat(64));
        members.forEach((m) => (m as Y.Map<unknown>).set('highestIssuedSeq', {}));
        (collectionMap(tablet.doc, 'clients').get('c1') as Y.Map<unknown>).set('contacts', []);
      });
      // And an honest later edit, which the merge brings.
      const c2 = tablet.clients.get('c2')!;
      await tablet.run('client/save', { ...c2, notes: 'Paie à 60 jours' }, c2);
    });
    const before = laptop.read();
    const plan = await preview(laptop, fromTablet);
    expect(plan.updated.filter((u) => u.collection !== 'members')).toEqual([{ collection: 'clients', id: 'c2', label: 'Mairie de Villeurbanne', fields: expect.arrayContaining(['notes']) }]);

    await mergeBackup(laptop, fromTablet);
    expect(laptop.documents.get(invoiceId)).toEqual(before.documents.find((d) => d.id === invoiceId));
    expect(laptop.clients.get('c1')!.contacts).toEqual(client('c1').contacts);
    expect(laptop.clients.get('c2')!.notes).toBe('Paie à 60 jours');
    expect(laptop.me!.highestIssuedSeq).toEqual(before.members.find((m) => m.id === laptop.memberId)!.highestIssuedSeq);
    expect(await verifyDocuments(laptop.documents.all())).toEqual([]);
  });

  it('changes nothing the second time the same backup is merged', async () => {
    const { laptop, fromTablet } = await laptopAndCopy(async (tablet) => {
      await tablet.run('client/save', client('c-tab', { name: 'Garage Lefèvre' }));
      collectionMap(tablet.doc, 'clients').delete('c2');
    });
    await mergeBackup(laptop, fromTablet);
    const once = laptop.read();
    const vector = Y.encodeStateVector(laptop.doc);
    const again = await preview(laptop, fromTablet);
    expect([again.added, again.updated, again.companyFields, again.repairs, again.restorable]).toEqual([[], [], [], [], []]);
    await mergeBackup(laptop, fromTablet);
    expect(laptop.read()).toEqual(once);
    expect(Y.encodeStateVector(laptop.doc)).toEqual(vector); // not even a write
  });

  it('lists what was deleted here and is still in the backup, and brings it back only when picked', async () => {
    const { laptop, fromTablet } = await laptopAndCopy(async () => undefined);
    await laptop.run('item/delete', 'i1');
    const quoteId = laptop.documents.all().find((d) => d.status === 'draft')!.id;
    await laptop.run('draft/delete', quoteId);

    const plan = await preview(laptop, fromTablet);
    expect(plan.restorable.map((r) => [r.collection, r.id]).sort()).toEqual([
      ['documents', quoteId],
      ['items', 'i1']
    ]);
    await mergeBackup(laptop, fromTablet);
    expect(laptop.items.get('i1')).toBeUndefined();
    expect(laptop.documents.get(quoteId)).toBeUndefined();

    await mergeBackup(laptop, fromTablet, { restore: [{ collection: 'items', id: 'i1' }] });
    expect(laptop.items.get('i1')?.name).toBe('Pose de porte');
    expect(laptop.documents.get(quoteId)).toBeUndefined();
  });

  it('merges into a workspace holding an unreadable record, and leaves that record untouched', async () => {
    const { laptop, fromTablet } = await laptopAndCopy(async (tablet) => {
      await tablet.run('client/save', client('c-tab', { name: 'Garage Lefèvre' }));
    });
    collectionMap(laptop.doc, 'payments').set('p-bad', '{not json');
    expect(await mergeBackup(laptop, fromTablet)).toEqual({ ok: true });
    expect(laptop.clients.get('c-tab')?.name).toBe('Garage Lefèvre');
    expect(collectionMap(laptop.doc, 'payments').get('p-bad')).toBe('{not json');
    expect(laptop.unreadable()).toEqual([{ collection: 'payments', id: 'p-bad', defect: { kind: 'not_json' } }]);
  });
});

describe('the merge is a command', () => {
  it('is refused on a device removed from the workspace, and writes nothing', async () => {
    const { laptop, fromTablet } = await laptopAndCopy(async (tablet) => {
      await tablet.run('client/save', client('c-tab', { name: 'Garage Lefèvre' }));
    });
    const before = laptop.read();
    laptop.readOnly = true;
    await expect(mergeBackup(laptop, fromTablet)).rejects.toMatchObject({ code: 'removed_device' });
    expect(laptop.read()).toEqual(before);
  });
});

describe('withoutDeletions', () => {
  it('keeps every struct and drops the delete set', () => {
    const doc = new Y.Doc();
    const map = doc.getMap<string>('clients');
    map.set('a', 'A');
    map.set('b', 'B');
    const base = Y.encodeStateAsUpdate(doc);
    map.delete('a');
    const update = Y.encodeStateAsUpdate(doc);
    expect(Y.decodeUpdate(update).ds.clients.size).toBe(1);
    const stripped = withoutDeletions(update);
    expect(Y.decodeUpdate(stripped).ds.clients.size).toBe(0);
    expect(Y.decodeUpdate(stripped).structs.length).toBe(Y.decodeUpdate(update).structs.length);

    const other = new Y.Doc();
    Y.applyUpdate(other, base);
    Y.applyUpdate(other, stripped);
    expect(other.getMap('clients').toJSON()).toEqual({ a: 'A', b: 'B' });
  });
});

describe('merging with archives: union against union', () => {
  /** A workspace of the archived books' fixtures, not archived yet. */
  async function books(): Promise<Workspace> {
    const ws = await Workspace.create({ id: newId(), company: company(), deviceName: 'Portable' });
    opened.push(ws);
    await importBooks(ws);
    return ws;
  }

  const ids = (list: readonly { id: string }[]) => list.map((r) => r.id).sort();
  const notMembers = (refs: readonly { collection: string }[]) => refs.filter((r) => r.collection !== 'members');

  function expectBooks(ws: Workspace): void {
    expect(ids(ws.documents.all())).toEqual(['i1', 'i2']);
    expect(ids(ws.payments.all())).toEqual(['p1']);
    expect(ids(ws.events.all())).toEqual(['e1', 'e2']);
    expect(ws.payments.get('p1')).toMatchObject({ amountCents: 100_000 });
  }

  it('a backup taken before archiving, merged into the same workspace archived since: nothing added, updated, doubled or lost', async () => {
    device();
    const ws = await books();
    const backup = await checked((await exportBackup(ws, APP)).text);
    expect(backup.archives).toEqual([]);
    expect(await archiveClosed(ws)).toMatchObject({ archived: 3 });
    const before = seen(ws);
    const archiveBefore = Y.encodeStateVector((await archiveDocs(ws)).get(2024)!);
    const liveBefore = Y.encodeStateVector(ws.doc);

    const plan = await preview(ws, backup);
    expect([plan.added, plan.updated, plan.companyFields, plan.repairs, plan.restorable]).toEqual([[], [], [], [], []]);
    expect(await mergeBackup(ws, backup)).toEqual({ ok: true });
    expect(seen(ws)).toBe(before);
    expectBooks(ws);
    // Still archived, not brought back to the live document; neither document even written.
    expect([...(collectionMap(ws.doc, 'documents').get('i1') as Y.Map<unknown>).keys()].sort()).toEqual([ARCHIVE_KEY, '@archivedAt']);
    expect(collectionMap(ws.doc, 'payments').has('p1')).toBe(false);
    expect(Y.encodeStateVector(ws.doc)).toEqual(liveBefore);
    expect(Y.encodeStateVector((await archiveDocs(ws)).get(2024)!)).toEqual(archiveBefore);
  });

  it('a backup taken after archiving, merged into a device that has not archived: the same records, and the archive arrives', async () => {
    const laptopDb = device();
    const laptop = await books();
    const { id, memberId } = laptop;
    const before = seen(laptop);
    const text = (await exportBackup(laptop, APP)).text;
    await laptop.close();
    opened.length = 0;

    // The tablet restores it, archives, and makes a backup.
    device();
    const tablet = await restoreWorkspace(await checked(text), { id, deviceName: 'Tablette' });
    expect(await archiveClosed(tablet)).toMatchObject({ archived: 3 });
    const fromTablet = await checked((await exportBackup(tablet, APP)).text);
    expect(fromTablet.archives.map((a) => a.year)).toEqual([2024]);
    await tablet.close();

    device(laptopDb);
    const again = await Workspace.open(id, memberId);
    opened.push(again);
    await again.complete;
    expect(await archiveDocs(again)).toEqual(new Map());
    const plan = await preview(again, fromTablet);
    // Only the tablet itself is new; none of the records it archived reads as added or changed.
    expect(plan.added.map((r) => [r.collection, r.label])).toEqual([['members', 'Tablette']]);
    expect([notMembers(plan.updated), plan.companyFields, notMembers(plan.repairs), plan.restorable]).toEqual([[], [], [], []]);

    expect(await mergeBackup(again, fromTablet)).toEqual({ ok: true });
    expect(seen(again)).toBe(before);
    expectBooks(again);
    const archived = (await archiveDocs(again)).get(2024)!;
    expect([...collectionMap(archived, 'documents').keys()]).toEqual(['i1']);
    expect([...collectionMap(archived, 'payments').keys()]).toEqual(['p1']);

    // After a reopening, and once this device archives too: still the same records, one copy each.
    await again.close();
    opened.length = 0;
    const reopened = await Workspace.open(id, memberId);
    opened.push(reopened);
    await reopened.complete;
    expect(seen(reopened)).toBe(before);
    await archiveClosed(reopened);
    expect(seen(reopened)).toBe(before);
    expect(collectionMap(reopened.doc, 'payments').has('p1')).toBe(false);
    expect([...(collectionMap(reopened.doc, 'documents').get('i1') as Y.Map<unknown>).keys()].sort()).toEqual([ARCHIVE_KEY, '@archivedAt']);
  });

  it('merges an archive without its deletions: what the copy deleted from it is kept, what it added there arrives', async () => {
    const laptopDb = device();
    const laptop = await books();
    await archiveClosed(laptop);
    const { id, memberId } = laptop;
    const text = (await exportBackup(laptop, APP)).text;
    await laptop.close();
    opened.length = 0;

    device();
    const tablet = await restoreWorkspace(await checked(text), { id, deviceName: 'Tablette' });
    const archived = (await archiveDocs(tablet)).get(2024)!;
    // A buggy copy drops the archived payment; an event of 2024 reaches its archive.
    archived.transact(() => {
      collectionMap(archived, 'payments').delete('p1');
      collectionMap(archived, 'events').set('e3', JSON.stringify({ ...BOOKS.events[0], id: 'e3', kind: 'note', text: 'Appel du 4 mars' }));
    });
    const fromTablet = await checked((await exportBackup(tablet, APP)).text);
    await tablet.close();

    device(laptopDb);
    const again = await Workspace.open(id, memberId);
    opened.push(again);
    await again.complete;
    const plan = await preview(again, fromTablet);
    expect(plan.added.map((r) => [r.collection, r.label]).sort()).toEqual([['events', 'Appel du 4 mars'], ['members', 'Tablette']]);
    expect(notMembers(plan.repairs)).toEqual([]);
    await mergeBackup(again, fromTablet);
    expect(ids(again.payments.all())).toEqual(['p1']);
    expect(ids(again.events.all())).toEqual(['e1', 'e2', 'e3']);
    const local = (await archiveDocs(again)).get(2024)!;
    expect([...collectionMap(local, 'payments').keys()]).toEqual(['p1']);
    expect([...collectionMap(local, 'events').keys()].sort()).toEqual(['e1', 'e3']);
  });
});
