// Merging a backup's Yjs state into a workspace document so that it only adds and updates
// (domain/backupMerge.ts says what may change; this module does it in Yjs). The backup's state is
// applied without its delete set: what its copy added or changed arrives, ordered exactly as a
// sync would order it (the newest edit wins; an older copy's value never overrides a later
// change here), none of what it deleted; applying it twice is applying it once. What its copy
// would still take away by overwriting — a contact dropped from a list, an issued document's
// content, a series' mark — is written back in the same transaction.
import * as Y from 'yjs';
import type { RecordKind } from '$lib/domain/recordShape';
import { planBackupMerge, type MergePlan } from '$lib/domain/backupMerge';
import { patchRecord, putRecord, readWorkspace, type WorkspaceData } from './doc';
import type { CollectionName, RecordTypes } from './schema';

/** Origin of the transaction that merges a backup into an open workspace. */
export const BACKUP_ORIGIN = Symbol('relance-backup');

/**
 * The update without its delete set. The delete set is the update's tail (Yjs v1 format:
 * structs, then deletions); it is encoded again from its decoded form to find where it starts,
 * and replaced by an empty one. An update laid out otherwise is refused, never half-applied.
 */
export function withoutDeletions(update: Uint8Array): Uint8Array {
  const { ds } = Y.decodeUpdate(update);
  const tail: number[] = [];
  const varUint = (n: number) => {
    while (n > 0x7f) {
      tail.push(0x80 | (n & 0x7f));
      n = Math.floor(n / 128);
    }
    tail.push(n);
  };
  varUint(ds.clients.size);
  for (const [client, items] of ds.clients) {
    varUint(client);
    varUint(items.length);
    for (const item of items) {
      varUint(item.clock);
      varUint(item.len);
    }
  }
  const start = update.length - tail.length;
  if (start < 0 || tail.some((byte, i) => update[start + i] !== byte)) throw new Error('backup_update_layout');
  const out = new Uint8Array(start + 1);
  out.set(update.subarray(0, start));
  out[start] = 0; // no deletions
  return out;
}

/** The records of a document loaded from `updates`, on a scratch copy. */
function readScratch(...updates: Uint8Array[]): WorkspaceData {
  const scratch = new Y.Doc();
  try {
    for (const update of updates) Y.applyUpdate(scratch, update);
    return readWorkspace(scratch);
  } finally {
    scratch.destroy();
  }
}

/** What merging the backup's `update` into `doc` will change (nothing is written). */
export function planMerge(doc: Y.Doc, update: Uint8Array): MergePlan {
  const merged = readScratch(Y.encodeStateAsUpdate(doc), withoutDeletions(update));
  return planBackupMerge(readWorkspace(doc), merged, readScratch(update));
}

/**
 * Merges the backup's `update` into `doc` in one transaction, and brings back the records of
 * `restore` that were deleted here and are in the backup (any other pick is ignored).
 */
export function applyBackupMerge(doc: Y.Doc, update: Uint8Array, restore: readonly { collection: RecordKind; id: string }[]): MergePlan {
  const plan = planMerge(doc, update);
  const picked = restore.filter((p) => plan.restorable.some((r) => r.collection === p.collection && r.id === p.id));
  const fromBackup = picked.length ? readScratch(update) : null;
  doc.transact(() => {
    Y.applyUpdate(doc, withoutDeletions(update), BACKUP_ORIGIN);
    for (const repair of plan.repairs) {
      const name = repair.collection as CollectionName;
      if (repair.kind === 'put') putRecord(doc, name, repair.record as unknown as RecordTypes[typeof name] & { id: string });
      else patchRecord(doc, name, repair.id, repair.patch as Partial<RecordTypes[typeof name]>);
    }
    for (const pick of picked) {
      const record = (fromBackup?.[pick.collection] as { id: string }[] | undefined)?.find((r) => r.id === pick.id);
      if (record) putRecord(doc, pick.collection, record as RecordTypes[typeof pick.collection] & { id: string });
    }
  }, BACKUP_ORIGIN);
  return plan;
}
