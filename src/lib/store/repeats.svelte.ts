// Whether two issued documents share a key (their number, the draft they were issued from), kept
// as documents change. The layout's warnings run on every page and every change of any document:
// with this they cost what changed, and read every document only while something repeats.
import type { DocumentRecord } from '$lib/domain/types';
import type { Collection } from './collection.svelte';

export class RepeatIndex {
  /** Bumped when a key gains or loses its second document, or a document of a repeated key changes. */
  #version = $state(0);
  #keyOfId = new Map<string, string>();
  #idsOf = new Map<string, Set<string>>();
  #repeated = new Set<string>();
  #stop: () => void;

  constructor(
    private documents: Collection<'documents'>,
    /** The key a document is filed under (null: none, e.g. a draft). */
    private keyOf: (doc: DocumentRecord) => string | null
  ) {
    this.#rebuild();
    this.#stop = documents.onChange((ids) => (ids ? this.#changed(ids) : this.#rebuild()));
  }

  /** Whether any key has two documents or more (reading it follows the changes that matter). */
  get any(): boolean {
    void this.#version;
    return this.#repeated.size > 0;
  }

  destroy(): void {
    this.#stop();
  }

  #rebuild(): void {
    this.#keyOfId.clear();
    this.#idsOf.clear();
    this.#repeated.clear();
    for (const doc of this.documents.values()) this.#file(doc.id, doc);
    this.#version++;
  }

  #changed(ids: ReadonlySet<string>): void {
    let matters = false;
    for (const id of ids) {
      const before = this.#keyOfId.get(id);
      if (before !== undefined && this.#repeated.has(before)) matters = true;
      this.#unfile(id);
      const after = this.#file(id, this.documents.peek(id));
      if (after !== null && this.#repeated.has(after)) matters = true;
    }
    if (matters) this.#version++;
  }

  #file(id: string, doc: DocumentRecord | undefined): string | null {
    const key = doc ? this.keyOf(doc) : null;
    if (key === null) return null;
    this.#keyOfId.set(id, key);
    let ids = this.#idsOf.get(key);
    if (!ids) this.#idsOf.set(key, (ids = new Set()));
    ids.add(id);
    if (ids.size > 1) this.#repeated.add(key);
    return key;
  }

  #unfile(id: string): void {
    const key = this.#keyOfId.get(id);
    if (key === undefined) return;
    this.#keyOfId.delete(id);
    const ids = this.#idsOf.get(key)!;
    ids.delete(id);
    if (ids.size < 2) this.#repeated.delete(key);
    if (!ids.size) this.#idsOf.delete(key);
  }
}
