// Where a workspace lives on the device: one IndexedDB database per workspace, with y-indexeddb's
// stores (an 'updates' log, persistence.ts; a 'custom' store, the first screen). No Yjs here: the
// first screen is read before the Yjs code is even loaded.
import * as idb from 'lib0/indexeddb';

/** In 'custom': the key of the last piece the log was compacted into (compaction.ts). */
export const COMPACTED_KEY = 'compactedThrough';

export function workspaceDbName(id: string): string {
  return `relance-ws-${id}`;
}

/** Same stores as y-indexeddb creates, so either may open the database first. */
export function openWorkspaceDb(name: string): Promise<IDBDatabase> {
  return idb.openDB(name, (db) => idb.createStores(db, [['updates', { autoIncrement: true }], ['custom']]));
}

/** An archive year's own database beside its workspace's (store/archives.ts). */
export function archiveDbName(workspaceId: string, year: number): string {
  return `${workspaceDbName(workspaceId)}~${year}`;
}
