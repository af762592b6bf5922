// A materialised copy of the workspace's records, kept beside the Yjs updates in the same
// IndexedDB database. Opening a large workspace renders from it at once (one JSON.parse) while
// the Y.Doc, which costs far more to load, is applied afterwards and then takes over.
import * as idb from 'lib0/indexeddb';
import type { WorkspaceData } from './doc';
import { COLLECTIONS, SCHEMA_VERSION } from './schema';

export const SNAPSHOT_KEY = 'snapshot';

/** Same stores as y-indexeddb creates, so either may open the database first. */
export function openWorkspaceDb(name: string): Promise<IDBDatabase> {
  return idb.openDB(name, (db) =>
    idb.createStores(db, [['updates', { autoIncrement: true }], ['custom']])
  );
}

export async function readSnapshot(name: string): Promise<WorkspaceData | null> {
  const db = await openWorkspaceDb(name);
  try {
    const [custom] = idb.transact(db, ['custom'], 'readonly');
    const text: unknown = await idb.get(custom, SNAPSHOT_KEY);
    if (typeof text !== 'string') return null;
    const data: unknown = JSON.parse(text);
    return isUsable(data) ? data : null;
  } catch {
    return null; // a damaged snapshot only costs speed: the Y.Doc is the source of truth
  } finally {
    db.close();
  }
}

/** Only a snapshot of the current schema's shape is shown; an older or garbled one is ignored. */
function isUsable(data: unknown): data is WorkspaceData {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return d.schemaVersion === SCHEMA_VERSION && typeof d.company === 'object' && COLLECTIONS.every((name) => Array.isArray(d[name]));
}

export async function writeSnapshot(db: IDBDatabase, data: WorkspaceData): Promise<void> {
  const [custom] = idb.transact(db, ['custom']);
  await idb.put(custom, JSON.stringify(data), SNAPSHOT_KEY);
}
