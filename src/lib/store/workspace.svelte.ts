// One open workspace: its Y.Doc persisted in IndexedDB, reactive collections for the UI, and the
// write operations. Pages call these methods; they never see Yjs.
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import type {
  CatalogItem,
  ChaseConfig,
  ChaseTask,
  ChaseTemplate,
  DunningPolicy,
  Installment,
  Client,
  Company,
  DocumentKind,
  DocumentRecord,
  IsoDate,
  Line,
  Member,
  QuoteOutcome,
  SendChannel
} from '$lib/domain/types';
import { now } from '$lib/clock';
import { newMember } from '$lib/domain/company';
import { Collection } from './collection.svelte';
import {
  LOCAL_ORIGIN,
  companyMap,
  deleteRecord,
  initialiseDoc,
  isInitialised,
  patchRecord,
  metaMap,
  migrate,
  SchemaTooNewError,
  putRecord,
  readCompany,
  readRecord,
  readWorkspace,
  schemaVersion,
  workspaceIdOf,
  writeCompany,
  type WorkspaceData
} from './doc';
import * as ops from './operations';
import { StoreError } from './operations';
import * as chaseOps from './chaseOperations';
import { newId } from './ids';
import { openWorkspaceDb, readSnapshot, writeSnapshot } from './snapshot';
import { COLLECTIONS } from './schema';

// The state vector and the delete set: a deletion adds no clock, so the state vector alone would
// take a snapshot written before a deletion for the current state.
function stateVectorOf(doc: Y.Doc): string {
  let binary = '';
  for (const byte of Y.encodeSnapshot(Y.snapshot(doc))) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** What tabs of one workspace send each other: an update, or the hello of a tab that attached. */
type TabMessage =
  | Uint8Array
  | { type: 'hello'; from: string; vector: Uint8Array }
  | { type: 'welcome'; to: string; update: Uint8Array; vector: Uint8Array };

export function workspaceDbName(id: string): string {
  return `relance-ws-${id}`;
}

const SNAPSHOT_DELAY_MS = 1500;
/** Origin of the state applied when a workspace is restored from a backup. */
const RESTORED_ORIGIN = Symbol('relance-restored');
const ISSUE_LOCK_GRACE_MS = 150;

export class Workspace {
  readonly doc = new Y.Doc();
  readonly actor: ops.Actor;
  /** 'snapshot': records shown from the last snapshot, the Y.Doc still loading; writes wait. */
  status = $state<'loading' | 'snapshot' | 'ready' | 'error'>('loading');
  /** Why the workspace could not be opened ('schema_too_new'), when status is 'error'. */
  failure = $state<string | null>(null);
  company = $state.raw<Company | null>(null);
  /** This device was removed from the shared workspace: it keeps its data, and writes nothing. */
  readOnly = $state(false);

  readonly members = new Collection('members');
  readonly clients = new Collection('clients');
  readonly items = new Collection('items');
  readonly documents = new Collection('documents');
  readonly payments = new Collection('payments');
  readonly events = new Collection('events');
  readonly policies = new Collection('policies');
  readonly templates = new Collection('templates');
  readonly chaseConfig = new Collection('chaseConfig');
  readonly tasks = new Collection('tasks');
  readonly claims = new Collection('claims');
  /** Called when the company profile changes (its penalty rate weighs on the follow-up). */
  readonly companyListeners = new Set<() => void>();

  #persistence: IndexeddbPersistence | null = null;
  #ready: Promise<void>;
  #markReady!: () => void;
  #stops: (() => void)[] = [];
  #snapshotTimer: ReturnType<typeof setTimeout> | null = null;
  #channel: BroadcastChannel | null = null;
  #snapshotVector: string | null = null;
  #closed = false;

  constructor(
    readonly id: string,
    readonly memberId: string
  ) {
    this.actor = { memberId, now };
    this.#ready = new Promise((resolve) => (this.#markReady = resolve));
  }

  get ready(): Promise<void> {
    return this.#ready;
  }

  get me(): Member | undefined {
    return this.members.get(this.memberId);
  }

  /** Whether the document holds a workspace yet (a device joining waits for the relay's copy). */
  get initialised(): boolean {
    return isInitialised(this.doc);
  }

  /**
   * After the relay's copy first arrived on a joining device: bring it to this app's schema, as
   * opening does (migrations are deterministic, so devices doing it at once agree).
   */
  async adoptRemoteCopy(): Promise<void> {
    await this.#ready;
    try {
      migrate(this.doc);
    } catch (e) {
      if (!(e instanceof SchemaTooNewError)) throw e;
      this.failure = 'schema_too_new';
      this.status = 'error';
    }
  }

  /** This device's public key in its member record (envelopes of new keys are sealed to it). */
  async publishPublicKey(publicKey: string): Promise<void> {
    await this.#ready;
    if (this.me?.publicKey === publicKey) return;
    patchRecord(this.doc, 'members', this.memberId, { publicKey });
  }

  /** Marks another device removed (its letter stays taken: its numbers exist). */
  async removeMember(memberId: string): Promise<void> {
    await this.#writable();
    if (memberId === this.memberId) throw new Error('a device cannot remove itself');
    patchRecord(this.doc, 'members', memberId, { removed: true });
  }

  /** Opens a workspace stored on this device: snapshot first, then the Y.Doc. */
  static async open(id: string, memberId: string): Promise<Workspace> {
    const ws = new Workspace(id, memberId);
    const snapshot = await readSnapshot(workspaceDbName(id));
    if (snapshot) {
      ws.#showData(snapshot);
      ws.#snapshotVector = snapshot.stateVector ?? null;
      ws.status = 'snapshot';
      // Let the first screen paint before Yjs takes the main thread.
      setTimeout(() => void ws.#attach(), 50);
    } else {
      await ws.#attach();
    }
    return ws;
  }

  /** Creates a new workspace on this device: company, and this device as member A. */
  static async create(input: { id?: string; company: Company; deviceName: string; seriesLetter?: string }): Promise<Workspace> {
    const id = input.id ?? newId();
    const memberId = newId();
    const ws = new Workspace(id, memberId);
    await ws.#attach();
    const at = now().toISOString();
    ws.doc.transact(() => {
      initialiseDoc(ws.doc, id, at);
      writeCompany(ws.doc, input.company);
      // The first device: nobody else can hold its letter.
      putRecord(ws.doc, 'members', newMember({ id: memberId, name: input.deviceName, seriesLetter: input.seriesLetter ?? 'A', at, confirmed: true }));
    }, LOCAL_ORIGIN);
    await ws.flushSnapshot();
    return ws;
  }

  /**
   * This device joining a shared workspace: an empty document (the relay fills it) holding this
   * device's member record, its series letter only claimed until the relay confirms it
   * (domain/series.ts).
   */
  static async join(input: { id: string; memberId: string; deviceName: string; seriesLetter: string; publicKey: string }): Promise<Workspace> {
    const ws = new Workspace(input.id, input.memberId);
    await ws.#attach();
    const at = now().toISOString();
    putRecord(
      ws.doc,
      'members',
      newMember({ id: input.memberId, name: input.deviceName, seriesLetter: input.seriesLetter, at, confirmed: false, publicKey: input.publicKey })
    );
    await ws.flushSnapshot();
    return ws;
  }

  /**
   * A workspace rebuilt on this device from a checked backup's Yjs state (src/lib/store/backup.ts),
   * this device joining it as a new member with its own series letter. Under another id than the
   * backup's when that one is already on this device (a copy: its own workspace from now on).
   */
  static async restore(input: { id: string; update: Uint8Array; deviceName: string; seriesLetter: string }): Promise<Workspace> {
    const memberId = newId();
    const ws = new Workspace(input.id, memberId);
    await ws.#attach();
    Y.applyUpdate(ws.doc, input.update, RESTORED_ORIGIN);
    migrate(ws.doc);
    const at = now().toISOString();
    ws.doc.transact(() => {
      if (workspaceIdOf(ws.doc) !== input.id) metaMap(ws.doc).set('workspaceId', input.id);
      // A copy on this device only, under a letter no member of the backup has.
      putRecord(ws.doc, 'members', newMember({ id: memberId, name: input.deviceName, seriesLetter: input.seriesLetter, at, confirmed: true }));
    }, LOCAL_ORIGIN);
    await ws.flushSnapshot();
    return ws;
  }

  #showData(data: WorkspaceData): void {
    this.company = data.company;
    for (const name of COLLECTIONS) this[name].reset(data[name] as never);
    for (const listener of this.companyListeners) listener();
  }

  async #attach(): Promise<void> {
    if (this.#closed) return; // closed while the snapshot was shown
    const persistence = new IndexeddbPersistence(workspaceDbName(this.id), this.doc);
    this.#persistence = persistence;
    await persistence.whenSynced;
    try {
      migrate(this.doc);
    } catch (e) {
      // Written by a newer Relance: show nothing editable rather than risk damaging it.
      if (!(e instanceof SchemaTooNewError)) throw e;
      this.failure = 'schema_too_new';
      this.status = 'error';
      return;
    }
    // When the snapshot was taken at exactly this state, the records shown are already right:
    // skip decoding every record again.
    const current = this.#snapshotVector === stateVectorOf(this.doc);
    this.company = readCompany(this.doc);
    for (const listener of this.companyListeners) listener();
    for (const name of COLLECTIONS) {
      if (!current) this[name].load(this.doc);
      this.#stops.push(this[name].follow(this.doc));
    }
    const onCompany = () => {
      this.company = readCompany(this.doc);
      for (const listener of this.companyListeners) listener();
    };
    companyMap(this.doc).observe(onCompany);
    this.#stops.push(() => companyMap(this.doc).unobserve(onCompany));
    this.doc.on('update', this.#onUpdate);
    // A snapshot that was not current (the tab went away before writing it) is rewritten soon,
    // or every later opening would first show the same old records.
    if (!current) this.#scheduleSnapshot();
    this.#listenToOtherTabs();
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.#onHide);
    this.status = 'ready';
    this.#markReady();
  }

  #onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== this.#channel) this.#channel?.postMessage(update);
    this.#scheduleSnapshot();
  };

  #onHide = () => {
    if (document.visibilityState === 'hidden') void this.flushSnapshot();
  };

  // Two tabs of one workspace each hold a Y.Doc; they exchange updates so both stay current.
  // A tab that attaches says hello with its state vector: whatever another tab wrote while this
  // one was loading (its broadcast then found nobody listening) comes back in the answer. Only
  // what is missing travels, in both directions, never a whole workspace of megabytes.
  #listenToOtherTabs(): void {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(`relance-tabs-${this.id}`);
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

  #scheduleSnapshot(): void {
    if (this.#snapshotTimer) clearTimeout(this.#snapshotTimer);
    this.#snapshotTimer = setTimeout(() => void this.flushSnapshot(), SNAPSHOT_DELAY_MS);
  }

  /** Writes the materialised snapshot now (after changes, before the tab goes away). */
  async flushSnapshot(): Promise<void> {
    if (this.#snapshotTimer) clearTimeout(this.#snapshotTimer);
    this.#snapshotTimer = null;
    if (this.status !== 'ready' || !this.#persistence) return;
    const data = {
      schemaVersion: schemaVersion(this.doc),
      stateVector: stateVectorOf(this.doc),
      company: this.company
    } as WorkspaceData;
    for (const name of COLLECTIONS) (data as unknown as Record<string, unknown>)[name] = this[name].all();
    const db = await openWorkspaceDb(workspaceDbName(this.id));
    try {
      await writeSnapshot(db, data);
    } finally {
      db.close();
    }
  }

  /** Everything as plain data (backups, exports). */
  read(): WorkspaceData {
    return readWorkspace(this.doc);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.flushSnapshot();
    for (const stop of this.#stops) stop();
    this.#stops = [];
    this.doc.off('update', this.#onUpdate);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.#onHide);
    this.#channel?.close();
    await this.#persistence?.destroy();
    this.doc.destroy();
  }

  /** Deletes this workspace's data from the device. */
  async destroyLocalData(): Promise<void> {
    const persistence = this.#persistence;
    await this.close();
    if (persistence) await persistence.clearData();
  }

  // ——— writes: each waits until the Y.Doc is loaded ———

  /** Waits for the Y.Doc; refuses on a device removed from the workspace. */
  async #writable(): Promise<void> {
    await this.#ready;
    if (this.readOnly) throw new StoreError('removed_device');
  }

  async saveCompany(patch: Partial<Company>): Promise<void> {
    await this.#writable();
    writeCompany(this.doc, patch);
  }

  async saveMember(member: Member): Promise<void> {
    await this.#writable();
    putRecord(this.doc, 'members', member);
  }

  async saveClient(client: Client): Promise<string> {
    await this.#writable();
    const existed = readRecord(this.doc, 'clients', client.id) !== null;
    this.doc.transact(() => {
      putRecord(this.doc, 'clients', { ...client, updatedAt: now().toISOString() });
      ops.logEvent(this.doc, this.actor, existed ? 'client_updated' : 'client_created', {
        clientId: client.id,
        text: client.name
      });
    }, LOCAL_ORIGIN);
    return client.id;
  }

  async saveItem(item: CatalogItem): Promise<void> {
    await this.#writable();
    putRecord(this.doc, 'items', item);
  }

  async deleteItem(id: string): Promise<void> {
    await this.#writable();
    deleteRecord(this.doc, 'items', id);
  }

  async createDocument(kind: DocumentKind, clientId: string): Promise<string> {
    await this.#writable();
    return ops.createDocument(this.doc, this.actor, kind, clientId);
  }

  async saveDraft(id: string, patch: Partial<DocumentRecord>): Promise<void> {
    await this.#writable();
    ops.saveDraft(this.doc, this.actor, id, patch);
  }

  async deleteDraft(id: string): Promise<void> {
    await this.#writable();
    ops.deleteDraft(this.doc, id);
  }

  async issueDocument(id: string, issueDate: IsoDate): Promise<DocumentRecord> {
    await this.#writable();
    const issue = () => ops.issueDocument(this.doc, this.actor, id, issueDate, () => this.documents.all());
    // Two tabs of this device share its series: one issue at a time across tabs, and the lock
    // is held a moment longer so the number taken reaches the other tab before it takes one.
    if (typeof navigator === 'undefined' || !navigator.locks) return issue();
    return navigator.locks.request(`relance-issue-${this.id}`, async () => {
      const issued = await issue();
      await new Promise((resolve) => setTimeout(resolve, ISSUE_LOCK_GRACE_MS));
      return issued;
    });
  }

  async markSent(id: string, date: IsoDate, channel: SendChannel): Promise<void> {
    await this.#writable();
    ops.markSent(this.doc, this.actor, id, date, channel);
  }

  async setDisputed(id: string, disputed: boolean): Promise<void> {
    await this.#writable();
    ops.setDisputed(this.doc, this.actor, id, disputed);
  }

  async setQuoteOutcome(id: string, outcome: QuoteOutcome): Promise<void> {
    await this.#writable();
    ops.setQuoteOutcome(this.doc, this.actor, id, outcome);
  }

  async convertQuoteToInvoice(quoteId: string): Promise<string> {
    await this.#writable();
    return ops.convertQuoteToInvoice(this.doc, this.actor, quoteId);
  }

  async createCreditNote(invoiceId: string, lines?: Line[]): Promise<string> {
    await this.#writable();
    return ops.createCreditNote(this.doc, this.actor, invoiceId, lines);
  }

  async recordPayment(input: ops.NewPayment, balances: Map<string, number>): Promise<string> {
    await this.#writable();
    return ops.recordPayment(this.doc, this.actor, input, balances);
  }

  async deletePayment(id: string): Promise<void> {
    await this.#writable();
    ops.deletePayment(this.doc, this.actor, id);
  }

  async logNote(clientId: string | null, documentId: string | null, text: string): Promise<void> {
    await this.#writable();
    ops.logEvent(this.doc, this.actor, 'note', { clientId, documentId, text });
  }

  // ——— follow-up ———

  async logContact(input: chaseOps.ContactInput): Promise<string> {
    await this.#writable();
    return chaseOps.logContact(this.doc, this.actor, input);
  }

  async takeItem(clientId: string): Promise<void> {
    await this.#writable();
    chaseOps.takeItem(this.doc, this.actor, clientId);
  }

  async releaseItem(clientId: string): Promise<void> {
    await this.#writable();
    chaseOps.releaseItem(this.doc, clientId);
  }

  async savePolicy(policy: DunningPolicy): Promise<void> {
    await this.#writable();
    chaseOps.savePolicy(this.doc, policy);
  }

  async removePolicy(id: string): Promise<void> {
    await this.#writable();
    chaseOps.removePolicy(this.doc, id);
  }

  async resetToBuiltIn(name: 'policies' | 'templates', id: string): Promise<void> {
    await this.#writable();
    chaseOps.resetToBuiltIn(this.doc, name, id);
  }

  async saveTemplate(template: ChaseTemplate): Promise<void> {
    await this.#writable();
    chaseOps.saveTemplate(this.doc, template);
  }

  async saveChaseConfig(config: ChaseConfig): Promise<void> {
    await this.#writable();
    chaseOps.saveChaseConfig(this.doc, config);
  }

  async setClientChase(clientId: string, overrides: chaseOps.ChaseOverrides): Promise<void> {
    await this.#writable();
    chaseOps.setClientChase(this.doc, this.actor, clientId, overrides);
  }

  async setInvoiceChase(invoiceId: string, overrides: chaseOps.ChaseOverrides): Promise<void> {
    await this.#writable();
    chaseOps.setInvoiceChase(this.doc, this.actor, invoiceId, overrides);
  }

  async setInstallments(invoiceId: string, plan: Installment[] | null): Promise<void> {
    await this.#writable();
    chaseOps.setInstallments(this.doc, this.actor, invoiceId, plan);
  }

  async saveTask(input: Omit<ChaseTask, 'id' | 'memberId' | 'createdAt' | 'done'> & { id?: string }): Promise<string> {
    await this.#writable();
    return chaseOps.saveTask(this.doc, this.actor, input);
  }

  async completeTask(id: string, today: IsoDate): Promise<void> {
    await this.#writable();
    chaseOps.completeTask(this.doc, id, today);
  }

  async deleteTask(id: string): Promise<void> {
    await this.#writable();
    chaseOps.deleteTask(this.doc, id);
  }
}
