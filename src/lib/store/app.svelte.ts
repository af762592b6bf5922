// The workspace open in this tab, shared by every page.
import { Workspace } from './workspace.svelte';
import { LedgerView } from './views.svelte';
import { ChaseView } from './chaseView.svelte';
import { today } from '$lib/clock';
import {
  currentWorkspaceId,
  listWorkspaces,
  saveWorkspaceEntry,
  setCurrentWorkspace,
  type WorkspaceEntry
} from './registry';
import { newId, newSecretKey } from './ids';
import type { CheckedBackup } from './backup';
import type { Company, IsoDate } from '$lib/domain/types';
import { now } from '$lib/clock';

function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
}

class AppState {
  workspace = $state.raw<Workspace | null>(null);
  ledger = $state.raw<LedgerView | null>(null);
  chase = $state.raw<ChaseView | null>(null);
  entry = $state.raw<WorkspaceEntry | null>(null);
  booted = $state(false);
  error = $state<string | null>(null);

  /** Opens the last workspace used on this device, if any. */
  async boot(): Promise<void> {
    if (this.booted) return;
    try {
      const id = currentWorkspaceId();
      const entry = listWorkspaces().find((w) => w.id === id) ?? listWorkspaces()[0];
      if (entry) await this.#show(entry, await Workspace.open(entry.id, entry.memberId));
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.booted = true;
    }
  }

  async create(company: Company, deviceName: string): Promise<void> {
    const ws = await Workspace.create({ company, deviceName });
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
    this.entry = { ...this.entry, ...patch };
    saveWorkspaceEntry(this.entry);
  }

  async #show(entry: WorkspaceEntry, ws: Workspace): Promise<void> {
    this.chase?.destroy();
    await this.workspace?.close();
    setCurrentWorkspace(entry.id);
    this.entry = entry;
    this.workspace = ws;
    this.ledger = new LedgerView(ws);
    this.chase = null;
    // Building the list reads every record (~0.2 s for 10 000 invoices): after the first screen
    // has painted, so that opening any page never waits for it.
    afterPaint(() => {
      if (this.workspace === ws && !this.chase) this.chase = new ChaseView(ws, today);
    });
  }
}

export const app = new AppState();
