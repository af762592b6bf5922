// The relay's SQLite database (DATA_DIR/relay.sqlite): workspaces and their key hash, the Yjs
// updates of each workspace's rooms (its live document, its archives: rooms.ts) in arrival order,
// and the key envelopes left by the last rotation. A room's rows belong to its workspace: deleted
// with it (foreign key), counted in its totals.
//
// Durability: WAL with synchronous=NORMAL. A transaction is in the WAL file (the OS page cache)
// when its statement returns, so killing the process at any moment loses nothing committed; only
// an OS crash or power cut can lose the last transactions before a checkpoint. FULL (fsync on every
// commit) survives those too, at the price of one fsync per update: RELAY_SYNCHRONOUS=FULL.
//
// With NORMAL the only fsyncs are those of WAL checkpoints. SQLite runs them inside the commit
// that crosses the threshold, which would stall the relay's single thread (every workspace)
// for the length of an fsync; startBackgroundCheckpoints() moves them to a worker thread.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { KeyRegistry } from './auth.js';
import { roomOfDocName } from './rooms.js';
import type { CodeRefusal, CodeRegistry, RegisterOutcome } from './registration.js';

export const DATABASE_FILE = 'relay.sqlite';
/** 2: the `room` column (archive rooms); a version 1 database gets it when opened. */
const SCHEMA_VERSION = 2;

export type Synchronous = 'NORMAL' | 'FULL';

export interface WorkspaceSummary {
  id: string;
  updates: number;
  bytes: number;
  createdAt: number;
  /** Last connection, unload or stored update (ms since epoch). */
  lastActivity: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS workspaces (
  id TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_activity INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS updates (
  seq INTEGER PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  data BLOB NOT NULL,
  at INTEGER NOT NULL,
  room TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX IF NOT EXISTS updates_by_room ON updates (workspace_id, room, seq);
CREATE TABLE IF NOT EXISTS envelopes (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  member_id TEXT NOT NULL,
  envelope TEXT NOT NULL,
  PRIMARY KEY (workspace_id, member_id)
) STRICT;
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`;

// --- registration codes (registration.ts): only hashes, uses left, expiry ----------------------
const REGISTRATION_SCHEMA = `
CREATE TABLE IF NOT EXISTS registration_codes (
  id TEXT PRIMARY KEY,
  code_hash TEXT NOT NULL UNIQUE,
  uses INTEGER NOT NULL,
  uses_left INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER
) STRICT;
`;

export interface RegistrationCodeSummary {
  id: string;
  uses: number;
  usesLeft: number;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
}

type CodeRow = { id: string; uses: number; uses_left: number; created_at: number; expires_at: number | null; revoked_at: number | null };

function prepareCodeStatements(db: Database.Database) {
  return {
    add: db.prepare<[string, string, number, number, number, number | null]>(
      'INSERT INTO registration_codes (id, code_hash, uses, uses_left, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)'
    ),
    consume: db.prepare<[string, number]>(
      `UPDATE registration_codes SET uses_left = uses_left - 1
        WHERE code_hash = ? AND uses_left > 0 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`
    ),
    byHash: db.prepare<[string], CodeRow>('SELECT * FROM registration_codes WHERE code_hash = ?'),
    list: db.prepare<[], CodeRow>('SELECT * FROM registration_codes ORDER BY created_at, id'),
    revoke: db.prepare<[number, string]>('UPDATE registration_codes SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
  };
}

/**
 * Version 1 databases (before archive rooms): their updates are all live documents' (room '').
 * Runs before SCHEMA, whose index needs the column.
 */
function addRoomColumn(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('updates')").all();
  if (columns.length === 0 || columns.some((c) => c.name === 'room')) return;
  db.exec("ALTER TABLE updates ADD COLUMN room TEXT NOT NULL DEFAULT ''");
  db.exec('DROP INDEX IF EXISTS updates_by_workspace');
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Runs PASSIVE checkpoints on its own connection (never blocks the relay's writes). */
const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 100');
db.pragma('synchronous = ' + workerData.synchronous);
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String((error && error.message) || error) });
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/** Bytes the WAL file is truncated to after a checkpoint that reset it. */
export const JOURNAL_SIZE_LIMIT = 4 * 1024 * 1024;

function prepareStatements(db: Database.Database) {
  return {
    keyHash: db.prepare<[string], { key_hash: string }>('SELECT key_hash FROM workspaces WHERE id = ?'),
    register: db.prepare<[string, string, number, number]>(
      'INSERT OR IGNORE INTO workspaces (id, key_hash, created_at, last_activity) VALUES (?, ?, ?, ?)'
    ),
    setKeyHash: db.prepare<[string, string]>('UPDATE workspaces SET key_hash = ? WHERE id = ?'),
    touch: db.prepare<[number, string]>('UPDATE workspaces SET last_activity = max(last_activity, ?) WHERE id = ?'),
    remove: db.prepare<[string]>('DELETE FROM workspaces WHERE id = ?'),
    append: db.prepare<[string, string, Buffer, number]>('INSERT INTO updates (workspace_id, room, data, at) VALUES (?, ?, ?, ?)'),
    load: db.prepare<[string, string], { data: Buffer }>('SELECT data FROM updates WHERE workspace_id = ? AND room = ? ORDER BY seq'),
    count: db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM updates WHERE workspace_id = ? AND room = ?'),
    bytes: db.prepare<[string, string], { n: number }>(
      'SELECT coalesce(sum(length(data)), 0) AS n FROM updates WHERE workspace_id = ? AND room = ?'
    ),
    usage: db.prepare<[string], { rows: number; bytes: number }>(
      'SELECT count(*) AS rows, coalesce(sum(length(data)), 0) AS bytes FROM updates WHERE workspace_id = ?'
    ),
    lastAt: db.prepare<[string, string], { at: number | null }>('SELECT max(at) AS at FROM updates WHERE workspace_id = ? AND room = ?'),
    clearUpdates: db.prepare<[string, string]>('DELETE FROM updates WHERE workspace_id = ? AND room = ?'),
    envelope: db.prepare<[string, string], { envelope: string }>(
      'SELECT envelope FROM envelopes WHERE workspace_id = ? AND member_id = ?'
    ),
    clearEnvelopes: db.prepare<[string]>('DELETE FROM envelopes WHERE workspace_id = ?'),
    addEnvelope: db.prepare<[string, string, string]>(
      'INSERT INTO envelopes (workspace_id, member_id, envelope) VALUES (?, ?, ?)'
    ),
    list: db.prepare<[], { id: string; created_at: number; last_activity: number; updates: number; bytes: number; last_update: number | null }>(
      `SELECT w.id, w.created_at, w.last_activity, count(u.seq) AS updates,
              coalesce(sum(length(u.data)), 0) AS bytes, max(u.at) AS last_update
         FROM workspaces w LEFT JOIN updates u ON u.workspace_id = w.id
        GROUP BY w.id ORDER BY w.id`
    ),
    probe: db.prepare<[string]>(
      "INSERT INTO meta (key, value) VALUES ('health', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    )
  };
}

export class RelayStore implements KeyRegistry, CodeRegistry {
  readonly db: Database.Database;
  /** Checkpoints completed by the background worker. */
  checkpoints = 0;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly synchronous: Synchronous;
  private checkpointer: Worker | null = null;
  private readonly codeStatements: ReturnType<typeof prepareCodeStatements>;

  /** Opens (creating if needed) DATA_DIR/relay.sqlite. */
  static open(dataDir: string, synchronous: Synchronous = 'NORMAL'): RelayStore {
    mkdirSync(dataDir, { recursive: true });
    return new RelayStore(new Database(join(dataDir, DATABASE_FILE)), synchronous);
  }

  constructor(db: Database.Database, synchronous: Synchronous = 'NORMAL') {
    this.db = db;
    this.synchronous = synchronous;
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('foreign_keys = ON');
    // The admin command may hold the write lock for a moment while the relay runs.
    db.pragma('busy_timeout = 5000');
    // Once checkpointed, a WAL that grew during a burst is cut back to this size at the next
    // write (a couple of RELAY_MAX_PAYLOAD frames).
    db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > SCHEMA_VERSION) {
      throw new Error(`database schema ${version} is newer than this relay (${SCHEMA_VERSION}): upgrade the relay`);
    }
    db.transaction(() => {
      addRoomColumn(db);
      db.exec(SCHEMA);
      db.exec(REGISTRATION_SCHEMA);
    })();
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    this.statements = prepareStatements(db);
    this.codeStatements = prepareCodeStatements(db);
  }

  // --- workspaces and keys -------------------------------------------------------------------

  keyHash(workspaceId: string): string | null {
    return this.statements.keyHash.get(workspaceId)?.key_hash ?? null;
  }

  register(workspaceId: string, keyHash: string, now = Date.now()): boolean {
    return this.statements.register.run(workspaceId, keyHash, now, now).changes === 1;
  }

  /** Deletes a workspace with its updates (every room's) and envelopes; false when it did not exist. */
  remove(workspaceId: string): boolean {
    return this.statements.remove.run(workspaceId).changes === 1;
  }

  touch(workspaceId: string, now = Date.now()): void {
    this.statements.touch.run(now, workspaceId);
  }

  /**
   * Key rotation in one transaction: the new key hash, and `envelopes` (member id → opaque
   * string) replacing all previous ones.
   */
  rotate(workspaceId: string, keyHash: string, envelopes: Record<string, string>): void {
    this.db.transaction(() => {
      if (this.statements.setKeyHash.run(keyHash, workspaceId).changes !== 1) {
        throw new Error(`workspace ${workspaceId} does not exist`);
      }
      this.statements.clearEnvelopes.run(workspaceId);
      for (const [memberId, envelope] of Object.entries(envelopes)) {
        this.statements.addEnvelope.run(workspaceId, memberId, envelope);
      }
    })();
  }

  envelope(workspaceId: string, memberId: string): string | null {
    return this.statements.envelope.get(workspaceId, memberId)?.envelope ?? null;
  }

  list(): WorkspaceSummary[] {
    return this.statements.list.all().map((row) => ({
      id: row.id,
      updates: row.updates,
      bytes: row.bytes,
      createdAt: row.created_at,
      lastActivity: Math.max(row.last_activity, row.last_update ?? 0)
    }));
  }

  // --- updates (per room: a docName is `<workspaceId>` or `<workspaceId>/archive/<year>`, rooms.ts) ---

  /** Appends one Yjs update; committed (in the WAL) when this returns. */
  append(docName: string, update: Uint8Array, now = Date.now()): void {
    const { workspaceId, name } = roomOfDocName(docName);
    this.statements.append.run(workspaceId, name, asBuffer(update), now);
  }

  /** Every stored update of the room, oldest first. */
  load(docName: string): Buffer[] {
    const { workspaceId, name } = roomOfDocName(docName);
    return this.statements.load.all(workspaceId, name).map((row) => row.data);
  }

  /** Rows of the room. */
  count(docName: string): number {
    const { workspaceId, name } = roomOfDocName(docName);
    return this.statements.count.get(workspaceId, name)?.n ?? 0;
  }

  /** Bytes of the room's stored updates. */
  bytes(docName: string): number {
    const { workspaceId, name } = roomOfDocName(docName);
    return this.statements.bytes.get(workspaceId, name)?.n ?? 0;
  }

  /** Rows and bytes of all the workspace's rooms: what its quota counts. */
  usage(workspaceId: string): { rows: number; bytes: number } {
    const row = this.statements.usage.get(workspaceId);
    return { rows: row?.rows ?? 0, bytes: row?.bytes ?? 0 };
  }

  /**
   * Runs `work` in one transaction: the appends it makes are committed together (one WAL commit
   * instead of one per update). Throws if it could not commit — then none of them is stored.
   */
  transaction(work: () => void): void {
    this.db.transaction(work)();
  }

  /**
   * Compaction: replaces all stored updates of the room by `merged`, which must contain them all
   * (the in-memory document's full state does).
   */
  replaceAll(docName: string, merged: Uint8Array, now = Date.now()): void {
    const { workspaceId, name } = roomOfDocName(docName);
    this.db.transaction(() => {
      const at = this.statements.lastAt.get(workspaceId, name)?.at ?? now;
      this.statements.clearUpdates.run(workspaceId, name);
      this.statements.append.run(workspaceId, name, asBuffer(merged), at);
    })();
  }

  // --- registration codes ------------------------------------------------------------------------

  /** Stores a new code (its hash) with `uses` registrations and an optional expiry (ms). */
  addRegistrationCode(id: string, codeHash: string, uses: number, expiresAt: number | null, now = Date.now()): void {
    this.codeStatements.add.run(id, codeHash, uses, uses, now, expiresAt);
  }

  listRegistrationCodes(): RegistrationCodeSummary[] {
    return this.codeStatements.list.all().map((r) => ({
      id: r.id,
      uses: r.uses,
      usesLeft: r.uses_left,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      revokedAt: r.revoked_at
    }));
  }

  /** Revokes a code by id; false when there is no such code or it was already revoked. */
  revokeRegistrationCode(id: string, now = Date.now()): boolean {
    return this.codeStatements.revoke.run(now, id).changes === 1;
  }

  /**
   * Registers an unknown workspace with one use of a code, atomically: two devices racing for the
   * last use get one success, and a workspace that exists consumes nothing.
   */
  registerWithCode(workspaceId: string, keyHash: string, codeHash: string, now = Date.now()): RegisterOutcome {
    return this.db.transaction((): RegisterOutcome => {
      if (this.keyHash(workspaceId) !== null) return { ok: false, reason: 'exists' };
      if (this.codeStatements.consume.run(codeHash, now).changes !== 1) {
        const row = this.codeStatements.byHash.get(codeHash);
        const reason: CodeRefusal = !row ? 'unknown' : row.revoked_at !== null ? 'revoked' : row.uses_left <= 0 ? 'used' : 'expired';
        return { ok: false, reason };
      }
      this.register(workspaceId, keyHash, now);
      return { ok: true, codeId: this.codeStatements.byHash.get(codeHash)!.id };
    }).immediate();
  }

  // --- health --------------------------------------------------------------------------------

  /** Throws unless the database answers and accepts a write. */
  probe(now = Date.now()): void {
    this.statements.probe.run(String(now));
  }

  /**
   * Checkpoints the WAL every `intervalMs` from a worker thread instead of inside commits. If the
   * worker fails, SQLite's own automatic checkpoints are switched back on.
   */
  startBackgroundCheckpoints(intervalMs: number, onError: (error: string) => void): void {
    if (this.checkpointer) return;
    const worker = new Worker(CHECKPOINT_WORKER, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: this.db.name,
        intervalMs,
        synchronous: this.synchronous
      }
    });
    this.checkpointer = worker;
    this.db.pragma('wal_autocheckpoint = 0');
    const fallBack = (error: string) => {
      if (this.checkpointer !== worker) return; // stopped on purpose
      this.checkpointer = null;
      onError(error);
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    };
    worker.on('message', (message: { ok: boolean; error?: string }) => {
      if (message.ok) this.checkpoints++;
      else onError(message.error ?? 'checkpoint failed');
    });
    worker.on('error', (error) => fallBack(`checkpoint worker failed: ${error.message}`));
    worker.on('exit', (code) => fallBack(`checkpoint worker exited (${code})`));
    worker.unref();
  }

  async stopBackgroundCheckpoints(): Promise<void> {
    const worker = this.checkpointer;
    if (!worker) return;
    this.checkpointer = null;
    const exited = new Promise<void>((done) => worker.once('exit', () => done()));
    worker.ref(); // keep the process alive until the worker's connection is closed
    worker.postMessage('stop');
    const timeout = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 2_000));
    if ((await Promise.race([exited, timeout])) === 'timeout') await worker.terminate();
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  }

  /** Closes the database (SQLite checkpoints the WAL into the main file on the last close). */
  close(): void {
    if (this.checkpointer) void this.stopBackgroundCheckpoints();
    if (this.db.open) this.db.close();
  }
}
