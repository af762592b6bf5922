import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { splitUpdate } from './updateChunks';

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
