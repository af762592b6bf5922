// Backup and restore through the real store and a real IndexedDB implementation (fake-indexeddb):
// each "device" gets its own IndexedDB, as two browsers would.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BACKUP_FORMAT, encodeBase64, sealBackup, serializeBackup, type BackupContent } from '$lib/domain/backupFormat';
import { verifyDocuments } from '$lib/domain/integrity';
import { checkBackup, exportBackup, isBackupOf, mergeBackup, restoreWorkspace, type CheckedBackup } from './backup';
import { ARCHIVE_KEY, collectionMap, readWorkspace, workspaceIdOf, type WorkspaceData } from './doc';
import { Workspace } from './workspace.svelte';
import { archiveDbName, workspaceDbName } from './workspaceDb';
import { BOOKS, archiveClosed, archiveDocs, importBooks, seen } from './archiveFixtures';
import { SCHEMA_VERSION } from './schema';
import { newId } from './ids';
import { client, company, line, v1Doc } from './fixtures';

const APP = { appVersion: '0.1.0-test', at: new Date('2026-11-23T09:30:00.000Z') };

/** Switches to another device's IndexedDB (a fresh one unless given). */
function device(factory = new IDBFactory()): IDBFactory {
  globalThis.indexedDB = factory;
  return factory;
}

const opened: Workspace[] = [];
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close().catch(() => undefined);
});

/** A workspace with two clients, an issued invoice, a draft quote and a payment. */
async function filledWorkspace(id = newId()): Promise<Workspace> {
  const ws = await Workspace.create({ id, company: company(), deviceName: 'Portable de Claire' });
  opened.push(ws);
  await ws.run('client/save', client('c1'));
  await ws.run('client/save', client('c2', { name: 'Mairie de Villeurbanne' }));
  const invoiceDraft = await ws.run('document/create', 'invoice', 'c1');
  await ws.run('draft/save', invoiceDraft, { lines: [line('l1', { quantity: 2 }), line('l2', { vatRateBp: 550 })] });
  const invoice = await ws.run('document/issue', invoiceDraft, '2026-11-20');
  const invoiceId = invoice.id;
  const quoteId = await ws.run('document/create', 'quote', 'c2');
  await ws.run('draft/save', quoteId, { lines: [line('q1')], notes: 'Devis à valider' });
  await ws.run('payment/record', 
    { clientId: 'c1', amountCents: 5000, date: '2026-11-22', method: 'transfer', reference: 'VIR 12', allocations: [{ invoiceId, amountCents: 5000 }] },
    new Map([[invoiceId, invoice.frozen!.totals.ttcCents]])
  );
  return ws;
}

async function checked(text: string): Promise<CheckedBackup> {
  const result = await checkBackup(text);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.backup;
}

async function databases(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name!).sort();
}

/** The records that matter, whatever order Yjs lists them in. */
function records(data: WorkspaceData) {
  const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
  return { company: data.company, clients: byId(data.clients), documents: byId(data.documents), payments: byId(data.payments), items: byId(data.items) };
}

describe('exportBackup', () => {
  it('writes one sealed file named after the company and the day, holding the Yjs state and the records', async () => {
    device();
    const ws = await filledWorkspace();
    const { fileName, text, createdAt } = await exportBackup(ws, APP);
    expect(fileName).toBe('Relance-Menuiserie-Martin-2026-11-23.relance');
    expect(createdAt).toBe('2026-11-23T09:30:00.000Z');
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: BACKUP_FORMAT, version: 2, archives: [], appVersion: '0.1.0-test', workspaceId: ws.id, schemaVersion: SCHEMA_VERSION });
    expect(file.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(file.data).toEqual(ws.read());
    const fromYjs = new Y.Doc();
    Y.applyUpdate(fromYjs, Uint8Array.from(atob(file.yjs), (c) => c.charCodeAt(0)));
    expect(records(readWorkspace(fromYjs))).toEqual(records(ws.read()));
  });
});

describe('restore into a new workspace', () => {
  it('gives the same records, and this device a series letter no member of the file has', async () => {
    device();
    const original = await filledWorkspace();
    const before = original.read();
    const { text } = await exportBackup(original, APP);

    device(); // a new device: nothing on it yet
    const backup = await checked(text);
    expect(backup.company.name).toBe('Menuiserie Martin');
    expect(backup.counts).toEqual({ clients: 2, documents: 2, payments: 1 });
    const restored = await restoreWorkspace(backup, { id: backup.workspaceId, deviceName: 'Tablette' });
    opened.push(restored);

    expect(restored.id).toBe(original.id);
    expect(records(restored.read())).toEqual(records(before));
    const issued = restored.documents.all().find((d) => d.status === 'issued')!;
    expect(issued.number).toBe('F-2026-A-0001');
    expect(issued.frozen!.totals).toEqual(before.documents.find((d) => d.id === issued.id)!.frozen!.totals);
    expect(await verifyDocuments(restored.documents.all())).toEqual([]);
    // Members: the original device (A) and this one, with its own letter.
    expect(restored.me).toMatchObject({ name: 'Tablette', seriesLetter: 'B' });
    expect(restored.members.all().map((m) => m.seriesLetter).sort()).toEqual(['A', 'B']);

    // It numbers in its own series, never in A's.
    const next = await restored.run('document/create', 'invoice', 'c2');
    await restored.run('draft/save', next, { lines: [line('n1')] });
    expect((await restored.run('document/issue', next, '2026-11-23')).number).toBe('F-2026-B-0001');
  });

  it('takes the first letter free among every member of the file, removed ones included', async () => {
    device();
    const ws = await filledWorkspace();
    await ws.run('member/save', { id: 'm-b', name: 'Ancien poste', seriesLetter: 'B', createdAt: APP.at.toISOString(), lastSeenAt: APP.at.toISOString(), removed: true });
    const { text } = await exportBackup(ws, APP);
    device();
    const restored = await restoreWorkspace(await checked(text), { id: ws.id, deviceName: 'Nouveau' });
    opened.push(restored);
    expect(restored.me!.seriesLetter).toBe('C');
  });

  it('is stored on the device: it opens again with the same records', async () => {
    device();
    const original = await filledWorkspace();
    const { text } = await exportBackup(original, APP);
    device();
    const restored = await restoreWorkspace(await checked(text), { id: original.id, deviceName: 'Tablette' });
    const data = restored.read();
    const memberId = restored.memberId;
    await restored.close();
    const again = await Workspace.open(original.id, memberId);
    opened.push(again);
    await again.ready;
    expect(again.read()).toEqual(data);
    expect(again.me!.seriesLetter).toBe('B');
  });

  it('under another id, is a copy of its own that says so', async () => {
    device();
    const original = await filledWorkspace();
    const { text } = await exportBackup(original, APP);
    const copyId = newId();
    const copy = await restoreWorkspace(await checked(text), { id: copyId, deviceName: 'Copie' });
    opened.push(copy);
    expect(records(copy.read())).toEqual(records(original.read()));
    const { text: copyText } = await exportBackup(copy, APP);
    expect((await checked(copyText)).workspaceId).toBe(copyId);
    expect(isBackupOf(await checked(text), copy)).toBe(false);
  });

  it('brings a backup of an older schema up to date', async () => {
    device();
    const old = v1Doc();
    const data = readWorkspace(old);
    const content: BackupContent = {
      format: BACKUP_FORMAT,
      version: 1,
      createdAt: APP.at.toISOString(),
      appVersion: '0.0.1',
      workspaceId: 'ws-v1',
      schemaVersion: 1,
      yjs: encodeBase64(Y.encodeStateAsUpdate(old)),
      data
    };
    const restored = await restoreWorkspace(await checked(serializeBackup(await sealBackup(content))), { id: 'ws-v1', deviceName: 'Portable' });
    opened.push(restored);
    expect(restored.read().schemaVersion).toBe(SCHEMA_VERSION);
    expect(restored.clients.get('c1')!.contacts[0]).toMatchObject({ name: 'Jeanne Roux', email: 'compta@atelier.fr' });
    expect(restored.me!.seriesLetter).toBe('A'); // the old file had no members at all
  });

  it('brings a backup of schema v3 (before field-by-field merging) to the current schema, same records', async () => {
    device();
    const ws = await filledWorkspace();
    const v3 = new Y.Doc();
    Y.applyUpdate(v3, Y.encodeStateAsUpdate(ws.doc));
    v3.getMap('meta').set('schemaVersion', 3);
    const data = readWorkspace(v3);
    const content: BackupContent = {
      format: BACKUP_FORMAT,
      version: 1,
      createdAt: APP.at.toISOString(),
      appVersion: '0.1.0',
      workspaceId: ws.id,
      schemaVersion: 3,
      yjs: encodeBase64(Y.encodeStateAsUpdate(v3)),
      data
    };
    device();
    const restored = await restoreWorkspace(await checked(serializeBackup(await sealBackup(content))), { id: ws.id, deviceName: 'Tablette' });
    opened.push(restored);
    expect(restored.read().schemaVersion).toBe(SCHEMA_VERSION);
    expect(records(restored.read())).toEqual(records(data));
  });
});

describe('merge into the current workspace', () => {
  it('adds what another device of the same workspace did, and keeps what this one did meanwhile', async () => {
    const laptop = device();
    const ws = await filledWorkspace();
    const id = ws.id;
    const memberId = ws.memberId;
    const { text: fromLaptop } = await exportBackup(ws, APP);
    await ws.close();
    opened.length = 0;

    // A second device restores the laptop's backup and works on its own.
    device();
    const tablet = await restoreWorkspace(await checked(fromLaptop), { id, deviceName: 'Tablette' });
    opened.push(tablet);
    await tablet.run('client/save', client('c-tab', { name: 'Garage Lefèvre' }));
    const inv = await tablet.run('document/create', 'invoice', 'c-tab');
    await tablet.run('draft/save', inv, { lines: [line('t1')] });
    await tablet.run('document/issue', inv, '2026-11-23');
    const { text: fromTablet } = await exportBackup(tablet, APP);

    // Back on the laptop, which added a client of its own meanwhile.
    device(laptop);
    const again = await Workspace.open(id, memberId);
    opened.push(again);
    await again.ready;
    await again.run('client/save', client('c-lap', { name: 'Fromagerie Roux' }));
    const result = await mergeBackup(again, await checked(fromTablet));
    expect(result).toEqual({ ok: true });
    expect(again.clients.all().map((c) => c.name).sort()).toEqual(['Client c1', 'Fromagerie Roux', 'Garage Lefèvre', 'Mairie de Villeurbanne']);
    expect(
      again.documents
        .all()
        .filter((d) => d.status === 'issued')
        .map((d) => d.number)
        .sort()
    ).toEqual(['F-2026-A-0001', 'F-2026-B-0001']);
    expect(again.members.all().map((m) => m.seriesLetter).sort()).toEqual(['A', 'B']);
    expect(again.me!.seriesLetter).toBe('A');
    expect(await verifyDocuments(again.documents.all())).toEqual([]);
  });

  it('merges contact by contact and line by line: the laptop’s e-mail and the tablet’s phone are both kept', async () => {
    const laptop = device();
    const ws = await filledWorkspace();
    const { id, memberId } = ws;
    const quoteId = ws.documents.all().find((d) => d.status === 'draft')!.id;
    const { text: before } = await exportBackup(ws, APP);
    await ws.close();
    opened.length = 0;

    device();
    const tablet = await restoreWorkspace(await checked(before), { id, deviceName: 'Tablette' });
    opened.push(tablet);
    const onTablet = tablet.clients.get('c1')!;
    await tablet.run('client/save', { ...onTablet, contacts: [{ ...onTablet.contacts[0], phone: '0499999999' }] }, onTablet);
    await tablet.run('draft/save', quoteId, { lines: [line('q1', { quantity: 3 })] }, tablet.documents.get(quoteId));
    const { text: fromTablet } = await exportBackup(tablet, APP);

    device(laptop);
    const again = await Workspace.open(id, memberId);
    opened.push(again);
    await again.ready;
    const onLaptop = again.clients.get('c1')!;
    await again.run('client/save', { ...onLaptop, contacts: [{ ...onLaptop.contacts[0], email: 'compta@atelier.fr' }] }, onLaptop);
    await again.run('draft/save', quoteId, { notes: 'Devis validé par téléphone' }, again.documents.get(quoteId));
    expect(await mergeBackup(again, await checked(fromTablet))).toEqual({ ok: true });

    expect(again.clients.get('c1')!.contacts).toEqual([{ ...client('c1').contacts[0], email: 'compta@atelier.fr', phone: '0499999999' }]);
    expect(again.documents.get(quoteId)).toMatchObject({ lines: [line('q1', { quantity: 3 })], notes: 'Devis validé par téléphone' });
    // A backup of the merged workspace, field changes and all, passes every check.
    const { text: merged } = await exportBackup(again, APP);
    expect(records((await checked(merged)).file.data)).toEqual(records(again.read()));
  });

  it('refuses a backup of another workspace and changes nothing', async () => {
    device();
    const mine = await filledWorkspace();
    const other = await filledWorkspace();
    const { text } = await exportBackup(other, APP);
    await mine.run('client/save', client('c-only-mine'));
    const before = mine.read();
    expect(await mergeBackup(mine, await checked(text))).toEqual({ ok: false, reason: 'other_workspace' });
    expect(mine.read()).toEqual(before);
  });
});

describe('a bad file is refused whole, and nothing is written', () => {
  /** The exported text of a filled workspace, and a way to re-seal a changed content. */
  async function source() {
    device();
    const ws = await filledWorkspace();
    const { text } = await exportBackup(ws, APP);
    const file = JSON.parse(text) as BackupContent & { checksum: string };
    const { checksum: _c, ...content } = file;
    const reseal = async (change: Partial<BackupContent>) => serializeBackup(await sealBackup({ ...content, ...change }));
    return { ws, text, content, reseal };
  }

  const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);

  it.each([
    ['cut in half', async ({ text }: Awaited<ReturnType<typeof source>>) => text.slice(0, text.length / 2), 'truncated'],
    ['one byte of the Yjs state changed', async ({ text }: Awaited<ReturnType<typeof source>>) => {
      const at = text.indexOf('"yjs": "') + 40;
      return flip(text, at);
    }, 'checksum'],
    ['one character of the readable data changed', async ({ text }: Awaited<ReturnType<typeof source>>) => text.replace('Mairie de Villeurbanne', 'Mairie de Villeurbannf'), 'checksum'],
    ['a PNG image', async () => '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0', 'foreign'],
    ['another app’s JSON', async () => JSON.stringify({ version: 1, invoices: [{ number: 'F1' }] }), 'foreign'],
    ['a later format version', async ({ reseal }: Awaited<ReturnType<typeof source>>) => reseal({ version: 3 }), 'newer_version'],
    ['a later schema', async ({ reseal }: Awaited<ReturnType<typeof source>>) => reseal({ schemaVersion: SCHEMA_VERSION + 1 }), 'newer_schema'],
    ['garbage instead of a Yjs state, re-sealed', async ({ reseal }: Awaited<ReturnType<typeof source>>) => reseal({ yjs: encodeBase64(new Uint8Array([200, 1, 7, 99, 255, 3, 4, 5, 6, 9, 250, 17])) }), 'yjs_invalid'],
    ['a Yjs state that is only the end of a history, re-sealed', async ({ ws, reseal }: Awaited<ReturnType<typeof source>>) => {
      const vector = Y.encodeStateVector(ws.doc);
      await ws.run('client/save', client('c-late'));
      return reseal({ yjs: encodeBase64(Y.encodeStateAsUpdate(ws.doc, vector)) });
    }, 'yjs_invalid'],
    ['readable data that does not match the Yjs state, re-sealed', async ({ content, reseal }: Awaited<ReturnType<typeof source>>) => {
      const data = structuredClone(content.data) as WorkspaceData;
      data.clients[0].name = 'Quelqu’un d’autre';
      return reseal({ data });
    }, 'data_mismatch'],
    ['a record missing from the readable data, re-sealed', async ({ content, reseal }: Awaited<ReturnType<typeof source>>) => {
      const data = structuredClone(content.data) as WorkspaceData;
      data.payments = [];
      return reseal({ data });
    }, 'data_mismatch'],
    ['another workspace id than the Yjs state’s, re-sealed', async ({ reseal }: Awaited<ReturnType<typeof source>>) => reseal({ workspaceId: 'ws-elsewhere' }), 'data_mismatch'],
    ['an empty Yjs state, re-sealed', async ({ reseal }: Awaited<ReturnType<typeof source>>) => reseal({ yjs: encodeBase64(Y.encodeStateAsUpdate(new Y.Doc())), data: {} }), 'not_workspace']
  ] as const)('%s', async (_what, make, reason) => {
    const src = await source();
    const bad = await make(src);
    const before = src.ws.read();
    const dbs = await databases();
    const result = await checkBackup(bad);
    expect(result).toEqual({ ok: false, reason });
    expect(await databases()).toEqual(dbs);
    expect(src.ws.read()).toEqual(before);
  });
});

describe('a workspace with archived records', () => {
  /** The books of archiveFixtures.ts, i1 (2024, paid), its payment and event archived; i2 (2026) open. */
  async function archivedWorkspace(): Promise<Workspace> {
    const ws = await Workspace.create({ company: company(), deviceName: 'Poste A' });
    opened.push(ws);
    await importBooks(ws);
    expect(await archiveClosed(ws)).toMatchObject({ archived: 3 });
    return ws;
  }

  const ids = (list: readonly { id: string }[]) => list.map((r) => r.id).sort();

  /** The workspace's records and layout, read after `complete`. */
  async function expectBooks(ws: Workspace, before: string): Promise<void> {
    await ws.complete;
    expect(seen(ws)).toBe(before);
    expect(ids(ws.documents.all())).toEqual(['i1', 'i2']);
    expect(ws.payments.get('p1')).toMatchObject({ amountCents: 100_000, date: '2024-03-20' });
    expect(ids(ws.events.all())).toEqual(['e1', 'e2']);
    expect(ws.documents.get('i1')).toMatchObject({ number: 'F-2026-A-i1', status: 'issued' });
    // Still archived: a stub in the live document, the records in the 2024 archive.
    expect((collectionMap(ws.doc, 'documents').get('i1') as Y.Map<unknown>).get(ARCHIVE_KEY)).toBe(2024);
    expect(collectionMap(ws.doc, 'payments').has('p1')).toBe(false);
    const archives = await archiveDocs(ws);
    expect([...archives.keys()]).toEqual([2024]);
    const archived = archives.get(2024)!;
    expect([...collectionMap(archived, 'documents').keys()]).toEqual(['i1']);
    expect([...collectionMap(archived, 'payments').keys()]).toEqual(['p1']);
    expect([...collectionMap(archived, 'events').keys()]).toEqual(['e1']);
  }

  it('carries the archives: export, check and restore give every record, and so does reopening the restored workspace', async () => {
    device();
    const ws = await archivedWorkspace();
    const before = seen(ws);
    const { text } = await exportBackup(ws, APP);
    const file = JSON.parse(text);
    expect(file.version).toBe(2);
    expect(file.archives.map((a: { year: number }) => a.year)).toEqual([2024]);
    // The readable copy is the union: the archived records with the live ones.
    expect(ids(file.data.documents)).toEqual(['i1', 'i2']);
    expect(ids(file.data.payments)).toEqual(['p1']);
    expect(ids(file.data.events)).toEqual(['e1', 'e2']);
    const { id } = ws;
    await ws.close();
    opened.length = 0;

    device(); // a new device
    const backup = await checked(text);
    expect(backup.counts).toEqual({ clients: 1, documents: 2, payments: 1 });
    expect(backup.archives.map((a) => a.year)).toEqual([2024]);
    const restored = await restoreWorkspace(backup, { id, deviceName: 'Tablette' });
    opened.push(restored);
    expect(await databases()).toEqual([archiveDbName(id, 2024), workspaceDbName(id)].sort());
    await expectBooks(restored, before);

    const memberId = restored.memberId;
    await restored.close();
    opened.length = 0;
    const again = await Workspace.open(id, memberId);
    opened.push(again);
    await expectBooks(again, before);
    expect(again.me).toMatchObject({ name: 'Tablette', seriesLetter: 'B' });
  });

  it('restored under another id, its archives are stamped with that id: a backup of the copy passes the check', async () => {
    device();
    const ws = await archivedWorkspace();
    const before = seen(ws);
    const { text } = await exportBackup(ws, APP);
    const copyId = newId();
    const copy = await restoreWorkspace(await checked(text), { id: copyId, deviceName: 'Copie' });
    opened.push(copy);
    await expectBooks(copy, before);
    expect(workspaceIdOf((await archiveDocs(copy)).get(2024)!)).toBe(copyId);
    const again = await checked((await exportBackup(copy, APP)).text);
    expect(again.workspaceId).toBe(copyId);
    expect(again.archives.map((a) => a.year)).toEqual([2024]);
  });

  describe('a bad archive is refused with the whole file, and nothing is written', () => {
    /** The exported text of an archived workspace, its 2024 archive's state, and a way to re-seal a changed content. */
    async function source() {
      device();
      const ws = await archivedWorkspace();
      const { text } = await exportBackup(ws, APP);
      const { checksum: _c, ...content } = JSON.parse(text) as BackupContent & { checksum: string };
      const archive = content.archives![0];
      const reseal = async (change: Partial<BackupContent>) => serializeBackup(await sealBackup({ ...content, ...change }));
      /** The archive's state changed on a scratch copy, re-sealed. */
      const changedArchive = (change: (doc: Y.Doc) => void) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, Uint8Array.from(atob(archive.yjs), (c) => c.charCodeAt(0)));
        change(doc);
        return reseal({ archives: [{ year: 2024, yjs: encodeBase64(Y.encodeStateAsUpdate(doc)) }] });
      };
      return { ws, archive, reseal, changedArchive, content };
    }
    type Source = Awaited<ReturnType<typeof source>>;

    it.each([
      ['an archive state that is not base64', ({ archive, reseal }: Source) => reseal({ archives: [{ ...archive, yjs: '*' + archive.yjs.slice(1) }] }), 'bad_base64'],
      ['an archive state cut in half', ({ archive, reseal }: Source) => {
        const bytes = Uint8Array.from(atob(archive.yjs), (c) => c.charCodeAt(0));
        return reseal({ archives: [{ year: 2024, yjs: encodeBase64(bytes.subarray(0, Math.floor(bytes.length / 2))) }] });
      }, 'yjs_invalid'],
      ['an archive state that is only the end of its history', async ({ ws, reseal }: Source) => {
        const doc = (await archiveDocs(ws)).get(2024)!;
        const vector = Y.encodeStateVector(doc);
        doc.transact(() => collectionMap(doc, 'events').set('e-late', JSON.stringify({ ...BOOKS.events[0], id: 'e-late' })));
        return reseal({ archives: [{ year: 2024, yjs: encodeBase64(Y.encodeStateAsUpdate(doc, vector)) }] });
      }, 'yjs_invalid'],
      ['the 2024 archive filed under 2023', ({ archive, reseal }: Source) => reseal({ archives: [{ ...archive, year: 2023 }] }), 'data_mismatch'],
      ['an archive of another workspace', ({ changedArchive }: Source) => changedArchive((doc) => doc.getMap('meta').set('workspaceId', 'ws-elsewhere')), 'data_mismatch'],
      ['an archived payment changed, so the readable copy no longer matches', ({ changedArchive }: Source) =>
        changedArchive((doc) => collectionMap(doc, 'payments').set('p1', JSON.stringify({ ...BOOKS.payments[0], amountCents: 90_000 }))), 'data_mismatch'],
      ['an archived record missing from the readable copy', ({ content, reseal }: Source) => {
        const data = structuredClone(content.data) as WorkspaceData;
        data.events = data.events.filter((e) => e.id !== 'e1');
        return reseal({ data });
      }, 'data_mismatch'],
      ['the archive the live document lists left out', ({ reseal }: Source) => reseal({ archives: [] }), 'yjs_invalid']
    ] as const)('%s', async (_what, make, reason) => {
      const src = await source();
      const bad = await make(src);
      const before = src.ws.read();
      const dbs = await databases();
      expect(await checkBackup(bad)).toEqual({ ok: false, reason });
      expect(await databases()).toEqual(dbs);
      expect(src.ws.read()).toEqual(before);
    });
  });

  it('still checks and restores a version 1 file (no archives)', async () => {
    device();
    const ws = await filledWorkspace();
    const { text } = await exportBackup(ws, APP);
    const { checksum: _c, archives, ...content } = JSON.parse(text) as BackupContent & { checksum: string };
    expect(archives).toEqual([]);
    const v1 = serializeBackup(await sealBackup({ ...content, version: 1 }));
    expect(JSON.parse(v1)).not.toHaveProperty('archives');
    const backup = await checked(v1);
    expect(backup.archives).toEqual([]);
    device();
    const restored = await restoreWorkspace(backup, { id: ws.id, deviceName: 'Tablette' });
    opened.push(restored);
    expect(records(restored.read())).toEqual(records(ws.read()));
    expect(await databases()).toEqual([workspaceDbName(ws.id)]);
  });
});
