// Backup and restore of a whole workspace as one file (format: src/lib/domain/backupFormat.ts).
//
// A file is checked completely before anything is written: format, checksum, then its Yjs state
// is loaded into a scratch Y.Doc and must hold exactly the readable records the file carries.
// Only a file that passes every check can be restored (a new workspace on this device) or
// merged (into the same workspace); a bad one is refused whole, with the reason.
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
import { isInitialised, migrate, readAll, readCompany, readWorkspace, schemaVersion, workspaceIdOf, type WorkspaceData } from './doc';
import { SCHEMA_VERSION } from './schema';
import { Workspace } from './workspace.svelte';

/** Origin of the transaction that merges a backup into an open workspace. */
export const BACKUP_ORIGIN = Symbol('relance-backup');

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
  workspaceId: string;
  company: Company;
  members: Member[];
  counts: { clients: number; documents: number; payments: number };
}

export type BackupCheck = { ok: true; backup: CheckedBackup } | { ok: false; reason: BackupRefusal };

/** The whole workspace as a backup file's name and text. */
export async function exportBackup(ws: Workspace, opts: { appVersion: string; at?: Date }): Promise<ExportedBackup> {
  await ws.ready;
  const at = opts.at ?? now();
  // Read together, in one synchronous step: the two copies describe the same state.
  const update = Y.encodeStateAsUpdate(ws.doc);
  const data = readWorkspace(ws.doc);
  const file = await sealBackup({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: at.toISOString(),
    appVersion: opts.appVersion,
    workspaceId: workspaceIdOf(ws.doc) ?? ws.id,
    schemaVersion: data.schemaVersion,
    yjs: encodeBase64(update),
    data
  });
  return { fileName: backupFileName(data.company?.name ?? '', localDate(at)), text: serializeBackup(file), createdAt: file.createdAt };
}

/** Checks a file's text completely, on a scratch document; nothing is written anywhere. */
export async function checkBackup(text: string): Promise<BackupCheck> {
  const parsed = await parseBackup<WorkspaceData>(text, { maxSchemaVersion: SCHEMA_VERSION });
  if (!parsed.ok) return parsed;
  const { file } = parsed;
  const refuse = (reason: BackupRefusal): BackupCheck => ({ ok: false, reason });
  const bytes = decodeBase64(file.yjs);
  if (!bytes) return refuse('bad_base64');
  const scratch = new Y.Doc();
  try {
    try {
      Y.applyUpdate(scratch, bytes);
    } catch {
      return refuse('yjs_invalid');
    }
    // Structs or deletions waiting for something the update does not hold: a partial state.
    if (scratch.store.pendingStructs || scratch.store.pendingDs) return refuse('yjs_invalid');
    const company = readCompany(scratch);
    if (!isInitialised(scratch) || !company) return refuse('not_workspace');
    if ((workspaceIdOf(scratch) ?? file.workspaceId) !== file.workspaceId || schemaVersion(scratch) !== file.schemaVersion)
      return refuse('data_mismatch');
    if (!sameRecords(readWorkspace(scratch), file.data)) return refuse('data_mismatch');
    // An older schema is migrated here, so what is applied is already in today's shape.
    migrate(scratch);
    return {
      ok: true,
      backup: {
        file,
        update: Y.encodeStateAsUpdate(scratch),
        workspaceId: file.workspaceId,
        company: readCompany(scratch)!,
        members: readAll(scratch, 'members'),
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
    deviceName: opts.deviceName,
    seriesLetter: nextSeriesLetter(backup.members.map((m) => m.seriesLetter))
  });
}

/** Whether the backup is of the workspace `ws` (the only one it may be merged into). */
export function isBackupOf(backup: CheckedBackup, ws: Workspace): boolean {
  return backup.workspaceId === (workspaceIdOf(ws.doc) ?? ws.id);
}

/**
 * Merges the checked backup into the open workspace (same workspace only): what the file has
 * and the device lacks is added, nothing the device has is lost (Yjs merge).
 */
export async function mergeBackup(ws: Workspace, backup: CheckedBackup): Promise<{ ok: true } | { ok: false; reason: 'other_workspace' }> {
  await ws.ready;
  if (!isBackupOf(backup, ws)) return { ok: false, reason: 'other_workspace' };
  Y.applyUpdate(ws.doc, backup.update, BACKUP_ORIGIN);
  await ws.flushSnapshot();
  return { ok: true };
}
