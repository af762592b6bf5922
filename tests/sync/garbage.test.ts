// Garbage on an authenticated socket closes that socket only: the relay stays healthy and the
// other clients of the same workspace keep syncing.
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { closed, connectClient, http, randomId, randomKey, rawSocket, removeDir, startTestRelay, waitFor, type Client, type TestRelay } from './helpers.js';

let r: TestRelay;
let a: Client;
let b: Client;
const id = randomId();
const key = randomKey();
let round = 0;

beforeAll(async () => {
  r = await startTestRelay();
  a = connectClient(r.syncUrl, id, key);
  b = connectClient(r.syncUrl, id, key);
  await Promise.all([a.synced, b.synced]);
});

afterAll(async () => {
  a.destroy();
  b.destroy();
  await r.stop();
  removeDir(r.dataDir);
});

/** Sends `frames` on a fresh authenticated socket; resolves with the close code the relay chose. */
async function sendGarbage(...frames: Array<{ data: Buffer | Uint8Array | string; binary?: boolean }>): Promise<number> {
  const outcome = await rawSocket(`${r.syncUrl}/${id}?token=${key}`);
  if (outcome.kind !== 'open') throw new Error(`refused with ${outcome.status}`);
  const ws: WebSocket = outcome.ws;
  const done = closed(ws);
  for (const frame of frames) ws.send(frame.data, { binary: frame.binary ?? typeof frame.data !== 'string' });
  return done;
}

/** The relay is healthy and A's next edit reaches B. */
async function stillSyncing(): Promise<void> {
  const health = await http(r.relay.url, '/healthz');
  expect(health.status).toBe(200);
  const mark = `after-garbage-${++round}`;
  a.doc.getMap('marks').set(mark, true);
  await waitFor(() => b.doc.getMap('marks').get(mark) === true, 5000, `B to receive ${mark}`);
  expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
  await waitFor(() => r.relay.gauges().connections === 2, 3000, 'only A and B to remain');
}

function seededBytes(seed: number, length: number): Uint8Array {
  let s = seed;
  return Uint8Array.from({ length }, () => (s = (s * 1103515245 + 12345) & 0x7fffffff) >> 16 & 0xff);
}

function updateMessage(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('invoices').set('F-1', { lines: 'x'.repeat(200) });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(encoder);
}

describe('garbage frames', () => {
  it('closes a socket sending random bytes', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const code = await sendGarbage({ data: seededBytes(seed, 64 + seed * 100) });
      expect([1003, 1007]).toContain(code);
    }
    await stillSyncing();
  });

  it('closes a socket sending a text frame (1003) or invalid UTF-8 text (1007)', async () => {
    expect(await sendGarbage({ data: 'hello relay' })).toBe(1003);
    expect(await sendGarbage({ data: Buffer.from([0xff, 0xfe, 0xfd]), binary: false })).toBe(1007);
    await stillSyncing();
  });

  it('closes a socket sending truncated sync messages (1007)', async () => {
    const full = updateMessage();
    for (const cut of [1, 2, 5, Math.floor(full.length / 2), full.length - 1]) {
      expect(await sendGarbage({ data: full.subarray(0, cut) })).toBe(1007);
    }
    expect(await sendGarbage({ data: new Uint8Array([0, 0, 50, 1]) })).toBe(1007); // step 1 with a short state vector
    expect(b.doc.getMap('invoices').has('F-1')).toBe(false);
    await stillSyncing();
  });

  it('closes a socket sending an unknown message type (1003)', async () => {
    expect(await sendGarbage({ data: new Uint8Array([3]) })).toBe(1003); // query-awareness: server → client only
    expect(await sendGarbage({ data: new Uint8Array([42, 0, 0]) })).toBe(1003);
    expect(await sendGarbage({ data: new Uint8Array([0, 7, 0]) })).toBe(1003);
    await stillSyncing();
  });

  it('closes a socket sending a 20 MiB frame (1009) without crashing the process', async () => {
    const before = r.relay.counters.framesRejected;
    const code = await sendGarbage({ data: Buffer.alloc(20 * 1024 * 1024, 7) });
    expect([1009, 1006]).toContain(code); // 1006 when the reset beats the close frame
    await waitFor(() => r.relay.counters.framesRejected === before + 1, 2000, 'the rejection to be counted');
    expect(r.logs.some((l) => l.msg === 'frame rejected' && /WS_ERR_UNSUPPORTED_MESSAGE_LENGTH/.test(l.error ?? ''))).toBe(true);
    await stillSyncing();
  });

  it('accepts a valid frame after garbage on another socket, and logs one JSON line per problem', async () => {
    const outcome = await rawSocket(`${r.syncUrl}/${id}?token=${key}`);
    if (outcome.kind !== 'open') throw new Error('refused');
    outcome.ws.send(updateMessage());
    await waitFor(() => b.doc.getMap('invoices').has('F-1'), 5000, 'the raw update to reach B');
    outcome.ws.close();
    await closed(outcome.ws);
    const problems = r.logs.filter((l) => l.level !== 'info');
    expect(problems.length).toBeGreaterThan(10);
    for (const line of problems) {
      expect(line).toMatchObject({ msg: expect.any(String), workspace: id, remote: '127.0.0.1' });
      expect(JSON.stringify(line)).not.toContain('\\n');
    }
    expect(r.relay.counters.errors).toBe(problems.length);
    await stillSyncing();
  });
});
