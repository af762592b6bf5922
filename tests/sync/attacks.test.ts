// The relay under the attacks of issue 14, with real WebSocket clients against a real relay: each
// attack is refused or absorbed, and the relay keeps answering everyone else.
import { statSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { DATABASE_FILE, JOURNAL_SIZE_LIMIT } from '../../sync-server/persistence.js';
import {
  closed,
  connectClient,
  http,
  metric,
  randomId,
  randomKey,
  rawSocket,
  removeDir,
  sleep,
  startTestRelay,
  waitFor,
  type Client,
  type TestRelay,
  type TestRelayOptions
} from './helpers.js';

const relays: TestRelay[] = [];
const clients: Client[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const c of clients.splice(0)) c.destroy();
  for (const r of relays.splice(0)) {
    await r.stop();
    removeDir(r.dataDir);
    removeDir(join(r.appDir, '..'));
  }
});

async function relay(overrides: TestRelayOptions = {}): Promise<TestRelay> {
  const r = await startTestRelay(overrides);
  relays.push(r);
  return r;
}

function client(r: TestRelay, id: string, key: string): Client {
  const c = connectClient(r.syncUrl, id, key);
  clients.push(c);
  return c;
}

async function openSocket(r: TestRelay, id: string, key: string): Promise<WebSocket> {
  const outcome = await rawSocket(`${r.syncUrl}/${id}?token=${key}`);
  if (outcome.kind !== 'open') throw new Error(`refused: ${outcome.status} ${outcome.body}`);
  sockets.push(outcome.ws);
  outcome.ws.on('error', () => {});
  return outcome.ws;
}

/**
 * A v1 update setting `count` keys of the root map 'm', written byte by byte (building it with
 * a Y.Doc would cost this test process what the attack costs the relay). Keys are `prefix` + i.
 */
function mapKeysUpdate(count: number, client = 424242, clock = 0, prefix = 'k'): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, count); // structs
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  for (let i = 0; i < count; i++) {
    encoding.writeUint8(e, 8 | 0x20); // ContentAny, with a parent map key
    encoding.writeVarUint(e, 1); // parent is a root type…
    encoding.writeVarString(e, 'm'); // …named 'm'
    encoding.writeVarString(e, prefix + i.toString(36));
    encoding.writeVarUint(e, 1); // one value
    encoding.writeAny(e, i & 0xff);
  }
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

/** The y-websocket message carrying `update` (sync, type 2). */
function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** Milliseconds until /healthz answers (and its status). */
async function healthTime(r: TestRelay): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const { status } = await http(r.relay.url, '/healthz');
  return { ms: performance.now() - started, status };
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1];

describe('one client cannot stall or kill the relay', () => {
  it('refuses the 600 000-key frame and a struct-heavy frame under the byte cap; /healthz answers throughout; memory stays bounded', { timeout: 30_000 }, async () => {
    const r = await relay();
    const id = randomId();
    const key = randomKey();
    const big = updateMessage(mapKeysUpdate(600_000));
    expect(big.byteLength).toBeGreaterThan(5 * 1024 * 1024);
    // 150 000 keys in < 2 MiB: under the byte cap, over the struct cap.
    const dense = updateMessage(mapKeysUpdate(150_000));
    expect(dense.byteLength).toBeLessThan(2 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
    try {
      for (let round = 0; round < 2; round++) {
        const a = await openSocket(r, id, key);
        const aClosed = closed(a);
        a.send(big);
        const during = await healthTime(r);
        expect([1009, 1006]).toContain(await aClosed); // 1006 when the reset beats the close frame
        expect(during.status).toBe(200);
        // The stock relay froze 12–31 s here; this process also masks and sends the 8 MB frame.
        expect(during.ms).toBeLessThan(1_000);

        const b = await openSocket(r, id, key);
        const bClosed = new Promise<{ code: number; reason: string }>((done) => b.on('close', (code, reason) => done({ code, reason: reason.toString() })));
        b.send(dense);
        const bDuring = await healthTime(r);
        expect(await bClosed).toEqual({ code: 1009, reason: 'too many changes in one message' });
        expect(bDuring.ms).toBeLessThan(1_000);
      }
      const after = await healthTime(r);
      expect(after).toMatchObject({ status: 200 });
      expect(after.ms).toBeLessThan(500);
    } finally {
      clearInterval(sampler);
    }
    // The frames themselves are ~20 MiB in this process; what must not appear is the hundreds
    // of MiB of decoded structs.
    expect((rssPeak - rssBefore) / 1048576).toBeLessThan(150);
    expect(r.relay.store.count(id)).toBe(0);
    expect(r.relay.counters.structCapRefused).toBe(2);
    const text = (await http(r.relay.url, '/metrics')).body;
    expect(metric(text, 'relance_struct_cap_refused_total')).toBe(2);
  });

  it('keeps an honest workspace under 50 ms p95 while 10 sockets flood another one, and never drops it', { timeout: 30_000 }, async () => {
    const r = await relay();
    const floodId = randomId('flood');
    const floodKey = randomKey();
    const flooders = await Promise.all(Array.from({ length: 10 }, () => openSocket(r, floodId, floodKey)));
    const id = randomId('honest');
    const key = randomKey();
    const writer = client(r, id, key);
    const reader = client(r, id, key);
    await Promise.all([writer.synced, reader.synced]);
    const drops: number[] = [];
    for (const c of [writer, reader]) c.provider.on('connection-close', (e) => drops.push(e?.code ?? 0));

    // 10 sockets flooding for the whole measure: 10 tiny updates each every 20 ms (≈ 5 000/s
    // offered, 16 × the workspace's budget), built beforehand and corked into one write per
    // socket, so that this process — which also hosts the relay — spends little on attacking.
    // The flooders do not read what they are sent (the relay still sends it): their parsing
    // would otherwise burn this shared process's CPU, which a remote attacker's would not.
    const frames = flooders.map((_, s) => Array.from({ length: 4_000 }, (_, i) => updateMessage(mapKeysUpdate(1, 1000 + s, i, `s${s}-`))));
    const clocks = flooders.map(() => 0);
    for (const ws of flooders) ws.pause();
    const floodStarted = performance.now();
    const flood = setInterval(() => {
      flooders.forEach((ws, s) => {
        const raw = (ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
        raw.cork();
        for (let i = 0; i < 10 && clocks[s] < frames[s].length; i++) ws.send(frames[s][clocks[s]++]);
        raw.uncork();
      });
    }, 20);
    await sleep(100);
    const latencies: number[] = [];
    const received = reader.doc.getMap('clock');
    for (let i = 0; i < 60; i++) {
      // Timed by an observer on the reader (polling would add up to its own interval).
      const arrived = new Promise<number>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`edit ${i} did not arrive`)), 2_000);
        const observe = () => {
          if (received.get('t') !== i) return;
          clearTimeout(timer);
          received.unobserve(observe);
          done(performance.now());
        };
        received.observe(observe);
      });
      const started = performance.now();
      writer.doc.getMap('clock').set('t', i);
      latencies.push((await arrived) - started);
      await sleep(15);
    }
    clearInterval(flood);
    expect(clocks.reduce((a, b) => a + b)).toBeGreaterThan(5_000);
    expect(percentile(latencies, 95)).toBeLessThan(50);
    expect(drops).toEqual([]);
    expect(writer.provider.wsconnected && reader.provider.wsconnected).toBe(true);
    // The flood was held back (paused sockets), not processed at wire speed.
    expect(r.relay.counters.rateLimited).toBeGreaterThan(0);
    // Stored at most the workspace's burst (4 s) plus its rate since the flood began, plus the
    // honest edits: the rest waits unread.
    const floodSeconds = (performance.now() - floodStarted) / 1000;
    expect(r.relay.counters.updatesPersisted).toBeLessThan(300 * 4 + 300 * floodSeconds + 100);
    expect(clocks.reduce((a, b) => a + b)).toBeGreaterThan(2 * (300 * 4 + 300 * floodSeconds));
    const text = (await http(r.relay.url, '/metrics')).body;
    expect(metric(text, 'relance_rate_limited_total')).toBeGreaterThan(0);
  });

  it('slows a large upload to the byte rate and never cuts it off; a flood of messages held back too long is closed 1008', { timeout: 30_000 }, async () => {
    // 64 KiB/s per socket (burst 256 KiB), held back more than 300 ms → closed if by messages.
    const r = await relay({ limits: { socketBytesPerSecond: 64 * 1024, throttledCloseMs: 300 } });
    const id = randomId('upload');
    const key = randomKey();
    const uploader = await openSocket(r, id, key);
    let uploaderClosed: number | null = null;
    uploader.on('close', (code) => (uploaderClosed = code));
    // A first upload in pieces, as the app sends one: 24 × 1 500 keys ≈ 24 × 15 KiB = 360 KiB,
    // beyond the burst by ≈ 100 KiB: held back ≈ 1.5 s in all, far longer than 300 ms.
    const pieces = Array.from({ length: 24 }, (_, p) => updateMessage(mapKeysUpdate(1_500, 777, p * 1_500, `p${p}-`)));
    const bytes = pieces.reduce((n, m) => n + m.byteLength, 0);
    expect(bytes).toBeGreaterThan(256 * 1024 + 64 * 1024);
    for (const m of pieces) uploader.send(m);
    const reader = client(r, id, key);
    await reader.synced;
    await waitFor(() => reader.doc.getMap('m').size === 24 * 1_500, 15_000, 'the whole upload to reach another device');
    expect(uploaderClosed).toBeNull();
    expect(r.relay.counters.rateLimited).toBeGreaterThan(0);

    // Tiny messages beyond the message rate (100/s, burst 2 000) for longer than 300 ms: a flood.
    const floodId = randomId('flood');
    const flooder = await openSocket(r, floodId, randomKey());
    const code = closed(flooder);
    for (let i = 0; i < 6_000; i++) flooder.send(updateMessage(mapKeysUpdate(1, 888, i, 'f')));
    expect(await code).toBe(1008);
  });

  it('keeps the WAL small after a flood of tiny updates: they are committed in batches', { timeout: 30_000 }, async () => {
    const r = await relay({ limits: { socketMessagesPerSecond: 1_000_000, workspaceMessagesPerSecond: 1_000_000 } });
    const id = randomId();
    const key = randomKey();
    const flooders = await Promise.all(Array.from({ length: 10 }, () => openSocket(r, id, key)));
    const per = 2_000;
    const walFile = join(r.dataDir, `${DATABASE_FILE}-wal`);
    const walSize = () => {
      try {
        return statSync(walFile).size;
      } catch {
        return 0;
      }
    };
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, walSize())), 20);
    flooders.forEach((ws, s) => {
      for (let i = 0; i < per; i++) ws.send(updateMessage(mapKeysUpdate(1, 1000 + s, i, `s${s}-`)));
    });
    try {
      await waitFor(() => r.relay.counters.updatesPersisted >= 10 * per, 20_000, 'the flood to be stored');
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, walSize());
    const batches = r.relay.counters.commitBatches;
    // 20 000 updates in far fewer transactions than updates.
    expect(batches).toBeLessThan((10 * per) / 10);
    // One commit per update grew the WAL to 254 MiB for 100 000 of them (measured, before).
    expect(peak / 1048576).toBeLessThan(32);
    // Once a checkpoint has copied it, the next write starts the WAL over and it is cut back to
    // journal_size_limit.
    const checkpoints = r.relay.store.checkpoints;
    await waitFor(() => r.relay.store.checkpoints >= checkpoints + 2, 5_000, 'two background checkpoints');
    flooders[0].send(updateMessage(mapKeysUpdate(1, 1000, per, 's0-')));
    await waitFor(() => r.relay.counters.updatesPersisted > 10 * per, 5_000, 'one more update');
    expect(walSize()).toBeLessThanOrEqual(JOURNAL_SIZE_LIMIT + 64 * 1024);
    console.info(`WAL after ${10 * per} tiny updates: peak ${(peak / 1048576).toFixed(2)} MiB in ${batches} transactions, then ${(walSize() / 1048576).toFixed(2)} MiB`);
  });
});

describe('one tenant cannot fill the disk', () => {
  it('refuses an update past the workspace quota with 4413, stores and relays nothing of it', { timeout: 15_000 }, async () => {
    const r = await relay({ limits: { workspaceMaxBytes: 20_000 } });
    const id = randomId();
    const key = randomKey();
    const a = client(r, id, key);
    const b = client(r, id, key);
    await Promise.all([a.synced, b.synced]);
    a.doc.getMap('notes').set('small', 'bonjour');
    await waitFor(() => b.doc.getMap('notes').get('small') === 'bonjour', 5_000, 'the small edit');
    const rows = r.relay.store.count(id);
    const bytes = r.relay.store.bytes(id);
    const closes: number[] = [];
    a.provider.on('connection-close', (e) => closes.push(e?.code ?? 0));
    a.doc.getMap('notes').set('big', 'x'.repeat(30_000));
    await waitFor(() => closes.length > 0, 5_000, 'the quota refusal');
    expect(closes[0]).toBe(4413);
    await sleep(200);
    expect(r.relay.store.count(id)).toBe(rows);
    expect(r.relay.store.bytes(id)).toBe(bytes);
    expect(b.doc.getMap('notes').has('big')).toBe(false);
    // y-websocket does not reconnect after a 4400-4499 close: no retry loop.
    await sleep(500);
    expect(closes).toEqual([4413]);
    expect(a.provider.wsconnected).toBe(false);
    expect(metric((await http(r.relay.url, '/metrics')).body, 'relance_quota_refused_total')).toBe(1);
  });

  it('refuses writes below the free-disk watermark (1013) and says so on /healthz (503), then recovers', { timeout: 15_000 }, async () => {
    let free = 10 * 1024 * 1024 * 1024;
    const r = await relay({ freeBytes: () => free, diskCheckMs: 0, limits: { minFreeBytes: 256 * 1024 * 1024 } });
    const id = randomId();
    const key = randomKey();
    const a = await openSocket(r, id, key);
    expect((await http(r.relay.url, '/healthz')).status).toBe(200);
    free = 100 * 1024 * 1024;
    const health = await http(r.relay.url, '/healthz');
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toEqual({ ok: false, error: 'disk almost full' });
    const aClosed = new Promise<{ code: number; reason: string }>((done) => a.on('close', (code, reason) => done({ code, reason: reason.toString() })));
    a.send(updateMessage(mapKeysUpdate(3)));
    expect(await aClosed).toEqual({ code: 1013, reason: 'relay disk almost full' });
    expect(r.relay.store.count(id)).toBe(0);
    const text = (await http(r.relay.url, '/metrics')).body;
    expect(metric(text, 'relance_disk_refused_total')).toBe(1);
    expect(metric(text, 'relance_disk_low')).toBe(1);
    free = 10 * 1024 * 1024 * 1024;
    expect((await http(r.relay.url, '/healthz')).status).toBe(200);
    const c = client(r, id, key);
    await c.synced;
    c.doc.getMap('m').set('ok', 1);
    await waitFor(() => r.relay.store.count(id) > 0, 5_000, 'the write to be stored');
  });
});

describe('connections and HTTP requests are bounded', () => {
  it('refuses an upgrade past the global connection cap with 503', async () => {
    const r = await relay({ limits: { maxConnections: 3 } });
    for (let i = 0; i < 3; i++) await openSocket(r, randomId(), randomKey());
    const refused = await rawSocket(`${r.syncUrl}/${randomId()}?token=${randomKey()}`);
    expect(refused).toMatchObject({ kind: 'refused', status: 503 });
    if (refused.kind === 'refused') expect(JSON.parse(refused.body).error).toMatch(/at most 3 connections in all/);
  });

  it('drops a request whose headers never finish within the header timeout', async () => {
    const r = await relay({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    const { port } = new URL(r.relay.url);
    const started = performance.now();
    const ended = await new Promise<number>((done, fail) => {
      const socket = tcpConnect(Number(port), '127.0.0.1', () => socket.write('GET /healthz HTTP/1.1\r\nHost: relay\r\n'));
      socket.on('data', () => {});
      socket.on('close', () => done(performance.now() - started));
      socket.on('error', fail);
      setTimeout(() => fail(new Error('still open after 5 s')), 5_000).unref();
    });
    expect(ended).toBeGreaterThanOrEqual(250);
    expect(ended).toBeLessThan(1_500);
  });
});

describe('the heartbeat does not punish clients for the relay’s own pauses', () => {
  it('keeps a client that answered while the relay’s event loop was stalled for longer than a ping interval', { timeout: 15_000 }, async () => {
    const r = await relay({ limits: { pingIntervalMs: 200 } });
    const ws = await openSocket(r, randomId(), randomKey());
    let stalls = 0;
    // ws answers the ping before emitting it: the pong is on the wire, then the (shared) event
    // loop stalls, so the relay reads it only after its heartbeat timer is long overdue.
    ws.on('ping', () => {
      if (stalls >= 3) return;
      stalls++;
      const until = performance.now() + 700;
      while (performance.now() < until);
    });
    const closedCode = closed(ws);
    await waitFor(() => stalls >= 3, 10_000, 'three stalls');
    await sleep(500);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    expect(r.relay.gauges().connections).toBe(1);
    ws.close();
    expect(await closedCode).toBe(1005);
  });
});

describe('CommitBatch through the relay', () => {
  it('applies and relays every update of a burst, in order, to another client', { timeout: 15_000 }, async () => {
    const r = await relay();
    const id = randomId();
    const key = randomKey();
    const a = client(r, id, key);
    const b = client(r, id, key);
    await Promise.all([a.synced, b.synced]);
    const list = a.doc.getArray<number>('list');
    for (let i = 0; i < 300; i++) list.push([i]);
    await waitFor(() => b.doc.getArray('list').length === 300, 5_000, 'the burst');
    expect(b.doc.getArray('list').toArray()).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(r.relay.counters.commitBatches).toBeLessThan(300);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates(r.relay.store.load(id)));
    expect(doc.getArray('list').length).toBe(300);
  });
});
