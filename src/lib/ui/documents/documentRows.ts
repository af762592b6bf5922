// Filtering and sorting of the documents list: plain data in and out, so it stays testable
// and cheap enough to run over 10 000 rows on every keystroke.
import type { DocumentKind, DocumentRecord, DocumentStatus, IsoDate, Totals } from '$lib/domain/types';
import { compareCodes } from '$lib/domain/compare';

export interface DocumentRow {
  id: string;
  kind: DocumentKind;
  number: string;
  seq: number;
  clientId: string;
  clientName: string;
  date: IsoDate | null;
  dueDate: IsoDate | null;
  ttcCents: number;
  balanceCents: number;
  status: DocumentStatus;
  disputed: boolean;
  /** A deposit invoice (« Facture d'acompte »); absent: no. */
  deposit?: boolean;
  /**
   * The status the row takes after a day, when time alone changes it (an invoice falls late, a
   * quote expires): a row kept from an earlier day is shown right on a later one (rowOnDay).
   */
  changesAfter?: { day: IsoDate; to: DocumentStatus };
}

/** What a row reads from the receivables model (store/views.svelte.ts ReceivablesView). */
export interface RowSource {
  totals(doc: DocumentRecord): Totals;
  remaining(doc: DocumentRecord): number;
  status(doc: DocumentRecord): DocumentStatus;
}

/** A document as the list shows it. */
export function documentRow(d: DocumentRecord, clientName: string, source: RowSource): DocumentRow {
  return {
    id: d.id,
    kind: d.kind,
    number: d.number,
    seq: d.seq,
    clientId: d.clientId,
    clientName,
    date: d.issueDate,
    dueDate: d.dueDate,
    ttcCents: source.totals(d).ttcCents,
    balanceCents: source.remaining(d),
    status: source.status(d),
    disputed: d.disputed,
    deposit: Boolean(d.deposit)
  };
}

/**
 * A row kept on `asOf` as it stands on a later `day`: rowOnDay({ status: 'sent', changesAfter:
 * { day: '2026-03-31', to: 'overdue' } }, '2026-04-01') → overdue (late means strictly after).
 */
export function rowOnDay(row: DocumentRow, day: IsoDate): DocumentRow {
  return row.changesAfter && day > row.changesAfter.day ? { ...row, status: row.changesAfter.to } : row;
}

export interface RowFilter {
  kind: DocumentKind | '';
  status: DocumentStatus | 'disputed' | '';
  clientId: string;
  from: IsoDate | '';
  to: IsoDate | '';
  search: string;
}

export type RowSort = 'date' | 'number' | 'amount' | 'due';

export function filterRows(rows: DocumentRow[], f: RowFilter): DocumentRow[] {
  const q = f.search.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!f.kind || r.kind === f.kind) &&
      (!f.status || (f.status === 'disputed' ? r.disputed : r.status === f.status)) &&
      (!f.clientId || r.clientId === f.clientId) &&
      (!f.from || (r.date ?? '') >= f.from) &&
      (!f.to || (r.date ?? '9999') <= f.to) &&
      (!q || r.number.toLowerCase().includes(q) || r.clientName.toLowerCase().includes(q))
  );
}

const compare: Record<RowSort, (a: DocumentRow, b: DocumentRow) => number> = {
  date: (a, b) => compareCodes(a.date, b.date),
  number: (a, b) => compareCodes(a.number, b.number),
  amount: (a, b) => a.ttcCents - b.ttcCents,
  due: (a, b) => compareCodes(a.dueDate, b.dueDate)
};

/** Sorted copy; ties are broken by number so the order is stable across renders. */
export function sortRows(rows: DocumentRow[], by: RowSort, descending: boolean): DocumentRow[] {
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => sign * (compare[by](a, b) || compareCodes(a.number, b.number)));
}
