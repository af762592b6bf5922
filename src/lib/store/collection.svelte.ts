// A reactive, read-only view of one collection of records. It is filled once, then kept up to
// date from Yjs events: only the records a transaction touched are decoded again.
import type * as Y from 'yjs';
import { readableRecord, collectionMap } from './doc';
import type { CollectionName, RecordTypes } from './schema';

/** Told which records changed: their ids, or null when the whole collection was replaced. */
export type ChangeListener = (ids: ReadonlySet<string> | null) => void;

export class Collection<K extends CollectionName> {
  #records = new Map<string, RecordTypes[K]>();
  #listeners = new Set<ChangeListener>();
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

  /** The record without subscribing a Svelte effect (for derived indexes kept outside Svelte). */
  peek(id: string): RecordTypes[K] | undefined {
    return this.#records.get(id);
  }

  /** Every record without subscribing (see `peek`). */
  values(): IterableIterator<RecordTypes[K]> {
    return this.#records.values();
  }

  /**
   * Calls `listener` after each change with the ids it touched (null: everything was replaced),
   * so that derived indexes recompute only what changed. Returns the function that stops it.
   */
  onChange(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every record, in insertion order; the array is reused until something changes. */
  all(): RecordTypes[K][] {
    void this.version;
    this.#list ??= Array.from(this.#records.values());
    return this.#list;
  }

  /** Decodes the whole collection from the document. */
  load(doc: Y.Doc): void {
    const records = new Map<string, RecordTypes[K]>();
    for (const [id, stored] of collectionMap(doc, this.name).entries()) this.#decodeInto(records, doc, id, stored);
    this.#records = records;
    this.#changed(null);
  }

  /**
   * Decodes the whole collection in slices of about `sliceMs`, calling `pause` between them so
   * the page stays responsive (opening years of invoices). Nothing writes to the document meanwhile.
   */
  async loadSliced(doc: Y.Doc, pause: () => Promise<void>, sliceMs = 8): Promise<void> {
    const records = new Map<string, RecordTypes[K]>();
    let started = performance.now();
    for (const [id, stored] of collectionMap(doc, this.name).entries()) {
      this.#decodeInto(records, doc, id, stored);
      if (performance.now() - started > sliceMs) {
        await pause();
        started = performance.now();
      }
    }
    this.#records = records;
    this.#changed(null);
  }

  #decodeInto(records: Map<string, RecordTypes[K]>, doc: Y.Doc, id: string, stored: unknown): void {
    // An unreadable record is left out of the view (and left alone in the document).
    const record = readableRecord(doc, this.name, id, stored);
    if (record) records.set(id, record);
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
        const record = stored === undefined ? null : readableRecord(doc, this.name, id, stored);
        if (record) this.#records.set(id, record);
        else this.#records.delete(id);
      }
      if (touched.size) this.#changed(touched);
    };
    col.observeDeep(onEvents);
    return () => col.unobserveDeep(onEvents);
  }

  #changed(ids: ReadonlySet<string> | null): void {
    this.#list = null;
    this.version++;
    for (const listener of this.#listeners) listener(ids);
  }
}

