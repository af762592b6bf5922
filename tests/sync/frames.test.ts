import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkFrame, countUpdateChanges } from '../../sync-server/frames.js';

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function sampleUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('clients').set('c1', 'Dupont SARL');
  doc.getArray('log').push([1, 2, 3]);
  return Y.encodeStateAsUpdate(doc);
}

describe('checkFrame', () => {
  it('accepts the messages a y-websocket client sends', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'bonjour');
    expect(checkFrame(syncMessage((e) => syncProtocol.writeSyncStep1(e, doc)))).toBe(null);
    expect(checkFrame(syncMessage((e) => syncProtocol.writeSyncStep2(e, doc)))).toBe(null);
    expect(checkFrame(syncMessage((e) => syncProtocol.writeUpdate(e, sampleUpdate())))).toBe(null);
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ name: 'Claire', color: '#c00' });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    expect(checkFrame(encoding.toUint8Array(encoder))).toBe(null);
    awareness.destroy();
  });

  it('refuses unknown message and sync types with 1003', () => {
    expect(checkFrame(new Uint8Array([7, 1, 2]))).toMatchObject({ code: 1003 });
    expect(checkFrame(new Uint8Array([2, 0]))).toMatchObject({ code: 1003 }); // auth is server → client only
    expect(checkFrame(new Uint8Array([0, 9, 0]))).toMatchObject({ code: 1003 });
  });

  it('refuses truncated, empty and garbage messages with 1007', () => {
    const full = syncMessage((e) => syncProtocol.writeUpdate(e, sampleUpdate()));
    for (let cut = 0; cut < full.length; cut++) {
      expect(checkFrame(full.subarray(0, cut)), `cut at ${cut}`).toMatchObject({ code: 1007 });
    }
    expect(checkFrame(new Uint8Array([...full, 0]))).toMatchObject({ code: 1007 }); // trailing byte
    expect(checkFrame(new Uint8Array([0, 2, 5, 1, 2, 3, 4, 5]))).toMatchObject({ code: 1007 }); // not an update
    expect(checkFrame(new Uint8Array([1, 3, 1, 1, 0]))).toMatchObject({ code: 1007 }); // awareness too short
    const badJson = encoding.createEncoder();
    encoding.writeVarUint(badJson, 1);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, 42);
    encoding.writeVarUint(inner, 1);
    encoding.writeVarString(inner, '{not json');
    encoding.writeVarUint8Array(badJson, encoding.toUint8Array(inner));
    expect(checkFrame(encoding.toUint8Array(badJson))).toMatchObject({ code: 1007 });
  });

  it('never throws on random bytes', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: 1 + (i % 64) }, next);
      const problem = checkFrame(bytes);
      if (problem) expect([1003, 1007]).toContain(problem.code);
    }
  });
});

describe('countUpdateChanges', () => {
  it('counts what Y.decodeUpdate decodes (structs and delete ranges), without building it', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const invoices = doc.getMap('invoices');
    const invoice = new Y.Map();
    invoices.set('F-1', invoice);
    invoice.set('number', 'F-2026-A-0001');
    invoice.set('lines', JSON.stringify([{ qty: 1 }]));
    doc.getText('note').insert(0, 'bonjour');
    doc.getText('note').format(0, 3, { bold: true });
    doc.getText('note').insertEmbed(1, { image: 'x' });
    doc.getArray('log').push([1, 'deux', { trois: 3 }, new Uint8Array([4]), null]);
    doc.getXmlFragment('x').insert(0, [new Y.XmlElement('p'), new Y.XmlText('t')]);
    doc.getArray('log').delete(1, 2);
    invoices.delete('F-1');
    updates.push(Y.encodeStateAsUpdate(doc));
    for (const update of updates) {
      const decoded = Y.decodeUpdate(update);
      const ranges = [...decoded.ds.clients.values()].reduce((n, r) => n + r.length, 0);
      expect(countUpdateChanges(update)).toBe(decoded.structs.length + ranges);
    }
  });

  it('stops as soon as the count passes the cap', () => {
    const doc = new Y.Doc();
    const map = doc.getMap('m');
    doc.transact(() => {
      for (let i = 0; i < 100; i++) map.set(`k${i}`, i);
    });
    const update = Y.encodeStateAsUpdate(doc);
    expect(countUpdateChanges(update)).toBe(100);
    const frame = syncMessage((e) => syncProtocol.writeUpdate(e, update));
    expect(checkFrame(frame, 100)).toBe(null);
    expect(checkFrame(frame, 99)).toEqual({ code: 1009, reason: 'too many changes in one message' });
  });
});
