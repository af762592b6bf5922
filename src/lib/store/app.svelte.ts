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
import { newSecretKey } from './ids';
import type { Company } from '$lib/domain/types';

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
      createdAt: new Date().toISOString()
    };
    saveWorkspaceEntry(entry);
    await this.#show(entry, ws);
  }

  async #show(entry: WorkspaceEntry, ws: Workspace): Promise<void> {
    this.chase?.destroy();
    await this.workspace?.close();
    setCurrentWorkspace(entry.id);
    this.entry = entry;
    this.workspace = ws;
    this.ledger = new LedgerView(ws);
    this.chase = new ChaseView(ws, today);
  }
}

export const app = new AppState();
