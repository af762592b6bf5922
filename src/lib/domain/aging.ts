// The balance âgée: what is owed on a day, by how late it is, per client, and what it is
// probably worth. Read from the receivables model (receivables.ts): each receivable — an invoice
// or one installment of its plan — counts by its own due date. Disputed amounts and amounts handed
// to collection are part of what is owed but are shown apart: no bucket, no reminder.
import type { Cents, IsoDate, RecoveryPoint } from './types';
import { DEFAULT_RECOVERY_CURVE } from './dashboardSettings';
import { heldApart, type Receivable } from './receivables';

/** Days-late ranges, as French practice cuts them (30 / 45 / 60 days are the legal terms). */
export const AGING_BUCKETS = [
  { id: 'not_due', from: -Infinity, to: 0 },
  { id: 'd1_30', from: 1, to: 30 },
  { id: 'd31_45', from: 31, to: 45 },
  { id: 'd46_60', from: 46, to: 60 },
  { id: 'd61_90', from: 61, to: 90 },
  { id: 'd91_180', from: 91, to: 180 },
  { id: 'd181_365', from: 181, to: 365 },
  { id: 'over_365', from: 366, to: Infinity }
] as const;

export type AgingBucketId = (typeof AGING_BUCKETS)[number]['id'];
export const AGING_BUCKET_IDS: readonly AgingBucketId[] = AGING_BUCKETS.map((b) => b.id);

/** 0 (due today or later) → not_due; 30 → d1_30; 31 → d31_45; 365 → d181_365; 366 → over_365. */
export function agingBucket(daysLate: number): AgingBucketId {
  for (const b of AGING_BUCKETS) if (daysLate <= b.to) return b.id;
  return 'over_365';
}

export type { RecoveryPoint };
export { DEFAULT_RECOVERY_CURVE };


/** recoveryPercent(60) → 80 (halfway between 90 % at 30 days and 70 % at 90). */
export function recoveryPercent(daysLate: number, curve: readonly RecoveryPoint[] = DEFAULT_RECOVERY_CURVE): number {
  if (!curve.length) return 100;
  if (daysLate <= curve[0].daysLate) return curve[0].percent;
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1];
    const b = curve[i];
    if (daysLate <= b.daysLate) return a.percent + ((b.percent - a.percent) * (daysLate - a.daysLate)) / (b.daysLate - a.daysLate);
  }
  return curve[curve.length - 1].percent;
}


export interface AgingCell {
  cents: Cents;
  count: number;
  /** What it is probably worth (weighted by the recovery curve, receivable by receivable). */
  probableCents: Cents;
}

export interface AgingRow {
  clientId: string;
  buckets: Record<AgingBucketId, AgingCell>;
  /** Everything the client owes, disputed and in collection included. */
  totalCents: Cents;
  disputed: AgingCell;
  inCollection: AgingCell;
  /** The most days late among what is chased. */
  maxDaysLate: number;
}

export interface Aging {
  asOf: IsoDate;
  buckets: Record<AgingBucketId, AgingCell>;
  disputed: AgingCell;
  inCollection: AgingCell;
  totalCents: Cents;
  /** Expected recovery of what is chased: the « valeur probable de l'encours »… */
  probableCents: Cents;
  /** …and what is probably lost. */
  probablyLostCents: Cents;
  /** Per client, most owed first. */
  rows: AgingRow[];
}

const cell = (): AgingCell => ({ cents: 0, count: 0, probableCents: 0 });
const bucketCells = () => Object.fromEntries(AGING_BUCKET_IDS.map((id) => [id, cell()])) as Record<AgingBucketId, AgingCell>;

function add(c: AgingCell, cents: Cents, probable: Cents): void {
  c.cents += cents;
  c.count++;
  c.probableCents += probable;
}

/**
 * The aging of open receivables on `asOf` (receivables as the model gives them on that day).
 * Disputed and in-collection receivables stay out of the buckets and of the probable value.
 */
export function agingOf(receivables: Iterable<Receivable>, asOf: IsoDate, curve: readonly RecoveryPoint[] = DEFAULT_RECOVERY_CURVE): Aging {
  const byClient = new Map<string, Receivable[]>();
  for (const r of receivables) {
    if (r.remainingCents <= 0) continue;
    const list = byClient.get(r.clientId);
    if (list) list.push(r);
    else byClient.set(r.clientId, [r]);
  }
  const rows: AgingRow[] = [];
  for (const [clientId, list] of byClient) rows.push(agingRowOf(clientId, list, curve)!);
  return agingOfRows(rows, asOf);
}

/**
 * One client's row of the aging (null when nothing is open): what agingOfRows sums, so that the
 * dashboard computes again only the rows of the clients a change touched.
 */
export function agingRowOf(clientId: string, receivables: Iterable<Receivable>, curve: readonly RecoveryPoint[] = DEFAULT_RECOVERY_CURVE): AgingRow | null {
  const row: AgingRow = { clientId, buckets: bucketCells(), totalCents: 0, disputed: cell(), inCollection: cell(), maxDaysLate: 0 };
  let open = false;
  for (const r of receivables) {
    if (r.remainingCents <= 0) continue;
    open = true;
    row.totalCents += r.remainingCents;
    const apart = heldApart(r);
    if (apart) {
      add(row[apart === 'disputed' ? 'disputed' : 'inCollection'], r.remainingCents, 0);
      continue;
    }
    const probable = Math.round((r.remainingCents * recoveryPercent(r.daysLate, curve)) / 100);
    add(row.buckets[agingBucket(r.daysLate)], r.remainingCents, probable);
    row.maxDaysLate = Math.max(row.maxDaysLate, r.daysLate);
  }
  return open ? row : null;
}

/** The aging from its clients' rows: each bucket the sum of theirs; rows most owed first. */
export function agingOfRows(rows: Iterable<AgingRow>, asOf: IsoDate): Aging {
  const out: Aging = { asOf, buckets: bucketCells(), disputed: cell(), inCollection: cell(), totalCents: 0, probableCents: 0, probablyLostCents: 0, rows: [] };
  const sum = (into: AgingCell, from: AgingCell) => {
    into.cents += from.cents;
    into.count += from.count;
    into.probableCents += from.probableCents;
  };
  for (const row of rows) {
    out.rows.push(row);
    out.totalCents += row.totalCents;
    sum(out.disputed, row.disputed);
    sum(out.inCollection, row.inCollection);
    for (const id of AGING_BUCKET_IDS) {
      const c = row.buckets[id];
      sum(out.buckets[id], c);
      out.probableCents += c.probableCents;
      out.probablyLostCents += c.cents - c.probableCents;
    }
  }
  out.rows.sort((a, b) => b.totalCents - a.totalCents || (a.clientId < b.clientId ? -1 : 1));
  return out;
}

/** The receivables behind one cell of the table (a bucket, for one client or all). */
export function receivablesIn(receivables: Iterable<Receivable>, bucket: AgingBucketId | 'disputed' | 'in_collection', clientId?: string): Receivable[] {
  const out: Receivable[] = [];
  for (const r of receivables) {
    if (r.remainingCents <= 0 || (clientId !== undefined && r.clientId !== clientId)) continue;
    const apart = heldApart(r);
    if (bucket === 'disputed' || bucket === 'in_collection' ? apart === bucket : !apart && agingBucket(r.daysLate) === bucket) out.push(r);
  }
  return out;
}
