// The rooms of a workspace on the relay, each a Yjs document of its own:
//
//   /sync/<workspaceId>                 the live document   docName <workspaceId>
//   /sync/<workspaceId>/archive/<year>  a closed year       docName <workspaceId>/archive/<year>
//
// Every room belongs to its workspace: one key, one quota, one set of limits, one deletion. Only
// the live room registers a workspace, and only it is read for the members (sealing plan).
import { isWorkspaceId } from './auth.js';

export interface Room {
  workspaceId: string;
  /** '' for the live document, `archive/<year>` for an archive (the `room` column in SQLite). */
  name: string;
  /** The document's name for the y-websocket utilities and in the logs. */
  docName: string;
  /** The archive's year, null for the live document. */
  year: number | null;
}

export type RoomPath = { ok: true; room: Room } | { ok: false; status: 400 | 404; error: string };

/** Archive years: exactly four digits, 2000–2999. */
const YEAR = /^2\d{3}$/;

export function liveRoom(workspaceId: string): Room {
  return { workspaceId, name: '', docName: workspaceId, year: null };
}

export function archiveRoom(workspaceId: string, year: number): Room {
  const name = `archive/${year}`;
  return { workspaceId, name, docName: `${workspaceId}/${name}`, year };
}

/** The room of an upgrade's path after `/sync/`: `ws1` or `ws1/archive/2023`; anything else is refused. */
export function roomOfPath(tail: string): RoomPath {
  const [workspaceId, ...rest] = tail.split('/');
  if (!isWorkspaceId(workspaceId)) return { ok: false, status: 400, error: 'workspace id must be 1-64 characters [A-Za-z0-9_-]' };
  if (rest.length === 0) return { ok: true, room: liveRoom(workspaceId) };
  if (rest.length === 2 && rest[0] === 'archive' && YEAR.test(rest[1])) {
    return { ok: true, room: archiveRoom(workspaceId, Number(rest[1])) };
  }
  return { ok: false, status: 404, error: 'rooms are /sync/<workspaceId> and /sync/<workspaceId>/archive/<year> (2000-2999)' };
}

/**
 * The room of a document name (persistence keys its rows by workspace and room). A name that is
 * not an archive's is a live document's, as before archives existed.
 */
export function roomOfDocName(docName: string): Room {
  const slash = docName.indexOf('/');
  if (slash < 0) return liveRoom(docName);
  const parsed = roomOfPath(docName);
  if (!parsed.ok) throw new Error(`not a room: ${docName}`);
  return parsed.room;
}
