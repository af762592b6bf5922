// A Workspace persisted in a real IndexedDB implementation (fake-indexeddb): close and reopen,
// the first screen, the update log (store/persistence.ts) loaded in slices and compacted,
// databases left by earlier versions, migrations on open.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as idb from 'lib0/indexeddb';
import { IndexeddbPersistence } from 'y-indexeddb';
import { verifyDocuments } from '$lib/domain/integrity';
import type { CatalogItem } from '$lib/domain/types';
import { Workspace } from './workspace.svelte';
import { openWorkspaceDb, workspaceDbName } from './workspaceDb';
import { TRIM_SIZE } from './persistence';
import { compactLog } from './compaction';
import { FIRST_SCREEN_KEY, type FirstScreen } from './firstScreen';
import { FIRST_PAINT_PATHS, firstPaintKey, type FirstPaint, type FirstPaintPath } from './firstPaint';
import { COLLECTIONS, SCHEMA_VERSION } from './schema';
import { newId } from './ids';
import { client, company, line, v1Doc } from './fixtures';

function item(id: string): CatalogItem {
  return { id, name: `Article ${id}`, description: '', unit: 'h', unitPriceCents: 4500, vatRateBp: 2000, archived: false };
}

/** The update log and the 'custom' store as they are on disk. */
async function stored(workspaceId: string): Promise<{ updates: Uint8Array[]; custom: Map<string, unknown> }> {
  const db = await openWorkspaceDb(workspaceDbName(workspaceId));
  try {
    const [updates, custom] = idb.transact(db, ['updates', 'custom'], 'readonly');
    const keys = (await idb.getAllKeys(custom)) as string[];
    const values = await idb.getAll(custom);
    return { updates: (await idb.getAll(updates)) as Uint8Array[], custom: new Map(keys.map((k, i) => [k, values[i]])) };
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

const screenOf = (id: string, asOf = '2026-03-10'): FirstScreen => ({
  format: 1,
  workspaceId: id,
  asOf,
  companyName: 'Atelier Dupont',
  documents: { count: 7, rows: [] },
  open: [],
  chase: null
});

describe('Workspace', () => {
  afterEach(() => vi.unstubAllGlobals());
  it('creates a workspace with its company and this device as member A', async () => {
    const ws = await Workspace.create({ company: company(), deviceName: 'Portable' });
    expect(ws.status).toBe('ready');
    expect(ws.company!.name).toBe('Menuiserie Martin');
    expect(ws.me).toMatchObject({ id: ws.memberId, name: 'Portable', seriesLetter: 'A', removed: false });
    expect(ws.read().schemaVersion).toBe(SCHEMA_VERSION);
    await ws.close();
  });

  it('reopens with the same records; without a first screen, once the Y.Doc is loaded', async () => {
    const { id, memberId, data, invoiceId, draftId } = await filledWorkspace();
    const ws = await Workspace.open(id, memberId);
    expect(ws.status).toBe('ready');
    expect(ws.company).toEqual(data.company);
    expect(ws.documents.get(invoiceId)!.number).toBe('F-2026-A-0001');
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

  it('reopens from its first screen at once, then the Y.Doc; a garbled one is skipped, a stale one removed', async () => {
    const id = newId();
    const ws = await Workspace.create({ id, company: company(), deviceName: 'Portable' });
    await ws.run('client/save', client('c1'));
    const screen = screenOf(id);
    ws.firstScreenOf = () => screen;
    await ws.close(); // saves the first screen

    const again = await Workspace.open(id, ws.memberId);
    // Returned at once with only the first screen: nothing else is read yet.
    expect(again.status).toBe('loading');
    expect(again.firstScreen).toMatchObject(screen);
    expect(again.clients.size).toBe(0);
    await again.ready;
    expect(again.status).toBe('ready');
    expect(again.firstScreen).toBeNull();
    expect(again.clients.all().map((c) => c.id)).toEqual(['c1']);
    await again.close(); // no first screen given this time: the old one is removed, not left stale
    expect((await stored(id)).custom.has(FIRST_SCREEN_KEY)).toBe(false);

    const db = await openWorkspaceDb(workspaceDbName(id));
    try {
      const [write] = idb.transact(db, ['custom']);
      await idb.put(write, '{"format":1,', FIRST_SCREEN_KEY);
    } finally {
      db.close();
    }
    const third = await Workspace.open(id, ws.memberId);
    expect(third.status).toBe('ready'); // the garbled first screen only cost its speed
    expect(third.clients.all().map((c) => c.id)).toEqual(['c1']);
    expect(third.openedFirstScreenOn).toBeNull();
    third.firstScreenOf = () => screenOf(id, '2026-03-11');
    await third.saveFirstScreen();
    const fourth = await Workspace.open(id, ws.memberId);
    expect(fourth.status).toBe('loading');
    expect(fourth.openedFirstScreenOn).toBe('2026-03-11');
    await third.close();
    await fourth.close();
  });

  it('keeps a first paint only with the first screen it was drawn from', async () => {
    const id = newId();
    const ws = await Workspace.create({ id, company: company(), deviceName: 'Portable' });
    const paintOf = (path: FirstPaintPath, html: string) => (screen: string): FirstPaint => ({
      format: 2, workspaceId: id, path, day: '2026-03-10', locale: 'fr', entry: '/_app/immutable/entry/start.x.js', styles: [], html, screen
    });
    // localStorage, as in a browser (store/firstPaint.ts keeps paints there).
    const kept = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => kept.get(k) ?? null,
      setItem: (k: string, v: string) => void kept.set(k, String(v)),
      removeItem: (k: string) => void kept.delete(k)
    });
    const paints = async () => FIRST_PAINT_PATHS.map((path) => (JSON.parse(kept.get(firstPaintKey(path)) ?? 'null') as FirstPaint | null)?.html ?? null);
    ws.firstScreenOf = () => screenOf(id);
    ws.firstPaintOf = paintOf('/documents', '<p>7 documents</p>');
    await ws.saveFirstScreen();
    expect(await paints()).toEqual([null, '<p>7 documents</p>']);
    // « Aujourd'hui » drawn from the same first screen: both kept.
    ws.firstPaintOf = paintOf('/', '<p>Aujourd’hui</p>');
    await ws.saveFirstScreen();
    expect(await paints()).toEqual(['<p>Aujourd’hui</p>', '<p>7 documents</p>']);
    // Saved again, nothing to draw (another page shows), the same screen: both kept.
    ws.firstPaintOf = () => null;
    await ws.saveFirstScreen();
    expect(await paints()).toEqual(['<p>Aujourd’hui</p>', '<p>7 documents</p>']);
    // A paint whose screen is not the one saved is never stored (the one that is stays).
    ws.firstPaintOf = (screen) => paintOf('/', '<p>autre</p>')(screen + 'x');
    await ws.saveFirstScreen();
    expect(await paints()).toEqual(['<p>Aujourd’hui</p>', '<p>7 documents</p>']);
    // The first screen changes (one more document): every paint of the old one goes.
    ws.firstScreenOf = () => ({ ...screenOf(id), documents: { count: 8, rows: [] } });
    ws.firstPaintOf = () => null;
    await ws.saveFirstScreen();
    expect(await paints()).toEqual([null, null]);
    ws.firstPaintOf = paintOf('/documents', '<p>8 documents</p>');
    await ws.saveFirstScreen();
    expect(await paints()).toEqual([null, '<p>8 documents</p>']);
    // Only the log position moved (screens equal but for logKey): kept.
    await ws.run('item/save', item('i1'));
    ws.firstPaintOf = () => null;
    await ws.saveFirstScreen();
    expect(await paints()).toEqual([null, '<p>8 documents</p>']);
    // No first screen: no paint either.
    ws.firstScreenOf = () => null;
    await ws.saveFirstScreen();
    expect(await paints()).toEqual([null, null]);
    // Another workspace's paint stays; garbled text goes; deleting the workspace takes its own.
    ws.firstScreenOf = () => screenOf(id);
    ws.firstPaintOf = paintOf('/documents', '<p>7 documents</p>');
    await ws.saveFirstScreen();
    kept.set(firstPaintKey('/'), JSON.stringify({ ...paintOf('/', '<p>autre entreprise</p>')('k'), workspaceId: 'autre' }));
    ws.firstPaintOf = () => null;
    await ws.saveFirstScreen();
    expect(await paints()).toEqual(['<p>autre entreprise</p>', '<p>7 documents</p>']);
    kept.set(firstPaintKey('/'), '{"format":2,');
    await ws.destroyLocalData();
    expect(await paints()).toEqual([null, null]);
  });

  it('never saves a first screen once its data is deleted (the database stays gone)', async () => {
    const id = newId();
    const ws = await Workspace.create({ id, company: company(), deviceName: 'Portable' });
    ws.firstScreenOf = () => screenOf(id);
    await ws.destroyLocalData();
    ws.scheduleFirstScreen(); // as after the archives are in, or a visit to « Aujourd'hui »
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(workspaceDbName(id));
  });

  it('saves the first screen again soon after a change', async () => {
    const id = newId();
    const ws = await Workspace.create({ id, company: company(), deviceName: 'Portable' });
    let count = 0;
    ws.firstScreenOf = () => ({ ...screenOf(id), documents: { count: ++count, rows: [] } });
    await ws.run('item/save', item('i1'));
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect(JSON.parse((await stored(id)).custom.get(FIRST_SCREEN_KEY) as string).documents.count).toBe(1);
    await ws.close();
  });

  it('saves a first screen again soon after opening when changes were made after it was saved', async () => {
    const id = newId();
    const ws = await Workspace.create({ id, company: company(), deviceName: 'Portable' });
    ws.firstScreenOf = () => screenOf(id);
    await ws.saveFirstScreen();
    const saved = (await stored(id)).custom.get(FIRST_SCREEN_KEY) as string;
    await ws.run('item/save', item('i1'));
    const memberId = ws.memberId;
    await ws.close();
    // As if the tab had gone away before saving it again after this change.
    const db = await openWorkspaceDb(workspaceDbName(id));
    try {
      const [custom] = idb.transact(db, ['custom']);
      await idb.put(custom, saved, FIRST_SCREEN_KEY);
    } finally {
      db.close();
    }

    const again = await Workspace.open(id, memberId);
    expect(again.status).toBe('loading');
    again.firstScreenOf = () => ({ ...screenOf(id), documents: { count: 8, rows: [] } });
    await again.ready;
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect(JSON.parse((await stored(id)).custom.get(FIRST_SCREEN_KEY) as string).documents.count).toBe(8);
    await again.close();
  });

  it('applies the log one slice per task and stores each later change as it comes', async () => {
    const id = newId();
    const ws = await Workspace.create({ id, company: company(), deviceName: 'Portable' });
    // Three changes of about 300 kB each: more than a slice (SLICE_BYTES, 64 kB) each.
    for (const n of [1, 2, 3]) await ws.run('client/save', client(`c${n}`, { notes: String(n).repeat(300_000) }));
    const memberId = ws.memberId;
    await ws.close();
    expect((await stored(id)).updates.length).toBeGreaterThanOrEqual(4);

    let tasks = 0;
    const counting = setInterval(() => tasks++, 0);
    const ws2 = await Workspace.open(id, memberId);
    clearInterval(counting);
    expect(ws2.clients.all().map((c) => c.notes.length)).toEqual([300_000, 300_000, 300_000]);
    expect(tasks).toBeGreaterThan(1); // other tasks ran while it loaded

    await ws2.run('item/save', item('i1'));
    await ws2.close();
    const third = await Workspace.open(id, memberId);
    expect(third.items.get('i1')).toBeDefined();
    await third.close();
  });

  it('lets writes made while only the first screen shows wait for the Y.Doc', async () => {
    const { id, memberId, data } = await filledWorkspace();
    const first = await Workspace.open(id, memberId);
    first.firstScreenOf = () => screenOf(id);
    await first.close();
    const ws = await Workspace.open(id, memberId);
    expect(ws.status).toBe('loading');
    await ws.run('client/save', client('c3'));
    expect(ws.status).toBe('ready');
    expect(ws.clients.all().map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect(ws.read().documents).toEqual(data.documents);
    await ws.close();

    const again = await Workspace.open(id, memberId);
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

  it('opens a database left by y-indexeddb and an earlier version, then compacts it into pieces', async () => {
    const { id, memberId, data } = await filledWorkspace();
    // What earlier versions left: y-indexeddb's log compacted into one update of the whole state,
    // and a materialised copy beside it.
    const legacy = new Y.Doc();
    for (const update of (await stored(id)).updates) Y.applyUpdate(legacy, update);
    const db = await openWorkspaceDb(workspaceDbName(id));
    try {
      const [updates, custom] = idb.transact(db, ['updates', 'custom']);
      await idb.del(updates, idb.createIDBKeyRangeLowerBound(0, false));
      await idb.addAutoKey(updates, Y.encodeStateAsUpdate(legacy) as unknown as ArrayBuffer);
      await idb.put(custom, '{"schemaVersion":9}', 'snapshot');
    } finally {
      db.close();
    }
    const ws = await Workspace.open(id, memberId);
    expect(ws.read()).toEqual(data);
    await ws.close();

    const result = await compactLog(workspaceDbName(id));
    expect(result.updatesBefore).toBe(1);
    const after = await stored(id);
    expect(after.custom.has('snapshot')).toBe(false);
    expect(after.updates.length).toBe(result.pieces);
    const again = await Workspace.open(id, memberId);
    expect(again.read()).toEqual(data);
    await again.close();
  });

  it('compacts a long log without losing what is written meanwhile', async () => {
    const id = newId();
    const ws = await Workspace.create({ id, company: company(), deviceName: 'Portable' });
    for (let i = 0; i < TRIM_SIZE; i++) await ws.run('item/save', item(`i${i}`));
    const memberId = ws.memberId;
    // A change queued while the compaction runs (another tab, or this one) waits for it.
    const compacting = compactLog(workspaceDbName(id));
    await ws.run('item/delete', 'i0');
    await ws.run('item/save', item('late'));
    const result = await compacting;
    expect(result.updatesBefore).toBeGreaterThanOrEqual(TRIM_SIZE);
    expect(result.pieces).toBeLessThan(5);
    await ws.close();

    const again = await Workspace.open(id, memberId);
    expect(again.items.size).toBe(TRIM_SIZE); // i1…i499 and 'late'
    expect(again.items.get('i0')).toBeUndefined();
    expect(again.items.get('late')).toBeDefined();
    await again.close();
  });

  it('a compacted log is not compacted again at every opening, even with a piece too large to slice', async () => {
    const id = newId();
    const ws = await Workspace.create({ id, company: company(), deviceName: 'Portable' });
    // One value of 500 kB: a single structure, larger than any slice, alone in its piece.
    await ws.run('client/save', client('c1', { notes: 'x'.repeat(500_000) }));
    const memberId = ws.memberId;
    await ws.close();
    await compactLog(workspaceDbName(id));
    const keys = async () => {
      const db = await openWorkspaceDb(workspaceDbName(id));
      try {
        return await idb.getAllKeys(idb.transact(db, ['updates'], 'readonly')[0]);
      } finally {
        db.close();
      }
    };
    const compacted = await keys();
    const again = await Workspace.open(id, memberId);
    // Longer than the compaction's delay (1 s): had it been asked for, it would have rewritten the log.
    await new Promise((resolve) => setTimeout(resolve, 1300));
    await again.close();
    expect(await keys()).toEqual(compacted);
    expect((await stored(id)).custom.get('compactedThrough')).toBe(compacted[compacted.length - 1]);
  });

  it('closed while only the first screen shows, it never attaches afterwards', async () => {
    const { id, memberId } = await filledWorkspace();
    const first = await Workspace.open(id, memberId);
    first.firstScreenOf = () => screenOf(id);
    await first.close();
    const ws = await Workspace.open(id, memberId);
    expect(ws.status).toBe('loading');
    await ws.close();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ws.status).not.toBe('ready');
  });

  it('destroyLocalData removes the workspace from the device', async () => {
    const { id, memberId } = await filledWorkspace();
    const ws = await Workspace.open(id, memberId);
    await ws.ready;
    await ws.destroyLocalData();
    expect((await stored(id)).updates).toEqual([]);
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
    // Reopened: the remote update was stored, like a local one.
    await ws.close();
    const again = await Workspace.open(id, 'm-join');
    expect(again.company!.name).toBe('Menuiserie Martin');
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
