// Fills a Collection from the workspace's Y.Doc and keeps it following the document: only the
// records a transaction touched are decoded again. An unreadable record is left out of the view
// (and left alone in the document).
import type * as Y from 'yjs';
import { readableRecord, collectionMap } from './doc';
import type { Collection } from './collection.svelte';
import { slicer } from './afterPaint';
import type { CollectionName, RecordTypes } from './schema';

/** Decodes the whole collection from the document. */
export function loadCollection<K extends CollectionName>(collection: Collection<K>, doc: Y.Doc): void {
  const records = new Map<string, RecordTypes[K]>();
  for (const [id, stored] of collectionMap(doc, collection.name).entries()) {
    const record = readableRecord(doc, collection.name, id, stored);
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
    const record = readableRecord(doc, collection.name, id, stored);
    if (record) records.set(id, record);
    await step();
  }
  collection.replaceAll(records);
}

/** Follows the document from now on; returns the function that stops following. */
export function followCollection<K extends CollectionName>(collection: Collection<K>, doc: Y.Doc): () => void {
  const col = collectionMap(doc, collection.name);
  const onEvents = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const touched = new Set<string>();
    for (const event of events) {
      if (event.target === col) for (const key of event.changes.keys.keys()) touched.add(key);
      else if (typeof event.path[0] === 'string') touched.add(event.path[0]);
    }
    const changes = new Map<string, RecordTypes[K] | null>();
    for (const id of touched) {
      const stored = col.get(id);
      changes.set(id, stored === undefined ? null : readableRecord(doc, collection.name, id, stored));
    }
    collection.update(changes);
  };
  col.observeDeep(onEvents);
  return () => col.unobserveDeep(onEvents);
}
