// A materialised copy of the workspace's records, kept beside the Yjs updates in the same
// IndexedDB database. Opening a large workspace renders from it (one JSON.parse) while the Y.Doc,
// which costs far more to load, is applied afterwards and then takes over. Before it, the first
// screen (firstScreen.ts, a few kilobytes) is what shows.
import * as idb from 'lib0/indexeddb';
import type { Company, DocumentRecord, FrozenContent } from '$lib/domain/types';
import type { WorkspaceData } from './doc';
import { COLLECTIONS, FROZEN_ONLY_FIELDS, SCHEMA_VERSION } from './schema';
import { FIRST_SCREEN_KEY, type FirstScreen } from './firstScreen';

export const SNAPSHOT_KEY = 'snapshot';

/** Same stores as y-indexeddb creates, so either may open the database first. */
export function openWorkspaceDb(name: string): Promise<IDBDatabase> {
  return idb.openDB(name, (db) =>
    idb.createStores(db, [['updates', { autoIncrement: true }], ['custom']])
  );
}

declare global {
  interface Window {
    /** The read started by src/app.html when it found no first screen (firstScreen.ts) to show. */
    __relanceSnapshot?: { name: string; text: Promise<string | null> };
  }
}

/** The snapshot text read early by app.html for this database, once; null when there is none. */
function takeEarlyRead(name: string): Promise<string | null> | null {
  if (typeof window === 'undefined') return null;
  const early = window.__relanceSnapshot;
  if (!early || early.name !== name) return null;
  delete window.__relanceSnapshot;
  return early.text;
}

async function readSnapshotText(name: string): Promise<unknown> {
  const early = takeEarlyRead(name);
  if (early) return early;
  const db = await openWorkspaceDb(name);
  try {
    const [custom] = idb.transact(db, ['custom'], 'readonly');
    return await idb.get(custom, SNAPSHOT_KEY);
  } finally {
    db.close();
  }
}

export async function readSnapshot(name: string): Promise<WorkspaceData | null> {
  try {
    const text = await readSnapshotText(name);
    if (typeof text !== 'string') return null;
    const data: unknown = JSON.parse(text);
    return isUsable(data) ? unpack(data) : null;
  } catch {
    return null; // a damaged snapshot only costs speed: the Y.Doc is the source of truth
  }
}

// On disk an issued document is written as the store holds it: what `frozen` holds is not
// repeated beside it, and the seller (the same on thousands of documents) is written once.
interface PackedData extends WorkspaceData {
  sellers: Company[];
}
type PackedFrozen = Omit<FrozenContent, 'seller'> & { seller: number };

/** Only a snapshot of the current schema's shape is shown; an older or garbled one is ignored. */
function isUsable(data: unknown): data is PackedData {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return (
    d.schemaVersion === SCHEMA_VERSION &&
    typeof d.company === 'object' &&
    Array.isArray(d.sellers) &&
    COLLECTIONS.every((name) => Array.isArray(d[name]))
  );
}

function pack(data: WorkspaceData): PackedData {
  const sellers: Company[] = [];
  const byObject = new Map<Company, number>();
  const byJson = new Map<string, number>();
  const sellerIndex = (seller: Company): number => {
    let i = byObject.get(seller);
    if (i === undefined) {
      const json = JSON.stringify(seller);
      i = byJson.get(json);
      if (i === undefined) byJson.set(json, (i = sellers.push(seller) - 1));
      byObject.set(seller, i);
    }
    return i;
  };
  const documents = data.documents.map((doc) => {
    if (!doc.frozen) return doc;
    const packed: Record<string, unknown> = { ...doc, frozen: { ...doc.frozen, seller: sellerIndex(doc.frozen.seller) } };
    for (const f of FROZEN_ONLY_FIELDS) delete packed[f];
    return packed as unknown as DocumentRecord;
  });
  return { ...data, documents, sellers };
}

function unpack(data: PackedData): WorkspaceData {
  const { sellers, ...rest } = data;
  for (const doc of rest.documents) {
    if (!doc.frozen) continue;
    const frozen = doc.frozen as unknown as PackedFrozen;
    const seller = sellers[frozen.seller];
    if (!seller) throw new Error('snapshot: unknown seller');
    (frozen as unknown as FrozenContent).seller = seller;
    for (const f of FROZEN_ONLY_FIELDS) (doc as unknown as Record<string, unknown>)[f] = frozen[f];
  }
  return rest;
}

/** The text stored for a snapshot of `data`. */
export function encodeSnapshot(data: WorkspaceData): string {
  return JSON.stringify(pack(data));
}

/**
 * Writes the snapshot and the first screen computed at the same moment, in one transaction so
 * they never disagree; without a first screen, an older one is removed rather than left stale.
 */
export async function writeSnapshot(db: IDBDatabase, data: WorkspaceData, firstScreen: FirstScreen | null = null): Promise<void> {
  const text = encodeSnapshot(data);
  const [custom] = idb.transact(db, ['custom']);
  await Promise.all([
    idb.put(custom, text, SNAPSHOT_KEY),
    firstScreen ? idb.put(custom, JSON.stringify(firstScreen), FIRST_SCREEN_KEY) : idb.del(custom, FIRST_SCREEN_KEY)
  ]);
}
