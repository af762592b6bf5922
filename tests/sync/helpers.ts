// Shared helpers for the relay tests: a real relay on port 0 with a temporary DATA_DIR, real
// y-websocket clients (Node, `ws` as the WebSocket), raw sockets and raw HTTP requests.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DEFAULT_LIMITS, type Limits } from '../../sync-server/limits.js';
import type { LogLine } from '../../sync-server/log.js';
import { startRelay, type Relay, type RelayOptions } from '../../sync-server/server.js';

// Each y-websocket provider adds a process 'exit' listener; hundreds of clients are expected here.
process.setMaxListeners(0);

export const randomKey = (): string => randomBytes(32).toString('hex');
export const randomId = (prefix = 'ws'): string => `${prefix}-${randomBytes(6).toString('hex')}`;

export function tempDir(prefix = 'relance-relay-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A fake built app: index.html, a hashed asset, and a secret file next to (outside) the root. */
export function appFixture(): string {
  const base = tempDir('relance-app-');
  const root = join(base, 'build');
  mkdirSync(join(root, '_app', 'immutable'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Relance</title><div id="app"></div>');
  writeFileSync(join(root, '_app', 'immutable', 'entry.abc123.js'), 'export {};');
  writeFileSync(join(base, 'secret.txt'), 'TOP-SECRET');
  return root;
}

export interface TestRelay {
  relay: Relay;
  dataDir: string;
  appDir: string;
  /** ws://127.0.0.1:<port>/sync */
  syncUrl: string;
  logs: LogLine[];
  stop(): Promise<void>;
}

export type TestRelayOptions = Partial<Omit<RelayOptions, 'limits'>> & { limits?: Partial<Limits> };

/** Starts the relay in this process on a free port; `dataDir` reuses a previous run's data. */
export async function startTestRelay(overrides: TestRelayOptions = {}): Promise<TestRelay> {
  const logs: LogLine[] = [];
  const dataDir = overrides.dataDir ?? tempDir();
  const appDir = overrides.appDir ?? appFixture();
  const relay = await startRelay({
    port: 0,
    host: '127.0.0.1',
    openRegistration: true,
    idleUnloadMs: 30_000,
    compactRows: 500,
    synchronous: 'NORMAL',
    trustProxy: false,
    // Tests open many workspaces from 127.0.0.1: the per-address hourly cap is tested on its own.
    registrationsPerHour: 1_000_000,
    ...overrides,
    dataDir,
    appDir,
    limits: { ...DEFAULT_LIMITS, ...overrides.limits },
    log: (line) => logs.push(line)
  });
  return {
    relay,
    dataDir,
    appDir,
    syncUrl: relay.url.replace(/^http/, 'ws') + '/sync',
    logs,
    stop: () => relay.close()
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves once the first sync with the relay completed. */
  synced: Promise<void>;
  destroy(): void;
}

/** A y-websocket client as a browser would run it (BroadcastChannel off: Node has one and it would bypass the relay). */
export function connectClient(syncUrl: string, workspaceId: string, key: string, doc = new Y.Doc()): Client {
  const provider = new WebsocketProvider(syncUrl, workspaceId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token: key },
    disableBc: true,
    maxBackoffTime: 200
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) return resolve();
    const onSync = (state: boolean) => {
      if (!state) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  return {
    doc,
    provider,
    synced,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    }
  };
}

export async function waitFor(predicate: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type RawOutcome =
  | { kind: 'open'; ws: WebSocket }
  | { kind: 'refused'; status: number; body: string };

/** Opens a raw `ws` socket; resolves with the socket, or with the HTTP status that refused it. */
export function rawSocket(url: string, options: WebSocket.ClientOptions = {}): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.on('open', () => resolve({ kind: 'open', ws }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ kind: 'refused', status: res.statusCode ?? 0, body }));
    });
    ws.on('error', (error) => reject(error));
  });
}

/** Resolves with the close code once `ws` is closed (by either side, or by a dropped connection). */
export function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve(1006);
    ws.on('error', () => {});
    ws.on('close', (code) => resolve(code));
  });
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request: the path goes on the wire exactly as given (no URL normalisation). */
export function http(
  baseUrl: string,
  path: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}
): Promise<HttpResult> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The value of one metric in a Prometheus text body. */
export function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(name + ' '));
  if (!line) throw new Error(`metric ${name} missing`);
  return Number(line.slice(name.length + 1));
}
