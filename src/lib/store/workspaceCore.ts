// The Yjs side of an open workspace (workspace.svelte.ts): its Y.Doc persisted in IndexedDB
// (persistence.ts), the collections decoded from it and following it, the other tabs kept in step,
// and the write commands. Loaded after the first screen has painted: none of this code, Yjs
// included, is needed to show it.
import * as Y from 'yjs';
import type { Company, Member } from '$lib/domain/types';
import type { UnreadableRecord } from '$lib/domain/recordShape';
import {
  ARCHIVED_COLLECTIONS,
  LOCAL_ORIGIN,
  companyMap,
  initialiseArchive,
  initialiseDoc,
  isInitialised,
  metaMap,
  migrate,
  readCompany,
  readWorkspace,
  unreadableRecords,
  workspaceIdOf,
  type WorkspaceData
} from './doc';
import { DEVICE_COMMANDS, runCommand, type CommandArgs, type CommandName, type CommandResult } from './commands';
import { linkTabs, tabChannelName } from './tabLink';
import { WorkspacePersistence } from './persistence';
import { workspaceDbName } from './workspaceDb';
import { addArchives, followCollection, loadCollectionSliced } from './collectionSync';
import { ArchiveShelf, listedYears, type OpenArchive } from './archives';
import type { ArchiveState } from './scratchWorkspace';
import { applyArchivePlan, type ArchiveReport } from './archiver';
import type { ArchivePlan } from '$lib/domain/archive';
import { yieldToPage } from './afterPaint';
import { COLLECTIONS } from './schema';
import type { Workspace } from './workspace.svelte';

export { SchemaTooNewError } from './doc';

/** Origin of the state applied when a workspace is restored from a backup. */
const RESTORED_ORIGIN = Symbol('relance-restored');

export class WorkspaceCore {
  readonly doc = new Y.Doc();
  readonly persistence: WorkspacePersistence;
  readonly archives: ArchiveShelf;
  #stops: (() => void)[] = [];
  /** Told of every archive loaded, now and later (the relay link syncs each): what they return stops it. */
  #archiveWatchers = new Set<(archive: OpenArchive) => () => void>();
  #archiveLinks: { watcher: (archive: OpenArchive) => () => void; stop: () => void }[] = [];

  constructor(
    private ws: Workspace,
    /** Called after every change of the document, local or not. */
    private onChange: () => void
  ) {
    this.persistence = new WorkspacePersistence(workspaceDbName(ws.id), this.doc);
    this.archives = new ArchiveShelf(ws.id, this.doc, { loaded: (archives) => this.#showArchives(archives) });
  }

  /** Archives loaded together: their records join the collections at once, and each follows the other tabs and the relay. */
  async #showArchives(archives: OpenArchive[]): Promise<() => void> {
    const stops = archives.map((archive) => linkTabs(archive.doc, tabChannelName(this.ws.id, archive.year)));
    const collections = [...ARCHIVED_COLLECTIONS].map((name) => this.ws[name] as never);
    stops.push(await addArchives(collections, this.doc, archives.map((archive) => archive.doc), yieldToPage, () => this.ws.afterArchivePart?.()));
    for (const archive of archives) for (const watcher of this.#archiveWatchers) this.#archiveLinks.push({ watcher, stop: watcher(archive) });
    return () => stops.forEach((stop) => stop());
  }

  /** Calls `watcher` for every archive loaded, now and later; returns what stops it (and what it started). */
  watchArchives(watcher: (archive: OpenArchive) => () => void): () => void {
    this.#archiveWatchers.add(watcher);
    for (const archive of this.archives.archives()) this.#archiveLinks.push({ watcher, stop: watcher(archive) });
    return () => {
      this.#archiveWatchers.delete(watcher);
      for (const link of this.#archiveLinks.filter((l) => l.watcher === watcher)) link.stop();
      this.#archiveLinks = this.#archiveLinks.filter((l) => l.watcher !== watcher);
    };
  }

  /** Loads every archive the live document lists, and those listed later; resolves once the first are loaded. */
  openArchives(): Promise<void> {
    return this.archives.follow();
  }

  /** Moves closed records to their archives and back as `plan` says (archiver.ts). */
  archive(plan: ArchivePlan, today: string): Promise<ArchiveReport> {
    return applyArchivePlan(this.archives, plan, today, yieldToPage);
  }

  get initialised(): boolean {
    return isInitialised(this.doc);
  }

  /**
   * Loads the stored document in slices, brings it to this app's schema (migrate throws
   * SchemaTooNewError for a newer one), fills the collections and follows the document.
   * Returns false when the workspace was closed meanwhile.
   */
  async attach(): Promise<boolean> {
    await this.persistence.load();
    if (this.ws.closed) return false;
    migrate(this.doc);
    // Decoded in slices too: 40 000 records take a second.
    for (const name of COLLECTIONS) await loadCollectionSliced(this.ws[name] as never, this.doc, yieldToPage);
    if (this.ws.closed) return false;
    this.#readCompany();
    for (const name of COLLECTIONS) this.#stops.push(followCollection(this.ws[name] as never, this.doc));
    const onCompany = () => this.#readCompany();
    companyMap(this.doc).observe(onCompany);
    this.#stops.push(() => companyMap(this.doc).unobserve(onCompany));
    this.doc.on('update', this.#onUpdate);
    this.#stops.push(linkTabs(this.doc, tabChannelName(this.ws.id)));
    return true;
  }

  #readCompany(): void {
    this.ws.company = readCompany(this.doc);
    for (const listener of this.ws.companyListeners) listener();
  }

  #onUpdate = () => this.onChange();

  /** A new workspace's first content: its identity, company and first member, in one transaction. */
  initialise(at: string, company: Company, member: Member): void {
    this.doc.transact(() => {
      initialiseDoc(this.doc, this.ws.id, at);
      this.run('company/save', company);
      this.run('member/save', member);
    }, LOCAL_ORIGIN);
  }

  /** A backup's state applied and brought to this schema, under this workspace's id, with `member` joining. */
  restore(update: Uint8Array, member: Member): void {
    Y.applyUpdate(this.doc, update, RESTORED_ORIGIN);
    migrate(this.doc);
    this.doc.transact(() => {
      if (workspaceIdOf(this.doc) !== this.ws.id) metaMap(this.doc).set('workspaceId', this.ws.id);
      this.run('member/save', member);
    }, LOCAL_ORIGIN);
  }

  /**
   * A backup's archives, after its live state (restore): each opened — created and listed —, given
   * its state and stamped with this workspace's id (a copy restored under another id is its own);
   * resolves once they are on disk.
   */
  async restoreArchives(archives: readonly ArchiveState[]): Promise<void> {
    for (const { year, update } of archives) {
      const archive = await this.archives.open(year, true);
      if (!archive) return; // closed meanwhile
      Y.applyUpdate(archive.doc, update, RESTORED_ORIGIN);
      migrate(archive.doc);
      initialiseArchive(archive.doc, this.ws.id, year);
    }
    await this.archives.settled();
  }

  /**
   * Calls `read` with the loaded archives, newest first, once every year the live document lists
   * is loaded — in the same step, so that what it reads through the live document is the same
   * union (backups). Throws when an archive cannot be opened.
   */
  async withArchives<T>(read: (archives: OpenArchive[]) => T): Promise<T> {
    for (;;) {
      await this.archives.openListed();
      if (this.ws.closed) throw new Error('workspace_closed');
      // A year listed meanwhile (the relay) is opened in the next round.
      if (listedYears(this.doc).every((year) => this.archives.get(year))) return read(this.archives.archives());
    }
  }

  /** Brings a copy received from the relay to this schema (throws SchemaTooNewError). */
  migrate(): void {
    migrate(this.doc);
  }

  /** The years whose archive the live document lists. */
  archiveYears(): number[] {
    return listedYears(this.doc);
  }

  /** Deletes the workspace's databases from this device, its archives' (`years`) included; once closed. */
  async clearData(years: number[]): Promise<void> {
    await this.persistence.clearData();
    await this.archives.clearData(years);
  }

  isDeviceCommand(name: CommandName): boolean {
    return DEVICE_COMMANDS.has(name);
  }

  run<K extends CommandName>(name: K, ...args: CommandArgs<K>): CommandResult<K> {
    return runCommand({ doc: this.doc, actor: this.ws.actor, documents: () => this.ws.documents.all(), archives: this.archives }, name, ...args);
  }

  read(): WorkspaceData {
    return readWorkspace(this.doc);
  }

  unreadable(): UnreadableRecord[] {
    return unreadableRecords(this.doc);
  }

  async close(): Promise<void> {
    for (const stop of this.#stops) stop();
    this.#stops = [];
    this.doc.off('update', this.#onUpdate);
    for (const link of this.#archiveLinks) link.stop();
    this.#archiveLinks = [];
    this.#archiveWatchers.clear();
    await this.archives.close();
    await this.persistence.destroy();
    this.doc.destroy();
  }
}
