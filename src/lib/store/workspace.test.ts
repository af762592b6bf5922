// A Workspace persisted in a real IndexedDB implementation (fake-indexeddb): close and reopen,
// the snapshot path, damaged or stale snapshots, migrations on open.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as idb from 'lib0/indexeddb';
import { IndexeddbPersistence } from 'y-indexeddb';
import { verifyDocuments } from '$lib/domain/integrity';
import type { CatalogItem } from '$lib/domain/types';
import { Workspace, workspaceDbName } from './workspace.svelte';
import { SNAPSHOT_KEY, encodeSnapshot, openWorkspaceDb, readSnapshot } from './snapshot';
import { FIRST_SCREEN_KEY, type FirstScreen } from './firstScreen';
import { COLLECTIONS, SCHEMA_VERSION } from './schema';
import { newId } from './ids';
import { client, company, line, v1Doc } from './fixtures';

function item(id: string): CatalogItem {
  return { id, name: `Article ${id}`, description: '', unit: 'h', unitPriceCents: 4500, vatRateBp: 2000, archived: false };
}

/** Writes whatever is given where the snapshot lives, as a crash or a bad disk might leave it. */
async function putSnapshot(workspaceId: string, value: unknown): Promise<void> {
  const db = await openWorkspaceDb(workspaceDbName(workspaceId));
  try {
    const [custom] = idb.transact(db, ['custom']);
    await idb.put(custom, value as string, SNAPSHOT_KEY);
  } finally {
    db.close();
  }
}

/** A workspace with a client, an issued invoice, a draft and a payment; closed. */
async function filledWorkspace() {
  const id = newId();
  const ws = await Workspace.create({ id, company: company(), deviceName: 'Portable' });
  await ws.run('client/save', client('c1'));
  await ws.run('client/save', client('c2', { categories: ['public'] }));
  const invoiceDraft = await ws.run('document/create', 'invoice', 'c1');
  await ws.run('draft/save', invoiceDraft, { lines: [line('l1', { quantity: 1.5 }), line('l2', { vatRateBp: 550 })] });
  const invoice = await ws.run('document/issue', invoiceDraft, '2026-03-10');
  const invoiceId = invoice.id;
  const draftId = await ws.run('document/create', 'quote', 'c2');
  await ws.run('draft/save', draftId, { lines: [line('q1')], notes: 'Devis' });
  await ws.run('payment/record', 
    { clientId: 'c1', amountCents: 5000, date: '2026-03-20', method: 'card', reference: '', allocations: [{ invoiceId, amountCents: 5000 }] },
    new Map([[invoiceId, invoice.frozen!.totals.ttcCents]])
  );
  const data = ws.read();
  const memberId = ws.memberId;
  await ws.close();
  return { id, memberId, data, invoiceId, draftId };
}

describe('Workspace', () => {
  it('creates a workspace with its company and this device as member A', async () => {
    const ws = await Workspace.create({ company: company(), deviceName: 'Portable' });
    expect(ws.status).toBe('ready');
    expect(ws.company!.name).toBe('Menuiserie Martin');
    expect(ws.me).toMatchObject({ id: ws.memberId, name: 'Portable', seriesLetter: 'A', removed: false });
    expect(ws.read().schemaVersion).toBe(SCHEMA_VERSION);
    await ws.close();
  });

  it('reopens with the same records, from the snapshot first, then the Y.Doc', async () => {
    const { id, memberId, data, invoiceId, draftId } = await filledWorkspace();
    const ws = await Workspace.open(id, memberId);
    // Shown at once from the snapshot, before Yjs has loaded anything.
    expect(ws.status).toBe('snapshot');
    expect(ws.company).toEqual(data.company);
    expect(ws.documents.get(invoiceId)!.number).toBe('F-2026-A-0001');
    await ws.ready;
    expect(ws.status).toBe('ready');

    expect(ws.read()).toEqual(data);
    expect(ws.me!.seriesLetter).toBe('A');
    expect(ws.clients.all().map((c) => c.id)).toEqual(['c1', 'c2']);
    for (const name of COLLECTIONS) expect(ws[name].all(), name).toEqual(data[name]);
    expect(ws.documents.get(draftId)).toMatchObject({ status: 'draft', notes: 'Devis', lines: [line('q1')] });
    expect(await verifyDocuments(ws.documents.all())).toEqual([]);

    // It goes on where it stopped.
    const next = await ws.run('document/create', 'invoice', 'c2');
    await ws.run('draft/save', next, { lines: [line('l1')] });
    expect((await ws.run('document/issue', next, '2026-03-11')).number).toBe('F-2026-A-0002');
    await ws.close();
  });

  it('reopens from its first screen at once, then the snapshot, then the Y.Doc; a garbled one is skipped', async () => {
    const id = newId();
    const ws = await Workspace.create({ id, company: company(), deviceName: 'Portable' });
    await ws.run('client/save', client('c1'));
    const screen: FirstScreen = { format: 1, workspaceId: id, asOf: '2026-03-10', companyName: 'Atelier Dupont', documents: { count: 7, rows: [] }, open: [], chase: null };
    ws.firstScreenOf = () => screen;
    await ws.close(); // writes the snapshot and the first screen

    const again = await Workspace.open(id, ws.memberId);
    // Returned at once with only the first screen: nothing else is read yet.
    expect(again.status).toBe('loading');
    expect(again.firstScreen).toEqual(screen);
    expect(again.clients.size).toBe(0);
    await again.shown;
    expect(again.firstScreen).toBeNull();
    expect(again.clients.all().map((c) => c.id)).toEqual(['c1']);
    await again.ready;
    expect(again.status).toBe('ready');
    await again.close(); // no first screen given this time: the old one is removed, not left stale

    const db = await openWorkspaceDb(workspaceDbName(id));
    try {
      const [custom] = idb.transact(db, ['custom'], 'readonly');
      expect(await idb.get(custom, FIRST_SCREEN_KEY)).toBeUndefined();
      const [write] = idb.transact(db, ['custom']);
      await idb.put(write, '{"format":1,', FIRST_SCREEN_KEY);
    } finally {
      db.close();
    }
    const third = await Workspace.open(id, ws.memberId);
    expect(third.status).toBe('snapshot'); // the garbled first screen only cost its speed
    expect(third.clients.all().map((c) => c.id)).toEqual(['c1']);
    expect(third.openedFirstScreenOn).toBeNull();
    // Opened without one: saved alone once loaded (the snapshot on disk is current).
    third.firstScreenOf = () => ({ ...screen, asOf: '2026-03-11' });
    await third.ready;
    await third.saveFirstScreen();
    const fourth = await Workspace.open(id, ws.memberId);
    expect(fourth.status).toBe('loading');
    expect(fourth.openedFirstScreenOn).toBe('2026-03-11');
    await third.close();
    await fourth.close();
  });

  it('does not decode the records again when the snapshot is current', async () => {
    const { id, memberId } = await filledWorkspace();
    const ws = await Workspace.open(id, memberId);
    const shown = COLLECTIONS.map((name) => ws[name].all());
    await ws.ready;
    // Same arrays: the collections were only set to follow the Y.Doc, not reloaded from it.
    COLLECTIONS.forEach((name, i) => expect(ws[name].all(), name).toBe(shown[i]));
    // And they do follow it.
    await ws.run('client/save', client('c9'));
    expect(ws.clients.get('c9')).toBeDefined();
    await ws.close();
  });

  it('keeps the materialised snapshot beside the updates', async () => {
    const { id, data } = await filledWorkspace();
    const snapshot = await readSnapshot(workspaceDbName(id));
    expect(snapshot).not.toBeNull();
    const { stateVector, ...records } = snapshot!;
    expect(typeof stateVector).toBe('string');
    expect(records).toEqual(data);
  });

  it.each([
    ['text that is not JSON', '{"company": {"name": "Menuis'],
    ['JSON of another shape', '{"garbage": true}'],
    ['a JSON array', '[1, 2, 3]'],
    ['a snapshot from an older schema', JSON.stringify({ schemaVersion: 1, company: null, clients: [{ id: 'c1', email: 'x' }] })],
    ['not a string at all', 42]
  ])('opens from the Yjs updates when the snapshot is damaged: %s', async (_case, garbage) => {
    const { id, memberId, data } = await filledWorkspace();
    await putSnapshot(id, garbage);
    const ws = await Workspace.open(id, memberId);
    await ws.ready;
    expect(ws.status).toBe('ready');
    expect(ws.read()).toEqual(data);
    for (const name of COLLECTIONS) expect(ws[name].all(), name).toEqual(data[name]);
    expect(ws.company).toEqual(data.company);
    await ws.close();
    // Closing wrote a good snapshot again.
    const { stateVector, ...records } = (await readSnapshot(workspaceDbName(id)))!;
    expect(typeof stateVector).toBe('string');
    expect(records).toEqual(data);
  });

  it('does not trust a snapshot written before a deletion', async () => {
    const id = newId();
    const ws = await Workspace.create({ id, company: company(), deviceName: 'Portable' });
    await ws.run('item/save', item('i1'));
    await ws.run('item/save', item('i2'));
    await ws.flushSnapshot();
    const stale = await readSnapshot(workspaceDbName(id));
    await ws.run('item/delete', 'i1');
    const memberId = ws.memberId;
    await ws.close();
    // As if the tab had been killed after the deletion was stored but before the snapshot was.
    await putSnapshot(id, encodeSnapshot(stale!));

    const again = await Workspace.open(id, memberId);
    expect(again.items.all().map((i) => i.id)).toEqual(['i1', 'i2']); // the stale snapshot, for a moment
    await again.ready;
    expect(again.items.all().map((i) => i.id)).toEqual(['i2']);
    expect(again.read().items.map((i) => i.id)).toEqual(['i2']);
    await again.close();
  });

  it('rewrites a snapshot that was not current soon after opening', async () => {
    const id = newId();
    const ws = await Workspace.create({ id, company: company(), deviceName: 'Portable' });
    await ws.flushSnapshot();
    const stale = await readSnapshot(workspaceDbName(id));
    await ws.run('item/save', item('i1'));
    const memberId = ws.memberId;
    await ws.close();
    // As if the tab had been closed before its snapshot was written.
    await putSnapshot(id, JSON.stringify(stale));

    const again = await Workspace.open(id, memberId);
    await again.ready;
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect((await readSnapshot(workspaceDbName(id)))!.items.map((i) => i.id)).toEqual(['i1']);
    await again.close();
  });

  it('lets writes made while showing the snapshot wait for the Y.Doc', async () => {
    const { id, memberId, data } = await filledWorkspace();
    const ws = await Workspace.open(id, memberId);
    expect(ws.status).toBe('snapshot');
    await ws.run('client/save', client('c3'));
    expect(ws.status).toBe('ready');
    expect(ws.clients.all().map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect(ws.read().documents).toEqual(data.documents);
    await ws.close();

    const again = await Workspace.open(id, memberId);
    await again.ready;
    expect(again.clients.get('c3')!.name).toBe('Client c3');
    await again.close();
  });

  it('migrates an older document when it is opened', async () => {
    const id = newId();
    // Version 1 of the app stored this on the device.
    const old = v1Doc();
    const persistence = new IndexeddbPersistence(workspaceDbName(id), old);
    await persistence.whenSynced;
    await persistence.destroy();

    const ws = await Workspace.open(id, 'm-old');
    await ws.ready;
    expect(ws.read().schemaVersion).toBe(SCHEMA_VERSION);
    expect(ws.clients.get('c1')!.contacts).toEqual([
      { id: 'c1-c1', name: 'Jeanne Roux', email: 'compta@atelier.fr', phone: '0102030405', role: '', billing: true }
    ]);
    await ws.close();

    // The migration was stored: the next open has nothing to do and reads the same.
    const stored = new Y.Doc();
    const check = new IndexeddbPersistence(workspaceDbName(id), stored);
    await check.whenSynced;
    expect(stored.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
    expect((stored.getMap('clients').get('c1') as Y.Map<unknown>).has('email')).toBe(false);
    await check.destroy();
  });

  it('closed while still showing the snapshot, it never attaches afterwards', async () => {
    const { id, memberId } = await filledWorkspace();
    const ws = await Workspace.open(id, memberId);
    expect(ws.status).toBe('snapshot');
    await ws.close();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ws.status).not.toBe('ready');
  });

  it('destroyLocalData removes the workspace from the device', async () => {
    const { id, memberId } = await filledWorkspace();
    const ws = await Workspace.open(id, memberId);
    await ws.ready;
    await ws.destroyLocalData();
    expect(await readSnapshot(workspaceDbName(id))).toBeNull();
    const again = await Workspace.open(id, memberId);
    await again.ready;
    expect(again.company).toBeNull();
    expect(again.documents.size).toBe(0);
    await again.close();
  });

  it('renaming the device from a copy of its record taken before an issue keeps the high-water mark', async () => {
    const ws = await Workspace.create({ company: company(), deviceName: 'Portable' });
    await ws.run('client/save', client('c1'));
    const issue = async () => {
      const draft = await ws.run('document/create', 'invoice', 'c1');
      await ws.run('draft/save', draft, { lines: [line('l1')] });
      return ws.run('document/issue', draft, '2026-03-10');
    };
    await issue();
    const before = { ...ws.me! }; // what the settings form holds: mark at 1
    expect(before.highestIssuedSeq).toEqual({ 'F-2026-A': 1 });
    await issue();

    await ws.run('member/save', { ...before, name: 'Portable de Claire' });
    expect(ws.me).toMatchObject({ name: 'Portable de Claire', highestIssuedSeq: { 'F-2026-A': 2 } });
    await ws.close();
  });

  it('the device that creates a workspace has its letter confirmed from the start', async () => {
    const ws = await Workspace.create({ company: company(), deviceName: 'Portable' });
    expect(ws.me!.seriesConfirmedAt).toEqual(expect.any(String));
    await ws.close();
  });

  it('a device joining starts empty, holding only its claim on a letter; the relay’s copy then makes it a workspace', async () => {
    const id = newId();
    const ws = await Workspace.join({ id, memberId: 'm-join', deviceName: 'Tablette', seriesLetter: 'B', publicKey: 'cGs=' });
    expect(ws.initialised).toBe(false);
    expect(ws.company).toBeNull();
    expect(ws.me).toMatchObject({ id: 'm-join', name: 'Tablette', seriesLetter: 'B', seriesConfirmedAt: null, publicKey: 'cGs=', removed: false });

    // What the relay sends: another device's whole workspace.
    const other = await Workspace.create({ company: company(), deviceName: 'Portable' });
    await other.run('client/save', client('c1'));
    Y.applyUpdate(ws.doc, Y.encodeStateAsUpdate(other.doc), 'relay');
    await ws.adoptRemoteCopy();
    expect(ws.initialised).toBe(true);
    expect(ws.company!.name).toBe('Menuiserie Martin');
    expect(ws.clients.get('c1')!.name).toBe('Client c1');
    expect(ws.members.size).toBe(2);
    // Reopened: the snapshot was rewritten after the remote update, like after a local one.
    await ws.close();
    const again = await Workspace.open(id, 'm-join');
    expect(again.company!.name).toBe('Menuiserie Martin');
    await again.ready;
    expect(again.me!.seriesLetter).toBe('B');
    await again.close();
    await other.close();
  });

  it('a removed device is read-only: every write is refused, its data stays', async () => {
    const ws = await Workspace.create({ company: company(), deviceName: 'Portable' });
    await ws.run('client/save', client('c1'));
    ws.readOnly = true;
    await expect(ws.run('client/save', client('c2'))).rejects.toMatchObject({ code: 'removed_device' });
    await expect(ws.run('document/create', 'invoice', 'c1')).rejects.toMatchObject({ code: 'removed_device' });
    expect(ws.clients.all().map((c) => c.id)).toEqual(['c1']);
    await ws.close();
  });
});
