// A workspace's Y.Doc kept in IndexedDB, in y-indexeddb's database format (an 'updates' log of
// Yjs updates and a 'custom' store), so that workspaces stored by earlier versions open as they
// are. Why not y-indexeddb's own class: it applies every stored update in one transaction, a
// single task of 2 s for 10 000 invoices (issue 12). Here the log is applied one slice per task,
// each slice a few hundred kilobytes, the page answering between them; and the log is compacted
// off the main thread (compaction.ts, in a worker) into pieces in causal order (causalPieces.ts),
// so that applying them in order never leaves Yjs waiting for a missing dependency.
import * as Y from 'yjs';
import * as idb from 'lib0/indexeddb';
import { requestCompaction } from './compactionClient';
import { yieldToPage } from './afterPaint';
import { COMPACTED_KEY, openWorkspaceDb } from './workspaceDb';
import { PIECE_BYTES } from './causalPieces';

const UPDATES = 'updates';
/** Stored updates beyond which the log is compacted (y-indexeddb's PREFERRED_TRIM_SIZE). */
export const TRIM_SIZE = 500;
/** Bytes applied per task: a stored piece (causalPieces.ts), or several small updates. */
export const SLICE_BYTES = PIECE_BYTES;
/** A stored update this large was not cut in pieces (an older version's compaction): compact the log. */
const OVERSIZED_BYTES = 2 * SLICE_BYTES;
const COMPACT_DELAY_MS = 1000;
/** Stored updates read per request: about 1 MB once compacted (deserialized in one task). */
const READ_BATCH = 16;

/** The stored updates in the order they were written, grouped into slices of about `SLICE_BYTES`. */
export function slices(updates: readonly Uint8Array[], maxBytes = SLICE_BYTES): Uint8Array[][] {
  const out: Uint8Array[][] = [];
  let current: Uint8Array[] = [];
  let size = 0;
  for (const update of updates) {
    if (current.length && size + update.byteLength > maxBytes) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(update);
    size += update.byteLength;
  }
  if (current.length) out.push(current);
  return out;
}

export class WorkspacePersistence {
  readonly db: Promise<IDBDatabase>;
  /** The key of the last update in the log as this tab knows it (tells a stale first screen). */
  lastKey: number | null = null;
  #writes: Promise<unknown> = Promise.resolve();
  #size = 0;
  #compactTimer: ReturnType<typeof setTimeout> | null = null;
  #destroyed = false;

  constructor(
    readonly name: string,
    readonly doc: Y.Doc
  ) {
    this.db = openWorkspaceDb(name);
  }

  /**
   * Applies the stored log to the document, a slice per task, then stores every later update of
   * the document. Rejects when the database cannot be opened or read.
   */
  async load(): Promise<void> {
    const db = await this.db;
    let oversized = false;
    let count = 0;
    // The pieces of the last compaction neither count towards the next one nor call for it.
    const [custom] = idb.transact(db, ['custom'], 'readonly');
    const compacted = await idb.get(custom, COMPACTED_KEY);
    const through = typeof compacted === 'number' ? compacted : -Infinity;
    // Read in batches too: the values of one request are deserialized in one task.
    for (let after: number | null = null; ; ) {
      const [store] = idb.transact(db, [UPDATES], 'readonly');
      const range: IDBKeyRange | undefined = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
      const [keys, updates]: [number[], Uint8Array[]] = await Promise.all([
        idb.getAllKeys(store, range, READ_BATCH) as Promise<number[]>,
        idb.getAll(store, range, READ_BATCH) as Promise<Uint8Array[]>
      ]);
      if (updates.length === 0) break;
      after = this.lastKey = keys[keys.length - 1];
      keys.forEach((key, i) => {
        if (key <= through) return;
        count++;
        if (updates[i].byteLength > OVERSIZED_BYTES) oversized = true;
      });
      for (const slice of slices(updates)) {
        if (this.#destroyed) return;
        Y.transact(this.doc, () => {
          for (const update of slice) Y.applyUpdate(this.doc, update, this);
        }, this, false);
        await yieldToPage();
      }
    }
    if (this.#destroyed) return;
    this.#size = count;
    this.doc.on('update', this.#store);
    // A log left by an older version (one update of the whole state) or grown long: compact it
    // now, so that the next opening is sliced and short.
    if (oversized || this.#size >= TRIM_SIZE) this.#scheduleCompaction();
  }

  #store = (update: Uint8Array, origin: unknown) => {
    if (origin === this || this.#destroyed) return;
    const write = this.db.then(async (db) => {
      const [store] = idb.transact(db, [UPDATES]);
      const key = (await idb.addAutoKey(store, update as unknown as ArrayBuffer)) as number;
      if (this.lastKey === null || key > this.lastKey) this.lastKey = key;
    });
    this.#writes = Promise.all([this.#writes, write]).catch((e) => console.warn('update not stored', e));
    if (++this.#size >= TRIM_SIZE) this.#scheduleCompaction();
  };

  /** Once every update stored so far is written: the key of the last one. */
  async settled(): Promise<number | null> {
    await this.#writes;
    return this.lastKey;
  }

  #scheduleCompaction(): void {
    if (this.#compactTimer) clearTimeout(this.#compactTimer);
    this.#compactTimer = setTimeout(() => {
      this.#compactTimer = null;
      if (this.#destroyed) return;
      this.#size = 0;
      requestCompaction(this.name).catch((e) => console.warn('workspace log not compacted', e));
    }, COMPACT_DELAY_MS);
  }

  async destroy(): Promise<void> {
    if (this.#compactTimer) clearTimeout(this.#compactTimer);
    this.#destroyed = true;
    this.doc.off('update', this.#store);
    const db = await this.db.catch(() => null);
    db?.close();
  }

  /** Deletes the workspace's database from this device. */
  async clearData(): Promise<void> {
    await this.destroy();
    await idb.deleteDB(this.name);
  }
}
