import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkFrame } from '../../sync-server/frames.js';

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
