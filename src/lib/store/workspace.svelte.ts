// One open workspace: what the screens read (reactive collections, company, status, the first
// screen) and the write commands they run. Its Y.Doc, persistence and commands live in
// workspaceCore.ts, loaded once the first screen has painted: pages never see Yjs, and the first
// screen needs none of that code.
import type * as Y from 'yjs';
import type {
  Company,
  IsoDate,
  Member
} from '$lib/domain/types';
import { now } from '$lib/clock';
import { newMember } from '$lib/domain/company';
import type { UnreadableRecord } from '$lib/domain/recordShape';
import { Collection } from './collection.svelte';
import type { WorkspaceData } from './doc';
import { StoreError } from './errors';
import type { Actor } from './operations';
import type { CommandArgs, CommandName, CommandResult } from './commands';
import type { WorkspaceCore } from './workspaceCore';
import type { ArchiveReport } from './archiver';
import type { ArchivePlan } from '$lib/domain/archive';
import { newId } from './ids';
import { openWorkspaceDb, workspaceDbName } from './workspaceDb';
import { firstScreenKey, readFirstScreen, writeFirstScreen, type FirstScreen } from './firstScreen';
import { dropPaints, type FirstPaint } from './firstPaint';
import { afterPaint } from './afterPaint';

export { workspaceDbName };

/** The first screen is saved this long after the last change (and when the tab is hidden). */
const FIRST_SCREEN_DELAY_MS = 1500;
const ISSUE_LOCK_GRACE_MS = 150;

/**
 * Commands that read every document — the series' last number and hash, the conversions, deposits
 * and occurrences already made, what a backup holds — wait for the archives to be loaded.
 */
const WHOLE_WORKSPACE_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>([
  'document/issue',
  'quote/toInvoice',
  'quote/requestSituation',
  'quote/requestDeposit',
  'order/requestDeposit',
  'order/finalInvoice',
  'invoice/creditNote',
  'recurring/prepare',
  'records/import',
  'backup/merge'
]);

export class Workspace {
  readonly actor: Actor;
  /** 'loading' with a `firstScreen`: only that is shown, the Y.Doc loading behind it; writes wait for 'ready'. */
  status = $state<'loading' | 'ready' | 'error'>('loading');
  /** The first screen as last saved, shown while nothing else is loaded (store/firstScreen.ts). */
  firstScreen = $state.raw<FirstScreen | null>(null);
  /**
   * Run once the records are loaded, before the workspace is shown ready (set by the app: the
   * views computed in slices rather than in one long task on the first read).
   */
  beforeReady: (() => Promise<void>) | null = null;
  /**
   * Run after each part of the archived records joins the collections, the screens being told
   * once at the end (set by the app: the accounts of each part computed then, not all at once).
   */
  afterArchivePart: (() => void) | null = null;
  /** Computes the first screen to save after changes (set by the app, which owns the views). */
  firstScreenOf: (() => FirstScreen | null) | null = null;
  /** Draws the page shown now as a first paint of the first screen `screen` (firstScreenKey), or null (set by the app, which owns the pages). */
  firstPaintOf: ((screen: string) => FirstPaint | null) | null = null;
  /** The day of the first screen this opening found (null: none was saved). */
  openedFirstScreenOn: IsoDate | null = null;
  #openedFirstScreenKey: number | null | undefined = undefined;
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
  /** Rows of the late-penalty rate table entered in Réglages (domain/terms.ts holds the built-in ones). */
  readonly penaltyRates = new Collection('penaltyRates');
  /** Recurring invoice templates (domain/recurring.ts). */
  readonly recurring = new Collection('recurring');
  /** Called when the company profile changes (its penalty rate weighs on the follow-up). */
  readonly companyListeners = new Set<() => void>();

  #core: WorkspaceCore | null = null;
  #ready: Promise<void>;
  #markReady!: () => void;
  #firstScreenTimer: ReturnType<typeof setTimeout> | null = null;
  #closed = false;
  #archivesLoaded: Promise<void> = Promise.resolve();

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

  /**
   * Once every record is loaded, the closed years' archives included (store/archives.ts): what
   * numbering, backups, exports and the integrity check read. The workspace is editable before.
   */
  get complete(): Promise<void> {
    return this.#ready.then(() => this.#archivesLoaded);
  }

  /** Closed on this device (the user opened another workspace): loading stops where it is. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The Y.Doc, once loaded (the relay link, backups): read it only after `ready`. */
  get doc(): Y.Doc {
    if (!this.#core) throw new Error('workspace not loaded');
    return this.#core.doc;
  }

  get me(): Member | undefined {
    return this.members.get(this.memberId);
  }

  /** Whether the document holds a workspace yet (a device joining waits for the relay's copy). */
  get initialised(): boolean {
    return this.#core?.initialised ?? false;
  }

  /**
   * After the relay's copy first arrived on a joining device: bring it to this app's schema, as
   * opening does (migrations are deterministic, so devices doing it at once agree).
   */
  async adoptRemoteCopy(): Promise<void> {
    await this.#ready;
    const { SchemaTooNewError } = await import('./workspaceCore');
    try {
      this.#core!.migrate();
    } catch (e) {
      if (!(e instanceof SchemaTooNewError)) throw e;
      this.failure = 'schema_too_new';
      this.status = 'error';
    }
  }

  /**
   * Opens a workspace stored on this device: with its first screen when one was saved (returned
   * at once, the Y.Doc loading behind it in slices), else once the Y.Doc is loaded.
   */
  static async open(id: string, memberId: string): Promise<Workspace> {
    const ws = new Workspace(id, memberId);
    const name = workspaceDbName(id);
    const first = await readFirstScreen(name, id, () => openWorkspaceDb(name));
    if (!first) {
      await ws.#attach();
      return ws;
    }
    ws.firstScreen = first;
    ws.openedFirstScreenOn = first.asOf;
    ws.#openedFirstScreenKey = first.logKey;
    // Let the first screen paint before loading takes the main thread.
    afterPaint(() =>
      ws.#attach().catch((e) => {
        // Nothing could be read behind the first screen: say so rather than show it forever.
        console.error('workspace not opened', e);
        ws.failure = 'open_failed';
        ws.status = 'error';
      })
    );
    return ws;
  }

  /** Creates a new workspace on this device: company, and this device as member A. */
  static async create(input: { id?: string; company: Company; deviceName: string; seriesLetter?: string }): Promise<Workspace> {
    const ws = new Workspace(input.id ?? newId(), newId());
    await ws.#attach();
    const at = now().toISOString();
    // The first device: nobody else can hold its letter.
    ws.#core!.initialise(at, input.company, newMember({ id: ws.memberId, name: input.deviceName, seriesLetter: input.seriesLetter ?? 'A', at, confirmed: true }));
    await ws.#stored();
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
    ws.apply('member/save', newMember({ id: input.memberId, name: input.deviceName, seriesLetter: input.seriesLetter, at, confirmed: false, publicKey: input.publicKey }));
    await ws.#stored();
    return ws;
  }

  /**
   * A workspace rebuilt on this device from a checked backup's Yjs state (src/lib/store/backup.ts),
   * this device joining it as a new member with its own series letter. Under another id than the
   * backup's when that one is already on this device (a copy: its own workspace from now on).
   */
  static async restore(input: {
    id: string;
    update: Uint8Array;
    /** The backup's archive documents (store/archives.ts), restored after the live state. */
    archives?: readonly { year: number; update: Uint8Array }[];
    deviceName: string;
    seriesLetter: string;
  }): Promise<Workspace> {
    const ws = new Workspace(input.id, newId());
    await ws.#attach();
    const at = now().toISOString();
    // A copy on this device only, under a letter no member of the backup has.
    ws.#core!.restore(input.update, newMember({ id: ws.memberId, name: input.deviceName, seriesLetter: input.seriesLetter, at, confirmed: true }));
    await ws.#core!.restoreArchives(input.archives ?? []);
    await ws.#stored();
    return ws;
  }

  /** Once what was written so far is on disk: a workspace made or restored is not left half stored by a reload. */
  async #stored(): Promise<void> {
    await this.#core?.persistence.settled();
  }

  async #attach(): Promise<void> {
    if (this.#closed) return; // closed while the first screen was shown
    const { WorkspaceCore, SchemaTooNewError } = await import('./workspaceCore');
    if (this.#closed) return;
    const core = new WorkspaceCore(this, () => this.scheduleFirstScreen());
    this.#core = core;
    try {
      if (!(await core.attach())) return;
    } catch (e) {
      // Written by a newer Relance: show nothing editable rather than risk damaging it.
      if (!(e instanceof SchemaTooNewError)) throw e;
      this.failure = 'schema_too_new';
      this.status = 'error';
      return;
    }
    // A first screen saved before the last changes (the tab went away first) is saved again soon,
    // or every later opening would first show the same old rows.
    if (this.#openedFirstScreenKey !== undefined && this.#openedFirstScreenKey !== core.persistence.lastKey) this.scheduleFirstScreen();
    try {
      await this.beforeReady?.();
    } catch (e) {
      console.warn('views not prepared', e); // they compute on first read instead
    }
    if (this.#closed) return;
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.#onHide);
    this.status = 'ready';
    performance.mark?.('relance:ready');
    this.firstScreen = null;
    // The closed years load behind the editable workspace, a slice per task.
    this.#archivesLoaded = core
      .openArchives()
      .then(() => {
        performance.mark?.('relance:complete');
        // The documents they hold count in the first screen.
        this.scheduleFirstScreen();
      })
      .catch((e) => console.error('archives not loaded', e));
    this.#markReady();
  }

  /**
   * Moves the closed records to their year's archive and back as `plan` says (computed by the app
   * from the accounts: domain/archive.ts), once every archive is loaded.
   */
  async archiveClosed(plan: ArchivePlan, today: IsoDate): Promise<ArchiveReport | null> {
    await this.complete;
    if (this.#closed || this.readOnly || !this.#core) return null;
    return this.#core.archive(plan, today);
  }

  #onHide = () => {
    if (document.visibilityState === 'hidden') void this.saveFirstScreen();
  };

  /** Saves the first screen a moment from now (after changes, or to draw the page shown as a first paint). */
  scheduleFirstScreen(): void {
    // Closed (or its data deleted): a save would open its database again.
    if (this.#closed) return;
    if (this.#firstScreenTimer) clearTimeout(this.#firstScreenTimer);
    this.#firstScreenTimer = setTimeout(() => void this.saveFirstScreen(), FIRST_SCREEN_DELAY_MS);
  }

  /**
   * Saves the first screen the next opening shows (after changes, before the tab goes away, and
   * once a day's list is known); without one to save, the stored one is removed, never left stale.
   */
  async saveFirstScreen(): Promise<void> {
    if (this.#firstScreenTimer) clearTimeout(this.#firstScreenTimer);
    this.#firstScreenTimer = null;
    if (this.status !== 'ready' || !this.#core) return;
    // The log's end first, then the screen at once: a change in between makes it look stale, never current.
    const logKey = await this.#core.persistence.settled();
    let first: FirstScreen | null = null;
    try {
      first = this.firstScreenOf?.() ?? null;
    } catch (e) {
      console.warn('first screen not saved', e); // only costs the next opening's speed
    }
    // The page as it shows now, drawn from that same state (nothing awaited in between).
    let paint: FirstPaint | null = null;
    if (first) {
      try {
        paint = this.firstPaintOf?.(firstScreenKey(first)) ?? null;
      } catch (e) {
        console.warn('first paint not saved', e);
      }
      first = { ...first, logKey };
    }
    const db = await openWorkspaceDb(workspaceDbName(this.id));
    try {
      await writeFirstScreen(db, this.id, first, paint);
    } finally {
      db.close();
    }
  }

  /** Calls `watcher` for every archive loaded, now and later (the relay link syncs each); returns what stops it. */
  watchArchives(watcher: (year: number, doc: Y.Doc) => () => void): () => void {
    return this.#loaded().watchArchives((archive) => watcher(archive.year, archive.doc));
  }

  /**
   * Once every archive the live document lists is loaded, `read` called with them (newest year
   * first) in the same step: a backup reads the live document and its archives together.
   */
  async withArchives<T>(read: (archives: { year: number; doc: Y.Doc }[]) => T): Promise<T> {
    await this.complete;
    return this.#loaded().withArchives(read);
  }

  /** Everything as plain data (backups, exports). */
  read(): WorkspaceData {
    return this.#loaded().read();
  }

  /** The records no view shows because they cannot be read (for the integrity check). */
  unreadable(): UnreadableRecord[] {
    return this.#loaded().unreadable();
  }

  #loaded(): WorkspaceCore {
    if (!this.#core) throw new Error('workspace not loaded');
    return this.#core;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.saveFirstScreen();
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.#onHide);
    await this.#core?.close();
  }

  /** Deletes this workspace's data from the device. */
  async destroyLocalData(): Promise<void> {
    const core = this.#core;
    const years = core?.archiveYears() ?? [];
    await this.close();
    dropPaints(this.id, null); // they show its clients and amounts
    await core?.clearData(years);
  }

  // ——— writes: one door, the commands of ./commands.ts ———

  /**
   * Runs a write (src/lib/store/commands.ts) once the Y.Doc is loaded; refused on a device
   * removed from the workspace, but for its own device record.
   */
  async run<K extends CommandName>(name: K, ...args: CommandArgs<K>): Promise<Awaited<CommandResult<K>>> {
    await (WHOLE_WORKSPACE_COMMANDS.has(name) ? this.complete : this.#ready);
    const core = this.#core!;
    if (this.readOnly && !core.isDeviceCommand(name)) throw new StoreError('removed_device');
    const apply = () => core.run(name, ...args);
    if (name !== 'document/issue' || typeof navigator === 'undefined' || !navigator.locks) return apply() as Awaited<CommandResult<K>>;
    // Two tabs of this device share its series: one issue at a time across tabs, and the lock
    // is held a moment longer so the number taken reaches the other tab before it takes one.
    return navigator.locks.request(`relance-issue-${this.id}`, async () => {
      const issued = await apply();
      await new Promise((resolve) => setTimeout(resolve, ISSUE_LOCK_GRACE_MS));
      return issued as Awaited<CommandResult<K>>;
    });
  }

  /** Runs a command at once, on the loaded document (the relay link, within its own callbacks). */
  apply<K extends CommandName>(name: K, ...args: CommandArgs<K>): CommandResult<K> {
    if (this.status !== 'ready') throw new Error(`workspace not loaded: ${name}`);
    return this.#loaded().run(name, ...args);
  }
}
