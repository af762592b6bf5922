// Moves a workspace's closed records to their year's archive document, and back when they are
// no longer closed (domain/archive.ts decides which, and which year). Every step is idempotent and
// reads the same before and after (doc.ts visibleRecord): two devices doing it at once, offline,
// each write the same record in the same archive and strip or delete the same live copy; an
// interrupted pass leaves a record in both places, which reads as the live copy, and the next pass
// finishes it. What a device changes meanwhile on a document it does not know is archived lands
// in the live stub and is folded into the archive by the next pass; nothing is lost.
import * as Y from 'yjs';
import type { ArchivePlan } from '$lib/domain/archive';
import type { IsoDate } from '$lib/domain/types';
import { addDays } from '$lib/domain/dates';
import {
  ARCHIVED_AT_KEY,
  ARCHIVED_COLLECTIONS,
  ARCHIVE_KEY,
  LOCAL_ORIGIN,
  collectionMap,
  isStub,
  putRecord,
  stubFields,
  visibleRecord
} from './doc';
import type { ArchiveShelf } from './archives';
import type { CollectionName, RecordTypes } from './schema';

/** A stub left this many days without a change is deleted: by then every device has seen the move. */
export const STUB_DAYS = 60;
/** Records moved per task. */
const STEP = 100;

type Step =
  | { kind: 'archive'; name: CollectionName; id: string; year: number }
  | { kind: 'unarchive'; name: CollectionName; id: string; from: number }
  | { kind: 'relocate'; name: CollectionName; id: string; from: number; year: number }
  | { kind: 'fold'; id: string; year: number }
  | { kind: 'drop'; id: string };

export interface ArchiveReport {
  archived: number;
  unarchived: number;
  relocated: number;
  folded: number;
  dropped: number;
}

/** What a pass has to do to bring the live document and the loaded archives to `plan`. */
export function archiveSteps(live: Y.Doc, shelf: ArchiveShelf, plan: ArchivePlan, today: IsoDate): Step[] {
  const steps: Step[] = [];
  const dropBefore = addDays(today, -STUB_DAYS);
  for (const name of ARCHIVED_COLLECTIONS) {
    const planned = plan[name as keyof ArchivePlan];
    for (const archive of shelf.archives())
      collectionMap(archive.doc, name).forEach((_, id) => {
        const year = planned.get(id);
        if (year === archive.year) return;
        // Also found in a newer archive (two devices disagreed on its year): drop this copy.
        if (year !== undefined) steps.push({ kind: 'relocate', name, id, from: archive.year, year });
        else if (visibleRecord(live, name, id)) steps.push({ kind: 'unarchive', name, id, from: archive.year });
      });
    collectionMap(live, name).forEach((stored, id) => {
      const year = planned.get(id);
      if (!isStub(stored)) {
        if (year !== undefined) steps.push({ kind: 'archive', name, id, year });
        return;
      }
      if (year === undefined) return; // its archive has not arrived, or it comes back (above)
      if (Object.keys(stubFields(stored, name)).length) steps.push({ kind: 'fold', id, year });
      else {
        const at = stored.get(ARCHIVED_AT_KEY);
        if (stored.get(ARCHIVE_KEY) === year && typeof at === 'string' && at <= dropBefore) steps.push({ kind: 'drop', id });
      }
    });
  }
  return steps;
}

/** Leaves only the stub of an archived document: which archive holds it, since when. */
function strip(map: Y.Map<unknown>, year: number, today: IsoDate): void {
  for (const key of [...map.keys()]) if (key !== ARCHIVE_KEY && key !== ARCHIVED_AT_KEY) map.delete(key);
  if (map.get(ARCHIVE_KEY) !== year) map.set(ARCHIVE_KEY, year);
  if (map.get(ARCHIVED_AT_KEY) !== today) map.set(ARCHIVED_AT_KEY, today);
}

/**
 * Brings the live document and its archives to `plan`, STEP records per task with `pause`
 * between: the archive written before the live copy is stripped, so that a pass cut short
 * anywhere loses nothing.
 */
export async function applyArchivePlan(shelf: ArchiveShelf, plan: ArchivePlan, today: IsoDate, pause: () => Promise<void>): Promise<ArchiveReport> {
  const live = shelf.live;
  const steps = archiveSteps(live, shelf, plan, today);
  const report: ArchiveReport = { archived: 0, unarchived: 0, relocated: 0, folded: 0, dropped: 0 };
  for (let i = 0; i < steps.length; i += STEP) {
    const batch = steps.slice(i, i + STEP);
    // Every archive this batch writes to, opened (created and listed when new) first.
    const years = new Set(batch.flatMap((s) => (s.kind === 'archive' || s.kind === 'relocate' || s.kind === 'fold' ? [s.year] : [])));
    for (const year of years) if (!(await shelf.open(year, true))) return report;
    const archiveDoc = (year: number) => shelf.get(year)!.doc;
    const records = batch.map((s) => ('name' in s ? visibleRecord(live, s.name, s.id) : visibleRecord(live, 'documents', s.id)));
    // 1. The archives receive what they will hold: one transaction per archive, so one update
    // (one write to its log, one pass of its observers) per batch rather than per record.
    for (const year of years) {
      const doc = archiveDoc(year);
      doc.transact(() => {
        batch.forEach((s, k) => {
          const record = records[k];
          if (!record || s.kind === 'unarchive' || s.kind === 'drop' || s.year !== year) return;
          const name = 'name' in s ? s.name : 'documents';
          putRecord(doc, name, record as RecordTypes[typeof name] & { id: string });
        });
      }, LOCAL_ORIGIN);
    }
    // 2. The live document: stripped, emptied or given back the record.
    live.transact(() => {
      batch.forEach((s, k) => {
        const record = records[k];
        if (!record) return;
        const name = 'name' in s ? s.name : 'documents';
        const col = collectionMap(live, name);
        if (s.kind === 'archive') {
          const stored = col.get(s.id);
          if (stored instanceof Y.Map) strip(stored, s.year, today);
          else col.delete(s.id);
          report.archived++;
        } else if (s.kind === 'fold') {
          const stored = col.get(s.id);
          if (isStub(stored)) strip(stored, s.year, today);
          report.folded++;
        } else if (s.kind === 'relocate') {
          const stored = col.get(s.id);
          if (isStub(stored) && stored.get(ARCHIVE_KEY) !== s.year) stored.set(ARCHIVE_KEY, s.year);
          report.relocated++;
        } else if (s.kind === 'unarchive') {
          putRecord(live, name, record as RecordTypes[typeof name] & { id: string });
          const stored = col.get(s.id);
          if (isStub(stored)) {
            stored.delete(ARCHIVE_KEY);
            stored.delete(ARCHIVED_AT_KEY);
          }
          report.unarchived++;
        } else {
          col.delete(s.id);
          report.dropped++;
        }
      });
    }, LOCAL_ORIGIN);
    // 3. The copies the plan no longer wants.
    for (const s of batch) {
      if (s.kind !== 'unarchive' && s.kind !== 'relocate') continue;
      const from = shelf.get(s.from)?.doc;
      from?.transact(() => collectionMap(from, s.name).delete(s.id), LOCAL_ORIGIN);
    }
    await pause();
  }
  return report;
}
