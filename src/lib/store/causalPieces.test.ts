// causalPieces must give pieces that a loader can apply one per task, in order, with none ever
// waiting in Yjs's pending structures or pending delete set — for one device's history and for
// histories where devices edited each other's records.
//
// Measured once (not a test), Node 20 on the shared 2-core machine under load (load average 3–6):
// cutting the 43,3 MB state of the 10 000-invoice demo (bench/firstsync-entry.ts's workspace,
// 270 003 structures, one client) takes 1,3–1,4 s — Y.decodeUpdate 0,57–0,79 s, the causal order
// 41–82 ms, encoding the structures 0,48–0,54 s, filling the pieces 0,07–0,22 s; splitUpdate takes
// 1,5–1,7 s. 222 pieces of at most 196 599 bytes; applied in order: 0,7 s in all, 0,9 ms median
// per piece, 14 ms at the 95th percentile, 26–120 ms for the slowest (garbage collection).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateDemo, proportionalCounts } from '$lib/demo/generate';
import { causalOrder, causalPieces, PIECE_BYTES } from './causalPieces';
import { splitUpdate } from './updateChunks';
import { LOCAL_ORIGIN, deleteRecord, initialiseDoc, patchRecord, putRecord, readWorkspace, writeCompany } from './doc';
import { T0, client, company, contents, exchange, member } from './fixtures';

/** A device whose Yjs client id is fixed (so splitUpdate's client order is known), from `from`'s state. */
function device(clientID: number, from?: Y.Doc, opts: { gc?: boolean } = {}): Y.Doc {
  const doc = new Y.Doc(opts);
  doc.clientID = clientID;
  if (from) Y.applyUpdate(doc, Y.encodeStateAsUpdate(from));
  return doc;
}

/** Whether Yjs holds anything back: structures or deletions waiting for what has not come. */
function pending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** The pieces applied in order, one transaction each, failing at the first that leaves anything pending. */
function applyInOrder(pieces: Uint8Array[], doc = new Y.Doc()): Y.Doc {
  pieces.forEach((piece, i) => {
    Y.applyUpdate(doc, piece);
    expect(pending(doc), `pending after piece ${i + 1} of ${pieces.length}`).toBe(false);
  });
  return doc;
}

/** Whether applying the pieces in order ever leaves something pending. */
function goesPending(pieces: Uint8Array[]): boolean {
  const doc = new Y.Doc();
  return pieces.some((piece) => {
    Y.applyUpdate(doc, piece);
    return pending(doc);
  });
}

/** Each piece within maxBytes, but for a piece that is a single structure larger than that. */
function expectWithin(pieces: Uint8Array[], maxBytes: number): void {
  for (const piece of pieces) if (piece.byteLength > maxBytes) expect(Y.decodeUpdate(piece).structs.length).toBe(1);
}

/** The workspace as Workspace.create leaves it, on a device of the given client id. */
function workspaceDevice(clientID: number): Y.Doc {
  const doc = device(clientID);
  initialiseDoc(doc, 'ws-pieces', T0);
  writeCompany(doc, company());
  putRecord(doc, 'members', member('m-a', 'A'));
  return doc;
}

function addClients(doc: Y.Doc, prefix: string, n: number): void {
  doc.transact(() => {
    for (let i = 0; i < n; i++) putRecord(doc, 'clients', client(`${prefix}${i}`, { notes: `Créé sur ${prefix}` }));
  }, LOCAL_ORIGIN);
}

function editClients(doc: Y.Doc, prefix: string, n: number, patch: (i: number) => Parameters<typeof patchRecord<'clients'>>[3]): void {
  doc.transact(() => {
    for (let i = 0; i < n; i++) patchRecord(doc, 'clients', `${prefix}${i}`, patch(i));
  }, LOCAL_ORIGIN);
}

describe('causalPieces on one device’s workspace', () => {
  it('cuts the demo workspace into pieces within maxBytes that rebuild it, none pending', async () => {
    const data = await generateDemo({ ...proportionalCounts(300), seed: 7, today: '2026-03-10', memberA: 'm-a' });
    const source = workspaceDevice(11);
    // As the /demo page writes it: batches of records per transaction.
    for (const name of ['members', 'clients', 'items', 'documents', 'payments', 'events'] as const) {
      const list: { id: string }[] = data[name];
      for (let i = 0; i < list.length; i += 100)
        source.transact(() => list.slice(i, i + 100).forEach((record) => putRecord(source, name, record as never)), LOCAL_ORIGIN);
    }
    const update = Y.encodeStateAsUpdate(source);
    const maxBytes = 16 * 1024;
    const pieces = causalPieces(update, maxBytes);
    // At least ⌈size / maxBytes⌉ pieces: every byte of a structure is in exactly one piece.
    expect(pieces.length).toBeGreaterThanOrEqual(Math.ceil(update.byteLength / maxBytes));
    // No demo record reaches 16 KB: every piece is within the limit, headers included.
    for (const piece of pieces) expect(piece.byteLength).toBeLessThanOrEqual(maxBytes);
    const rebuilt = applyInOrder(pieces);
    expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(source));
    expect(readWorkspace(rebuilt)).toEqual(readWorkspace(source));
    expect(readWorkspace(rebuilt).documents.length).toBe(data.documents.length);
  });
});

/**
 * Devices 1 and 2 (and 3) edit each other's records: 1 creates clients, 2 (synced) edits them
 * and adds its own, 1 edits 2's, then all work offline on the same records and 1 deletes one
 * that 2 edited. Returns the devices after they met again.
 */
function crossEdited(deviceCount: 2 | 3): Y.Doc[] {
  const a = workspaceDevice(1);
  addClients(a, 'a', 40);
  const b = device(2, a);
  editClients(b, 'a', 40, (i) => ({ notes: `Vu par b ${i}`, phone: `06000000${String(i).padStart(2, '0')}` }));
  addClients(b, 'b', 40);
  exchange(a, b, 'a→b first');
  editClients(a, 'b', 40, (i) => ({ name: `Client b${i} (revu par a)` }));
  const devices = [a, b];
  if (deviceCount === 3) {
    const c = device(3, a);
    Y.applyUpdate(c, Y.encodeStateAsUpdate(b));
    editClients(c, 'a', 20, (i) => ({ notes: `Repris par c ${i}` }));
    editClients(c, 'b', 20, (i) => ({ siren: `73282932${i % 10}` }));
    addClients(c, 'c', 20);
    exchange(a, c, 'b→a first');
    devices.push(c);
  }
  exchange(a, b, 'b→a first');
  // Offline on every device at once.
  editClients(a, 'b', 10, (i) => ({ notes: `a hors ligne ${i}` }));
  editClients(b, 'a', 10, (i) => ({ notes: `b hors ligne ${i}` }));
  editClients(b, 'b', 10, (i) => ({ notes: `b hors ligne ${i}` }));
  deleteRecord(a, 'clients', 'a3');
  if (deviceCount === 3) editClients(devices[2], 'c', 20, (i) => ({ name: `Client c${i} (renommé)` }));
  for (const x of devices) for (const y of devices) if (x !== y) Y.applyUpdate(y, Y.encodeStateAsUpdate(x));
  return devices;
}

describe('causalPieces on a workspace edited on several devices', () => {
  for (const deviceCount of [2, 3] as const) {
    it(`${deviceCount} devices: pieces in order rebuild the merged state, none pending`, () => {
      const devices = crossEdited(deviceCount);
      const merged = Y.encodeStateAsUpdate(devices[0]);
      expect(contents(devices[1])).toEqual(contents(devices[0]));
      expect(Y.decodeUpdate(merged).ds.clients.size).toBeGreaterThan(0); // overwritten fields, the deleted record
      const maxBytes = 2048;
      const pieces = causalPieces(merged, maxBytes);
      expect(pieces.length).toBeGreaterThan(10);
      expectWithin(pieces, maxBytes);
      const rebuilt = applyInOrder(pieces);
      expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(devices[0]));
      expect(contents(rebuilt)).toEqual(contents(devices[0]));
      expect(readWorkspace(rebuilt).clients.find((c) => c.id === 'a3')).toBeUndefined();
      // The order is what matters: the same structures by client (splitUpdate) go pending.
      const byClient = splitUpdate(merged, { maxBytes, maxStructs: 100_000 });
      expect(goesPending(byClient)).toBe(true);
      expect(contents(applyInOrderLoosely(byClient))).toEqual(contents(devices[0]));
    });
  }
});

describe('causalPieces on a partial update', () => {
  it('the difference a device lacks: pieces in order onto its state, none pending', () => {
    const [a, b] = crossEdited(2);
    // A third device synced now; then edits that depend on each other and on what it has.
    const behind = device(6, a);
    addClients(a, 'n', 30);
    editClients(a, 'b', 40, (i) => ({ notes: `Après coup ${i}` }));
    exchange(a, b, 'a→b first');
    editClients(b, 'n', 30, (i) => ({ notes: `Vu par b ${i}` }));
    addClients(b, 'm', 30);
    deleteRecord(b, 'clients', 'b7');
    exchange(a, b, 'b→a first');
    editClients(a, 'm', 30, (i) => ({ name: `Client m${i} (revu par a)` }));
    exchange(a, b, 'a→b first');
    const diff = Y.encodeStateAsUpdate(a, Y.encodeStateVector(behind));
    const pieces = causalPieces(diff, 1024);
    expect(pieces.length).toBeGreaterThan(5);
    expectWithin(pieces, 1024);
    applyInOrder(pieces, behind);
    expect(contents(behind)).toEqual(contents(a));
    expect(Y.encodeStateVector(behind)).toEqual(Y.encodeStateVector(a));
  });

  it('a hole (a merged update missing one): every structure once, the same as the whole update', () => {
    const a = device(41);
    const b = device(42);
    const updates: Uint8Array[] = [];
    const record = (doc: Y.Doc) => doc.on('update', (u: Uint8Array) => updates.push(u));
    record(a);
    record(b);
    const list = (doc: Y.Doc) => doc.getArray<string>('lines');
    for (let i = 0; i < 20; i++) {
      list(a).insert(list(a).length >> 1, [`a${i}`.padEnd(50, '+')]);
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      list(b).insert(list(b).length >> 1, [`b${i}`.padEnd(50, '-')]);
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    }
    // Updates arrive twice (each device also logs what it receives): merging dedupes them.
    const missing = updates.findIndex((u) => Y.decodeUpdate(u).structs.some((s) => s.id.client === 41 && s.id.clock === 5));
    const partial = Y.mergeUpdates(updates.filter((u) => !Y.decodeUpdate(u).structs.some((s) => s.id.client === 41 && s.id.clock === 5)));
    expect(missing).toBeGreaterThanOrEqual(0);
    const { structs } = Y.decodeUpdate(partial);
    expect(structs.some((s) => s instanceof Y.Skip)).toBe(true);
    const order = causalOrder(structs);
    expect(order).toHaveLength(structs.filter((s) => !(s instanceof Y.Skip)).length);
    expect(new Set(order).size).toBe(order.length);
    const whole = new Y.Doc();
    Y.applyUpdate(whole, partial);
    const viaPieces = new Y.Doc();
    for (const piece of causalPieces(partial, 256)) Y.applyUpdate(viaPieces, piece);
    expect(Y.encodeStateAsUpdate(viaPieces)).toEqual(Y.encodeStateAsUpdate(whole));
    // The missing update arrives: both complete, equal to the devices.
    Y.applyUpdate(whole, updates[missing]);
    Y.applyUpdate(viaPieces, updates[missing]);
    expect(list(viaPieces).toArray()).toEqual(list(a).toArray());
    expect(list(whole).toArray()).toEqual(list(a).toArray());
  });
});

/** Applied in order, pending allowed: the end state only. */
function applyInOrderLoosely(pieces: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const piece of pieces) Y.applyUpdate(doc, piece);
  return doc;
}

describe('causalPieces on nested and sequence types', () => {
  it('a map inside a map created on one device and filled on another', () => {
    const a = device(4);
    const outer = new Y.Map<Y.Map<string>>();
    a.getMap<Y.Map<Y.Map<string>>>('root').set('outer', outer);
    outer.set('inner', new Y.Map<string>());
    const b = device(5, a);
    const innerOnB = b.getMap<Y.Map<Y.Map<string>>>('root').get('outer')!.get('inner')!;
    b.transact(() => {
      for (let i = 0; i < 200; i++) innerOnB.set(`k${i}`, `valeur ${i} écrite par b`);
    });
    // a nests another map beside b's values, b fills that one too.
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    const deeper = new Y.Map<string>();
    a.getMap<Y.Map<Y.Map<unknown>>>('root').get('outer')!.get('inner')!.set('deeper', deeper);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    b.transact(() => {
      const d = b.getMap<Y.Map<Y.Map<Y.Map<string>>>>('root').get('outer')!.get('inner')!.get('deeper')!;
      for (let i = 0; i < 100; i++) d.set(`d${i}`, `profond ${i}`);
    });
    const merged = Y.encodeStateAsUpdate(b);
    const pieces = causalPieces(merged, 512);
    expect(pieces.length).toBeGreaterThan(5);
    // b's client id is higher: by client (highest first), b's values come before a's maps that hold them.
    expect(goesPending(splitUpdate(merged, { maxBytes: 512, maxStructs: 100_000 }))).toBe(true);
    const rebuilt = applyInOrder(pieces);
    expect(rebuilt.getMap('root').toJSON()).toEqual(b.getMap('root').toJSON());
    expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(b));
  });

  it('an array with inserts in the middle by two devices (origins and right origins)', () => {
    const a = device(8);
    const b = device(9);
    const list = (doc: Y.Doc) => doc.getArray<string>('lines');
    list(a).insert(0, ['début', 'fin']);
    for (let round = 0; round < 30; round++) {
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      // Each inserts between items the other wrote: its origin is on one side, its right origin on the other.
      const middleB = Math.floor(list(b).length / 2);
      list(b).insert(middleB, [`b${round}`.padEnd(40, '-')]);
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
      const middleA = Math.floor(list(a).length / 2) + 1;
      list(a).insert(middleA, [`a${round}`.padEnd(40, '+')]);
      if (round % 5 === 0) list(a).delete(1, 1);
    }
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const merged = Y.encodeStateAsUpdate(a);
    const pieces = causalPieces(merged, 256);
    expect(pieces.length).toBeGreaterThan(5);
    // Every item's origin and right origin come before it (hand check on the emitted order).
    const seen = new Set<string>();
    const key = (id: Y.ID) => `${id.client}:${id.clock}`;
    for (const struct of causalOrder(Y.decodeUpdate(merged).structs)) {
      if (struct instanceof Y.Item) {
        if (struct.origin) expect(seen.has(key(struct.origin))).toBe(true);
        if (struct.rightOrigin) expect(seen.has(key(struct.rightOrigin))).toBe(true);
      }
      for (let c = 0; c < struct.length; c++) seen.add(key(Y.createID(struct.id.client, struct.id.clock + c)));
    }
    expect(goesPending(splitUpdate(merged, { maxBytes: 256, maxStructs: 100_000 }))).toBe(true);
    const rebuilt = applyInOrder(pieces);
    expect(list(rebuilt).toArray()).toEqual(list(a).toArray());
    expect(list(rebuilt).toArray()).toEqual(list(b).toArray());
  });
});

describe('causalPieces and deletions', () => {
  /** Records, then every 7th deleted, on a document that keeps deleted content (no gc). */
  function withDeletions(): Y.Doc {
    const doc = device(21, undefined, { gc: false });
    const records = doc.getMap<string>('records');
    doc.transact(() => {
      for (let i = 0; i < 300; i++) records.set(`r-${i}`, `Enregistrement ${i}`.padEnd(60, '.'));
    });
    doc.transact(() => {
      for (let i = 0; i < 300; i += 7) records.delete(`r-${i}`);
    });
    return doc;
  }

  it('deletes in the last pieces, after every item they delete arrived', () => {
    const source = withDeletions();
    const update = Y.encodeStateAsUpdate(source);
    const pieces = causalPieces(update, 1024);
    const deletions = pieces.filter((p) => Y.decodeUpdate(p).structs.length === 0);
    expect(deletions.length).toBeGreaterThan(0);
    expect(pieces.slice(-deletions.length)).toEqual(deletions);
    // Before the deletions, the deleted records are still there (gc off: their content came along).
    const rebuilt = applyInOrder(pieces.slice(0, -deletions.length), device(22, undefined, { gc: false }));
    expect(rebuilt.getMap('records').has('r-0')).toBe(true);
    applyInOrder(deletions, rebuilt);
    // ⌈300 / 7⌉ = 43 records deleted (r-0, r-7, …, r-294): 257 left.
    expect(rebuilt.getMap('records').size).toBe(257);
    expect(rebuilt.getMap('records').has('r-0')).toBe(false);
    expect(rebuilt.getMap('records').toJSON()).toEqual(source.getMap('records').toJSON());
    expect(Y.decodeUpdate(Y.encodeStateAsUpdate(rebuilt)).ds).toEqual(Y.decodeUpdate(update).ds);
  });

  it('an update of deletions only: itself when small, pieces that delete the same when not', () => {
    const source = withDeletions();
    const onlyDeletions = Y.diffUpdate(Y.encodeStateAsUpdate(source), Y.encodeStateVector(source));
    expect(Y.decodeUpdate(onlyDeletions).structs).toEqual([]);
    expect(causalPieces(onlyDeletions)).toEqual([onlyDeletions]);
    // 43 separate ranges: a few bytes each, more than 64 bytes in all.
    const pieces = causalPieces(onlyDeletions, 64);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.byteLength).toBeLessThanOrEqual(64);
    // On a document holding the structures and not yet their deletions.
    const structures = Y.encodeStateAsUpdate(device(24, source, { gc: false }));
    const rebuilt = device(25, undefined, { gc: false });
    applyInOrder(causalPieces(structures, 1024).filter((p) => Y.decodeUpdate(p).structs.length > 0), rebuilt);
    expect(rebuilt.getMap('records').size).toBe(300);
    applyInOrder(pieces, rebuilt);
    expect(rebuilt.getMap('records').toJSON()).toEqual(source.getMap('records').toJSON());
    expect(rebuilt.getMap('records').size).toBe(257);
  });
});

describe('causalPieces with a structure larger than maxBytes', () => {
  it('sends it alone, between pieces within the limit', () => {
    const doc = device(51);
    const records = doc.getMap<string>('records');
    for (let i = 0; i < 40; i++) records.set(`r-${i}`, `Enregistrement ${i}`.padEnd(100, '.'));
    records.set('logo', 'x'.repeat(5000)); // one structure of about 5 kB
    for (let i = 40; i < 80; i++) records.set(`r-${i}`, `Enregistrement ${i}`.padEnd(100, '.'));
    const pieces = causalPieces(Y.encodeStateAsUpdate(doc), 1024);
    const large = pieces.filter((p) => p.byteLength > 1024);
    expect(large).toHaveLength(1);
    expect(Y.decodeUpdate(large[0]).structs).toHaveLength(1);
    expect(applyInOrder(pieces).getMap('records').toJSON()).toEqual(records.toJSON());
  });
});

describe('causalPieces on a small update', () => {
  it('returns the update itself when it is within maxBytes', () => {
    const doc = workspaceDevice(31);
    addClients(doc, 'x', 3);
    const update = Y.encodeStateAsUpdate(doc);
    expect(update.byteLength).toBeLessThan(PIECE_BYTES);
    const pieces = causalPieces(update);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]).toBe(update);
  });
});
