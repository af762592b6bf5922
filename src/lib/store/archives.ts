// A workspace's archive documents, one per closed year (doc.ts, archived records; archiver.ts
// moves records there). Each is a Y.Doc of its own, in its own IndexedDB database, kept in step
// with the other tabs and synced through its own relay room. The live document lists the years
// that have one ('archives'), so a device opens the archives another device made.
import * as Y from 'yjs';
import * as idb from 'lib0/indexeddb';
import { LOCAL_ORIGIN, archiveYearOf, initialiseArchive, linkArchives } from './doc';
import { WorkspacePersistence } from './persistence';
import { archiveDbName } from './workspaceDb';

/** In the live document: year → true for every year that has an archive. */
export function archiveIndex(live: Y.Doc): Y.Map<boolean> {
  return live.getMap('archives');
}

/** The years listed in the live document, newest first. */
export function listedYears(live: Y.Doc): number[] {
  const years: number[] = [];
  for (const key of archiveIndex(live).keys()) {
    const year = Number(key);
    if (Number.isInteger(year) && year >= 2000 && year <= 2999) years.push(year);
  }
  return years.sort((a, b) => b - a);
}

export interface OpenArchive {
  year: number;
  doc: Y.Doc;
  persistence: WorkspacePersistence;
}

export interface ShelfHooks {
  /**
   * Archives loaded together and readable through the live document: show their records, follow
   * them. Returns what stops that.
   */
  loaded(archives: OpenArchive[]): Promise<() => void>;
}

export class ArchiveShelf {
  #loaded = new Map<number, OpenArchive>();
  #opening = new Map<number, Promise<OpenArchive | null>>();
  #stops: (() => void)[] = [];
  #closed = false;

  constructor(
    readonly workspaceId: string,
    readonly live: Y.Doc,
    private hooks: ShelfHooks
  ) {
    linkArchives(live, () => this.docs());
  }

  /** The loaded archives, newest year first. */
  archives(): OpenArchive[] {
    return [...this.#loaded.values()].sort((a, b) => b.year - a.year);
  }

  docs(): Y.Doc[] {
    return this.archives().map((a) => a.doc);
  }

  get(year: number): OpenArchive | undefined {
    return this.#loaded.get(year);
  }

  /** Opens every year the live document lists, and from now on each year listed later; resolves once those listed now are loaded. */
  async follow(): Promise<void> {
    const index = archiveIndex(this.live);
    const onIndex = () => void this.openListed().catch((e) => console.error('archive not opened', e));
    index.observe(onIndex);
    this.#stops.push(() => index.unobserve(onIndex));
    await this.openListed();
  }

  /** Resolves once every year listed now is loaded: those not opened yet are opened together. */
  async openListed(): Promise<void> {
    const years = listedYears(this.live);
    this.#openTogether(years);
    await Promise.all(years.map((year) => this.open(year)));
  }

  /**
   * The archive of `year`, loaded (created, and listed in the live document, when `create`);
   * null when the shelf was closed meanwhile.
   */
  open(year: number, create = false): Promise<OpenArchive | null> {
    const loaded = this.#loaded.get(year);
    if (loaded) return Promise.resolve(loaded);
    this.#openTogether([year]);
    const opening = this.#opening.get(year)!;
    if (!create) return opening;
    return opening.then((archive) => {
      if (!archive) return null;
      if (archiveYearOf(archive.doc) !== year) initialiseArchive(archive.doc, this.workspaceId, year);
      if (!archiveIndex(this.live).has(String(year))) this.live.transact(() => archiveIndex(this.live).set(String(year), true), LOCAL_ORIGIN);
      return archive;
    });
  }

  /**
   * Starts loading the years neither loaded nor being opened, together: read from the device side
   * by side, then shown in one step (hooks.loaded), which costs the screens one pass, not one per
   * year. A year that cannot be read fails alone.
   */
  #openTogether(years: readonly number[]): void {
    const fresh = years.filter((year) => !this.#loaded.has(year) && !this.#opening.has(year));
    if (!fresh.length) return;
    const batch = this.#loadTogether(fresh);
    for (const year of fresh) {
      const opening: Promise<OpenArchive | null> = batch
        .then((loaded) => {
          const archive = loaded?.get(year);
          if (archive instanceof Error) throw archive;
          return archive ?? null;
        })
        .finally(() => {
          if (this.#opening.get(year) === opening) this.#opening.delete(year);
        });
      this.#opening.set(year, opening);
    }
  }

  /** The years read side by side and shown together; null when the shelf was closed meanwhile. */
  async #loadTogether(years: number[]): Promise<Map<number, OpenArchive | Error> | null> {
    const read = await Promise.all(
      years.map(async (year) => {
        const doc = new Y.Doc();
        const persistence = new WorkspacePersistence(archiveDbName(this.workspaceId, year), doc);
        try {
          await persistence.load();
          return { year, doc, persistence } as OpenArchive;
        } catch (e) {
          return e instanceof Error ? e : new Error(String(e));
        }
      })
    );
    const archives = read.filter((a): a is OpenArchive => !(a instanceof Error));
    if (this.#closed) {
      for (const archive of archives) await archive.persistence.destroy();
      return null;
    }
    for (const archive of archives) this.#loaded.set(archive.year, archive);
    if (archives.length) this.#stops.push(await this.hooks.loaded(archives));
    return new Map(read.map((a, i) => [years[i], a]));
  }

  /** Every opening done or under way, finished. */
  async settled(): Promise<void> {
    await Promise.all(this.#opening.values());
    await Promise.all([...this.#loaded.values()].map((a) => a.persistence.settled()));
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const stop of this.#stops.splice(0)) stop();
    await Promise.all([...this.#opening.values()]);
    for (const archive of this.#loaded.values()) {
      await archive.persistence.destroy();
      archive.doc.destroy();
    }
  }

  /** Deletes every archive's database from this device (the workspace is being removed). */
  async clearData(years: number[]): Promise<void> {
    await this.close();
    for (const year of new Set([...years, ...this.#loaded.keys()])) await idb.deleteDB(archiveDbName(this.workspaceId, year));
  }
}
