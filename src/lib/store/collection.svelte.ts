// A reactive, read-only view of one collection of records. It is filled once, then kept up to
// date from Yjs events: only the records a transaction touched are decoded again.
import type * as Y from 'yjs';
import { decodeRecord, collectionMap } from './doc';
import type { CollectionName, RecordTypes } from './schema';

export class Collection<K extends CollectionName> {
  #records = new Map<string, RecordTypes[K]>();
  #list: RecordTypes[K][] | null = null;
  /** Bumped on every change; reading it subscribes a Svelte effect to this collection. */
  version = $state(0);

  constructor(readonly name: K) {}

  get size(): number {
    void this.version;
    return this.#records.size;
  }

  get(id: string | null | undefined): RecordTypes[K] | undefined {
    void this.version;
    return id ? this.#records.get(id) : undefined;
  }

  /** Every record, in insertion order; the array is reused until something changes. */
  all(): RecordTypes[K][] {
    void this.version;
    this.#list ??= Array.from(this.#records.values());
    return this.#list;
  }

  /** Replaces everything (first load, snapshot, or a rebuild after the document was reloaded). */
  reset(records: RecordTypes[K][]): void {
    this.#records = new Map(records.map((r) => [(r as { id: string }).id, r]));
    this.#changed();
  }

  /** Decodes the whole collection from the document. */
  load(doc: Y.Doc): void {
    const records = new Map<string, RecordTypes[K]>();
    collectionMap(doc, this.name).forEach((stored, id) => records.set(id, decodeRecord(doc, this.name, stored)));
    this.#records = records;
    this.#changed();
  }

  /** Follows the document from now on; returns the function that stops following. */
  follow(doc: Y.Doc): () => void {
    const col = collectionMap(doc, this.name);
    const onEvents = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const touched = new Set<string>();
      for (const event of events) {
        if (event.target === col) for (const key of event.changes.keys.keys()) touched.add(key);
        else if (typeof event.path[0] === 'string') touched.add(event.path[0]);
      }
      for (const id of touched) {
        const stored = col.get(id);
        if (stored !== undefined) this.#records.set(id, decodeRecord(doc, this.name, stored));
        else this.#records.delete(id);
      }
      if (touched.size) this.#changed();
    };
    col.observeDeep(onEvents);
    return () => col.unobserveDeep(onEvents);
  }

  #changed(): void {
    this.#list = null;
    this.version++;
  }
}

