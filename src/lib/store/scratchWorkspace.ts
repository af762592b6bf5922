// A workspace rebuilt from Yjs states on scratch documents, to read a backup — or what merging
// one would give — before anything is written: the live document with its archive documents
// linked to it (doc.ts linkArchives), so its reads see every record, live or archived.
import * as Y from 'yjs';
import { linkArchives } from './doc';

/** One archive document's Yjs state. */
export interface ArchiveState {
  year: number;
  update: Uint8Array;
}

export interface ScratchWorkspace {
  live: Y.Doc;
  /** The archive document of `year`, made empty on first ask. */
  archive(year: number): Y.Doc;
  /** The archive documents made so far, by year. */
  archives: ReadonlyMap<number, Y.Doc>;
  destroy(): void;
}

export function scratchWorkspace(): ScratchWorkspace {
  const live = new Y.Doc();
  const archives = new Map<number, Y.Doc>();
  // Newest year first, as the shelf links them (archives.ts): a record two archives hold reads the same.
  linkArchives(live, () => [...archives.entries()].sort(([a], [b]) => b - a).map(([, doc]) => doc));
  return {
    live,
    archives,
    archive(year) {
      let doc = archives.get(year);
      if (!doc) archives.set(year, (doc = new Y.Doc()));
      return doc;
    },
    destroy() {
      live.destroy();
      for (const doc of archives.values()) doc.destroy();
    }
  };
}
