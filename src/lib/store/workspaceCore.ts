// The Yjs side of an open workspace (workspace.svelte.ts): its Y.Doc persisted in IndexedDB
// (persistence.ts), the collections decoded from it and following it, the other tabs kept in step,
// and the write commands. Loaded after the first screen has painted: none of this code, Yjs
// included, is needed to show it.
import * as Y from 'yjs';
import type { Company, Member } from '$lib/domain/types';
import type { UnreadableRecord } from '$lib/domain/recordShape';
import {
  LOCAL_ORIGIN,
  companyMap,
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
import { newId } from './ids';
import { WorkspacePersistence } from './persistence';
import { workspaceDbName } from './workspaceDb';
import { followCollection, loadCollectionSliced } from './collectionSync';
import { yieldToPage } from './afterPaint';
import { COLLECTIONS } from './schema';
import type { Workspace } from './workspace.svelte';

export { SchemaTooNewError } from './doc';

/** What tabs of one workspace send each other: an update, or the hello of a tab that attached. */
type TabMessage =
  | Uint8Array
  | { type: 'hello'; from: string; vector: Uint8Array }
  | { type: 'welcome'; to: string; update: Uint8Array; vector: Uint8Array };

/** Origin of the state applied when a workspace is restored from a backup. */
const RESTORED_ORIGIN = Symbol('relance-restored');

export class WorkspaceCore {
  readonly doc = new Y.Doc();
  readonly persistence: WorkspacePersistence;
  #stops: (() => void)[] = [];
  #channel: BroadcastChannel | null = null;

  constructor(
    private ws: Workspace,
    /** Called after every change of the document, local or not. */
    private onChange: () => void
  ) {
    this.persistence = new WorkspacePersistence(workspaceDbName(ws.id), this.doc);
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
    this.#listenToOtherTabs();
    return true;
  }

  #readCompany(): void {
    this.ws.company = readCompany(this.doc);
    for (const listener of this.ws.companyListeners) listener();
  }

  #onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== this.#channel) this.#channel?.postMessage(update);
    this.onChange();
  };

  // Two tabs of one workspace each hold a Y.Doc; they exchange updates so both stay current.
  // A tab that attaches says hello with its state vector: whatever another tab wrote while this
  // one was loading (its broadcast then found nobody listening) comes back in the answer. Only
  // what is missing travels, in both directions, never a whole workspace of megabytes.
  #listenToOtherTabs(): void {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(`relance-tabs-${this.ws.id}`);
    const tab = newId();
    this.#channel = channel;
    channel.onmessage = (e: MessageEvent<TabMessage>) => {
      const m = e.data;
      if (m instanceof Uint8Array) Y.applyUpdate(this.doc, m, channel);
      else if (m?.type === 'hello')
        channel.postMessage({
          type: 'welcome',
          to: m.from,
          update: Y.encodeStateAsUpdate(this.doc, m.vector),
          vector: Y.encodeStateVector(this.doc)
        } satisfies TabMessage);
      else if (m?.type === 'welcome' && m.to === tab) {
        Y.applyUpdate(this.doc, m.update, channel);
        // And what the answering tab lacks from this one.
        channel.postMessage(Y.encodeStateAsUpdate(this.doc, m.vector));
      }
    };
    channel.postMessage({ type: 'hello', from: tab, vector: Y.encodeStateVector(this.doc) } satisfies TabMessage);
  }

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

  /** Brings a copy received from the relay to this schema (throws SchemaTooNewError). */
  migrate(): void {
    migrate(this.doc);
  }

  isDeviceCommand(name: CommandName): boolean {
    return DEVICE_COMMANDS.has(name);
  }

  run<K extends CommandName>(name: K, ...args: CommandArgs<K>): CommandResult<K> {
    return runCommand({ doc: this.doc, actor: this.ws.actor, documents: () => this.ws.documents.all() }, name, ...args);
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
    this.#channel?.close();
    await this.persistence.destroy();
    this.doc.destroy();
  }
}
