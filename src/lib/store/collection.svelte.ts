// A reactive, read-only view of one collection of records. It is filled once, then kept up to
// date from Yjs events (collectionSync.ts): only the records a transaction touched are decoded
// again. No Yjs here: the screens read collections before the Yjs code is loaded.
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

  /** Replaces every record (the collection decoded from the document: collectionSync.ts). */
  replaceAll(records: Map<string, RecordTypes[K]>): void {
    this.#records = records;
    this.#changed(null);
  }

  /**
   * Applies what changed: each id's new record, or null when it is gone (or unreadable).
   * `quiet`: the listeners are told, the screens not yet — a large change made in parts tells them
   * once, at the end (`announce`), rather than making them work again on every part.
   */
  update(changes: ReadonlyMap<string, RecordTypes[K] | null>, quiet = false): void {
    if (!changes.size) return;
    for (const [id, record] of changes) {
      if (record) this.#records.set(id, record);
      else this.#records.delete(id);
    }
    this.#changed(new Set(changes.keys()), quiet);
  }

  /** Tells the screens of the quiet changes made so far. */
  announce(): void {
    this.version++;
  }

  #changed(ids: ReadonlySet<string> | null, quiet = false): void {
    this.#list = null;
    if (!quiet) this.version++;
    for (const listener of this.#listeners) listener(ids);
  }
}
