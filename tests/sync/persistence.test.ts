import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docs } from '@y/websocket-server/utils';
import { hashKey } from '../../sync-server/auth.js';
import { CommitBatch, type BatchedSocket } from '../../sync-server/batch.js';
import { GuardedSocket } from '../../sync-server/connection.js';
import { createLogger, type LogLine } from '../../sync-server/log.js';
import { createCounters } from '../../sync-server/metrics.js';
import { RelayStore } from '../../sync-server/persistence.js';
import { Workspaces } from '../../sync-server/workspaces.js';
import { randomKey, removeDir, tempDir } from './helpers.js';

const dirs: string[] = [];
const stores: RelayStore[] = [];
function openStore(): RelayStore {
  const dir = tempDir();
  dirs.push(dir);
  const store = RelayStore.open(dir);
  stores.push(store);
  return store;
}

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function edit(doc: Y.Doc, i: number): Uint8Array {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  let update: Uint8Array = new Uint8Array();
  other.on('update', (u: Uint8Array) => (update = u));
  other.getMap('invoices').set(`F-${i}`, { total: i * 100 });
  other.destroy();
  return update;
}

describe('RelayStore', () => {
  it('registers workspaces, keeps key hashes, removes with everything attached', () => {
    const store = openStore();
    expect(store.register('w1', hashKey('a'.repeat(64)))).toBe(true);
    expect(store.register('w1', hashKey('b'.repeat(64)))).toBe(false);
    expect(store.keyHash('w1')).toBe(hashKey('a'.repeat(64)));
    store.append('w1', new Uint8Array([1, 2, 3]));
    store.rotate('w1', hashKey('c'.repeat(64)), { m1: 'QUJD' });
    expect(store.keyHash('w1')).toBe(hashKey('c'.repeat(64)));
    expect(store.envelope('w1', 'm1')).toBe('QUJD');
    expect(store.remove('w1')).toBe(true);
    expect(store.keyHash('w1')).toBe(null);
    expect(store.count('w1')).toBe(0);
    expect(store.envelope('w1', 'm1')).toBe(null);
    expect(store.remove('w1')).toBe(false);
  });

  it('replaces envelopes on rotation and refuses to rotate an unknown workspace', () => {
    const store = openStore();
    store.register('w', hashKey(randomKey()));
    store.rotate('w', hashKey(randomKey()), { a: 'QQ==', b: 'Qg==' });
    store.rotate('w', hashKey(randomKey()), { b: 'Qw==' });
    expect(store.envelope('w', 'a')).toBe(null);
    expect(store.envelope('w', 'b')).toBe('Qw==');
    expect(() => store.rotate('nope', hashKey(randomKey()), {})).toThrow(/does not exist/);
  });

  it('appends in order, compacts into one row, lists sizes and activity', () => {
    const store = openStore();
    store.register('w', hashKey(randomKey()), 1000);
    store.append('w', new Uint8Array([1]), 2000);
    store.append('w', new Uint8Array([2, 2]), 3000);
    expect(store.load('w').map((b) => [...b])).toEqual([[1], [2, 2]]);
    expect(store.list()).toEqual([{ id: 'w', updates: 2, bytes: 3, createdAt: 1000, lastActivity: 3000 }]);
    store.replaceAll('w', new Uint8Array([9, 9, 9, 9]));
    expect(store.count('w')).toBe(1);
    expect(store.list()[0]).toMatchObject({ updates: 1, bytes: 4, lastActivity: 3000 });
  });

  it('checkpoints the WAL from a worker thread, not inside the relay’s commits', async () => {
    const store = openStore();
    const problems: string[] = [];
    store.startBackgroundCheckpoints(50, (e) => problems.push(e));
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    store.register('w', hashKey(randomKey()));
    for (let i = 0; i < 200; i++) store.append('w', new Uint8Array(2000).fill(i));
    const deadline = Date.now() + 5000;
    while (store.checkpoints < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(store.checkpoints).toBeGreaterThanOrEqual(2);
    await store.stopBackgroundCheckpoints();
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(problems).toEqual([]);
    expect(store.count('w')).toBe(200);
  });

  it('uses WAL and answers the health probe', () => {
    const store = openStore();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(() => store.probe()).not.toThrow();
    store.close();
    expect(() => store.probe()).toThrow();
  });
});

describe('Workspaces', () => {
  function setup(compactRows = 500) {
    const store = openStore();
    const lines: LogLine[] = [];
    const counters = createCounters();
    const workspaces = new Workspaces(store, { idleUnloadMs: 50, compactRows }, createLogger((l) => lines.push(l)), counters);
    return { store, lines, counters, workspaces };
  }

  it('stores each update before the y-websocket utilities broadcast it', () => {
    const { store, workspaces } = setup();
    store.register('w', hashKey(randomKey()));
    const workspace = workspaces.open('w');
    // A stand-in socket: the utilities call send() synchronously from their update listener.
    const rowsSeenAtSend: number[] = [];
    const socket = { readyState: 1, send: () => rowsSeenAtSend.push(store.count('w')), close: () => {} };
    workspace.doc.conns.set(socket, new Set());
    Y.applyUpdate(workspace.doc, edit(workspace.doc, 1));
    Y.applyUpdate(workspace.doc, edit(workspace.doc, 2));
    expect(rowsSeenAtSend).toEqual([1, 2]);
    workspace.doc.conns.delete(socket);
    workspaces.closeAll();
    expect(docs.has('w')).toBe(false);
  });

  it('loads a workspace from its rows, compacts past the threshold, unloads when idle', async () => {
    const { store, workspaces, counters } = setup(5);
    store.register('w', hashKey(randomKey()));
    let workspace = workspaces.open('w');
    for (let i = 0; i < 12; i++) Y.applyUpdate(workspace.doc, edit(workspace.doc, i));
    expect(counters.updatesPersisted).toBe(12);
    await new Promise((r) => setImmediate(r));
    expect(store.count('w')).toBeLessThanOrEqual(5);
    expect(counters.compactions).toBeGreaterThan(0);
    const fakeSocket = {} as never;
    workspace.sockets.add(fakeSocket);
    workspaces.release(workspace, fakeSocket);
    expect(workspaces.size).toBe(1);
    await new Promise((r) => setTimeout(r, 120));
    expect(workspaces.size).toBe(0);
    expect(docs.has('w')).toBe(false);
    expect(store.count('w')).toBe(1);
    workspace = workspaces.open('w');
    expect(workspace.doc.getMap('invoices').size).toBe(12);
    workspaces.closeAll();
  });

  it('skips a corrupt stored row and keeps the others', () => {
    const { store, workspaces, lines } = setup();
    store.register('w', hashKey(randomKey()));
    const source = new Y.Doc();
    source.getMap('invoices').set('F-1', { total: 1 });
    store.append('w', Y.encodeStateAsUpdate(source));
    store.append('w', new Uint8Array([0xff, 0xff, 0xff, 0x01]));
    const workspace = workspaces.open('w');
    expect(workspace.doc.getMap('invoices').get('F-1')).toEqual({ total: 1 });
    expect(lines.some((l) => l.level === 'error' && l.msg === 'stored update skipped')).toBe(true);
    workspaces.closeAll();
  });

  it('closes the workspace instead of relaying an update it could not store', () => {
    const { store, workspaces, lines } = setup();
    store.register('w', hashKey(randomKey()));
    const workspace = workspaces.open('w');
    // A real GuardedSocket over a stand-in `ws` socket that records what would go on the wire.
    const sent: unknown[] = [];
    let closedWith = 0;
    const ws = Object.assign(new EventEmitter(), {
      readyState: 1,
      bufferedAmount: 0,
      binaryType: 'nodebuffer',
      send: (m: unknown) => sent.push(m),
      close(code: number) {
        closedWith ||= code;
        this.readyState = 2;
      },
      terminate() {
        this.readyState = 3;
      },
      ping: () => {}
    });
    const socket = new GuardedSocket(ws as never, 'w', '127.0.0.1', { log: createLogger(() => {}), counters: createCounters(), maxBufferedBytes: 1e9 });
    workspace.doc.conns.set(socket, new Set());
    workspace.sockets.add(socket);
    store.remove('w'); // the foreign key now refuses the insert
    Y.applyUpdate(workspace.doc, edit(workspace.doc, 1));
    expect(closedWith).toBe(1011);
    expect(sent).toEqual([]);
    expect(workspace.broken).toBe(true);
    expect(workspaces.isAvailable('w')).toBe(false);
    expect(lines.some((l) => l.level === 'error' && /could not store/.test(l.msg))).toBe(true);
    workspace.doc.conns.delete(socket);
    workspaces.closeAll();
  });
});

describe('CommitBatch', () => {
  /** A stand-in `ws` socket that records what goes on the wire. */
  function wire(onSend: () => void = () => {}) {
    const state = { sent: 0, closedWith: 0 };
    const ws = Object.assign(new EventEmitter(), {
      readyState: 1,
      bufferedAmount: 0,
      binaryType: 'nodebuffer',
      send: () => {
        state.sent++;
        onSend();
      },
      close(code: number) {
        state.closedWith ||= code;
        this.readyState = 2;
      },
      terminate() {
        this.readyState = 3;
      },
      ping: () => {},
      pause: () => {},
      resume: () => {}
    });
    return { ws, state };
  }

  function setup() {
    const store = openStore();
    store.register('w', hashKey(randomKey()));
    const counters = createCounters();
    let workspaces: Workspaces | null = null;
    const batch = new CommitBatch(
      (work) => store.transaction(work),
      (error, touched) => touched.forEach((id) => workspaces?.markBroken(id, error))
    );
    workspaces = new Workspaces(store, { idleUnloadMs: 50, compactRows: 500 }, createLogger(() => {}), counters, { maxBytes: Infinity, maxRows: Infinity }, batch);
    const workspace = workspaces.open('w');
    // A second connection sees only what is committed.
    const reader = new Database(store.db.name, { readonly: true });
    const committedRows = () => (reader.prepare('SELECT count(*) AS n FROM updates').get() as { n: number }).n;
    const rowsSeenAtSend: number[] = [];
    const { ws, state } = wire(() => rowsSeenAtSend.push(committedRows()));
    const receiver = new GuardedSocket(ws as never, 'w', '127.0.0.1', { log: createLogger(() => {}), counters, maxBufferedBytes: 1e9, batch });
    workspace.doc.conns.set(receiver, new Set());
    workspace.sockets.add(receiver);
    // The sender applies its updates itself (the utilities' message handling is not under test).
    const sender: BatchedSocket = {
      workspace: 'w',
      dispatch: (data) => Y.applyUpdate(workspace.doc, new Uint8Array(data)),
      releaseHeld: () => {}
    };
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 3; i++) source.getMap('invoices').set(`F-${i}`, i);
    const frames = updates.map((u) => u.slice().buffer);
    return { store, batch, workspaces, workspace, reader, receiver, sender, frames, state, rowsSeenAtSend };
  }

  it('stores the updates of one turn in one transaction and relays none before it committed', async () => {
    const { store, batch, workspaces, workspace, reader, receiver, sender, frames, state, rowsSeenAtSend } = setup();
    for (const frame of frames) batch.enqueue(sender, frame, 1);
    expect(state.sent).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(batch.commits).toBe(1);
    // Three broadcasts, each sent after all three rows were committed.
    expect(rowsSeenAtSend).toEqual([3, 3, 3]);
    expect(store.count('w')).toBe(3);
    reader.close();
    workspace.doc.conns.delete(receiver);
    workspaces.closeAll();
  });

  it('sends nothing of a batch that could not be stored and closes the workspace (1011)', async () => {
    const { store, batch, workspaces, workspace, reader, receiver, sender, frames, state } = setup();
    store.remove('w'); // the foreign key now refuses the inserts
    for (const frame of frames) batch.enqueue(sender, frame, 1);
    await new Promise((r) => setImmediate(r));
    expect(batch.commits).toBe(0);
    expect(state.sent).toBe(0);
    expect(state.closedWith).toBe(1011);
    expect(workspace.broken).toBe(true);
    reader.close();
    workspace.doc.conns.delete(receiver);
    workspaces.closeAll();
  });

  it('serves sockets in turn: a burst from one socket does not hold back another', async () => {
    const order: string[] = [];
    const batch = new CommitBatch((work) => work(), () => {}, 4, 2);
    const socket = (name: string): BatchedSocket => ({ workspace: name, dispatch: () => order.push(name), releaseHeld: () => {} });
    const flooder = socket('flood');
    const honest = socket('honest');
    for (let i = 0; i < 10; i++) batch.enqueue(flooder, new ArrayBuffer(1), 1);
    batch.enqueue(honest, new ArrayBuffer(1), 1);
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['flood', 'flood', 'honest']);
    await new Promise((r) => setTimeout(r, 20));
    expect(order.filter((n) => n === 'flood')).toHaveLength(10);
  });
});
