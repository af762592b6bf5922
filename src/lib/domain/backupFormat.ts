// The backup file: one JSON text holding the workspace's whole Yjs state (what is restored) and a
// readable copy of its records (what a person or another tool can read), sealed by a SHA-256
// checksum of its canonical content. Since version 2 it also holds the Yjs state of each closed
// year's archive document (store/archives.ts); the readable copy is every record, live or archived. This module only knows the format: it checks a text is a
// complete, untouched Relance backup of a version it understands. Whether the Yjs state really
// holds those records is checked by the store (src/lib/store/backup.ts) on a scratch document.
import type { IsoDate } from './types';
import { canonicalJson, sha256Hex } from './integrity';

export const BACKUP_FORMAT = 'relance-backup';
/** 2: `archives` added. A version 1 file (no archives) is still read. */
export const BACKUP_VERSION = 2;
export const BACKUP_EXTENSION = '.relance';

/**
 * The largest file read as a backup: 500 MB, checked on its size before it is read. Measured in
 * Node: a workspace of 5 000 invoices with its clients, payments and history (the demo's
 * proportions) makes a 76 MB file, ≈ 15 MB per 1 000 invoices. A file this app writes is one
 * JavaScript string, and a browser's strings stop at ≈ 536 million characters (V8): no backup
 * Relance made is larger, so a larger file is not one, and reading it would only exhaust memory.
 */
export const MAX_BACKUP_BYTES = 500_000_000;

export interface BackupFile<Data = unknown> {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** When the backup was made (ISO instant). */
  createdAt: string;
  /** The version of Relance that made it. */
  appVersion: string;
  workspaceId: string;
  /** The workspace schema version of the records inside. */
  schemaVersion: number;
  /** 'sha256:<hex>' of the canonical JSON of every other field. */
  checksum: string;
  /** Base64 of the whole Yjs state (Y.encodeStateAsUpdate). */
  yjs: string;
  /** Version 2: each archive document's Yjs state (absent from version 1 files). */
  archives?: BackupArchive[];
  /** The same records as plain JSON: the live ones and the archived ones. */
  data: Data;
}

/** One closed year's archive document in a backup. */
export interface BackupArchive {
  year: number;
  /** Base64 of its whole Yjs state. */
  yjs: string;
}

/** The years an archive may hold (store/archives.ts lists no others). */
const FIRST_ARCHIVE_YEAR = 2000;
const LAST_ARCHIVE_YEAR = 2999;

export type BackupContent<Data = unknown> = Omit<BackupFile<Data>, 'checksum'>;

/** Why a file is refused (each has its message in the 'backup.refused.*' keys). */
export type BackupRefusal =
  | 'empty' // nothing in the file
  | 'too_large' // larger than any backup can be (MAX_BACKUP_BYTES): not read at all
  | 'truncated' // cut off before its end (an interrupted copy or download)
  | 'foreign' // not a Relance backup: another app's file, an image, any other JSON
  | 'newer_version' // made by a later Relance with a file format this one does not know
  | 'newer_schema' // records in a shape a later Relance introduced
  | 'malformed' // looks like a backup but fields are missing or of the wrong kind
  | 'bad_base64' // the Yjs state is not valid base64
  | 'checksum' // the content was changed after the backup was made
  | 'yjs_invalid' // the Yjs state does not load
  | 'data_mismatch' // the readable copy does not match the Yjs state
  | 'not_workspace' // the Yjs state holds no workspace
  | 'other_workspace'; // merge asked, but the file belongs to another workspace

export type ParsedBackup<Data = unknown> = { ok: true; file: BackupFile<Data> } | { ok: false; reason: BackupRefusal };

/**
 * The file's name: backupFileName('Atelier Dupont & fils', '2026-11-23')
 * → 'Relance-Atelier-Dupont-fils-2026-11-23.relance'. Accents are kept, characters that file
 * systems or mail clients dislike become dashes.
 */
export function backupFileName(companyName: string, date: IsoDate): string {
  const company = companyName
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `Relance-${company || 'sauvegarde'}-${date}${BACKUP_EXTENSION}`;
}

/** 'sha256:<hex>' of the canonical JSON (sorted keys, no spaces) of everything but the checksum. */
export async function backupChecksum(content: BackupContent): Promise<string> {
  const { checksum: _ignored, ...rest } = content as BackupFile;
  return `sha256:${await sha256Hex(canonicalJson(rest))}`;
}

/** The content with its checksum: a complete backup file. */
export async function sealBackup<Data>(content: BackupContent<Data>): Promise<BackupFile<Data>> {
  return { ...content, checksum: await backupChecksum(content) };
}

/** The file's text: `format` first (so a cut-off file is still recognised), indented to be read. */
export function serializeBackup(file: BackupFile): string {
  const { format, version, createdAt, appVersion, workspaceId, schemaVersion, checksum, yjs, archives, data } = file;
  return JSON.stringify({ format, version, createdAt, appVersion, workspaceId, schemaVersion, checksum, yjs, archives, data }, null, 2);
}

const BACKUP_START = /^\s*\{\s*"format"\s*:\s*"relance-backup"/;
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;
const CHECKSUM = /^sha256:[0-9a-f]{64}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

/**
 * Reads a file's text as a backup and checks everything that can be checked without Yjs: the
 * format and its version, every field, the base64 and the checksum. `maxSchemaVersion` is the
 * newest workspace schema this app can read.
 */
export async function parseBackup<Data = unknown>(text: string, opts: { maxSchemaVersion: number }): Promise<ParsedBackup<Data>> {
  const refuse = (reason: BackupRefusal): ParsedBackup<Data> => ({ ok: false, reason });
  if (!text.trim()) return refuse('empty');
  if (text.length > MAX_BACKUP_BYTES) return refuse('too_large');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Ours, cut short (no closing brace), or ours with garbage inside, or somebody else's.
    if (!BACKUP_START.test(text)) return refuse('foreign');
    return refuse(isCutShort(text) ? 'truncated' : 'malformed');
  }
  if (!isObject(parsed) || parsed.format !== BACKUP_FORMAT) return refuse('foreign');
  const f = parsed;
  if (!isCount(f.version)) return refuse('malformed');
  if (f.version > BACKUP_VERSION) return refuse('newer_version');
  if (
    typeof f.createdAt !== 'string' ||
    Number.isNaN(Date.parse(f.createdAt)) ||
    typeof f.appVersion !== 'string' ||
    typeof f.workspaceId !== 'string' ||
    !f.workspaceId ||
    !isCount(f.schemaVersion) ||
    typeof f.checksum !== 'string' ||
    !CHECKSUM.test(f.checksum) ||
    typeof f.yjs !== 'string' ||
    !isObject(f.data)
  )
    return refuse('malformed');
  // Version 2 always lists its archives (maybe none); a version 1 file has none to list.
  if (f.version >= 2 ? !isArchiveList(f.archives) : f.archives !== undefined) return refuse('malformed');
  if (f.schemaVersion > opts.maxSchemaVersion) return refuse('newer_schema');
  if (!isBase64(f.yjs) || !((f.archives ?? []) as BackupArchive[]).every((a) => isBase64(a.yjs))) return refuse('bad_base64');
  if ((await backupChecksum(f as unknown as BackupContent)) !== f.checksum) return refuse('checksum');
  return { ok: true, file: f as unknown as BackupFile<Data> };
}

/** A list of archives, each of a year 2000–2999 given once, its state a string. */
function isArchiveList(v: unknown): v is BackupArchive[] {
  if (!Array.isArray(v)) return false;
  const years = new Set<number>();
  for (const a of v) {
    if (!isObject(a) || typeof a.yjs !== 'string' || !Number.isInteger(a.year)) return false;
    const year = a.year as number;
    if (year < FIRST_ARCHIVE_YEAR || year > LAST_ARCHIVE_YEAR || years.has(year)) return false;
    years.add(year);
  }
  return true;
}

/** Whether JSON text ends inside a string or with objects or arrays still open: cut short. */
function isCutShort(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return inString || depth > 0;
}

/** Whether a file of `bytes` is refused before it is read (File.size: nothing is loaded). */
export function isTooLargeForBackup(bytes: number): boolean {
  return bytes > MAX_BACKUP_BYTES;
}

/** Bytes → base64, in slices so that a large workspace does not overflow the call stack. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  const SLICE = 0x8000;
  for (let i = 0; i < bytes.length; i += SLICE) binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  return btoa(binary);
}

/** Strict base64: the alphabet, padded to a multiple of 4 (no spaces, no line breaks). */
export function isBase64(text: string): boolean {
  return text.length > 0 && text.length % 4 === 0 && BASE64_CHARS.test(text);
}

/** Base64 → bytes, or null when the text is not strict base64. */
export function decodeBase64(text: string): Uint8Array | null {
  if (!isBase64(text)) return null;
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/**
 * Whether two readable copies of a workspace hold the same records. Lists of records are
 * compared by id whatever their order (a Yjs map has no order worth keeping); everything else
 * field by field. sameRecords({ clients: [a, b] }, { clients: [b, a] }) → true.
 */
export function sameRecords(a: unknown, b: unknown): boolean {
  return canonicalJson(sortedById(a)) === canonicalJson(sortedById(b));
}

function sortedById(value: unknown): unknown {
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      Array.isArray(v) && v.every((r) => isObject(r) && typeof r.id === 'string')
        ? [...(v as { id: string }[])].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
        : v;
  }
  return out;
}
