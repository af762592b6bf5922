// Relay benchmark: `node bench/relay.js` prints ONE JSON object on stdout (progress on stderr);
// `benchRelay()` returns the same object (bench/run.js wires it in). Needs the compiled relay
// (`npx tsc -p sync-server`, part of `npm run build`). Exit 0 even when a budget is missed.
//
// Three processes, so that nobody's event loop or memory is counted for someone else:
//   this one      the relay under test (sync-server/dist, loopback, temporary DATA_DIR): its RSS,
//                 heap and CPU are measured here;
//   --clients     every y-websocket client (writers and readers of a workspace share one clock);
//   --plain       the baseline: a bare @y/websocket-server (setupWSConnection on a ws server,
//                 no persistence, no checks, no limits).
//
//   fan-out      100 workspaces × 5 clients (1 writer, 4 readers); each writer puts
//                performance.now() in a small Yjs update every BENCH_RELAY_INTERVAL_MS (100 ms:
//                1 000 updates/s in, 5 000 messages/s out); latency = receive − timestamp at
//                each reader, after a 2 s warm-up (and one unrecorded segment per server
//                before the first). Relay and baseline are measured in
//                alternating segments (BENCH_RELAY_ROUNDS × BENCH_RELAY_SEGMENT_MS each), so
//                that a noisy neighbour on the machine hits both alike; samples are pooled.
//   idle memory  N workspaces with a small realistic content (20 clients, 30 invoices, one
//                Y.Map per record) loaded and idle (no connection): (heap + external after GC
//                − before) / N. GC is reached without --expose-gc (v8.setFlagsFromString + vm),
//                so plain `node bench/relay.js` works.
//   catch-up     a device returns with 1 000 offline changes to a workspace that received
//                1 000 changes meanwhile: time from connecting until both sides hold all 2 000.
//   large frame  (first, on a fresh relay) twice: a 7 MiB frame of 600 000 map keys (refused by
//                the frame cap) and a < 2 MiB frame of 150 000 keys (refused by the struct cap);
//                the relay's peak RSS meanwhile (budget 256 MiB) and /healthz response times.
//   flood        10 sockets of one workspace write 5 000 tiny updates each as fast as they can
//                while an honest writer/reader pair of another workspace measures its edit
//                round trip (budget: p95 ≤ 50 ms); counts how often the honest pair was dropped.
//
// Environment: BENCH_RELAY_ROUNDS (3), BENCH_RELAY_SEGMENT_MS (5000), BENCH_RELAY_INTERVAL_MS
// (100), BENCH_RELAY_WORKSPACES (100), BENCH_RELAY_IDLE (200), BENCH_RELAY_CATCHUP_RUNS (5).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

const here = fileURLToPath(import.meta.url);
const env = process.env;
const ROUNDS = Number(env.BENCH_RELAY_ROUNDS ?? 3);
const SEGMENT_MS = Number(env.BENCH_RELAY_SEGMENT_MS ?? 5_000);
const INTERVAL_MS = Number(env.BENCH_RELAY_INTERVAL_MS ?? 100);
const WORKSPACES = Number(env.BENCH_RELAY_WORKSPACES ?? 100);
const PER_WORKSPACE = 5;
const IDLE_COUNT = Number(env.BENCH_RELAY_IDLE ?? 200);
const CATCHUP_RUNS = Number(env.BENCH_RELAY_CATCHUP_RUNS ?? 5);
const CATCHUP_CHANGES = 1000;
const WARMUP_MS = 2000;
const BUDGET = { fanoutP95Ms: 5, idleWorkspaceMB: 2, catchUpMs: 1000, largeFramePeakRssMB: 256, floodHonestP95Ms: 50 };

const t0 = Date.now();
const log = (...args) => console.error(`[bench:relay ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...args);
const MB = (bytes) => Math.round((bytes / 1048576) * 100) / 100;
const round = (x, digits = 2) => (x == null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Nearest-rank percentiles of an array of numbers. */
function summarise(samples) {
  const s = Float64Array.from(samples).sort();
  const at = (p) => (s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null);
  return { count: s.length, p50: round(at(50), 3), p95: round(at(95), 3), p99: round(at(99), 3), max: round(at(100), 3) };
}

export async function waitUntil(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

// ------------------------------------------------------------------------------------------------
// Client side (child process)
// ------------------------------------------------------------------------------------------------

async function clientProcess() {
  const { default: WebSocket } = await import('ws');
  const { WebsocketProvider } = await import('y-websocket');
  const Y = await import('yjs');
  process.setMaxListeners(0); // one 'exit' listener per provider
  const { randomBytes } = await import('node:crypto');
  const encoding = await import('lib0/encoding');
  const randomKey = () => randomBytes(32).toString('hex');

  /** A v1 update setting `count` keys of root map 'm', written byte by byte (no Y.Doc). */
  const mapKeysUpdate = (count, client = 424242, clock = 0, prefix = 'k') => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, count);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    for (let i = 0; i < count; i++) {
      encoding.writeUint8(e, 8 | 0x20); // ContentAny under a map key
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, 'm');
      encoding.writeVarString(e, prefix + i.toString(36));
      encoding.writeVarUint(e, 1);
      encoding.writeAny(e, i & 0xff);
    }
    encoding.writeVarUint(e, 0);
    return encoding.toUint8Array(e);
  };
  const updateMessage = (update) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
    return encoding.toUint8Array(e);
  };
  const openRaw = (url) =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.on('open', () => resolve(ws));
      ws.on('error', reject);
    });
  const healthMs = async (httpUrl) => {
    const started = performance.now();
    const res = await fetch(`${httpUrl}/healthz`);
    await res.text();
    return { ms: performance.now() - started, status: res.status };
  };

  const connect = (syncUrl, id, key, doc = new Y.Doc()) => {
    const provider = new WebsocketProvider(syncUrl, id, doc, {
      WebSocketPolyfill: WebSocket,
      params: { token: key },
      disableBc: true
    });
    const synced = new Promise((resolve) => {
      const check = (state) => state && resolve();
      provider.on('sync', check);
    });
    return { doc, provider, synced, destroy: () => (provider.destroy(), doc.destroy()) };
  };

  /** A small workspace shaped like Relance's: one Y.Map per record, primitive fields. */
  const fillWorkspace = (doc) =>
    doc.transact(() => {
      const clients = doc.getMap('clients');
      const invoices = doc.getMap('invoices');
      for (let c = 0; c < 20; c++) {
        const client = new Y.Map();
        clients.set(`client-${c}`, client);
        for (const [k, v] of Object.entries({ name: `Client ${c} SARL`, siren: '732829320', email: `compta${c}@example.fr`, phone: '+33 1 23 45 67 89', city: 'Lyon', terms: 30, category: 'bon payeur' })) client.set(k, v);
      }
      for (let i = 0; i < 30; i++) {
        const invoice = new Y.Map();
        invoices.set(`invoice-${i}`, invoice);
        for (const [k, v] of Object.entries({ number: `F-2026-A-${String(i).padStart(4, '0')}`, client: `client-${i % 20}`, status: 'issued', issued: '2026-03-01', due: '2026-03-31', totalHt: 125000 + i, totalTtc: 150000 + i, lines: JSON.stringify([{ label: 'Prestation de conseil', qty: 1, unit: 125000, vat: 2000 }, { label: 'Déplacement', qty: 2, unit: 4500, vat: 2000 }]) })) invoice.set(k, v);
      }
    });

  const handlers = {
    async largeFrames({ syncUrl, httpUrl, rounds }) {
      const big = updateMessage(mapKeysUpdate(600_000));
      const dense = updateMessage(mapKeysUpdate(150_000));
      const health = [];
      const closes = [];
      for (let r = 0; r < rounds; r++) {
        for (const frame of [big, dense]) {
          const ws = await openRaw(`${syncUrl}/attack-${r}?token=${'a'.repeat(64)}`);
          const closedWith = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
          ws.on('error', () => {});
          ws.send(frame);
          health.push(await healthMs(httpUrl));
          closes.push(await closedWith);
        }
      }
      health.push(await healthMs(httpUrl));
      return { frameBytes: [big.byteLength, dense.byteLength], closes, healthMs: health.map((h) => round(h.ms, 1)), healthStatuses: [...new Set(health.map((h) => h.status))] };
    },

    async flood({ syncUrl, sockets, updatesPerSocket, edits, editIntervalMs }) {
      const floodKey = randomKey();
      const flooders = await Promise.all(Array.from({ length: sockets }, () => openRaw(`${syncUrl}/flood?token=${floodKey}`)));
      const key = randomKey();
      const writer = connect(syncUrl, 'honest', key);
      const reader = connect(syncUrl, 'honest', key);
      await Promise.all([writer.synced, reader.synced]);
      let drops = 0;
      let measuring = true; // destroy() below closes them too: not a drop
      for (const c of [writer, reader]) c.provider.on('connection-close', () => measuring && drops++);
      flooders.forEach((ws, s) => {
        ws.on('error', () => {});
        ws.pause(); // an attacker need not read what it is sent
        for (let i = 0; i < updatesPerSocket; i++) ws.send(updateMessage(mapKeysUpdate(1, 1000 + s, i, `s${s}-`)));
      });
      const samples = [];
      const map = reader.doc.getMap('clock');
      for (let i = 0; i < edits; i++) {
        const started = performance.now();
        writer.doc.getMap('clock').set('t', i);
        await waitUntil(() => map.get('t') === i, 10_000, `honest edit ${i}`);
        samples.push(performance.now() - started);
        await sleep(editIntervalMs);
      }
      measuring = false;
      for (const ws of flooders) ws.terminate();
      writer.destroy();
      reader.destroy();
      return { samples, drops };
    },

    async populate({ syncUrl, count, prefix }) {
      let updateBytes = 0;
      for (let start = 0; start < count; start += 50) {
        const batch = [];
        for (let w = start; w < Math.min(count, start + 50); w++) batch.push(connect(syncUrl, `${prefix}-${w}`, randomKey()));
        await Promise.all(batch.map((c) => c.synced));
        for (const c of batch) {
          fillWorkspace(c.doc);
          updateBytes = Y.encodeStateAsUpdate(c.doc).byteLength;
        }
        await waitUntil(() => batch.every((c) => c.provider.ws && c.provider.ws.bufferedAmount === 0), 10_000, 'writes to flush');
        await sleep(100);
        for (const c of batch) c.destroy();
      }
      return { updateBytes };
    },

    async fanout({ syncUrl, workspaces, perWorkspace, durationMs, intervalMs, warmupMs, prefix }) {
      const groups = [];
      for (let w = 0; w < workspaces; w++) {
        const key = randomKey();
        groups.push(Array.from({ length: perWorkspace }, () => connect(syncUrl, `${prefix}-${w}`, key)));
        if (w % 20 === 19) await Promise.all(groups.flat().map((c) => c.synced));
      }
      await Promise.all(groups.flat().map((c) => c.synced));
      const samples = [];
      let recording = false;
      for (const [, ...readers] of groups) {
        for (const reader of readers) {
          const map = reader.doc.getMap('clock');
          map.observe((event) => {
            if (!recording || !event.keysChanged.has('t')) return;
            samples.push(performance.now() - map.get('t'));
          });
        }
      }
      const lag = monitorEventLoopDelay({ resolution: 5 });
      let sent = 0;
      const timers = groups.map(([writer]) => {
        const map = writer.doc.getMap('clock');
        const start = setTimeout(() => {
          timers.push(setInterval(() => {
            map.set('t', performance.now());
            if (recording) sent++;
          }, intervalMs));
        }, Math.random() * intervalMs);
        return start;
      });
      await sleep(warmupMs);
      recording = true;
      lag.enable();
      await sleep(durationMs);
      recording = false;
      lag.disable();
      for (const t of timers) clearTimeout(t), clearInterval(t);
      await sleep(200);
      for (const c of groups.flat()) c.destroy();
      return {
        samples,
        updatesSent: sent,
        expectedSamples: sent * (perWorkspace - 1),
        clientEventLoopDelayP99Ms: round(lag.percentile(99) / 1e6, 2)
      };
    },

    async catchup({ syncUrl, runs, changes, prefix }) {
      const times = [];
      for (let run = 0; run < runs; run++) {
        const id = `${prefix}-${run}`;
        const key = randomKey();
        const online = connect(syncUrl, id, key);
        await online.synced;
        const onlineMap = online.doc.getMap('records');
        for (let i = 0; i < changes; i++) onlineMap.set(`online-${i}`, { amount: i, note: 'paiement reçu' });
        await waitUntil(() => online.provider.ws.bufferedAmount === 0, 10_000, 'online writes to flush');
        await sleep(200);
        const offlineDoc = new Y.Doc();
        const offlineMap = offlineDoc.getMap('records');
        for (let i = 0; i < changes; i++) offlineMap.set(`offline-${i}`, { amount: i, note: 'relance envoyée' });
        const started = performance.now();
        const returning = connect(syncUrl, id, key, offlineDoc);
        await waitUntil(
          () => offlineMap.size === 2 * changes && onlineMap.size === 2 * changes,
          30_000,
          'both devices to hold every change'
        );
        times.push(performance.now() - started);
        returning.destroy();
        online.destroy();
      }
      return { times };
    }
  };

  serve(handlers);
}

/** Answers the parent's { id, cmd, args } messages with handlers[cmd](args). */
export function serve(handlers) {
  process.on('message', async ({ id, cmd, args }) => {
    try {
      process.send({ id, ok: true, result: await handlers[cmd](args) });
    } catch (error) {
      process.send({ id, ok: false, error: String(error?.stack ?? error) });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

/** Peak RSS and CPU share of this process between begin() and end(). */
export function usageMeter() {
  let peakRss = 0;
  let sampler = null;
  let cpu = null;
  let started = 0;
  return {
    begin() {
      peakRss = process.memoryUsage().rss;
      sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
      cpu = process.cpuUsage();
      started = performance.now();
    },
    end() {
      clearInterval(sampler);
      const used = process.cpuUsage(cpu);
      const wall = performance.now() - started;
      return { peakRssMB: MB(peakRss), cpuPercent: round(((used.user + used.system) / 1000 / wall) * 100, 1) };
    }
  };
}

// ------------------------------------------------------------------------------------------------
// Baseline server (child process): a bare @y/websocket-server
// ------------------------------------------------------------------------------------------------

async function plainProcess() {
  const utils = await import('@y/websocket-server/utils');
  const { WebSocketServer } = await import('ws');
  utils.setPersistence(null);
  const server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const docName = new URL(req.url ?? '/', 'http://x').pathname.slice('/sync/'.length);
    wss.handleUpgrade(req, socket, head, (ws) => utils.setupWSConnection(ws, req, { docName }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const meter = usageMeter();
  serve({
    address: () => ({ syncUrl: `ws://127.0.0.1:${server.address().port}/sync` }),
    begin: () => meter.begin(),
    end: () => meter.end(),
    idleRss: () => ({ rssMB: MB(process.memoryUsage().rss) })
  });
}

// ------------------------------------------------------------------------------------------------
// Relay side (this process)
// ------------------------------------------------------------------------------------------------

/** Forks `file` (this one by default) in `role`; run(cmd, args) resolves with the child's answer. */
export function forkRole(role, file = here) {
  // The child's stdout goes to our stderr: stdout carries only the final JSON.
  const child = fork(file, [role], { stdio: ['ignore', 2, 2, 'ipc'] });
  let next = 0;
  const pending = new Map();
  child.on('message', ({ id, ok, result, error }) => {
    const p = pending.get(id);
    pending.delete(id);
    if (ok) p.resolve(result);
    else p.reject(new Error(`${role} process: ${error}`));
  });
  child.on('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`${role} process exited with ${code}`));
  });
  return {
    run: (cmd, args) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        child.send({ id, cmd, args });
      }),
    stop: () => child.connected && child.disconnect()
  };
}

function exposeGc() {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc');
}

async function settledMemory(gc) {
  for (let i = 0; i < 4; i++) {
    gc();
    await sleep(50);
  }
  return process.memoryUsage();
}

export async function benchRelay() {
  const distServer = pathToFileURL(join(here, '..', '..', 'sync-server', 'dist', 'server.js')).href;
  const { startRelay, optionsFromEnv } = await import(distServer).catch((error) => {
    throw new Error(`sync-server/dist is missing: run \`npx tsc -p sync-server\` (${error.message})`);
  });
  const gc = exposeGc();
  const dataDir = mkdtempSync(join(tmpdir(), 'relance-bench-relay-'));
  const problems = [];
  const base = optionsFromEnv({});
  const relay = await startRelay({
    ...base,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    appDir: join(dataDir, 'no-app'),
    idleUnloadMs: 3_600_000, // keep idle workspaces loaded for the memory measure
    registrationsPerHour: 1_000_000, // every bench workspace comes from 127.0.0.1
    limits: { ...base.limits, maxConnectionsPerAddress: 10_000 },
    log: (line) => line.level !== 'info' && problems.push(line)
  });
  const syncUrl = relay.url.replace(/^http/, 'ws') + '/sync';
  const clients = forkRole('--clients');
  const plain = forkRole('--plain');
  const loadBefore = loadavg()[0];
  try {
    log(`relay at ${relay.url}, data in ${dataDir}; load average ${loadBefore.toFixed(2)}`);

    // --- attacks, on the fresh relay ---
    const attackMeter = usageMeter();
    await settledMemory(gc);
    const rssBeforeAttackMB = MB(process.memoryUsage().rss);
    attackMeter.begin();
    const frames = await clients.run('largeFrames', { syncUrl, httpUrl: relay.url, rounds: 2 });
    const attackUsage = attackMeter.end();
    const largeFrame = { ...frames, rssBeforeMB: rssBeforeAttackMB, peakRssMB: attackUsage.peakRssMB, structCapRefused: relay.counters.structCapRefused };
    log('large frame', largeFrame);
    const rateLimitedBefore = relay.counters.rateLimited;
    const flooded = await clients.run('flood', { syncUrl, sockets: 10, updatesPerSocket: 5_000, edits: 100, editIntervalMs: 20 });
    const flood = {
      floodSockets: 10,
      floodUpdates: 50_000,
      honestLatencyMs: summarise(flooded.samples),
      honestDrops: flooded.drops,
      rateLimitedPauses: relay.counters.rateLimited - rateLimitedBefore,
      commitBatches: relay.counters.commitBatches
    };
    log('flood', flood);

    // --- idle loaded workspaces ---
    await waitUntil(() => relay.gauges().connections === 0, 30_000, 'attack sockets to close');
    const before = await settledMemory(gc);
    const persistedBefore = relay.counters.updatesPersisted;
    const loadedBefore = relay.gauges().workspacesLoaded;
    const populated = await clients.run('populate', { syncUrl, count: IDLE_COUNT, prefix: 'idle' });
    await waitUntil(() => relay.gauges().connections === 0 && relay.counters.updatesPersisted >= persistedBefore + IDLE_COUNT, 30_000, 'idle workspaces to settle');
    const after = await settledMemory(gc);
    const loaded = relay.gauges().workspacesLoaded - loadedBefore;
    const idleWorkspace = {
      workspaces: loaded,
      contentUpdateBytes: populated.updateBytes,
      heapPerWorkspaceKB: round((after.heapUsed + after.external - before.heapUsed - before.external) / loaded / 1024, 1),
      rssPerWorkspaceKB: round((after.rss - before.rss) / loaded / 1024, 1)
    };
    log('idle workspace', idleWorkspace);

    // --- fan-out, relay and baseline in alternating segments ---
    const { syncUrl: plainUrl } = await plain.run('address');
    const meter = usageMeter();
    const targets = {
      relay: { syncUrl, samples: [], segments: [], begin: () => meter.begin(), end: async () => meter.end() },
      plain: { syncUrl: plainUrl, samples: [], segments: [], begin: () => plain.run('begin'), end: () => plain.run('end') }
    };
    const relayRssBeforeMB = MB(process.memoryUsage().rss);
    const plainRssBeforeMB = (await plain.run('idleRss')).rssMB;
    let segment = 0;
    // One unrecorded segment each first: JIT, first registrations and SQLite pages are a
    // start-up cost, not the steady state a relay serving for days is in.
    for (const name of ['relay', 'plain']) {
      log(`fan-out warm-up: ${name}`);
      await clients.run('fanout', { syncUrl: targets[name].syncUrl, prefix: `warmup-${name}`, workspaces: WORKSPACES, perWorkspace: PER_WORKSPACE, durationMs: 1000, intervalMs: INTERVAL_MS, warmupMs: WARMUP_MS });
    }
    for (let r = 0; r < ROUNDS; r++) {
      for (const name of r % 2 ? ['plain', 'relay'] : ['relay', 'plain']) {
        const target = targets[name];
        log(`fan-out round ${r + 1}/${ROUNDS}: ${name}, ${WORKSPACES} × ${PER_WORKSPACE} clients for ${SEGMENT_MS} ms`);
        await target.begin();
        const result = await clients.run('fanout', {
          syncUrl: target.syncUrl,
          prefix: `${name}-${segment++}`,
          workspaces: WORKSPACES,
          perWorkspace: PER_WORKSPACE,
          durationMs: SEGMENT_MS,
          intervalMs: INTERVAL_MS,
          warmupMs: WARMUP_MS
        });
        const usage = await target.end();
        for (const x of result.samples) target.samples.push(x);
        const { p50, p95, p99 } = summarise(result.samples);
        target.segments.push({ p50, p95, p99, samples: result.samples.length, expected: result.expectedSamples, clientLoopDelayP99Ms: result.clientEventLoopDelayP99Ms, ...usage, loadAverage: round(loadavg()[0], 2) });
        log(`  ${name}: p50 ${p50} p95 ${p95} p99 ${p99} ms`);
      }
    }
    const fanout = (name, rssBeforeMB) => {
      const t = targets[name];
      return {
        latencyMs: summarise(t.samples),
        peakRssMB: Math.max(...t.segments.map((x) => x.peakRssMB)),
        rssBeforeMB,
        cpuPercent: round(t.segments.reduce((sum, x) => sum + x.cpuPercent, 0) / t.segments.length, 1),
        segments: t.segments
      };
    };
    const relayFanout = fanout('relay', relayRssBeforeMB);
    const plainFanout = fanout('plain', plainRssBeforeMB);

    // --- catch-up ---
    log(`catch-up: ${CATCHUP_RUNS} runs of ${CATCHUP_CHANGES} offline changes`);
    const { times } = await clients.run('catchup', { syncUrl, runs: CATCHUP_RUNS, changes: CATCHUP_CHANGES, prefix: 'catchup' });
    const catchUp = { offlineChanges: CATCHUP_CHANGES, missedChanges: CATCHUP_CHANGES, runs: times.length, medianMs: round(summarise(times).p50, 1), maxMs: round(Math.max(...times), 1) };
    log('catch-up', catchUp);

    const ratio = (k) => round(relayFanout.latencyMs[k] / plainFanout.latencyMs[k], 2);
    const p95 = relayFanout.latencyMs.p95;
    const idleMB = idleWorkspace.heapPerWorkspaceKB / 1024;
    return {
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGB: round(totalmem() / 2 ** 30, 1), node: process.version, loadAverageAtStart: round(loadBefore, 2), loadAverageAtEnd: round(loadavg()[0], 2) },
      load: { workspaces: WORKSPACES, clientsPerWorkspace: PER_WORKSPACE, clients: WORKSPACES * PER_WORKSPACE, writerIntervalMs: INTERVAL_MS, updatesPerSecond: round((WORKSPACES * 1000) / INTERVAL_MS, 0), rounds: ROUNDS, segmentMs: SEGMENT_MS },
      relay: relayFanout,
      plain: plainFanout,
      ratio: { p50: ratio('p50'), p95: ratio('p95'), p99: ratio('p99') },
      idleWorkspace,
      catchUp,
      largeFrame,
      flood,
      relayCounters: { ...relay.counters, workspacesLoaded: relay.gauges().workspacesLoaded, checkpoints: relay.store.checkpoints },
      relayProblems: problems.length,
      budgets: {
        fanoutP95Ms: { budget: BUDGET.fanoutP95Ms, value: p95, ok: p95 <= BUDGET.fanoutP95Ms },
        idleWorkspaceMB: { budget: BUDGET.idleWorkspaceMB, value: round(idleMB, 3), ok: idleMB <= BUDGET.idleWorkspaceMB },
        catchUpMs: { budget: BUDGET.catchUpMs, value: catchUp.maxMs, ok: catchUp.maxMs <= BUDGET.catchUpMs },
        largeFramePeakRssMB: { budget: BUDGET.largeFramePeakRssMB, value: largeFrame.peakRssMB, ok: largeFrame.peakRssMB <= BUDGET.largeFramePeakRssMB },
        floodHonestP95Ms: { budget: BUDGET.floodHonestP95Ms, value: flood.honestLatencyMs.p95, ok: flood.honestLatencyMs.p95 <= BUDGET.floodHonestP95Ms && flood.honestDrops === 0 }
      }
    };
  } finally {
    clients.stop();
    plain.stop();
    await relay.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--clients')) {
  await clientProcess();
} else if (process.argv.includes('--plain')) {
  await plainProcess();
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(JSON.stringify(await benchRelay(), null, 2));
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}
