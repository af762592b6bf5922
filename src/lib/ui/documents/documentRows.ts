// Filtering and sorting of the documents list: plain data in and out, so it stays testable
// and cheap enough to run over 10 000 rows on every keystroke.
import type { DocumentKind, DocumentRecord, DocumentStatus, IsoDate, Totals } from '$lib/domain/types';
import type { InvoiceAccount } from '$lib/domain/receivables';
import { compareCodes } from '$lib/domain/compare';
import { documentStatus } from '$lib/domain/lifecycle';

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

/** What a row reads from the receivables model (store/views.svelte.ts ReceivablesView fits). */
export interface RowSource {
  /** Every issued invoice's account on `day`, by invoice id. */
  readonly accounts: ReadonlyMap<string, InvoiceAccount>;
  readonly day: IsoDate;
  totals(doc: DocumentRecord): Totals;
}

/** A document as the list shows it; `account`: its account in `source` (read once by a caller going through many). */
export function documentRow(d: DocumentRecord, clientName: string, source: RowSource, account = source.accounts.get(d.id)): DocumentRow {
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
    balanceCents: account?.remainingCents ?? 0,
    status: documentStatus(d, account ?? null, source.day),
    disputed: d.disputed,
    deposit: Boolean(d.deposit)
  };
}

interface KeptRow {
  account: InvoiceAccount | undefined;
  clientName: string;
  day: IsoDate;
  row: DocumentRow;
}

/**
 * The rows of the documents list, kept from one read to the next: the list reads every row on any
 * change, over tens of thousands of documents, and most have not moved. A row is made again when
 * its document (records are replaced when they change), its account (replaced when computed
 * again), its client's name, the day or its total changed.
 */
export class DocumentRows {
  #kept = new WeakMap<DocumentRecord, KeptRow>();

  rows(documents: readonly DocumentRecord[], clientName: (id: string) => string, source: RowSource): DocumentRow[] {
    const accounts = source.accounts;
    const day = source.day;
    // Read once: the view's getters are reactive, each read costs.
    const fixed: RowSource = { accounts, day, totals: (d) => source.totals(d) };
    const out = new Array<DocumentRow>(documents.length);
    for (let i = 0; i < documents.length; i++) {
      const d = documents[i];
      const account = accounts.get(d.id);
      const name = clientName(d.clientId);
      const kept = this.#kept.get(d);
      // An issued document's totals are frozen in it; a draft's follow the VAT regime (and a final
      // invoice's, the deposits issued since).
      if (kept && kept.account === account && kept.clientName === name && kept.day === day && (d.frozen || kept.row.ttcCents === source.totals(d).ttcCents)) {
        out[i] = kept.row;
        continue;
      }
      const row = documentRow(d, name, fixed, account);
      this.#kept.set(d, { account, clientName: name, day, row });
      out[i] = row;
    }
    return out;
  }
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
  // Read once: the filter is the page's state (a proxy), the rows may be tens of thousands.
  const { kind, status, clientId, from, to } = f;
  const q = f.search.trim().toLowerCase();
  if (!kind && !status && !clientId && !from && !to && !q) return rows;
  return rows.filter(
    (r) =>
      (!kind || r.kind === kind) &&
      (!status || (status === 'disputed' ? r.disputed : r.status === status)) &&
      (!clientId || r.clientId === clientId) &&
      (!from || (r.date ?? '') >= from) &&
      (!to || (r.date ?? '9999') <= to) &&
      (!q || r.number.toLowerCase().includes(q) || r.clientName.toLowerCase().includes(q))
  );
}

/** What the order reads of a row. */
export type RowKey = Pick<DocumentRow, 'id' | 'number' | 'date' | 'dueDate' | 'ttcCents'>;

const compare: Record<RowSort, (a: RowKey, b: RowKey) => number> = {
  date: (a, b) => compareCodes(a.date, b.date),
  number: (a, b) => compareCodes(a.number, b.number),
  amount: (a, b) => a.ttcCents - b.ttcCents,
  due: (a, b) => compareCodes(a.dueDate, b.dueDate)
};

/** The list's order; ties are broken by number, then id (drafts have no number), so it is total. */
export function rowOrder(by: RowSort, descending: boolean): (a: RowKey, b: RowKey) => number {
  const sign = descending ? -1 : 1;
  const first = compare[by];
  return (a, b) => sign * (first(a, b) || compareCodes(a.number, b.number) || compareCodes(a.id, b.id));
}

/** The first `n` of `items` in `order`, without sorting them all (one pass; n is small). */
export function firstInOrder<T>(items: Iterable<T>, n: number, order: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  if (n <= 0) return best;
  for (const item of items) {
    if (best.length === n && order(item, best[n - 1]) >= 0) continue;
    let at = best.length;
    while (at > 0 && order(item, best[at - 1]) < 0) at--;
    best.splice(at, 0, item);
    if (best.length > n) best.pop();
  }
  return best;
}

/** Rows made, or sorted, between two pauses of the list's steps (a few ms each). */
const STEP_ROWS = 2048;

/** Two sorted runs as one, in `order`; on a tie the first run's row goes first. */
function merge<T>(a: T[], b: T[], order: (x: T, y: T) => number): T[] {
  const out = new Array<T>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = order(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** A sorted copy of `items`, made in steps (runs sorted, then merged two by two). */
export function* sortSteps<T>(items: readonly T[], order: (a: T, b: T) => number): Generator<void, T[]> {
  let runs: T[][] = [];
  for (let i = 0; i < items.length; i += STEP_ROWS) {
    runs.push(items.slice(i, i + STEP_ROWS).sort(order));
    yield;
  }
  while (runs.length > 1) {
    const merged: T[][] = [];
    for (let i = 0; i < runs.length; i += 2) {
      merged.push(i + 1 < runs.length ? merge(runs[i], runs[i + 1], order) : runs[i]);
      yield;
    }
    runs = merged;
  }
  return runs[0] ?? [];
}

/**
 * The documents list as shown — rows made (kept ones reused), filtered, sorted — in steps, so
 * that tens of thousands of documents (a closed year's archive arriving, a new sort) never hold
 * the page for long: the caller pauses between them (store/afterPaint.ts runSteps).
 */
export function* listSteps(
  kept: DocumentRows,
  documents: readonly DocumentRecord[],
  clientName: (id: string) => string,
  source: RowSource,
  filter: RowFilter,
  by: RowSort,
  descending: boolean
): Generator<void, DocumentRow[]> {
  const rows: DocumentRow[] = [];
  for (let i = 0; i < documents.length; i += STEP_ROWS) {
    for (const row of kept.rows(documents.slice(i, i + STEP_ROWS), clientName, source)) rows.push(row);
    yield;
  }
  return yield* sortSteps(filterRows(rows, filter), rowOrder(by, descending));
}
