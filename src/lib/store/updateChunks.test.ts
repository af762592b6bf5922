import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CHUNK_LIMITS, PieceWriter, deletionPieces, encodeStructs, splitUpdate, type PlacedStruct } from './updateChunks';

/** A document with `n` records of a few fields, some later edited and some deleted. */
function history(n: number): Y.Doc {
  const doc = new Y.Doc();
  const records = doc.getMap<Y.Map<unknown>>('records');
  doc.transact(() => {
    for (let i = 0; i < n; i++) {
      const record = new Y.Map<unknown>();
      record.set('id', `r-${i}`);
      record.set('name', `Client ${i} — SARL Dupont & fils`);
      record.set('amountCents', i * 125);
      records.set(`r-${i}`, record);
    }
  });
  doc.transact(() => {
    for (let i = 0; i < n; i += 7) records.get(`r-${i}`)!.set('name', `Renamed ${i}`);
    for (let i = 3; i < n; i += 11) records.delete(`r-${i}`);
  });
  const text = doc.getText('notes');
  text.insert(0, 'Relance — notes '.repeat(200));
  text.delete(10, 500);
  return doc;
}

function decodeCounts(piece: Uint8Array): number {
  return Y.decodeUpdate(piece).structs.length;
}

describe('splitUpdate', () => {
  it('leaves an update within the limits whole', () => {
    const update = Y.encodeStateAsUpdate(history(20));
    expect(splitUpdate(update)).toEqual([update]);
  });

  it('cuts a large update into pieces within both limits that rebuild the same document', () => {
    const source = history(3000);
    const update = Y.encodeStateAsUpdate(source);
    const limits = { maxBytes: 16 * 1024, maxStructs: 500 };
    const pieces = splitUpdate(update, limits);
    expect(pieces.length).toBeGreaterThan(update.byteLength / limits.maxBytes);
    for (const piece of pieces) {
      expect(piece.byteLength).toBeLessThanOrEqual(limits.maxBytes + 64); // headers of a piece
      expect(decodeCounts(piece)).toBeLessThanOrEqual(limits.maxStructs);
    }
    const rebuilt = new Y.Doc();
    for (const piece of pieces) Y.applyUpdate(rebuilt, piece);
    expect(rebuilt.getMap('records').toJSON()).toEqual(source.getMap('records').toJSON());
    expect(rebuilt.getText('notes').toString()).toBe(source.getText('notes').toString());
    expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(source));
    // Deleted records stay deleted: the delete set came along.
    expect(rebuilt.getMap('records').has('r-3')).toBe(false);
    expect(rebuilt.getMap('records').size).toBe(3000 - Math.ceil((3000 - 3) / 11));
  });

  it('rebuilds the same document whatever order the pieces arrive in', () => {
    const source = history(1500);
    const pieces = splitUpdate(Y.encodeStateAsUpdate(source), { maxBytes: 8 * 1024, maxStructs: 300 });
    const rebuilt = new Y.Doc();
    for (const piece of [...pieces].reverse()) Y.applyUpdate(rebuilt, piece);
    expect(rebuilt.getMap('records').toJSON()).toEqual(source.getMap('records').toJSON());
    expect(rebuilt.getText('notes').toString()).toBe(source.getText('notes').toString());
  });

  it('splits the difference a relay asks for, from several writers', () => {
    const a = history(800);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // The relay holds what b had then.
    const relay = new Y.Doc();
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(b));
    b.transact(() => {
      for (let i = 0; i < 800; i++) b.getMap<Y.Map<unknown>>('records').get(`r-${i}`)?.set('note', `vu ${i}`);
    });
    a.transact(() => a.getMap<Y.Map<unknown>>('records').get('r-1')!.set('note', 'from a'));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    const diff = Y.encodeStateAsUpdate(b, Y.encodeStateVector(relay));
    const pieces = splitUpdate(diff, { maxBytes: 4 * 1024, maxStructs: 100 });
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) Y.applyUpdate(relay, piece);
    expect(relay.getMap('records').toJSON()).toEqual(b.getMap('records').toJSON());
    expect(Y.encodeStateVector(relay)).toEqual(Y.encodeStateVector(b));
  });
});

describe('splitUpdate on a change made after earlier ones', () => {
  it('keeps every piece, deletions included, within the byte limit', () => {
    const doc = history(500);
    const receiver = new Y.Doc();
    Y.applyUpdate(receiver, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(doc);
    const records = doc.getMap<Y.Map<unknown>>('records');
    doc.transact(() => {
      for (let i = 0; i < 2000; i++) {
        const record = new Y.Map<unknown>();
        record.set('name', `Nouveau ${i}`.padEnd(120, '.'));
        records.set(`n-${i}`, record);
      }
      records.delete('r-1');
    });
    const change = Y.encodeStateAsUpdate(doc, before);
    const limits = { maxBytes: 16 * 1024, maxStructs: 1000 };
    const pieces = splitUpdate(change, limits);
    expect(pieces.length).toBeGreaterThan(change.byteLength / limits.maxBytes);
    for (const piece of pieces) expect(piece.byteLength).toBeLessThanOrEqual(limits.maxBytes + 64);
    for (const piece of pieces) Y.applyUpdate(receiver, piece);
    expect(receiver.getMap('records').toJSON()).toEqual(records.toJSON());
    expect(receiver.getMap('records').has('r-1')).toBe(false);
  });
});

describe('splitUpdate on a partial update (a hole in a client’s structures)', () => {
  it('keeps the structures on both sides of the hole when they fall in one piece', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const list = doc.getArray<string>('list');
    for (let i = 0; i < 30; i++) list.push([`${i}`.padEnd(100, '.')]);
    // Entries 10 and 11 never arrived: the merged update skips their clocks.
    const partial = Y.mergeUpdates([...updates.slice(0, 10), ...updates.slice(12)]);
    expect(Y.decodeUpdate(partial).structs.some((s) => s instanceof Y.Skip)).toBe(true);
    // A limit just under its size makes two pieces, the first across the hole.
    const pieces = splitUpdate(partial, { maxBytes: partial.byteLength - 30, maxStructs: 1000 });
    expect(pieces.length).toBe(2);
    const whole = new Y.Doc();
    Y.applyUpdate(whole, partial);
    const rebuilt = new Y.Doc();
    for (const piece of pieces) Y.applyUpdate(rebuilt, piece);
    expect(Y.encodeStateAsUpdate(rebuilt)).toEqual(Y.encodeStateAsUpdate(whole));
    // Once the missing entries arrive, all 30 are there.
    for (const u of updates.slice(10, 12)) Y.applyUpdate(rebuilt, u);
    expect(rebuilt.getArray('list').toArray()).toEqual(list.toArray());
  });
});

describe('PieceWriter and deletionPieces', () => {
  it('keeps each piece within maxBytes, headers included', () => {
    const update = Y.encodeStateAsUpdate(history(1000));
    const limits = { maxBytes: 4 * 1024, maxStructs: 10_000 };
    const { structs } = Y.decodeUpdate(update);
    const writer = new PieceWriter(limits);
    const bytes = encodeStructs(structs as PlacedStruct[]);
    structs.forEach((struct, i) => writer.add(struct as PlacedStruct, bytes[i]));
    writer.flush();
    expect(writer.pieces.length).toBeGreaterThan(update.byteLength / limits.maxBytes);
    for (const piece of writer.pieces) expect(piece.byteLength).toBeLessThanOrEqual(limits.maxBytes);
  });

  it('encodeStructs gives each structure the bytes it has alone', () => {
    const structs = Y.decodeUpdate(Y.encodeStateAsUpdate(history(50))).structs as PlacedStruct[];
    const bytes = encodeStructs(structs);
    expect(bytes).toHaveLength(structs.length);
    structs.forEach((struct, i) => {
      const alone = new Y.UpdateEncoderV1();
      struct.write(alone, 0);
      expect(bytes[i]).toEqual(alone.toUint8Array());
    });
  });

  it('cuts a large delete set into pieces that delete the same items', () => {
    const doc = history(3000);
    const update = Y.encodeStateAsUpdate(doc);
    const { ds } = Y.decodeUpdate(update);
    const rangeCount = (piece: Uint8Array) => [...Y.decodeUpdate(piece).ds.clients.values()].reduce((n, items) => n + items.length, 0);
    const all = rangeCount(update);
    // A range per deleted record at least (every 11th from r-3: ⌈2 997 / 11⌉ = 273), more for
    // the names overwritten by the renames (every 7th) and the cut in the notes.
    expect(all).toBeGreaterThan(273);
    for (const limits of [{ maxBytes: 256, maxStructs: 10_000 }, { maxBytes: 1 << 20, maxStructs: 50 }]) {
      const pieces = deletionPieces(ds, limits);
      expect(pieces.length).toBeGreaterThan(2);
      for (const piece of pieces) {
        expect(piece.byteLength).toBeLessThanOrEqual(limits.maxBytes);
        expect(rangeCount(piece)).toBeLessThanOrEqual(limits.maxStructs);
        expect(Y.decodeUpdate(piece).structs).toEqual([]);
      }
      expect(Y.decodeUpdate(Y.mergeUpdates(pieces)).ds).toEqual(ds);
    }
    expect(deletionPieces(ds, CHUNK_LIMITS)).toEqual([Y.diffUpdate(update, Y.encodeStateVector(doc))]);
  });
});
