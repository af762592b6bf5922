// The Relance process, started by `npm start`: serves the built PWA and the sync relay on one port.
//
//   GET  /healthz, /metrics             health (SQLite answers and accepts a write), Prometheus text
//   /sync/<workspaceId>                 WebSocket (y-websocket protocol, token in the subprotocol
//                                       relance-token.<token> or ?token=) — auth and limits are
//                                       checked here, before the upgrade: a refusal is a plain
//                                       HTTP response and no socket is created
//   /sync/<workspaceId>/archive/<year>  WebSocket: the archive of a closed year (rooms.ts), same
//                                       key, limits and quota as its workspace; never registers
//   /sync/<workspaceId>/…               key check, rotation, envelopes (api.ts; plain HTTP only)
//   anything else                       the app (static.ts)
//
// See README.md for the contract and the environment variables.
import { setPersistence, setupWSConnection } from '@y/websocket-server/utils';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSyncApi, sendJson } from './api.js';
import { APP_PROTOCOL, authorize, authorizeArchive, upgradeToken } from './auth.js';
import { CommitBatch } from './batch.js';
import { AvailabilityClock, GuardedSocket, type Refusal, type Throttle } from './connection.js';
import { sealingPlan } from './members.js';
import { ConnectionCounter, DiskWatermark, freeBytesOn, limitsFromEnv, positiveIntegerFromEnv, remoteAddress, TokenBucket, type Limits } from './limits.js';
import { createLogger, writeJsonLine, type LogSink } from './log.js';
import { createCounters, METRICS_CONTENT_TYPE, renderMetrics, type Counters, type Gauges } from './metrics.js';
import { RelayStore, type Synchronous } from './persistence.js';
import { isLoopbackHost, RateWindow } from './registration.js';
import { roomOfPath, type Room } from './rooms.js';
import { serveStatic } from './static.js';
import { Workspaces } from './workspaces.js';

export interface RelayOptions {
  port: number;
  host: string;
  /** The built app (APP_DIR, default ./build). */
  appDir: string;
  /** Where relay.sqlite lives (DATA_DIR, default ./data). */
  dataDir: string;
  /**
   * Unknown workspaces are registered by their first connection (RELAY_OPEN_REGISTRATION: true
   * by default only on a loopback HOST without RELAY_TRUST_PROXY); otherwise only with a code.
   */
  openRegistration: boolean;
  /** Open registrations per client address and hour (RELAY_REGISTRATIONS_PER_HOUR, 20). */
  registrationsPerHour?: number;
  /** Wrong registration codes per client address and minute (RELAY_CODE_ATTEMPTS_PER_MINUTE, 10). */
  codeAttemptsPerMinute?: number;
  /** Extra `connect-src` sources of the app's Content-Security-Policy (RELAY_CSP_CONNECT_SRC). */
  cspConnectSrc?: string[];
  /** IDLE_UNLOAD_MS, 30 s. */
  idleUnloadMs: number;
  /** RELAY_COMPACT_ROWS, 500. */
  compactRows: number;
  /** RELAY_SYNCHRONOUS, NORMAL. */
  synchronous: Synchronous;
  /** Take the client address from X-Forwarded-For (RELAY_TRUST_PROXY, false). */
  trustProxy: boolean;
  limits: Limits;
  /** Where log lines go (default: JSON lines on stdout/stderr). */
  log?: LogSink;
  /** Free bytes on the data disk (default: statfs of dataDir); tests inject their own. */
  freeBytes?: () => number;
  /** How often the free space is asked for, ms (default 2 s). */
  diskCheckMs?: number;
}

export interface Relay {
  /** http://host:port */
  readonly url: string;
  readonly port: number;
  readonly store: RelayStore;
  readonly counters: Counters;
  readonly workspaces: Workspaces;
  gauges(): Gauges;
  /** Graceful stop: refuse new work, close sockets (1001), compact, close SQLite. */
  close(): Promise<void>;
}

/** Shutdown close code (RFC 6455 "going away"). */
export const CLOSE_GOING_AWAY = 1001;
/** WAL checkpoints run in a worker thread this often (see persistence.ts). */
const CHECKPOINT_INTERVAL_MS = 1_000;
/** How long sockets get to finish their close handshake on shutdown. */
const SHUTDOWN_GRACE_MS = 1_500;
/** Close code for an update refused because the data disk is almost full (RFC 6455 "try again later"). */
export const CLOSE_DISK_LOW = 1013;

const DEFAULT_REGISTRATIONS_PER_HOUR = 20;
const DEFAULT_CODE_ATTEMPTS_PER_MINUTE = 10;

function booleanFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): RelayOptions {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0-65535, got "${env.PORT}"`);
  const synchronous = (env.RELAY_SYNCHRONOUS ?? 'NORMAL').toUpperCase();
  if (synchronous !== 'NORMAL' && synchronous !== 'FULL') {
    throw new Error(`RELAY_SYNCHRONOUS must be NORMAL or FULL, got "${env.RELAY_SYNCHRONOUS}"`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    appDir: resolve(env.APP_DIR ?? 'build'),
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    // Open only where nobody else can reach the relay (`npm start` on one machine): not on a
    // public address, nor behind a proxy (RELAY_TRUST_PROXY), which exposes a loopback relay.
    openRegistration: booleanFromEnv(
      env,
      'RELAY_OPEN_REGISTRATION',
      isLoopbackHost(env.HOST ?? '127.0.0.1') && !booleanFromEnv(env, 'RELAY_TRUST_PROXY', false)
    ),
    registrationsPerHour: positiveIntegerFromEnv(env, 'RELAY_REGISTRATIONS_PER_HOUR', DEFAULT_REGISTRATIONS_PER_HOUR),
    codeAttemptsPerMinute: positiveIntegerFromEnv(env, 'RELAY_CODE_ATTEMPTS_PER_MINUTE', DEFAULT_CODE_ATTEMPTS_PER_MINUTE),
    cspConnectSrc: (env.RELAY_CSP_CONNECT_SRC ?? '').split(/\s+/).filter(Boolean),
    idleUnloadMs: positiveIntegerFromEnv(env, 'IDLE_UNLOAD_MS', 30_000),
    compactRows: positiveIntegerFromEnv(env, 'RELAY_COMPACT_ROWS', 500),
    synchronous,
    trustProxy: booleanFromEnv(env, 'RELAY_TRUST_PROXY', false),
    limits: limitsFromEnv(env)
  };
}

/** The pathname of a request, or null when its URL does not parse. */
function pathnameOf(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://relay.invalid');
  } catch {
    return null;
  }
}

/** Answers an upgrade request with a plain HTTP error and closes the connection: no WebSocket. */
function refuseUpgrade(socket: Duplex, status: number, error: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error });
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      'Cache-Control: no-store\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
      body
  );
}

/** Waits for `promise`, at most `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((done) => (timer = setTimeout(done, ms)))]);
  clearTimeout(timer);
}

/** @y/websocket-server keeps its documents in a module-level map: one relay per process. */
let running = false;

export async function startRelay(options: RelayOptions): Promise<Relay> {
  if (running) throw new Error('a relay is already running in this process (the y-websocket utilities are process-wide)');
  running = true;
  try {
    return await start(options);
  } catch (error) {
    running = false;
    throw error;
  }
}

async function start(options: RelayOptions): Promise<Relay> {
  const { limits } = options;
  // This relay writes to SQLite itself; ignore YPERSISTENCE (LevelDB) if the environment sets it.
  setPersistence(null);
  const counters = createCounters();
  const log = createLogger(options.log ?? writeJsonLine, () => counters.errors++);
  const store = RelayStore.open(options.dataDir, options.synchronous);
  store.startBackgroundCheckpoints(CHECKPOINT_INTERVAL_MS, (error) => log.warn('WAL checkpoint problem', { error }));
  // Frames of one event-loop turn are stored in one transaction, then relayed (batch.ts).
  const batch: CommitBatch = new CommitBatch(
    (work) => {
      store.transaction(work);
      counters.commitBatches++;
    },
    (error, touched) => {
      for (const id of touched) workspaces.markBroken(id, error);
    }
  );
  const workspaces = new Workspaces(store, options, log, counters, { maxBytes: limits.workspaceMaxBytes, maxRows: limits.workspaceMaxRows }, batch);
  const disk = new DiskWatermark(limits.minFreeBytes, options.freeBytes ?? (() => freeBytesOn(options.dataDir)), options.diskCheckMs ?? 2_000);
  const clock = new AvailabilityClock(Math.max(10, Math.min(1_000, Math.floor(limits.pingIntervalMs / 4))));
  const sockets = new Set<GuardedSocket>();
  const perAddress = new ConnectionCounter(limits.maxConnectionsPerAddress);
  const perWorkspace = new ConnectionCounter(limits.maxConnectionsPerWorkspace);
  /** One message budget per workspace, shared by its sockets: ten sockets cannot starve the others. */
  const workspaceBuckets = new Map<string, TokenBucket>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxPayload,
    perMessageDeflate: false,
    clientTracking: false,
    // Answer with the app's protocol only: the token subprotocol is never echoed back.
    handleProtocols: (offered) => (offered.has(APP_PROTOCOL) ? APP_PROTOCOL : false)
  });
  const serveApp = serveStatic(options.appDir, { connectSrc: options.cspConnectSrc });
  // Open registration per address and hour; wrong codes per address and minute.
  const openRegistrations = new RateWindow(options.registrationsPerHour ?? DEFAULT_REGISTRATIONS_PER_HOUR, 3_600_000);
  const codeFailures = new RateWindow(options.codeAttemptsPerMinute ?? DEFAULT_CODE_ATTEMPTS_PER_MINUTE, 60_000);
  const registrationGate = (remote: string) => ({ allows: () => openRegistrations.allows(remote), note: () => openRegistrations.note(remote) });
  let stopping = false;

  const gauges = (): Gauges => {
    const archives = workspaces.archivesLoaded;
    return { connections: sockets.size, workspacesLoaded: workspaces.size - archives, archiveRoomsLoaded: archives };
  };

  /** Every room's sockets: a rotated key is refused on the archives as on the live room. */
  const closeWorkspace = (workspaceId: string, code: number, reason: string): number => {
    const open = workspaces.roomsOf(workspaceId).flatMap((room) => [...room.sockets]);
    for (const socket of open) socket.close(code, reason);
    return open.length;
  };

  const syncApi = createSyncApi({
    store,
    openRegistration: options.openRegistration,
    maxBodyBytes: limits.maxBodyBytes,
    counters,
    log,
    closeWorkspace,
    // The members are in the live document only (the live room's docName is the workspace id).
    sealingPlan: (workspaceId) => {
      const { doc, done } = workspaces.peek(workspaceId);
      try {
        return sealingPlan(doc);
      } finally {
        done();
      }
    },
    remoteOf: (req) => remoteAddress(req, options.trustProxy),
    codeFailures,
    mayRegisterOpenly: (req) => openRegistrations.allows(remoteAddress(req, options.trustProxy))
  });

  const health = (res: ServerResponse) => {
    if (disk.isLow()) return sendJson(res, 503, { ok: false, error: 'disk almost full' });
    try {
      store.probe();
      sendJson(res, 200, { ok: true });
    } catch (error) {
      log.error('health check failed', { error });
      sendJson(res, 503, { ok: false, error: 'the database does not answer' });
    }
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = pathnameOf(req);
    if (!url) return sendJson(res, 400, { error: 'malformed URL' });
    const { pathname } = url;
    if (pathname === '/healthz' || pathname === '/metrics') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'use GET' }, { allow: 'GET, HEAD' });
      if (pathname === '/healthz') return health(res);
      const text = renderMetrics(counters, { ...gauges(), diskLow: disk.isLow() ? 1 : 0 });
      res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
      res.end(req.method === 'HEAD' ? undefined : text);
      return;
    }
    if (pathname === '/sync' || pathname.startsWith('/sync/')) return syncApi(req, res, pathname);
    return serveApp(req, res);
  };

  /** The last check before an update is applied: free disk, then the workspace's quota (all its rooms). */
  const admit = (docName: string, bytes: number): Refusal | null => {
    if (disk.isLow()) {
      counters.diskRefused++;
      return { code: CLOSE_DISK_LOW, reason: 'relay disk almost full' };
    }
    return workspaces.admit(docName, bytes);
  };

  const rateFor = (workspaceId: string) => {
    const messages = new TokenBucket(limits.socketMessagesPerSecond, limits.socketMessagesPerSecond * 20);
    const bytes = new TokenBucket(limits.socketBytesPerSecond, limits.socketBytesPerSecond * 4);
    let shared = workspaceBuckets.get(workspaceId);
    if (!shared) {
      shared = new TokenBucket(limits.workspaceMessagesPerSecond, limits.workspaceMessagesPerSecond * 4);
      workspaceBuckets.set(workspaceId, shared);
    }
    const workspace = shared;
    return (n: number): Throttle => {
      const byMessages = Math.max(messages.take(1), workspace.take(1));
      const waitMs = Math.max(byMessages, bytes.take(n));
      return { waitMs, byMessages: byMessages > 0 };
    };
  };

  // Connection counts and message budgets are the workspace's, whichever of its rooms a socket is in.
  const accept = (ws: WebSocket, req: IncomingMessage, room: Room, remote: string) => {
    const { workspaceId, docName } = room;
    // Labelled with its room: a batch that fails marks that room for reloading (batch.ts).
    const socket = new GuardedSocket(ws, docName, remote, {
      log,
      counters,
      maxBufferedBytes: limits.maxBufferedBytes,
      maxChanges: limits.maxStructsPerUpdate,
      batch,
      rate: rateFor(workspaceId),
      throttledCloseMs: limits.throttledCloseMs,
      admit: (_changes, bytes) => admit(docName, bytes),
      clock: () => clock.now()
    });
    let workspace;
    try {
      workspace = workspaces.open(docName);
    } catch (error) {
      log.error('could not load the workspace', { workspace: docName, remote, error });
      socket.close(1011, 'workspace unavailable');
      return;
    }
    const opened = workspace;
    sockets.add(socket);
    perAddress.add(remote);
    perWorkspace.add(workspaceId);
    opened.sockets.add(socket);
    ws.on('close', () => {
      sockets.delete(socket);
      perAddress.remove(remote);
      perWorkspace.remove(workspaceId);
      if (perWorkspace.get(workspaceId) === 0) workspaceBuckets.delete(workspaceId);
      workspaces.release(opened, socket);
    });
    try {
      // The utilities only use on/send/ping/close/readyState of their socket: the guard has them.
      setupWSConnection(socket as unknown as WebSocket, req, { docName });
    } catch (error) {
      log.error('could not start the sync protocol', { workspace: docName, remote, error });
      socket.close(1011, 'internal error');
    }
  };

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer, upgraded: () => void) => {
    const remote = remoteAddress(req, options.trustProxy);
    const url = pathnameOf(req);
    if (!url || !url.pathname.startsWith('/sync/')) {
      return refuseUpgrade(socket, 404, 'WebSocket connections are accepted on /sync/<workspaceId>[/archive/<year>] only');
    }
    const path = roomOfPath(url.pathname.slice('/sync/'.length));
    if (!path.ok) return refuseUpgrade(socket, path.status, path.error);
    const { room } = path;
    const { workspaceId, docName } = room;
    const refuse = (status: number, error: string) => {
      counters.connectionsRefused++;
      log.info('connection refused', { workspace: docName, remote, status, reason: error });
      refuseUpgrade(socket, status, error);
    };
    if (stopping) return refuse(503, 'the relay is shutting down');
    if (sockets.size >= limits.maxConnections) return refuse(503, `at most ${limits.maxConnections} connections in all`);
    if (!perAddress.hasRoom(remote)) return refuse(429, `at most ${limits.maxConnectionsPerAddress} connections per address`);
    const token = upgradeToken(req.headers['sec-websocket-protocol'], url);
    const auth =
      room.year === null
        ? authorize(store, workspaceId, token, options.openRegistration, registrationGate(remote))
        : authorizeArchive(store, workspaceId, token);
    if (!auth.ok) {
      counters.authRefused++;
      log.info('authentication refused', { workspace: docName, remote, status: auth.status });
      return refuseUpgrade(socket, auth.status, auth.reason);
    }
    if (auth.registered) log.info('workspace registered', { workspace: workspaceId, remote });
    if (!perWorkspace.hasRoom(workspaceId)) {
      return refuse(503, `at most ${limits.maxConnectionsPerWorkspace} connections per workspace`);
    }
    if (!workspaces.isAvailable(docName)) return refuse(503, 'the workspace is reloading, try again');
    wss.handleUpgrade(req, socket, head, (ws) => {
      upgraded();
      accept(ws, req, room, remote);
    });
  };

  const server = createServer({
    // A request whose headers (or body) never finish is dropped after these, not held for
    // minutes; Node checks them every connectionsCheckingInterval.
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs),
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4)))
  }, (req, res) => {
    route(req, res).catch((error: unknown) => {
      log.error('request failed', { remote: req.socket.remoteAddress, error });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Until ws takes the socket over (it has its own listener afterwards), a reset must not crash us.
    const onError = (error: Error) => log.info('connection error during upgrade', { remote: req.socket.remoteAddress, error });
    socket.on('error', onError);
    try {
      upgrade(req, socket, head, () => socket.off('error', onError));
    } catch (error) {
      log.error('upgrade failed', { remote: req.socket.remoteAddress, error });
      refuseUpgrade(socket, 500, 'internal error');
    }
  });

  // Judged after the poll phase (setImmediate), so pongs that arrived while the timer was late
  // are read first; silence is measured on the availability clock (connection.ts). A socket
  // that answered the previous ping was heard from about one interval ago (plus timer jitter);
  // one that did not, two intervals ago: 1.5 intervals tells them apart.
  const silentMs = Math.ceil(limits.pingIntervalMs * 1.5);
  const heartbeat = setInterval(() => {
    setImmediate(() => {
      for (const socket of sockets) socket.heartbeat(silentMs);
    });
  }, limits.pingIntervalMs);
  heartbeat.unref();

  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(options.port, options.host, () => {
        server.off('error', fail);
        ok();
      });
    });
  } catch (error) {
    clearInterval(heartbeat);
    clock.stop();
    await store.stopBackgroundCheckpoints();
    store.close();
    throw error;
  }
  server.on('error', (error) => log.error('server error', { error }));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      stopping = true;
      clearInterval(heartbeat);
      clock.stop();
      try {
        const serverClosed = new Promise<void>((done) => server.close(() => done()));
        server.closeIdleConnections();
        for (const socket of sockets) socket.close(CLOSE_GOING_AWAY, 'server shutting down');
        const deadline = Date.now() + SHUTDOWN_GRACE_MS;
        while (sockets.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        for (const socket of sockets) socket.terminate();
        workspaces.closeAll(); // compacts each workspace: the next start loads one row apiece
        server.closeAllConnections();
        await within(serverClosed, SHUTDOWN_GRACE_MS);
        wss.close();
        await store.stopBackgroundCheckpoints();
        store.close();
        log.info('relay stopped');
      } finally {
        running = false;
      }
    })();
    return closing;
  };

  return {
    url: `http://${host}:${port}`,
    port,
    store,
    counters,
    workspaces,
    gauges,
    close
  };
}

// Run directly (node sync-server/dist/server.js), not when imported by tests or benchmarks.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // A closed stdout/stderr (EPIPE) loses log lines, not the relay.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  const fail = (msg: string, error: unknown) => {
    writeJsonLine({ time: new Date().toISOString(), level: 'error', msg, error: String(error instanceof Error ? error.message : error) });
    process.exit(1);
  };
  let relay: Relay | undefined;
  try {
    const options = optionsFromEnv();
    relay = await startRelay(options);
    writeJsonLine({ time: new Date().toISOString(), level: 'info', msg: 'listening', url: relay.url, dataDir: options.dataDir });
  } catch (error) {
    fail('could not start the relay', error);
  }
  const stop = (signal: NodeJS.Signals) => {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    writeJsonLine({ time: new Date().toISOString(), level: 'info', msg: 'stopping', signal });
    setTimeout(() => fail('shutdown took too long', 'timeout'), 10_000).unref();
    relay?.close().then(
      () => process.exit(0),
      (error: unknown) => fail('shutdown failed', error)
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
