// Merging a backup's Yjs state into a workspace document so that it only adds and updates
// (domain/backupMerge.ts says what may change; this module does it in Yjs). The backup's state is
// applied without its delete set: what its copy added or changed arrives, ordered exactly as a
// sync would order it (the newest edit wins; an older copy's value never overrides a later
// change here), none of what it deleted; applying it twice is applying it once. What its copy
// would still take away by overwriting — a contact dropped from a list, an issued document's
// content, a series' mark — is written back in the same transaction.
//
// The closed years' archives (store/archives.ts) merge the same way, each into this device's
// archive of its year, and every comparison is of the union — live and archived records read
// together, as the app reads them: a record one side archived and the other not is the same
// record, neither added nor lost.
import * as Y from 'yjs';
import type { RecordKind } from '$lib/domain/recordShape';
import { planBackupMerge, type MergePlan } from '$lib/domain/backupMerge';
import { patchRecord, putRecord, readWorkspace, type WorkspaceData } from './doc';
import type { ArchiveShelf } from './archives';
import { scratchWorkspace, type ArchiveState } from './scratchWorkspace';
import type { CollectionName, RecordTypes } from './schema';

/** A backup's Yjs states: its live document's and its archives'. */
export interface BackupState {
  update: Uint8Array;
  archives: readonly ArchiveState[];
}

/** An archive document of this device. */
export interface LocalArchive {
  year: number;
  doc: Y.Doc;
}

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

/** The records of a workspace loaded from the live document's `live` states and its archives' (year, state), on scratch copies. */
function readScratch(live: readonly Uint8Array[], archives: readonly (readonly [number, Uint8Array])[]): WorkspaceData {
  const scratch = scratchWorkspace();
  try {
    for (const update of live) Y.applyUpdate(scratch.live, update);
    for (const [year, update] of archives) Y.applyUpdate(scratch.archive(year), update);
    return readWorkspace(scratch.live);
  } finally {
    scratch.destroy();
  }
}

const backupStates = (backup: BackupState) => backup.archives.map((a) => [a.year, a.update] as const);

/**
 * What merging `backup` into `doc` will change (nothing is written): `doc`'s records — read
 * with `archives`, the archives linked to it, read in the same step — against the same once
 * each document received the backup's edits (the live one the backup's live state, each archive
 * its year's), both the union of live and archived records.
 */
export function planMerge(doc: Y.Doc, archives: readonly LocalArchive[], backup: BackupState): MergePlan {
  const merged = [
    ...archives.map((a) => [a.year, Y.encodeStateAsUpdate(a.doc)] as const),
    ...backup.archives.map((a) => [a.year, withoutDeletions(a.update)] as const)
  ];
  const after = readScratch([Y.encodeStateAsUpdate(doc), withoutDeletions(backup.update)], merged);
  return planBackupMerge(readWorkspace(doc), after, readScratch([backup.update], backupStates(backup)));
}

/**
 * Merges `backup` into `doc` and its archives (`shelf`: each archive of the backup is merged into
 * this device's archive of its year, created when it has none), and brings back the records of
 * `restore` that were deleted here and are in the backup (any other pick is ignored). The
 * archives are opened first; then everything is planned and written in one synchronous step, the
 * archives before the live document (as the archiver does: a record is never only in a
 * document not yet written).
 */
export async function applyBackupMerge(
  doc: Y.Doc,
  shelf: ArchiveShelf | undefined,
  backup: BackupState,
  restore: readonly { collection: RecordKind; id: string }[]
): Promise<MergePlan> {
  // Without the shelf (a bare document) only a backup without archives can merge, never half of one.
  if (!shelf && backup.archives.length) throw new Error('backup_archives_without_shelf');
  if (shelf) {
    await shelf.openListed();
    for (const { year } of backup.archives) if (!(await shelf.open(year, true))) throw new Error('workspace_closed');
  }
  const local = shelf?.archives() ?? [];
  const plan = planMerge(doc, local, backup);
  const picked = restore.filter((p) => plan.restorable.some((r) => r.collection === p.collection && r.id === p.id));
  const fromBackup = picked.length ? readScratch([backup.update], backupStates(backup)) : null;
  for (const { year, update } of backup.archives) {
    const archive = shelf!.get(year)!.doc;
    archive.transact(() => Y.applyUpdate(archive, withoutDeletions(update), BACKUP_ORIGIN), BACKUP_ORIGIN);
  }
  doc.transact(() => {
    Y.applyUpdate(doc, withoutDeletions(backup.update), BACKUP_ORIGIN);
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
