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
