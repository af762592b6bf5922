// The workspaces held in memory: each room of a workspace (its live document, its archives:
// rooms.ts) is a WSSharedDoc of @y/websocket-server's utilities (so their sync and awareness code
// serves it), loaded from SQLite on its first connection, written to SQLite on every update BEFORE
// the utilities broadcast it, compacted, and unloaded when idle. The quota counts every room of a
// workspace, loaded or not: writing to archives does not escape it.
import { docs, getYDoc, type WSSharedDoc } from '@y/websocket-server/utils';
import * as Y from 'yjs';
import type { CommitBatch } from './batch.js';
import { reportDispatchError, type GuardedSocket, type Refusal } from './connection.js';
import type { Logger } from './log.js';
import type { Counters } from './metrics.js';
import type { RelayStore } from './persistence.js';
import { roomOfDocName, type Room } from './rooms.js';

export interface WorkspaceOptions {
  /** A workspace without connections for this long is compacted and unloaded (IDLE_UNLOAD_MS). */
  idleUnloadMs: number;
  /** More stored updates than this → merged into one (RELAY_COMPACT_ROWS). */
  compactRows: number;
}

export interface Quota {
  /** Stored bytes per workspace (RELAY_WORKSPACE_MAX_BYTES). */
  maxBytes: number;
  /** Stored rows per workspace (RELAY_WORKSPACE_MAX_ROWS). */
  maxRows: number;
}

/** Close code for an update refused by the workspace's quota: in y-websocket's "do not reconnect" range. */
export const CLOSE_QUOTA = 4413;

/** Stored rows and bytes of all the rooms of one workspace, shared by its loaded rooms. */
interface Usage {
  rows: number;
  bytes: number;
  /** Loaded rooms of the workspace (the tally is dropped with the last one). */
  rooms: number;
}

/** One loaded room (the name predates archive rooms: the live room's id is the workspace's). */
export interface Workspace {
  /** The room's docName: `<workspaceId>` or `<workspaceId>/archive/<year>`. */
  readonly id: string;
  readonly room: Room;
  readonly doc: WSSharedDoc;
  readonly sockets: Set<GuardedSocket>;
  /** Rows in SQLite for this room. */
  rows: number;
  /** Bytes of those rows. */
  bytes: number;
  /** The whole workspace's rows and bytes (every room), for its quota. */
  readonly usage: Usage;
  /** An update could not be stored: no more sends, reloaded from SQLite once its sockets are gone. */
  broken: boolean;
  idleTimer: NodeJS.Timeout | null;
  compactionScheduled: boolean;
}

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => void;

/**
 * Registers `listener` for the document's 'update' event AHEAD of the listeners already there —
 * the utilities' broadcast, registered by the WSSharedDoc constructor. Observers run in
 * registration order (lib0's ObservableV2 keeps them in a Set), so the update is in SQLite
 * before any socket is sent it.
 */
export function listenBeforeBroadcast(doc: Y.Doc, listener: UpdateListener): void {
  const observers = (doc as unknown as { _observers?: unknown })._observers;
  if (!(observers instanceof Map)) {
    throw new Error('Y.Doc no longer keeps its observers in a Map: check listenBeforeBroadcast against this yjs version');
  }
  const earlier = [...((observers.get('update') as Set<UpdateListener> | undefined) ?? [])];
  for (const f of earlier) doc.off('update', f);
  doc.on('update', listener);
  for (const f of earlier) doc.on('update', f);
  const first = (observers.get('update') as Set<UpdateListener>).values().next().value;
  if (first !== listener) throw new Error('could not register the persistence listener before the broadcast');
}

export class Workspaces {
  private readonly loaded = new Map<string, Workspace>();
  private readonly usages = new Map<string, Usage>();

  constructor(
    private readonly store: RelayStore,
    private readonly options: WorkspaceOptions,
    private readonly log: Logger,
    private readonly counters: Counters,
    private readonly quota: Quota = { maxBytes: Infinity, maxRows: Infinity },
    /** When set, appends made while it applies frames join its transaction. */
    private readonly batch?: CommitBatch
  ) {}

  /** Rooms in memory, live and archives. */
  get size(): number {
    return this.loaded.size;
  }

  /** Archive rooms in memory (the metrics count them apart from workspaces). */
  get archivesLoaded(): number {
    let n = 0;
    for (const w of this.loaded.values()) if (w.room.year !== null) n++;
    return n;
  }

  /** A loaded room by docName (a workspace id names its live room). */
  get(id: string): Workspace | undefined {
    return this.loaded.get(id);
  }

  /** Every loaded room of a workspace: live and archives. */
  roomsOf(workspaceId: string): Workspace[] {
    return [...this.loaded.values()].filter((w) => w.room.workspaceId === workspaceId);
  }

  /** False while a workspace that failed to store an update waits to be reloaded. */
  isAvailable(id: string): boolean {
    return !this.loaded.get(id)?.broken;
  }

  /** The room (by docName) in memory, loaded from SQLite first when needed. */
  open(id: string): Workspace {
    const existing = this.loaded.get(id);
    if (existing) {
      if (existing.broken) throw new Error('workspace is being reloaded after a storage error');
      this.cancelIdle(existing);
      return existing;
    }
    if (docs.has(id)) throw new Error(`document ${id} is already held by another server in this process`);
    const room = roomOfDocName(id);
    const doc = getYDoc(id);
    let rows: number;
    let bytes: number;
    let stored: { rows: number; bytes: number };
    try {
      rows = this.restore(id, doc);
      bytes = this.store.bytes(id);
      stored = this.store.usage(room.workspaceId);
    } catch (error) {
      docs.delete(id);
      doc.destroy();
      throw error;
    }
    let usage = this.usages.get(room.workspaceId);
    if (!usage) this.usages.set(room.workspaceId, (usage = { rows: 0, bytes: 0, rooms: 0 }));
    // Read again from SQLite at each loading: a batch that did not commit leaves no drift behind.
    usage.rows = stored.rows;
    usage.bytes = stored.bytes;
    usage.rooms++;
    const workspace: Workspace = {
      id,
      room,
      doc,
      sockets: new Set(),
      rows,
      bytes,
      usage,
      broken: false,
      idleTimer: null,
      compactionScheduled: false
    };
    listenBeforeBroadcast(doc, (update) => this.persist(workspace, update));
    // The utilities catch errors while applying a message and emit them as 'error' (not a typed event).
    (doc as unknown as { on(name: 'error', f: (error: unknown) => void): void }).on('error', reportDispatchError);
    this.loaded.set(id, workspace);
    this.store.touch(room.workspaceId);
    if (rows > this.options.compactRows) this.scheduleCompaction(workspace);
    return workspace;
  }

  /**
   * The room's current state, read-only: its document when loaded, else a copy merged from
   * SQLite (the caller destroys it with `done`). For rules that read the books (rotation reads
   * the live room: the members are there, never in an archive).
   */
  peek(id: string): { doc: Y.Doc; done(): void } {
    const loaded = this.loaded.get(id);
    if (loaded) return { doc: loaded.doc, done: () => {} };
    const doc = new Y.Doc();
    const updates = this.store.load(id);
    if (updates.length) Y.applyUpdate(doc, updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));
    return { doc, done: () => doc.destroy() };
  }

  /** A socket of the workspace closed; the last one starts the idle countdown. */
  release(workspace: Workspace, socket: GuardedSocket): void {
    workspace.sockets.delete(socket);
    if (workspace.sockets.size > 0 || this.loaded.get(workspace.id) !== workspace) return;
    if (workspace.broken) {
      setImmediate(() => this.unload(workspace, false));
      return;
    }
    this.cancelIdle(workspace);
    workspace.idleTimer = setTimeout(() => this.unload(workspace, true), this.options.idleUnloadMs);
    workspace.idleTimer.unref();
  }

  /**
   * Whether an update of about `bytes` may be stored in the room `id`: null, or the quota
   * refusal. The quota counts all the rooms of its workspace. At the limit, the workspace's
   * loaded rooms are compacted first (deleted content is dropped then; an unloaded room was
   * compacted when it was unloaded).
   */
  admit(id: string, bytes: number): Refusal | null {
    const workspace = this.loaded.get(id);
    if (!workspace) return null;
    const { usage } = workspace;
    const fits = () => usage.bytes + bytes <= this.quota.maxBytes && usage.rows + 1 <= this.quota.maxRows;
    if (fits()) return null;
    // Inside a batch, the compaction joins its transaction; should the batch not commit, the
    // room is reloaded from SQLite anyway (markBroken), so its counts cannot drift.
    for (const room of this.roomsOf(workspace.room.workspaceId)) if (room.rows > 1) this.compact(room);
    if (fits()) return null;
    this.counters.quotaRefused++;
    return { code: CLOSE_QUOTA, reason: 'workspace quota exceeded' };
  }

  /** Replaces the workspace's stored updates by its full state (one row). */
  compact(workspace: Workspace): void {
    if (workspace.rows <= 1 || workspace.broken) return;
    try {
      const merged = Y.encodeStateAsUpdate(workspace.doc);
      this.store.replaceAll(workspace.id, merged);
      workspace.usage.rows -= workspace.rows - 1;
      workspace.usage.bytes += merged.byteLength - workspace.bytes;
      workspace.rows = 1;
      workspace.bytes = merged.byteLength;
      this.counters.compactions++;
    } catch (error) {
      // The rows are intact (one transaction): the next compaction tries again.
      this.log.error('compaction failed', { workspace: workspace.id, error });
    }
  }

  /** Shutdown: compacts every loaded workspace and frees its document. */
  closeAll(): void {
    for (const workspace of [...this.loaded.values()]) this.unload(workspace, true, true);
  }

  private restore(id: string, doc: Y.Doc): number {
    const updates = this.store.load(id);
    if (updates.length === 0) return 0;
    try {
      Y.applyUpdate(doc, updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));
    } catch (error) {
      // One bad row must not hide the others: apply them one by one and report the bad ones.
      this.log.error('stored updates do not merge; applying them one by one', { workspace: id, error });
      updates.forEach((update, index) => {
        try {
          Y.applyUpdate(doc, update);
        } catch (rowError) {
          this.log.error('stored update skipped', { workspace: id, row: index, error: rowError });
        }
      });
    }
    return updates.length;
  }

  /**
   * The workspace's document holds updates that are not in SQLite (a failed append, or a batch
   * that did not commit): close every socket so nothing more is relayed; it is reloaded from
   * SQLite once they are gone, and the devices send their updates again.
   */
  markBroken(id: string, error: unknown): void {
    const workspace = this.loaded.get(id);
    if (!workspace || workspace.broken) return;
    workspace.broken = true;
    this.log.error('could not store an update: closing the workspace', { workspace: id, error });
    for (const socket of workspace.sockets) socket.close(1011, 'storage error');
  }

  private persist(workspace: Workspace, update: Uint8Array): void {
    if (workspace.broken) return;
    try {
      this.store.append(workspace.id, update);
    } catch (error) {
      // Not stored, so not to be relayed: close every socket now, before the broadcast listener
      // runs (it skips closing sockets). Inside a batch, nothing of the batch is sent.
      if (this.batch?.holding) this.batch.fail(error);
      this.markBroken(workspace.id, error);
      return;
    }
    workspace.bytes += update.byteLength;
    workspace.rows++;
    workspace.usage.bytes += update.byteLength;
    workspace.usage.rows++;
    this.counters.updatesPersisted++;
    if (workspace.rows > this.options.compactRows) this.scheduleCompaction(workspace);
  }

  private scheduleCompaction(workspace: Workspace): void {
    if (workspace.compactionScheduled) return;
    workspace.compactionScheduled = true;
    // Outside the update listener: the broadcast of the update that crossed the line goes first.
    setImmediate(() => {
      workspace.compactionScheduled = false;
      if (this.loaded.get(workspace.id) === workspace) this.compact(workspace);
    });
  }

  private cancelIdle(workspace: Workspace): void {
    if (workspace.idleTimer) clearTimeout(workspace.idleTimer);
    workspace.idleTimer = null;
  }

  private unload(workspace: Workspace, compact: boolean, shuttingDown = false): void {
    if (this.loaded.get(workspace.id) !== workspace) return;
    if (!shuttingDown && (workspace.sockets.size > 0 || workspace.doc.conns.size > 0)) return;
    this.cancelIdle(workspace);
    if (compact) this.compact(workspace);
    try {
      this.store.touch(workspace.room.workspaceId);
    } catch (error) {
      this.log.warn('could not record last activity', { workspace: workspace.id, error });
    }
    this.loaded.delete(workspace.id);
    if (--workspace.usage.rooms === 0) this.usages.delete(workspace.room.workspaceId);
    if (docs.get(workspace.id) === workspace.doc) docs.delete(workspace.id);
    workspace.doc.destroy();
    this.log.info('workspace unloaded', { workspace: workspace.id, rows: workspace.rows });
  }
}
