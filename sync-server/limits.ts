// What one relay process accepts: frame and body sizes, connections per remote address and per
// workspace, heartbeat. Each limit has an environment variable (see README.md).
import type { IncomingMessage } from 'node:http';

export interface Limits {
  /** Largest WebSocket message, bytes (RELAY_MAX_PAYLOAD, 16 MiB). Larger → close 1009. */
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
}

export const DEFAULT_LIMITS: Limits = {
  maxPayload: 16 * 1024 * 1024,
  maxConnectionsPerAddress: 50,
  maxConnectionsPerWorkspace: 50,
  pingIntervalMs: 30_000,
  maxBodyBytes: 512 * 1024,
  maxBufferedBytes: 64 * 1024 * 1024
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
    maxBufferedBytes: positiveIntegerFromEnv(env, 'RELAY_MAX_BUFFERED', DEFAULT_LIMITS.maxBufferedBytes)
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
