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
import type { ActivityEvent, DocumentRecord, Payment } from '$lib/domain/types';

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
 * Follows archives just loaded and adds their records to `collections`. Read a slice per task,
 * then added in parts of about PART_RECORDS records, one part per task, the screens told once at
 * the end: each time they are told, they work again on whole collections (the documents list,
 * the layout's checks), so archives opened together cost them one pass, not one per year or part.
 * A part never separates linked records (ArchiveParts): nothing reads an invoice without its
 * payment. `afterPart` runs after each part (the views computing what it changed, not all at the
 * end). A record changed meanwhile (the followers read it anew) is left as they read it.
 */
export async function addArchives(
  collections: readonly Collection<CollectionName>[],
  live: Y.Doc,
  archives: readonly Y.Doc[],
  pause: () => Promise<void>,
  afterPart: () => void = () => {}
): Promise<() => void> {
  const stops = archives.flatMap((archive) => collections.map((collection) => followCollection(collection, live, archive)));
  const byName = new Map(collections.map((c) => [c.name, c]));
  const documents = byName.get('documents') as Collection<'documents'> | undefined;
  const parts = new ArchiveParts((id) => documents?.peek(id));
  const changedMeanwhile = new Map<CollectionName, Set<string>>(collections.map((c) => [c.name, new Set()]));
  let adding = false;
  const watching = collections.map((collection) =>
    collection.onChange((ids) => {
      if (!adding) ids?.forEach((id) => changedMeanwhile.get(collection.name)!.add(id));
    })
  );
  try {
    // Every archive's documents first: a payment or an event is filed with the document it names.
    for (const collection of collections)
      for (const archive of archives) {
        const ids = [...collectionMap(archive, collection.name).keys()];
        for (let i = 0; i < ids.length; i += ARCHIVE_SLICE) {
          for (const [id, record] of visibleChanges(collection, live, ids.slice(i, i + ARCHIVE_SLICE))) parts.add(collection.name, id, record);
          await pause();
        }
      }
    let first = true;
    for await (const part of parts.cut(PART_RECORDS, slicer(pause, 8))) {
      if (!first) await pause();
      first = false;
      adding = true;
      try {
        for (const [name, changes] of part) {
          for (const id of changedMeanwhile.get(name)!) changes.delete(id);
          byName.get(name)!.update(changes as never, true);
        }
      } finally {
        adding = false;
      }
      afterPart();
    }
  } finally {
    watching.forEach((stop) => stop());
    for (const collection of collections) if (parts.has(collection.name)) collection.announce();
  }
  return () => stops.forEach((stop) => stop());
}

type AnyRecord = RecordTypes[CollectionName];
type Part = Map<CollectionName, Map<string, AnyRecord | null>>;
type Filed = { name: CollectionName; id: string; record: AnyRecord | null; client: string | undefined };

/**
 * Archived records cut into parts client by client: a part holds every record of its clients, and
 * clients linked by a record (a payment of invoices of two clients, a credit note or an event
 * written to another client than its document's) share a part. Documents are added first, so that
 * what names them finds their client; `documentOf` finds those already shown (live ones).
 */
export class ArchiveParts {
  /** Union-find over client ids: linked clients end under one root. */
  #parent = new Map<string, string>();
  #records: Filed[] = [];
  #documents = new Map<string, DocumentRecord>();
  #names = new Set<CollectionName>();

  constructor(private documentOf: (id: string) => DocumentRecord | undefined) {}

  has(name: CollectionName): boolean {
    return this.#names.has(name);
  }

  add(name: CollectionName, id: string, record: AnyRecord | null): void {
    this.#names.add(name);
    this.#records.push({ name, id, record, client: record ? this.#clientOf(name, record) : undefined });
  }

  /** The parts of about `size` records (more when one client group is larger), in the order added. */
  async *cut(size: number, step: () => Promise<void> = async () => {}): AsyncGenerator<Part> {
    // Records naming no client (and records gone) link nothing: each is a group of its own.
    const groups = new Map<string | number, Filed[]>();
    let loose = 0;
    for (const r of this.#records) {
      const key = r.client === undefined ? loose++ : this.#root(r.client);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(r);
      await step();
    }
    let part: Part = new Map();
    let count = 0;
    for (const group of groups.values()) {
      if (count >= size) {
        yield part;
        part = new Map();
        count = 0;
      }
      for (const { name, id, record } of group) {
        let changes = part.get(name);
        if (!changes) part.set(name, (changes = new Map()));
        changes.set(id, record);
      }
      count += group.length;
    }
    if (count) yield part;
  }

  #root(client: string): string {
    let root = client;
    for (let up = this.#parent.get(root); up !== undefined && up !== root; up = this.#parent.get(root)) root = up;
    if (root !== client) this.#parent.set(client, root);
    return root;
  }

  #join(a: string, b: string | null | undefined): void {
    if (!b || b === a) return;
    const ra = this.#root(a);
    const rb = this.#root(b);
    if (ra !== rb) this.#parent.set(ra, rb);
  }

  #clientOfDocument(id: string | null | undefined): string | undefined {
    return id ? (this.#documents.get(id) ?? this.documentOf(id))?.clientId : undefined;
  }

  #clientOf(name: CollectionName, record: AnyRecord): string | undefined {
    if (name === 'documents') {
      const d = record as DocumentRecord;
      this.#documents.set(d.id, d);
      this.#join(d.clientId, this.#clientOfDocument(d.correctsInvoiceId));
      this.#join(d.clientId, this.#clientOfDocument(d.sourceQuoteId));
      return d.clientId;
    }
    if (name === 'payments') {
      const p = record as Payment;
      for (const a of p.allocations ?? []) this.#join(p.clientId, this.#clientOfDocument(a.invoiceId));
      return p.clientId;
    }
    const e = record as ActivityEvent;
    const documentClient = this.#clientOfDocument(e.documentId);
    if (!e.clientId) return documentClient;
    this.#join(e.clientId, documentClient);
    return e.clientId;
  }
}

/**
 * Archived records added per task: filed by the views and their clients' accounts computed, under
 * 50 ms on the 2-core bench machine (1 500 made tasks of 55-70 ms at 10 000 invoices).
 */
const PART_RECORDS = 800;

/** Archived records read per task: about 10 ms of decoding. */
const ARCHIVE_SLICE = 150;
