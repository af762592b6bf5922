// Fills a Collection from the workspace's Y.Doc and keeps it following the document: only the
// records a transaction touched are decoded again. An unreadable record is left out of the view
// (and left alone in the document). A record read from the live document or from one of its
// archives (doc.ts visibleRecord) is the same record: moving it between them changes nothing here.
import type * as Y from 'yjs';
import { canonicalJson } from '$lib/domain/integrity';
import { ARCHIVED_COLLECTIONS, collectionMap, visibleRecord } from './doc';
import type { Collection } from './collection.svelte';
import { slicer } from './afterPaint';
import type { CollectionName, RecordTypes } from './schema';

/** Decodes the whole collection from the document. */
export function loadCollection<K extends CollectionName>(collection: Collection<K>, doc: Y.Doc): void {
  const records = new Map<string, RecordTypes[K]>();
  for (const [id, stored] of collectionMap(doc, collection.name).entries()) {
    const record = visibleRecord(doc, collection.name, id, stored);
    if (record) records.set(id, record);
  }
  collection.replaceAll(records);
}

/**
 * Decodes the whole collection in slices of about `sliceMs`, calling `pause` between them so
 * the page stays responsive (opening years of invoices). Nothing writes to the document meanwhile.
 */
export async function loadCollectionSliced<K extends CollectionName>(collection: Collection<K>, doc: Y.Doc, pause: () => Promise<void>, sliceMs = 8): Promise<void> {
  const records = new Map<string, RecordTypes[K]>();
  const step = slicer(pause, sliceMs);
  for (const [id, stored] of collectionMap(doc, collection.name).entries()) {
    const record = visibleRecord(doc, collection.name, id, stored);
    if (record) records.set(id, record);
    await step();
  }
  collection.replaceAll(records);
}

/** What the app sees of `ids` now, leaving out what reads as before (a record that moved to its archive). */
function visibleChanges<K extends CollectionName>(collection: Collection<K>, live: Y.Doc, ids: Iterable<string>): Map<string, RecordTypes[K] | null> {
  const changes = new Map<string, RecordTypes[K] | null>();
  const archivable = ARCHIVED_COLLECTIONS.has(collection.name);
  for (const id of ids) {
    const record = visibleRecord(live, collection.name, id);
    const before = collection.peek(id);
    if (!record && !before) continue;
    if (archivable && record && before && canonicalJson(record) === canonicalJson(before)) continue;
    changes.set(id, record);
  }
  return changes;
}

/** The ids of a collection's records that a batch of Yjs events touched. */
function touchedIds(col: unknown, events: Y.YEvent<Y.AbstractType<unknown>>[]): Set<string> {
  const touched = new Set<string>();
  for (const event of events) {
    if (event.target === col) for (const key of event.changes.keys.keys()) touched.add(key);
    else if (typeof event.path[0] === 'string') touched.add(event.path[0]);
  }
  return touched;
}

/**
 * Follows `source` — the live document, or one of its archives — from now on, the records read
 * through the live document `live`; returns the function that stops following.
 */
export function followCollection<K extends CollectionName>(collection: Collection<K>, live: Y.Doc, source: Y.Doc = live): () => void {
  const col = collectionMap(source, collection.name);
  const onEvents = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => collection.update(visibleChanges(collection, live, touchedIds(col, events)));
  col.observeDeep(onEvents);
  return () => col.unobserveDeep(onEvents);
}

/**
 * Follows an archive just loaded and adds its records to `collections`, read a slice per task and
 * shown at once at the end, every collection in the same task: each change of a collection makes
 * the screens and views work again on all of it (the documents list, the accounts of the clients
 * touched), so one change per archive costs far less than one per collection or per slice. A
 * record changed meanwhile (the followers read it anew) is left as they read it.
 */
export async function addArchive(collections: readonly Collection<CollectionName>[], live: Y.Doc, archive: Y.Doc, pause: () => Promise<void>): Promise<() => void> {
  const stops = collections.map((collection) => followCollection(collection, live, archive));
  const pending: { collection: Collection<CollectionName>; changes: Map<string, RecordTypes[CollectionName] | null>; changedMeanwhile: Set<string> }[] = [];
  const watching: (() => void)[] = [];
  try {
    for (const collection of collections) {
      const changedMeanwhile = new Set<string>();
      watching.push(collection.onChange((ids) => ids?.forEach((id) => changedMeanwhile.add(id))));
      const changes = new Map<string, RecordTypes[CollectionName] | null>();
      const ids = [...collectionMap(archive, collection.name).keys()];
      for (let i = 0; i < ids.length; i += ARCHIVE_SLICE) {
        for (const [id, record] of visibleChanges(collection, live, ids.slice(i, i + ARCHIVE_SLICE))) changes.set(id, record);
        await pause();
      }
      pending.push({ collection, changes, changedMeanwhile });
    }
  } finally {
    watching.forEach((stop) => stop());
  }
  for (const { collection, changes, changedMeanwhile } of pending) {
    for (const id of changedMeanwhile) changes.delete(id);
    collection.update(changes);
  }
  return () => stops.forEach((stop) => stop());
}

/** Archived records read per task: about 10 ms of decoding. */
const ARCHIVE_SLICE = 150;
