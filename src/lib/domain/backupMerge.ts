// What merging a backup into the open workspace will change, and what must be written back so
// that it never takes anything away. The store works out `merged` — the device's records once
// the backup's edits are in, resolved as a sync would resolve them (src/lib/store/backup.ts) —
// and this module compares, plain records in, a plan out:
//
// - a record the backup holds and the device never had is added;
// - a field the backup changed later than the device is updated (Yjs's order: the newest
//   edit wins, and an older copy's values never override what the device changed since);
// - nothing the device holds is removed: a record, a contact or a line of a draft that the
//   backup's copy had deleted is written back; an issued document keeps its frozen content,
//   number and hash; a series' high-water mark never goes down;
// - a record deleted on this device and still in the backup is listed, and comes back only if
//   the user picks it.
import { RECORD_KINDS, type RecordKind } from './recordShape';
import { canonicalJson } from './integrity';

type Fields = Record<string, unknown>;
type Identified = { id: string } & Fields;
/** A workspace's records, collection by collection (the store's WorkspaceData fits). */
export type RecordSets = { [K in RecordKind]?: readonly object[] } & { company?: object | null };

export interface RecordRef {
  collection: RecordKind;
  id: string;
  /** What a person recognises it by: a name, a number, a title, an amount. */
  label: string;
}

export interface FieldUpdate extends RecordRef {
  fields: string[];
}

/** A write that keeps what the device holds: a whole record, or some of its fields. */
export type Repair =
  | { kind: 'put'; collection: RecordKind; record: Identified }
  | { kind: 'patch'; collection: RecordKind; id: string; patch: Fields };

export interface MergePlan {
  added: RecordRef[];
  updated: FieldUpdate[];
  /** Company profile fields the backup changed later. */
  companyFields: string[];
  /** Deleted on this device, still in the backup: restored only if the user picks them. */
  restorable: RecordRef[];
  /** What the backup's copy would have taken away, and is written back as it is here. */
  repairs: Repair[];
}

/** Fields of an issued document that never change once issued, as stored beside its frozen content. */
const ISSUED_FIELDS = new Set(['frozen', 'hash', 'status', 'kind', 'issuedAt']);
/** Fields read from an issued document's frozen content: they change only with it. */
const FROM_FROZEN = new Set(['lines', 'discount', 'clientId', 'number', 'series', 'seq', 'issueDate', 'serviceDate', 'dueDate', 'terms', 'notes', 'prevHash', 'correctsInvoiceId']);

/**
 * What a user may bring back from a backup after deleting it here. Not the claims (« je m'en
 * occupe », released when done) nor the members: restoring them would undo work, not data.
 */
const RESTORABLE = new Set<RecordKind>(['clients', 'items', 'documents', 'payments', 'events', 'policies', 'templates', 'chaseConfig', 'tasks', 'penaltyRates', 'recurring']);

/** Lists of records with ids whose records are never dropped by a merge. */
const LISTS: Partial<Record<RecordKind, string[]>> = { clients: ['contacts'], documents: ['lines'], recurring: ['lines'] };


const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => a === b || (a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b));

function byId(records: readonly object[] | undefined): Map<string, Identified> {
  const out = new Map<string, Identified>();
  for (const r of records ?? []) if (isObject(r) && typeof r.id === 'string') out.set(r.id, r as Identified);
  return out;
}

/** recordLabel('documents', { number: 'F-2026-A-0001', … }) → 'F-2026-A-0001'. */
export function recordLabel(collection: RecordKind, record: Fields): string {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  if (collection === 'documents') return text(record.number) ?? text(record.title) ?? String(record.id);
  if (collection === 'payments' && typeof record.amountCents === 'number')
    return `${(record.amountCents / 100).toFixed(2)} — ${String(record.date ?? '')}`;
  return text(record.name) ?? text(record.title) ?? text(record.text) ?? String(record.id);
}

/**
 * The plan for merging: `device` is what this device holds now, `merged` the same once the
 * backup's edits are in, `backup` what the backup holds on its own.
 */
export function planBackupMerge(device: RecordSets, merged: RecordSets, backup: RecordSets): MergePlan {
  const plan: MergePlan = { added: [], updated: [], companyFields: [], restorable: [], repairs: [] };
  for (const collection of RECORD_KINDS) {
    const before = byId(device[collection]);
    const after = byId(merged[collection]);
    const ref = (record: Identified): RecordRef => ({ collection, id: record.id, label: recordLabel(collection, record) });
    for (const [id, record] of after) if (!before.has(id)) plan.added.push(ref(record));
    for (const [id, was] of before) {
      const now = after.get(id);
      if (!now) {
        plan.repairs.push({ kind: 'put', collection, record: was });
        continue;
      }
      const { changed, patch } = compareRecord(collection, was, now);
      if (changed.length) plan.updated.push({ ...ref(now), fields: changed });
      if (Object.keys(patch).length) plan.repairs.push({ kind: 'patch', collection, id, patch });
    }
    if (!RESTORABLE.has(collection)) continue;
    // A draft that was issued here is gone because its issued copy replaced it: not offered.
    const issuedFrom = collection === 'documents' ? new Set([...after.values()].map((d) => d.sourceDraftId).filter(Boolean)) : null;
    for (const [id, record] of byId(backup[collection]))
      if (!before.has(id) && !after.has(id) && !issuedFrom?.has(id)) plan.restorable.push(ref(record));
  }
  const companyBefore = isObject(device.company) ? device.company : {};
  const companyAfter = isObject(merged.company) ? merged.company : {};
  plan.companyFields = Object.keys(companyAfter).filter((f) => !same(companyBefore[f], companyAfter[f]));
  return plan;
}

/** The fields the merge changes in a record, and the patch that puts back what it must not take. */
function compareRecord(collection: RecordKind, was: Identified, now: Identified): { changed: string[]; patch: Fields } {
  const changed: string[] = [];
  const patch: Fields = {};
  const issued = collection === 'documents' && was.status === 'issued';
  for (const field of new Set([...Object.keys(was), ...Object.keys(now)])) {
    if (same(was[field], now[field])) continue;
    if (issued && FROM_FROZEN.has(field)) continue;
    if (issued && ISSUED_FIELDS.has(field)) {
      patch[field] = was[field];
      continue;
    }
    if (collection === 'members' && field === 'highestIssuedSeq') {
      const marks = highestMarks(was[field], now[field]);
      if (!same(marks, now[field])) patch[field] = marks;
      if (!same(marks, was[field])) changed.push(field);
      continue;
    }
    if (now[field] === undefined) {
      patch[field] = was[field];
      continue;
    }
    if (LISTS[collection]?.includes(field) && Array.isArray(was[field]) && Array.isArray(now[field])) {
      const kept = keepEntries(was[field] as unknown[], now[field] as unknown[]);
      if (kept !== now[field]) patch[field] = kept;
      if (!same(kept, was[field])) changed.push(field);
      continue;
    }
    changed.push(field);
  }
  return { changed, patch };
}

/** Per series, the higher of two high-water marks: a merge never lowers one. */
function highestMarks(was: unknown, now: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const marks of [was, now])
    if (isObject(marks)) for (const [series, seq] of Object.entries(marks)) if (typeof seq === 'number') out[series] = Math.max(out[series] ?? 0, seq);
  return out;
}

/**
 * `now` with the entries of `was` it lost put back at their place (after the entry they
 * followed); `now` itself when it lost none.
 */
function keepEntries(was: unknown[], now: unknown[]): unknown[] {
  const idOf = (e: unknown) => (isObject(e) && typeof e.id === 'string' ? e.id : null);
  const present = new Set(now.map(idOf));
  const lost = was.filter((e) => idOf(e) !== null && !present.has(idOf(e)));
  if (!lost.length) return now;
  const out = [...now];
  for (const entry of lost) {
    const i = was.indexOf(entry);
    let at = 0;
    for (let j = i - 1; j >= 0; j--) {
      const k = out.findIndex((e) => idOf(e) === idOf(was[j]));
      if (k >= 0) {
        at = k + 1;
        break;
      }
    }
    out.splice(at, 0, entry);
  }
  return out;
}
