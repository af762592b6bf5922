// Persistent storage: without it a browser may evict the app's IndexedDB when the disk fills up.
// It is asked once, after the first real data is saved (asking at first launch is refused more
// often and means nothing yet); settings show the state and can ask again.

const ASKED_KEY = 'relance.persistAsked';

export interface StorageState {
  /** null: this browser does not say. */
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

export async function storageState(): Promise<StorageState> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  const persisted = storage?.persisted ? await storage.persisted().catch(() => null) : null;
  const estimate = storage?.estimate ? await storage.estimate().catch(() => null) : null;
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

/** Asks the browser to keep the data; resolves to its answer (null: not supported). */
export async function requestPersistence(): Promise<boolean | null> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist) return null;
  try {
    localStorage.setItem(ASKED_KEY, new Date().toISOString());
  } catch {
    /* asked anyway */
  }
  return storage.persist().catch(() => null);
}

let askedHere = false;

/** Asks once per device, the first time there is real data to keep. */
export async function requestPersistenceOnce(): Promise<void> {
  if (askedHere) return;
  askedHere = true;
  try {
    if (localStorage.getItem(ASKED_KEY)) return;
  } catch {
    return;
  }
  if (await navigator.storage?.persisted?.().catch(() => false)) return;
  await requestPersistence();
}
