// The workspaces known to this device, kept in localStorage (device-local, never synced):
// which one is open, this device's member id in each, and the workspace key.

export interface WorkspaceEntry {
  id: string;
  name: string;
  memberId: string;
  key: string;
  relayUrl: string;
  createdAt: string;
  /** When a backup of it was last made or restored on this device (ISO instant). */
  lastBackupAt?: string;
  /** The day the backup reminder was last put off (YYYY-MM-DD). */
  backupReminderDismissedOn?: string;
  /** The day this device last moved the closed records to their archives (YYYY-MM-DD). */
  archivedOn?: string;
  /** Joined from an invite, the relay's copy not received yet. */
  joinPending?: boolean;
  /** The last instant this device and the relay were known to agree (ISO instant). */
  lastSyncAt?: string;
  /** When this device learnt it was removed from the workspace: read-only, no sync. */
  removedAt?: string;
  /** The relay took the token derived from `key` (src/lib/sync/token.ts): never show it the key. */
  tokenDerived?: boolean;
}

/** Patches the entry of workspace `id`, if this device still has it; returns the new entry. */
export function updateWorkspaceEntry(id: string, patch: Partial<WorkspaceEntry>): WorkspaceEntry | null {
  const all = listWorkspaces();
  const at = all.findIndex((w) => w.id === id);
  if (at < 0) return null;
  // In place: the list keeps its order.
  all[at] = { ...all[at], ...patch };
  localStorage.setItem(LIST_KEY, JSON.stringify(all));
  return all[at];
}

const LIST_KEY = 'relance.workspaces';
const CURRENT_KEY = 'relance.current';

export function listWorkspaces(): WorkspaceEntry[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(LIST_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as WorkspaceEntry[]) : [];
  } catch {
    return [];
  }
}

export function saveWorkspaceEntry(entry: WorkspaceEntry): void {
  const others = listWorkspaces().filter((w) => w.id !== entry.id);
  localStorage.setItem(LIST_KEY, JSON.stringify([...others, entry]));
}

export function removeWorkspaceEntry(id: string): void {
  localStorage.setItem(LIST_KEY, JSON.stringify(listWorkspaces().filter((w) => w.id !== id)));
  if (currentWorkspaceId() === id) localStorage.removeItem(CURRENT_KEY);
}

export function currentWorkspaceId(): string | null {
  return localStorage.getItem(CURRENT_KEY);
}

export function setCurrentWorkspace(id: string): void {
  localStorage.setItem(CURRENT_KEY, id);
}
