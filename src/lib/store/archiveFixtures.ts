// Test fixtures for workspaces with archived records (as in archiver.test.ts): books with a
// closed 2024 invoice, its payment and event, beside an open 2026 invoice; the plan that archives
// them; what the app reads of the archivable collections. Used by the *.test.ts files only.
import type * as Y from 'yjs';
import type { ActivityEvent, DocumentRecord, IsoDate, Payment } from '$lib/domain/types';
import { archivePlan } from '$lib/domain/archive';
import { accountsOfRecords, plainContext } from '$lib/domain/receivables';
import { addDays } from '$lib/domain/dates';
import { canonicalJson } from '$lib/domain/integrity';
import { chaseClientRecord, chaseInvoice, chasePayment } from '$lib/domain/fixtures';
import type { ArchiveReport } from './archiver';
import type { Workspace } from './workspace.svelte';

export const ARCHIVE_TODAY = '2026-12-02';

function invoice(id: string, issueDate: IsoDate): DocumentRecord {
  return chaseInvoice(id, 100_000, addDays(issueDate, 30));
}

function event(id: string, at: string, documentId: string): ActivityEvent {
  return { id, at, memberId: 'm-a', kind: 'document_issued', clientId: 'c1', documentId, text: '', data: {} };
}

/** i1 (2024, paid in 2024: closed), i2 (2026, unpaid: open), i1's payment p1, events e1 (i1) and e2 (i2). */
export const BOOKS = {
  documents: [invoice('i1', '2024-03-01'), invoice('i2', '2026-11-01')],
  payments: [chasePayment('p1', 'i1', 100_000, '2024-03-20')] as Payment[],
  events: [event('e1', '2024-03-01T09:00:00.000Z', 'i1'), event('e2', '2026-11-01T09:00:00.000Z', 'i2')]
};

/** The client and BOOKS written into `ws`. */
export async function importBooks(ws: Workspace): Promise<void> {
  await ws.run('records/import', 'clients', [chaseClientRecord()]);
  await ws.run('records/import', 'documents', BOOKS.documents as (DocumentRecord & { id: string })[]);
  await ws.run('records/import', 'payments', BOOKS.payments);
  await ws.run('records/import', 'events', BOOKS.events);
}

/** Moves what is closed on `today` to its year's archive, as the app does. */
export function archiveClosed(ws: Workspace, today: IsoDate = ARCHIVE_TODAY): Promise<ArchiveReport | null> {
  const documents = ws.documents.all();
  const payments = ws.payments.all();
  const accounts = accountsOfRecords(documents, payments, 'normal', () => plainContext(today, 'company'));
  return ws.archiveClosed(archivePlan({ documents, payments, events: ws.events.all(), accounts, pinned: new Set(), today }), today);
}

/** What the app reads of the three archivable collections, canonical. */
export function seen(ws: Workspace): string {
  const sorted = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
  return canonicalJson({ documents: sorted(ws.documents.all()), payments: sorted(ws.payments.all()), events: sorted(ws.events.all()) });
}

/** The archive documents a workspace holds, by year, once every listed one is loaded. */
export function archiveDocs(ws: Workspace): Promise<Map<number, Y.Doc>> {
  return ws.withArchives((archives) => new Map(archives.map((a) => [a.year, a.doc])));
}
