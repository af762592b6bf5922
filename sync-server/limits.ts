// What one relay process accepts: frame and body sizes, decoded structures, connections (per
// remote address, per workspace, in all), message and byte rates, stored bytes and rows per
// workspace, free disk, heartbeat and HTTP timeouts. Each limit has an environment variable (see
// README.md).
import { statfsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';

export interface Limits {
  /** Largest WebSocket message, bytes (RELAY_MAX_PAYLOAD, 2 MiB). Larger → close 1009. */
  maxPayload: number;
  /** Open sockets per remote address (RELAY_MAX_CONNECTIONS_PER_ADDRESS, 50). More → 429. */
  maxConnectionsPerAddress: number;
  /** Open sockets per workspace (RELAY_MAX_CONNECTIONS_PER_WORKSPACE, 50). More → 503. */
  maxConnectionsPerWorkspace: number;
  /** Ping interval; a socket that has not answered the previous ping is terminated (RELAY_PING_MS, 30 s). */
  pingIntervalMs: number;
  /** Largest JSON request body, bytes (RELAY_MAX_BODY, 512 KiB). Larger → 413. */
  maxBodyBytes: number;
  /** Bytes queued for a socket that does not read before it is dropped (RELAY_MAX_BUFFERED, 64 MiB). */
  maxBufferedBytes: number;
  /** Open sockets in all (RELAY_MAX_CONNECTIONS, 2 000). More → 503. */
  maxConnections: number;
  /** Structs + delete ranges in one update, counted before it is applied (RELAY_MAX_STRUCTS_PER_UPDATE, 50 000). More → 1009. */
  maxStructsPerUpdate: number;
  /** Messages per second per socket, with a burst of 20 s worth (RELAY_SOCKET_MESSAGES_PER_SECOND, 100). */
  socketMessagesPerSecond: number;
  /** Payload bytes per second per socket, with a burst of 4 s worth (RELAY_SOCKET_BYTES_PER_SECOND, 2 MiB). */
  socketBytesPerSecond: number;
  /** Messages per second for all the sockets of one workspace, burst 4 s worth (RELAY_WORKSPACE_MESSAGES_PER_SECOND, 300). */
  workspaceMessagesPerSecond: number;
  /** A socket held back by its message rate this long without a break is closed 1008 (RELAY_THROTTLED_CLOSE_MS, 60 s); one held back by its byte rate alone (a large upload) is only slowed. */
  throttledCloseMs: number;
  /** Stored bytes per workspace (RELAY_WORKSPACE_MAX_BYTES, 512 MiB). More → close 4413. */
  workspaceMaxBytes: number;
  /** Stored rows per workspace, after compaction (RELAY_WORKSPACE_MAX_ROWS, 10 000). More → close 4413. */
  workspaceMaxRows: number;
  /** Below this many free bytes on DATA_DIR's disk, writes are refused and /healthz is 503 (RELAY_MIN_FREE_BYTES, 256 MiB). */
  minFreeBytes: number;
  /** Time for a client to send a request's headers (RELAY_HEADERS_TIMEOUT_MS, 10 s). */
  headersTimeoutMs: number;
  /** Time for a client to send a whole request (RELAY_REQUEST_TIMEOUT_MS, 30 s). */
  requestTimeoutMs: number;
  /** An idle keep-alive HTTP connection is closed after this (RELAY_KEEP_ALIVE_TIMEOUT_MS, 5 s). */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  // Honest frames: a normal edit is < 10 kB, sync step 1 and awareness < 1 kB, and a first upload
  // is sent in chunks of at most 512 KiB (see README.md, "Sizing"): 2 MiB leaves room.
  maxPayload: 2 * 1024 * 1024,
  maxConnectionsPerAddress: 50,
  maxConnectionsPerWorkspace: 50,
  pingIntervalMs: 30_000,
  maxBodyBytes: 512 * 1024,
  maxBufferedBytes: 64 * 1024 * 1024,
  maxConnections: 2_000,
  // The chunked first upload sends at most 20 000 structs per update.
  maxStructsPerUpdate: 50_000,
  socketMessagesPerSecond: 100,
  socketBytesPerSecond: 2 * 1024 * 1024,
  workspaceMessagesPerSecond: 300,
  throttledCloseMs: 60_000,
  // A 10 000-invoice workspace is ≈ 44 MB of Yjs state, a 50 000-invoice one ≈ 220 MB.
  workspaceMaxBytes: 512 * 1024 * 1024,
  workspaceMaxRows: 10_000,
  minFreeBytes: 256 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000
};

/** Members per rotation and characters per envelope accepted by POST /sync/<id>/rotate. */
export const MAX_ENVELOPES = 100;
export const MAX_ENVELOPE_CHARS = 4096;

/**
 * A positive integer from the environment, or `fallback` when unset; anything else is a
 * configuration error reported at startup rather than a silent NaN.
 */
export function positiveIntegerFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Limits {
  return {
    maxPayload: positiveIntegerFromEnv(env, 'RELAY_MAX_PAYLOAD', DEFAULT_LIMITS.maxPayload),
    maxConnectionsPerAddress: positiveIntegerFromEnv(env, 'RELAY_MAX_CONNECTIONS_PER_ADDRESS', DEFAULT_LIMITS.maxConnectionsPerAddress),
    maxConnectionsPerWorkspace: positiveIntegerFromEnv(env, 'RELAY_MAX_CONNECTIONS_PER_WORKSPACE', DEFAULT_LIMITS.maxConnectionsPerWorkspace),
    pingIntervalMs: positiveIntegerFromEnv(env, 'RELAY_PING_MS', DEFAULT_LIMITS.pingIntervalMs),
    maxBodyBytes: positiveIntegerFromEnv(env, 'RELAY_MAX_BODY', DEFAULT_LIMITS.maxBodyBytes),
    maxBufferedBytes: positiveIntegerFromEnv(env, 'RELAY_MAX_BUFFERED', DEFAULT_LIMITS.maxBufferedBytes),
    maxConnections: positiveIntegerFromEnv(env, 'RELAY_MAX_CONNECTIONS', DEFAULT_LIMITS.maxConnections),
    maxStructsPerUpdate: positiveIntegerFromEnv(env, 'RELAY_MAX_STRUCTS_PER_UPDATE', DEFAULT_LIMITS.maxStructsPerUpdate),
    socketMessagesPerSecond: positiveIntegerFromEnv(env, 'RELAY_SOCKET_MESSAGES_PER_SECOND', DEFAULT_LIMITS.socketMessagesPerSecond),
    socketBytesPerSecond: positiveIntegerFromEnv(env, 'RELAY_SOCKET_BYTES_PER_SECOND', DEFAULT_LIMITS.socketBytesPerSecond),
    workspaceMessagesPerSecond: positiveIntegerFromEnv(env, 'RELAY_WORKSPACE_MESSAGES_PER_SECOND', DEFAULT_LIMITS.workspaceMessagesPerSecond),
    throttledCloseMs: positiveIntegerFromEnv(env, 'RELAY_THROTTLED_CLOSE_MS', DEFAULT_LIMITS.throttledCloseMs),
    workspaceMaxBytes: positiveIntegerFromEnv(env, 'RELAY_WORKSPACE_MAX_BYTES', DEFAULT_LIMITS.workspaceMaxBytes),
    workspaceMaxRows: positiveIntegerFromEnv(env, 'RELAY_WORKSPACE_MAX_ROWS', DEFAULT_LIMITS.workspaceMaxRows),
    minFreeBytes: positiveIntegerFromEnv(env, 'RELAY_MIN_FREE_BYTES', DEFAULT_LIMITS.minFreeBytes),
    headersTimeoutMs: positiveIntegerFromEnv(env, 'RELAY_HEADERS_TIMEOUT_MS', DEFAULT_LIMITS.headersTimeoutMs),
    requestTimeoutMs: positiveIntegerFromEnv(env, 'RELAY_REQUEST_TIMEOUT_MS', DEFAULT_LIMITS.requestTimeoutMs),
    keepAliveTimeoutMs: positiveIntegerFromEnv(env, 'RELAY_KEEP_ALIVE_TIMEOUT_MS', DEFAULT_LIMITS.keepAliveTimeoutMs)
  };
}

/**
 * The client's address: the socket's peer, or — behind a trusted reverse proxy — the last
 * X-Forwarded-For entry (the one the proxy itself appended; earlier ones are client-supplied).
 */
export function remoteAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const value = Array.isArray(header) ? header.join(',') : header;
    const last = value?.split(',').map((s) => s.trim()).filter(Boolean).pop();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** Open connections counted per key (remote address, or workspace id). */
export class ConnectionCounter {
  private readonly counts = new Map<string, number>();

  constructor(readonly max: number) {}

  hasRoom(key: string): boolean {
    return (this.counts.get(key) ?? 0) < this.max;
  }

  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  remove(key: string): void {
    const n = (this.counts.get(key) ?? 0) - 1;
    if (n > 0) this.counts.set(key, n);
    else this.counts.delete(key);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

/**
 * A token bucket: `rate` tokens per second, holding at most `burst`. take() spends tokens (the
 * balance may go negative: the work was already received) and says how long until it is back
 * to zero, i.e. how long the sender should be held back; 0 when it is within its budget.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly rate: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now()
  ) {
    this.tokens = burst;
    this.at = now();
  }

  take(amount: number): number {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.rate);
    this.at = now;
    this.tokens -= amount;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.rate) * 1000);
  }
}

/** Free bytes for unprivileged writers on the disk holding `dir`. */
export function freeBytesOn(dir: string): number {
  const stats = statfsSync(dir);
  return Number(stats.bavail) * Number(stats.bsize);
}

/**
 * Whether the data disk is below its watermark, asking the file system at most every
 * `everyMs` (statfs is cheap, but not free on every frame). A failing probe counts as low.
 */
export class DiskWatermark {
  private low = false;
  private checkedAt = -Infinity;
  free = NaN;

  constructor(
    private readonly minFreeBytes: number,
    private readonly probe: () => number,
    private readonly everyMs = 2_000,
    private readonly now: () => number = () => performance.now()
  ) {}

  isLow(): boolean {
    const now = this.now();
    if (now - this.checkedAt >= this.everyMs) {
      this.checkedAt = now;
      try {
        this.free = this.probe();
        this.low = !(this.free >= this.minFreeBytes);
      } catch {
        this.free = NaN;
        this.low = true;
      }
    }
    return this.low;
  }
}
