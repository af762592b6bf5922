// The first screen of a workspace, materialised: the first rows of the documents list, the home
// figures' open receivables and the first clients to chase, as they stood when the workspace was
// last saved. A few kilobytes read before anything else at open, so « Aujourd'hui » and Documents
// show real rows at once while the Y.Doc (tens of megabytes for years of invoices) loads behind
// them. Saved after changes (store/workspace.svelte.ts), beside the update log.
import * as idb from 'lib0/indexeddb';
import { dropPaints, FIRST_PAINT_PATHS, keepPaint, screenKey, type FirstPaint } from './firstPaint';
import type { ChaseItem } from '$lib/domain/chaseItem';
import type { ChaseList } from '$lib/domain/chaseList';
import type { Hold, InvoiceAccount, ReceivablesSummary } from '$lib/domain/receivables';
import { heldApart, summarizeReceivables } from '$lib/domain/receivables';
import type { DocumentRecord, IsoDate } from '$lib/domain/types';
import { documentRow, firstInOrder, rowOrder, type DocumentRow, type RowSource } from '$lib/ui/documents/documentRows';

export const FIRST_SCREEN_KEY = 'firstScreen';
/** Rows of the documents list kept: more than any screen shows before scrolling. */
export const FIRST_SCREEN_ROWS = 40;
/** Clients to chase kept (in the list's order). */
export const FIRST_SCREEN_CHASE = 12;
const FORMAT = 1;

/** An open receivable as the home figures read it: due date, what remains, why held apart (0 none, 1 disputed, 2 in collection). */
export type OpenReceivable = [dueDate: IsoDate, remainingCents: number, apart: 0 | 1 | 2];

export interface FirstScreen {
  format: typeof FORMAT;
  workspaceId: string;
  /** The day it was computed on. */
  asOf: IsoDate;
  /** The company's name, for the header. */
  companyName: string;
  documents: { count: number; rows: DocumentRow[] };
  open: OpenReceivable[];
  /** The « À relancer » list's first items and how many there were; null when not computed yet. */
  chase: { count: number; items: ChaseItem[] } | null;
  /**
   * The key of the update log's last entry it was computed at (store/persistence.ts): a log that
   * ends elsewhere at the next opening means it is stale (the tab went away before saving it).
   */
  logKey?: number | null;
}

const APART: Record<0 | 1 | 2, Hold[]> = {
  0: [],
  1: [{ reason: 'disputed', until: null }],
  2: [{ reason: 'in_collection', until: null }]
};

/** The compact form of an open receivable. */
export function openReceivable(r: { dueDate: IsoDate; remainingCents: number; holds: Hold[] }): OpenReceivable {
  const apart = heldApart(r);
  return [r.dueDate, r.remainingCents, apart === 'in_collection' ? 2 : apart === 'disputed' ? 1 : 0];
}

/** The home figures from a first screen, on `day` (what fell due since it was saved counts as late). */
export function firstScreenSummary(screen: FirstScreen, day: IsoDate): ReceivablesSummary {
  return summarizeReceivables(
    screen.open.map(([dueDate, remainingCents, apart]) => ({ dueDate, remainingCents, holds: APART[apart] })),
    day
  );
}

/** The chase list kept only holds for the day it was computed: the next morning's differs. */
export function firstScreenChase(screen: FirstScreen, day: IsoDate): FirstScreen['chase'] {
  return screen.asOf === day ? screen.chase : null;
}

function isFirstScreen(x: unknown, workspaceId: string): x is FirstScreen {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Partial<FirstScreen>;
  return (
    s.format === FORMAT &&
    s.workspaceId === workspaceId &&
    typeof s.asOf === 'string' &&
    typeof s.companyName === 'string' &&
    typeof s.documents === 'object' &&
    s.documents !== null &&
    typeof s.documents.count === 'number' &&
    Array.isArray(s.documents.rows) &&
    Array.isArray(s.open) &&
    (s.chase === null || (typeof s.chase === 'object' && Array.isArray(s.chase?.items)))
  );
}

/** Parses stored text; null when absent, garbled, of another format or another workspace. */
export function parseFirstScreen(text: unknown, workspaceId: string): FirstScreen | null {
  if (typeof text !== 'string') return null;
  try {
    const data: unknown = JSON.parse(text);
    return isFirstScreen(data, workspaceId) ? data : null;
  } catch {
    return null; // only costs speed: the Y.Doc follows
  }
}

/** The content of a first screen, without the log position it was saved at: what its first paint shows. */
export function firstScreenKey(screen: FirstScreen): string {
  const { logKey: _logKey, ...content } = screen;
  return screenKey(JSON.stringify(content));
}

/**
 * Writes workspace `workspaceId`'s first screen; null removes the stored one rather than leave it
 * stale. With it, the first paint drawn from it if any (`paint`, firstPaint.ts); the other pages'
 * paints are kept only when they show this same screen.
 */
export async function writeFirstScreen(db: IDBDatabase, workspaceId: string, screen: FirstScreen | null, paint: FirstPaint | null = null): Promise<void> {
  const key = screen ? firstScreenKey(screen) : null;
  dropPaints(workspaceId, key);
  const [custom] = idb.transact(db, ['custom']);
  const written = new Promise<void>((resolve, reject) => {
    custom.transaction.oncomplete = () => resolve();
    custom.transaction.onerror = custom.transaction.onabort = () => reject(custom.transaction.error);
  });
  // Their errors abort the transaction: `written` says so.
  if (screen) custom.put(JSON.stringify(screen), FIRST_SCREEN_KEY);
  else custom.delete(FIRST_SCREEN_KEY);
  // Where paints were kept before they moved to localStorage.
  for (const path of FIRST_PAINT_PATHS) custom.delete(`firstPaint:${path}`);
  await written;
  if (key && paint) keepPaint(key, paint);
}

declare global {
  interface Window {
    /** The read started by src/app.html before the app's code was loaded. */
    __relanceFirstScreen?: { name: string; text: Promise<string | null> };
  }
}

/** The first screen stored in a workspace's database (`open`: persistence.ts openWorkspaceDb), or the early read of app.html. */
export async function readFirstScreen(name: string, workspaceId: string, open: () => Promise<IDBDatabase>): Promise<FirstScreen | null> {
  const early = typeof window === 'undefined' ? undefined : window.__relanceFirstScreen;
  if (early && early.name === name) {
    delete window.__relanceFirstScreen;
    return parseFirstScreen(await early.text, workspaceId);
  }
  try {
    const db = await open();
    try {
      const [custom] = idb.transact(db, ['custom'], 'readonly');
      return parseFirstScreen(await idb.get(custom, FIRST_SCREEN_KEY), workspaceId);
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** What a first screen is built from: the workspace's records and views as they stand. */
export interface FirstScreenSource extends RowSource {
  workspaceId: string;
  companyName: string;
  day: IsoDate;
  documents: readonly DocumentRecord[];
  clientName: (id: string) => string;
  /** The « À relancer » list of `day`; null when not computed yet. */
  chase: ChaseList | null;
}

/** When time alone changes a row's status, and to what (see DocumentRow.changesAfter). */
function changesAfter(row: DocumentRow, doc: DocumentRecord, account: InvoiceAccount | undefined): DocumentRow['changesAfter'] {
  if (doc.kind === 'quote' && (row.status === 'issued' || row.status === 'sent') && doc.frozen?.validUntil) return { day: doc.frozen.validUntil, to: 'expired' };
  if (!account || !['issued', 'sent', 'partially_paid'].includes(row.status)) return undefined;
  let first: IsoDate | null = null;
  for (const r of account.receivables) if (r.remainingCents > 0 && (first === null || r.dueDate < first)) first = r.dueDate;
  return first ? { day: first, to: 'overdue' } : undefined;
}

/**
 * The first screen of a workspace on `day`: the documents list's first rows in its default order
 * (newest first), every open receivable in compact form, the chase list's first items.
 */
export function buildFirstScreen(source: FirstScreenSource): FirstScreen {
  const open: OpenReceivable[] = [];
  for (const a of source.accounts.values()) for (const r of a.receivables) if (r.remainingCents > 0) open.push(openReceivable(r));
  // The list's first rows in its default order, found without making every row (built after each change).
  const newest = firstInOrder(
    source.documents.map((doc) => ({ id: doc.id, number: doc.number, date: doc.issueDate, dueDate: doc.dueDate, ttcCents: 0, doc })),
    FIRST_SCREEN_ROWS,
    rowOrder('date', true)
  );
  const rows = newest.map(({ doc }) => {
    const account = source.accounts.get(doc.id);
    const row = documentRow(doc, source.clientName(doc.clientId), source, account);
    const after = changesAfter(row, doc, account);
    return after ? { ...row, changesAfter: after } : row;
  });
  const list = source.chase;
  return {
    format: FORMAT,
    workspaceId: source.workspaceId,
    asOf: source.day,
    companyName: source.companyName,
    documents: { count: source.documents.length, rows },
    open,
    chase: list ? { count: list.overdue.length + list.today.length + list.courtesy.length, items: [...list.overdue, ...list.today, ...list.courtesy].slice(0, FIRST_SCREEN_CHASE) } : null
  };
}
