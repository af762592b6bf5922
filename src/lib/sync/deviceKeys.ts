// This device's key pair for each workspace it belongs to, in a device-local IndexedDB database
// (never synced, never in a backup). The private key is a non-extractable CryptoKey: IndexedDB
// keeps the object, nobody can read its bytes.
import * as idb from 'lib0/indexeddb';
import { exportPublicKey, generateDeviceKeyPair } from './envelope';

const DB_NAME = 'relance-device';
const STORE = 'keys';

export interface DeviceKey {
  privateKey: CryptoKey;
  /** The public key as published in the member record (raw point, base64). */
  publicKey: string;
}

function openDb(): Promise<IDBDatabase> {
  return idb.openDB(DB_NAME, (db) => idb.createStores(db, [[STORE]]));
}

const keyOf = (workspaceId: string, memberId: string) => `${workspaceId}:${memberId}`;

export async function loadDeviceKey(workspaceId: string, memberId: string): Promise<DeviceKey | null> {
  const db = await openDb();
  try {
    const [store] = idb.transact(db, [STORE], 'readonly');
    const value = (await idb.get(store, keyOf(workspaceId, memberId))) as unknown;
    const key = value as DeviceKey | undefined;
    return key && key.privateKey && typeof key.publicKey === 'string' ? key : null;
  } finally {
    db.close();
  }
}

/** This device's key for the workspace: the stored one, or a new pair stored now. */
export async function ensureDeviceKey(workspaceId: string, memberId: string): Promise<DeviceKey> {
  const existing = await loadDeviceKey(workspaceId, memberId);
  if (existing) return existing;
  const pair = await generateDeviceKeyPair();
  const key: DeviceKey = { privateKey: pair.privateKey, publicKey: await exportPublicKey(pair.publicKey) };
  const db = await openDb();
  try {
    const [store] = idb.transact(db, [STORE]);
    await idb.put(store, key as unknown as string, keyOf(workspaceId, memberId));
  } finally {
    db.close();
  }
  return key;
}

export async function deleteDeviceKey(workspaceId: string, memberId: string): Promise<void> {
  const db = await openDb();
  try {
    const [store] = idb.transact(db, [STORE]);
    await idb.del(store, keyOf(workspaceId, memberId));
  } finally {
    db.close();
  }
}
