// The workspace open in this tab, shared by every page, and its link to a relay when it has one.
import { Workspace } from './workspace.svelte';
import { afterPaint, yieldToPage } from './afterPaint';
import { buildFirstScreen } from './firstScreen';
import { drawFirstPaint } from '$lib/ui/firstPaint';
import { ReceivablesView } from './views.svelte';
import { ChaseView } from './chaseView.svelte';
import { today } from '$lib/clock';
import {
  currentWorkspaceId,
  listWorkspaces,
  removeWorkspaceEntry,
  saveWorkspaceEntry,
  setCurrentWorkspace,
  updateWorkspaceEntry,
  type WorkspaceEntry
} from './registry';
import { newId, newSecretKey } from './ids';
import type { CheckedBackup } from './backup';
import type { RelaySync, RotationOutcome } from './relaySync.svelte';
import type { Company, IsoDate } from '$lib/domain/types';
import { joiningLetter } from '$lib/domain/series';
import { now } from '$lib/clock';
import type { Invite } from '$lib/sync/invite';
import type { KeyCheck } from '$lib/sync/relayApi';
import type { RegistrationResult } from '$lib/sync/relayApi';

/** How long linking waits for the relay's first answer before saying it could not. */
const LINK_TIMEOUT_MS = 15_000;
/** The closed years are archived this long after an opening, once the screens have settled. */
const ARCHIVE_DELAY_MS = 5_000;

export type ShareResult = 'ok' | Exclude<KeyCheck, 'ok' | 'unregistered'> | Exclude<RegistrationResult, 'ok' | 'refused' | 'unreachable'>;

/** The device's key pair for a workspace (lazily loaded: WebCrypto and IndexedDB, off the first screen). */
async function deviceKeys() {
  return import('$lib/sync/deviceKeys');
}

/**
 * Loads the sync modules ahead of need (the invite page does, so that a device that goes offline
 * right after opening the link can still join: its join then waits for the network).
 */
export function preloadSync(): void {
  void deviceKeys();
  void import('./relaySync.svelte');
  void import('$lib/sync/relayApi');
  void import('$lib/sync/token');
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([promise, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms))]);
}


class AppState {
  workspace = $state.raw<Workspace | null>(null);
  receivables = $state.raw<ReceivablesView | null>(null);
  /** What stops the relay link's extra work (the archives' rooms) with it. */
  #syncStops: (() => void)[] = [];
  chase = $state.raw<ChaseView | null>(null);
  entry = $state.raw<WorkspaceEntry | null>(null);
  /** The link to the relay of the open workspace (null: this device only). */
  sync = $state.raw<RelaySync | null>(null);
  booted = $state(false);
  error = $state<string | null>(null);

  /** Opens the last workspace used on this device, if any. */
  async boot(): Promise<void> {
    if (this.booted) return;
    try {
      const id = currentWorkspaceId();
      const entry = listWorkspaces().find((w) => w.id === id) ?? listWorkspaces()[0];
      // The app's start (Kit, the header) and its first screen in tasks of their own: together
      // they held the page for 0.1-0.15 s at once, first paint or not.
      await yieldToPage();
      if (entry) await this.#show(entry, await Workspace.open(entry.id, entry.memberId));
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.booted = true;
    }
  }

  async create(company: Company, deviceName: string): Promise<void> {
    const ws = await Workspace.create({ company, deviceName });
    await this.#publishDeviceKey(ws);
    const entry: WorkspaceEntry = {
      id: ws.id,
      name: company.name,
      memberId: ws.memberId,
      key: newSecretKey(),
      relayUrl: '',
      createdAt: now().toISOString()
    };
    saveWorkspaceEntry(entry);
    await this.#show(entry, ws);
  }

  /**
   * Opens a checked backup as a new workspace on this device and switches to it. The backup's
   * own id is kept (the same workspace, e.g. on a new device) unless this device already has it.
   */
  async restore(backup: CheckedBackup, deviceName: string): Promise<Workspace> {
    const { restoreWorkspace } = await import('./backup');
    const known = listWorkspaces().some((w) => w.id === backup.workspaceId);
    const ws = await restoreWorkspace(backup, { id: known ? newId() : backup.workspaceId, deviceName });
    const entry: WorkspaceEntry = {
      id: ws.id,
      name: backup.company.name,
      memberId: ws.memberId,
      key: newSecretKey(),
      relayUrl: '',
      createdAt: now().toISOString(),
      // The file it came from is a backup of everything it holds.
      lastBackupAt: backup.file.createdAt
    };
    saveWorkspaceEntry(entry);
    await this.#show(entry, ws);
    return ws;
  }

  /**
   * Joins the workspace of an invite on this device: an empty copy holding this device as a new
   * member (its series letter claimed, confirmed by the relay later), filled by the relay as soon
   * as it can be reached — until then the join is pending (`entry.joinPending`), even offline.
   */
  async join(invite: Invite, deviceName: string): Promise<void> {
    if (listWorkspaces().some((w) => w.id === invite.workspaceId)) throw new Error('already_joined');
    const memberId = newId();
    const device = await this.#deviceKey(invite.workspaceId, memberId);
    const ws = await Workspace.join({
      id: invite.workspaceId,
      memberId,
      deviceName,
      seriesLetter: joiningLetter([], invite.letters),
      publicKey: device?.publicKey ?? ''
    });
    const entry: WorkspaceEntry = {
      id: ws.id,
      name: invite.company,
      memberId,
      key: invite.key,
      relayUrl: invite.relayUrl,
      createdAt: now().toISOString(),
      joinPending: true
    };
    saveWorkspaceEntry(entry);
    await this.#show(entry, ws);
  }

  /**
   * An invite for a workspace this device already holds (its key went stale: a key change that
   * could not seal for it, a relay restored from an older backup): the invite's key, once the
   * relay accepts it, replaces this device's, and the same copy reconnects — whatever was written
   * here meanwhile merges, nothing is copied or made read-only. A device marked removed stays
   * removed (read-only) until a partner lifts the mark.
   */
  async adoptInvite(invite: Invite): Promise<'ok' | 'removed' | KeyCheck> {
    const entry = listWorkspaces().find((w) => w.id === invite.workspaceId);
    if (!entry) return 'refused';
    if (entry.removedAt) return 'removed';
    const { findToken } = await import('$lib/sync/token');
    const { check } = await findToken(invite.relayUrl, invite.workspaceId, invite.key);
    if (check !== 'ok') return check;
    const updated = updateWorkspaceEntry(entry.id, { key: invite.key, relayUrl: invite.relayUrl, tokenDerived: false });
    if (this.entry?.id === entry.id && this.workspace && updated) {
      this.entry = updated;
      await this.#startSync(this.workspace);
    } else await this.switchTo(entry.id);
    return 'ok';
  }

  /**
   * Gives up a join that cannot complete (an invite whose key was changed, a relay that does not
   * know the workspace) or was a mistake: its empty copy is deleted from this device, and the
   * device goes back to its other workspace, if any.
   */
  async cancelJoin(): Promise<void> {
    const ws = this.workspace;
    if (!ws || !this.entry?.joinPending) return;
    await this.#stopSync();
    this.chase?.destroy();
    this.receivables?.destroy();
    this.chase = this.receivables = null;
    this.workspace = null;
    this.entry = null;
    await ws.destroyLocalData();
    await (await deviceKeys()).deleteDeviceKey(ws.id, ws.memberId).catch(() => {});
    removeWorkspaceEntry(ws.id);
    const next = listWorkspaces()[0];
    if (next) await this.#show(next, await Workspace.open(next.id, next.memberId));
  }

  /**
   * Links the open workspace to a relay: checks the key there (a relay that knows this id under
   * another key, or takes no new workspaces, is refused), then connects once — which registers
   * the key's hash — and waits for the relay's answer.
   */
  async share(relayUrl: string, registrationCode?: string): Promise<ShareResult> {
    const ws = this.workspace;
    const entry = this.entry;
    if (!ws || !entry) return 'unreachable';
    const { findToken, relayToken } = await import('$lib/sync/token');
    const { registerWorkspace } = await import('$lib/sync/relayApi');
    let { check } = await findToken(relayUrl, ws.id, entry.key);
    // A relay closed to new workspaces takes this one with a code from its administrator,
    // under the derived token (the relay never sees the workspace key).
    if (check === 'closed' && registrationCode) {
      const registered = await registerWorkspace(relayUrl, ws.id, await relayToken(entry.key, ws.id), registrationCode);
      if (registered !== 'ok') return registered;
      check = 'ok';
    }
    if (check !== 'ok' && check !== 'unregistered') return check;
    await this.#publishDeviceKey(ws);
    this.#updateEntry({ relayUrl });
    await this.#startSync(ws);
    const sync = this.sync;
    if (!sync) return 'unreachable';
    return (await within(sync.firstSync, LINK_TIMEOUT_MS)) === 'timeout' ? 'unreachable' : 'ok';
  }

  /** A new workspace key, sealed for every remaining device; the old one is refused from now on. */
  async rotateKey(): Promise<RotationOutcome> {
    const ws = this.workspace;
    const sync = this.sync;
    if (!ws || !sync || sync.socket !== 'open') return { ok: false, reason: 'offline' };
    await this.#publishDeviceKey(ws);
    return sync.rotate(ws.members.all());
  }

  /**
   * Removes another device: marks it removed (its letter stays taken) and changes the key, so it
   * can neither read new updates nor write. Needs the relay: nothing is marked while offline.
   */
  async removeMember(memberId: string): Promise<RotationOutcome> {
    const ws = this.workspace;
    if (!ws || !this.sync || this.sync.socket !== 'open') return { ok: false, reason: 'offline' };
    await ws.run('member/remove', memberId);
    return this.rotateKey();
  }

  /** Opens another workspace of this device instead of the current one. */
  async switchTo(id: string): Promise<void> {
    const entry = listWorkspaces().find((w) => w.id === id);
    if (!entry || entry.id === this.entry?.id) return;
    await this.#show(entry, await Workspace.open(entry.id, entry.memberId));
  }

  /** Remembers, on this device, that the open workspace was just backed up. */
  noteBackup(at: string): void {
    this.#updateEntry({ lastBackupAt: at });
  }

  /** Puts the backup reminder off (see domain/backupReminder.ts for how long). */
  dismissBackupReminder(on: IsoDate): void {
    this.#updateEntry({ backupReminderDismissedOn: on });
  }

  #updateEntry(patch: Partial<WorkspaceEntry>): void {
    if (!this.entry) return;
    this.#updateEntryOf(this.entry.id, patch);
  }

  /** Patches a workspace's entry on this device (and the open one's reactive copy). */
  #updateEntryOf(id: string, patch: Partial<WorkspaceEntry>): void {
    const next = updateWorkspaceEntry(id, patch);
    if (next && this.entry?.id === id) this.entry = next;
  }

  /** This device's public key in its member record (a new pair when this device has none yet). */
  async #publishDeviceKey(ws: Workspace): Promise<void> {
    const device = await this.#deviceKey(ws.id, ws.memberId);
    if (device && !ws.readOnly) await ws.run('member/publishKey', device.publicKey);
  }

  /**
   * This device's key pair for a workspace, null where WebCrypto is missing (a page served over
   * plain http from another machine is not a secure context): the device then works and syncs,
   * but a new key cannot be sealed for it — after a key change it needs a new invite.
   */
  async #deviceKey(workspaceId: string, memberId: string) {
    try {
      return await (await deviceKeys()).ensureDeviceKey(workspaceId, memberId);
    } catch {
      return null;
    }
  }

  async #show(entry: WorkspaceEntry, ws: Workspace): Promise<void> {
    this.chase?.destroy();
    this.receivables?.destroy();
    await this.#stopSync();
    await this.workspace?.close();
    setCurrentWorkspace(entry.id);
    this.entry = entry;
    this.workspace = ws;
    ws.readOnly = Boolean(entry.removedAt);
    const receivables = new ReceivablesView(ws, today);
    this.receivables = receivables;
    // Every account computed in slices while the workspace loads, not on the first screen's read.
    ws.beforeReady = () => receivables.warm(yieldToPage);
    ws.afterArchivePart = () => void receivables.accounts;
    this.chase = null;
    // Building the list reads every record (~0.2 s for 10 000 invoices): once they are loaded and
    // painted, in slices, so that opening any page never waits for it.
    void ws.ready.then(() =>
      afterPaint(async () => {
        if (this.workspace !== ws || this.chase) return;
        const chase = await ChaseView.build(ws, today, yieldToPage);
        if (this.workspace !== ws || this.chase) return chase.destroy();
        this.chase = chase;
        // No first screen at this opening, or yesterday's: saved now that today's list is known.
        if (ws.openedFirstScreenOn !== today()) void ws.saveFirstScreen();
      })
    );
    ws.firstScreenOf = () =>
      this.workspace !== ws
        ? null
        : buildFirstScreen({
            workspaceId: ws.id,
            companyName: ws.company?.name ?? '',
            day: receivables.day,
            documents: ws.documents.all(),
            clientName: (id) => ws.clients.peek(id)?.name ?? '',
            accounts: receivables.accounts,
            totals: (d) => receivables.totals(d),
            chase: this.chase?.list ?? null
          });
    ws.firstPaintOf = (screen) => (this.workspace !== ws ? null : drawFirstPaint({ workspaceId: ws.id, day: receivables.day, screen }));
    // Recurring occurrences due become drafts: after the first screen too, never delaying it.
    afterPaint(() => void this.#prepareRecurring(ws));
    void this.#archiveClosed(ws, receivables);
    if (entry.relayUrl) void this.#startSync(ws);
  }

  /**
   * The recurring occurrences due today become drafts (store/recurringOperations.ts); those this
   * device issues automatically are issued, dated today, through the same command as by hand (its
   * lock, its numbering). One that cannot be issued (say, the client lacks an address) stays a
   * draft on « À relancer », whose page says what is missing.
   */
  async #prepareRecurring(ws: Workspace): Promise<void> {
    await ws.ready;
    if (this.workspace !== ws || ws.readOnly || ws.status !== 'ready' || !ws.initialised) return;
    try {
      for (const id of await ws.run('recurring/prepare')) await ws.run('document/issue', id, today()).catch(() => null);
    } catch (e) {
      console.warn('recurring invoices not prepared', e);
    }
  }

  /**
   * The closed years' records moved to their archives (domain/archive.ts says which), a while
   * after opening, by one tab at a time and once a day per device — what closes does so by the
   * day, and the pass reads every record: the next openings load only today's work.
   */
  async #archiveClosed(ws: Workspace, receivables: ReceivablesView): Promise<void> {
    const day = today();
    if (this.entry?.id === ws.id && this.entry.archivedOn === day) return;
    await ws.complete;
    await new Promise((resolve) => setTimeout(resolve, ARCHIVE_DELAY_MS));
    if (this.workspace !== ws || ws.readOnly || ws.status !== 'ready' || !ws.initialised) return;
    const archive = async () => {
      const { archivePlan } = await import('$lib/domain/archive');
      const plan = archivePlan({
        documents: ws.documents.all(),
        payments: ws.payments.all(),
        events: ws.events.all(),
        accounts: receivables.accounts,
        pinned: new Set(),
        today: day
      });
      // A pass cut short (the workspace closed meanwhile) is finished by the next opening.
      const report = await ws.archiveClosed(plan, day);
      if (report && this.workspace === ws && ws.status === 'ready') this.#updateEntryOf(ws.id, { archivedOn: day });
    };
    try {
      if (typeof navigator === 'undefined' || !navigator.locks) await archive();
      else await navigator.locks.request(`relance-archive-${ws.id}`, { ifAvailable: true }, (lock) => (lock ? archive() : undefined));
    } catch (e) {
      console.warn('closed years not archived', e);
    }
  }

  async #stopSync(): Promise<void> {
    const sync = this.sync;
    this.sync = null;
    for (const stop of this.#syncStops.splice(0)) stop();
    await sync?.stop();
  }

  /** Links the open workspace to its relay (the module is loaded only for shared workspaces). */
  async #startSync(ws: Workspace): Promise<void> {
    await this.#stopSync();
    const [{ RelaySync }, { loadDeviceKey }] = await Promise.all([import('./relaySync.svelte'), deviceKeys()]);
    // The provider exchanges what IndexedDB holds: start once it is loaded.
    await ws.ready;
    const entry = this.entry;
    if (this.workspace !== ws || !entry?.relayUrl || this.sync) return;
    const id = ws.id;
    const sync = new RelaySync({
      workspace: ws,
      relayUrl: entry.relayUrl,
      key: entry.key,
      lastSyncAt: entry.lastSyncAt ?? null,
      joining: Boolean(entry.joinPending),
      removed: Boolean(entry.removedAt),
      privateKey: () => loadDeviceKey(id, ws.memberId).then((device) => device?.privateKey ?? null, () => null),
      keyTokenDerived: Boolean(entry.tokenDerived),
      onKey: (key, tokenDerived) => this.#updateEntryOf(id, { key, tokenDerived }),
      onSynced: (at) => this.#updateEntryOf(id, { lastSyncAt: at }),
      onRemoved: () => {
        ws.readOnly = true;
        this.#updateEntryOf(id, { removedAt: now().toISOString() });
      }
    });
    this.sync = sync;
    // Every closed year's archive syncs through its own room, with the link's token.
    const stopArchives = ws.watchArchives((year, doc) => sync.syncArchive(year, doc));
    this.#syncStops.push(stopArchives);
    sync.start();
    if (entry.joinPending) void sync.firstSync.then(() => this.#completeJoin(ws, sync));
  }

  /** The relay's copy arrived on a joining device: the workspace is usable from now on. */
  async #completeJoin(ws: Workspace, sync: RelaySync): Promise<void> {
    if (this.workspace !== ws || !ws.initialised) return;
    await ws.adoptRemoteCopy();
    sync.joining = false;
    this.#updateEntryOf(ws.id, { joinPending: false, name: ws.company?.name ?? this.entry?.name ?? '' });
    await ws.saveFirstScreen();
  }
}

export const app = new AppState();
