// Backup and restore of a whole workspace as one file (format: src/lib/domain/backupFormat.ts).
//
// A file is checked completely before anything is written: format, checksum, then its Yjs states
// — the live document's and, since version 2, each closed year's archive — are loaded into scratch
// documents linked as a workspace's are, and must hold exactly the readable records the file
// carries, live and archived. Only a file that passes every check can be restored (a new
// workspace on this device) or merged (into the same workspace); a bad one is refused whole,
// with the reason.
//
// A record the app cannot read (domain/recordShape.ts) is in the Yjs state, untouched, but not
// in the readable copy: that copy lists it under `unreadable` (collection, id, defect), and the
// check reads the scratch document the same way, so such a workspace is backed up and restored.
import * as Y from 'yjs';
import type { Company, Member } from '$lib/domain/types';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  backupFileName,
  decodeBase64,
  encodeBase64,
  parseBackup,
  sameRecords,
  sealBackup,
  serializeBackup,
  type BackupFile,
  type BackupRefusal
} from '$lib/domain/backupFormat';
import { localDate } from '$lib/clock';
import { nextSeriesLetter } from '$lib/domain/numbering';
import { now } from '$lib/clock';
import type { MergePlan, RecordRef } from '$lib/domain/backupMerge';
import {
  archiveYearOf,
  isInitialised,
  migrate,
  readAll,
  readCompany,
  readWorkspace,
  schemaVersion,
  unreadableRecords,
  workspaceIdOf,
  type WorkspaceData
} from './doc';
import { planMerge } from './backupMerge';
import { listedYears } from './archives';
import { scratchWorkspace, type ArchiveState } from './scratchWorkspace';
import { SCHEMA_VERSION } from './schema';
import { Workspace } from './workspace.svelte';

export { BACKUP_ORIGIN, withoutDeletions } from './backupMerge';

export interface ExportedBackup {
  fileName: string;
  text: string;
  /** The instant written in the file. */
  createdAt: string;
}

/** A backup that passed every check, ready to restore or merge. */
export interface CheckedBackup {
  file: BackupFile<WorkspaceData>;
  /** The Yjs state to apply, brought up to this app's schema. */
  update: Uint8Array;
  /** Each archive document's Yjs state, brought up to this app's schema too (none from a version 1 file). */
  archives: ArchiveState[];
  workspaceId: string;
  company: Company;
  members: Member[];
  counts: { clients: number; documents: number; payments: number };
}

export type BackupCheck = { ok: true; backup: CheckedBackup } | { ok: false; reason: BackupRefusal };

/** The readable copy a backup carries: every readable record, and the list of unreadable ones. */
function readableCopy(doc: Y.Doc): WorkspaceData {
  const data = readWorkspace(doc);
  const unreadable = unreadableRecords(doc);
  return unreadable.length ? { ...data, unreadable } : data;
}

/** The whole workspace, every archive included, as a backup file's name and text. */
export async function exportBackup(ws: Workspace, opts: { appVersion: string; at?: Date }): Promise<ExportedBackup> {
  const at = opts.at ?? now();
  // Read together, in one synchronous step once every archive is loaded: the live state, the
  // archives' and the readable copy (their union) describe the same state.
  const { update, archives, data } = await ws.withArchives((loaded) => ({
    update: Y.encodeStateAsUpdate(ws.doc),
    archives: loaded.map(({ year, doc }) => ({ year, yjs: encodeBase64(Y.encodeStateAsUpdate(doc)) })),
    data: readableCopy(ws.doc)
  }));
  const file = await sealBackup({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: at.toISOString(),
    appVersion: opts.appVersion,
    workspaceId: workspaceIdOf(ws.doc) ?? ws.id,
    schemaVersion: data.schemaVersion,
    yjs: encodeBase64(update),
    archives,
    data
  });
  return { fileName: backupFileName(data.company?.name ?? '', localDate(at)), text: serializeBackup(file), createdAt: file.createdAt };
}

/** Loads a Yjs state whole into `doc`: false when it does not load, or waits for what it does not hold (a partial state). */
function loadsWhole(doc: Y.Doc, bytes: Uint8Array): boolean {
  try {
    Y.applyUpdate(doc, bytes);
  } catch {
    return false;
  }
  return !doc.store.pendingStructs && !doc.store.pendingDs;
}

/** Checks a file's text completely, on scratch documents; nothing is written anywhere. */
export async function checkBackup(text: string): Promise<BackupCheck> {
  const parsed = await parseBackup<WorkspaceData>(text, { maxSchemaVersion: SCHEMA_VERSION });
  if (!parsed.ok) return parsed;
  const { file } = parsed;
  const refuse = (reason: BackupRefusal): BackupCheck => ({ ok: false, reason });
  const bytes = decodeBase64(file.yjs);
  if (!bytes) return refuse('bad_base64');
  // parseBackup checked the list: years 2000–2999, each once, base64 states.
  const archiveBytes = (file.archives ?? []).map((a) => ({ year: a.year, bytes: decodeBase64(a.yjs) }));
  if (archiveBytes.some((a) => !a.bytes)) return refuse('bad_base64');
  const scratch = scratchWorkspace();
  try {
    if (!loadsWhole(scratch.live, bytes)) return refuse('yjs_invalid');
    const company = readCompany(scratch.live);
    if (!isInitialised(scratch.live) || !company) return refuse('not_workspace');
    if ((workspaceIdOf(scratch.live) ?? file.workspaceId) !== file.workspaceId || schemaVersion(scratch.live) !== file.schemaVersion)
      return refuse('data_mismatch');
    for (const { year, bytes } of archiveBytes) {
      const doc = scratch.archive(year);
      if (!loadsWhole(doc, bytes!)) return refuse('yjs_invalid');
      // Each is the archive of its year, of this workspace, in a schema no newer than the live document's.
      const version = schemaVersion(doc);
      if (archiveYearOf(doc) !== year || workspaceIdOf(doc) !== file.workspaceId || version < 1 || version > file.schemaVersion) return refuse('data_mismatch');
    }
    // Every year the live document lists must be carried: its records (and its documents' stubs)
    // would be lost otherwise. The file may carry a year the live document does not list (an
    // archive written before its listing reached the live document): its records are in the
    // readable copy like any other, and a restore lists it when it opens it.
    if (listedYears(scratch.live).some((year) => !scratch.archives.has(year))) return refuse('yjs_invalid');
    if (!sameRecords(readableCopy(scratch.live), file.data)) return refuse('data_mismatch');
    // An older schema is migrated here, so what is applied is already in today's shape.
    migrate(scratch.live);
    for (const doc of scratch.archives.values()) migrate(doc);
    return {
      ok: true,
      backup: {
        file,
        update: Y.encodeStateAsUpdate(scratch.live),
        archives: [...scratch.archives].map(([year, doc]) => ({ year, update: Y.encodeStateAsUpdate(doc) })),
        workspaceId: file.workspaceId,
        company: readCompany(scratch.live)!,
        members: readAll(scratch.live, 'members'),
        counts: {
          clients: file.data.clients.length,
          documents: file.data.documents.length,
          payments: file.data.payments.length
        }
      }
    };
  } finally {
    scratch.destroy();
  }
}

/**
 * The checked backup as a new workspace on this device, under `id`. This device becomes a new
 * member with a series letter no member of the backup has, so it never reuses their numbers.
 */
export function restoreWorkspace(backup: CheckedBackup, opts: { id: string; deviceName: string }): Promise<Workspace> {
  return Workspace.restore({
    id: opts.id,
    update: backup.update,
    archives: backup.archives,
    deviceName: opts.deviceName,
    seriesLetter: nextSeriesLetter(backup.members.map((m) => m.seriesLetter))
  });
}

/** Whether the backup is of the workspace `ws` (the only one it may be merged into). */
export function isBackupOf(backup: CheckedBackup, ws: Workspace): boolean {
  return backup.workspaceId === (workspaceIdOf(ws.doc) ?? ws.id);
}

/** What a merge will do, shown before it is applied. */
export interface MergePreview extends MergePlan {
  /** Always 0: a merge never deletes (kept in the preview so the user reads it). */
  deletions: 0;
}

/**
 * What merging the backup into `ws` will add and update, what it keeps that the backup's copy
 * had deleted, and what was deleted here that it could bring back. Nothing is written.
 */
export async function previewMerge(ws: Workspace, backup: CheckedBackup): Promise<{ ok: true; preview: MergePreview } | { ok: false; reason: 'other_workspace' }> {
  await ws.ready;
  if (!isBackupOf(backup, ws)) return { ok: false, reason: 'other_workspace' };
  // Union with union: the archives here and the backup's, so a record archived on one side only is neither added nor lost.
  const plan = await ws.withArchives((archives) => planMerge(ws.doc, archives, backup));
  return { ok: true, preview: { ...plan, deletions: 0 } };
}

/**
 * Merges the checked backup into the open workspace (same workspace only), through the
 * 'backup/merge' command (refused on a device removed from the workspace). It only adds and
 * updates — nothing the device has is lost (store/backupMerge.ts). `restore`: records deleted on
 * this device that the user picked from the preview's `restorable` list.
 */
export async function mergeBackup(
  ws: Workspace,
  backup: CheckedBackup,
  opts: { restore?: readonly Pick<RecordRef, 'collection' | 'id'>[] } = {}
): Promise<{ ok: true } | { ok: false; reason: 'other_workspace' }> {
  await ws.ready;
  if (!isBackupOf(backup, ws)) return { ok: false, reason: 'other_workspace' };
  await ws.run('backup/merge', backup.update, opts.restore ?? [], backup.archives);
  await ws.saveFirstScreen();
  return { ok: true };
}
