// Compacts a workspace's update log (persistence.ts) in one IndexedDB transaction: the stored
// updates are read, merged into a Y.Doc (which drops deleted content) and written back as pieces
// in causal order (causalPieces.ts), so that the next opening applies them one slice per task
// without waiting on a missing dependency. Another tab writing meanwhile waits for the
// transaction: nothing written is lost, and a compaction interrupted midway changes nothing.
// Runs in a worker (compaction.worker.ts): it decodes the whole workspace, seconds for years of
// invoices.
import * as Y from 'yjs';
import { causalPieces } from './causalPieces';
import { COMPACTED_KEY, openWorkspaceDb } from './workspaceDb';

export interface CompactionResult {
  updatesBefore: number;
  bytesBefore: number;
  pieces: number;
  bytesAfter: number;
}

/** The log's updates merged and cut into causally ordered pieces. */
export function compactUpdates(updates: readonly Uint8Array[]): Uint8Array[] {
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return causalPieces(state);
}

export async function compactLog(name: string): Promise<CompactionResult> {
  const db = await openWorkspaceDb(name);
  try {
    return await new Promise<CompactionResult>((resolve, reject) => {
      const tx = db.transaction(['updates', 'custom'], 'readwrite');
      const store = tx.objectStore('updates');
      const custom = tx.objectStore('custom');
      // The materialised copy earlier versions kept beside the log (tens of megabytes), unused now.
      custom.delete('snapshot');
      let result: CompactionResult | null = null;
      const read = store.getAll();
      // The work is done inside the request's callback: the transaction stays open for the writes.
      read.onsuccess = () => {
        const updates = read.result as Uint8Array[];
        const pieces = compactUpdates(updates);
        store.clear();
        custom.delete(COMPACTED_KEY);
        // Where the pieces end: only what is written after them counts towards the next compaction.
        pieces.forEach((piece, i) => {
          const add = store.add(piece);
          if (i === pieces.length - 1) add.onsuccess = () => custom.put(add.result, COMPACTED_KEY);
        });
        result = {
          updatesBefore: updates.length,
          bytesBefore: updates.reduce((n, u) => n + u.byteLength, 0),
          pieces: pieces.length,
          bytesAfter: pieces.reduce((n, u) => n + u.byteLength, 0)
        };
      };
      tx.oncomplete = () => resolve(result!);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('compaction aborted'));
    });
  } finally {
    db.close();
  }
}
