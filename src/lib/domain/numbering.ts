// Legal numbering that works offline: each device owns its series (F-2026-A-0001 on device A,
// F-2026-B-0001 on device B), numbers are taken at issue, duplicates and gaps are detected.
import type { DocumentKind, DocumentRecord, NumberFormats } from './types';

export const DEFAULT_NUMBER_FORMATS: NumberFormats = {
  invoice: 'F-{YYYY}-{S}-{NNNN}',
  quote: 'D-{YYYY}-{S}-{NNNN}',
  credit: 'A-{YYYY}-{S}-{NNNN}'
};

const SEQ = /\{(N+)\}/;

function fillSeries(format: string, p: { year: number; letter: string }): string {
  return format
    .replaceAll('{YYYY}', String(p.year))
    .replaceAll('{YY}', String(p.year % 100).padStart(2, '0'))
    .replaceAll('{S}', p.letter);
}

/** formatNumber('F-{YYYY}-{S}-{NNNN}', { year: 2026, letter: 'A', seq: 7 }) → 'F-2026-A-0007'. */
export function formatNumber(format: string, p: { year: number; letter: string; seq: number }): string {
  return fillSeries(format, p).replace(SEQ, (_, ns: string) => String(p.seq).padStart(ns.length, '0'));
}

/** The series a number belongs to: the number without its sequence part ('F-2026-A'). */
export function seriesId(format: string, p: { year: number; letter: string }): string {
  const filled = fillSeries(format, p);
  const m = SEQ.exec(filled);
  if (!m) return filled;
  const before = filled.slice(0, m.index).replace(/[-_/.\s]+$/, '');
  const after = filled.slice(m.index + m[0].length);
  return after ? `${before}…${after}` : before;
}

export function validateNumberFormat(format: string): 'missing_sequence' | 'missing_series_letter' | null {
  if (!SEQ.test(format)) return 'missing_sequence';
  if (!format.includes('{S}')) return 'missing_series_letter';
  return null;
}

type Numbered = Pick<DocumentRecord, 'series' | 'seq' | 'status'>;

/**
 * Next sequence of a series: one more than the highest issued, and than `highWater`, the highest
 * the issuing device ever gave in it (its member record's `highestIssuedSeq`). The records alone
 * could go back (a record deleted by a buggy or hostile device, a merge that lost one): the mark,
 * which only that device writes and only upwards, keeps a number from being handed out twice.
 * nextSeq([{ F-2026-A 1 }, { F-2026-A 2 }], 'F-2026-A', 3) → 4.
 */
export function nextSeq(issued: Numbered[], series: string, highWater = 0): number {
  let max = highWater;
  for (const d of issued) if (d.status === 'issued' && d.series === series && d.seq > max) max = d.seq;
  return max + 1;
}

/** A device's high-water marks after it issued `seq` in `series` (a new object; a mark never goes down). */
export function raiseHighWater(marks: Record<string, number> | undefined, series: string, seq: number): Record<string, number> {
  return { ...marks, [series]: Math.max(marks?.[series] ?? 0, seq) };
}

/** Numbers used by more than one issued document (e.g. a device restored from an old backup), in the order first seen. */
export function findDuplicateNumbers(docs: DocumentRecord[]): { number: string; ids: string[] }[] {
  // Run on every change of any document: one map entry per number, nothing more unless it repeats.
  const firstOf = new Map<DocumentKind, Map<string, number>>();
  const repeated = new Map<number, string[]>();
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    if (d.status !== 'issued' || !d.number) continue;
    let numbers = firstOf.get(d.kind);
    if (!numbers) firstOf.set(d.kind, (numbers = new Map()));
    const first = numbers.get(d.number);
    if (first === undefined) numbers.set(d.number, i);
    else {
      const ids = repeated.get(first);
      if (ids) ids.push(d.id);
      else repeated.set(first, [docs[first].id, d.id]);
    }
  }
  return [...repeated].sort((a, b) => a[0] - b[0]).map(([first, ids]) => ({ number: docs[first].number, ids }));
}

/**
 * Sequences missing between 1 and the highest of the series: the highest issued record, or the
 * issuing device's high-water mark when higher (its last numbers vanished).
 */
export function findGaps(docs: Numbered[], series: string, highWater = 0): number[] {
  const seen = new Set<number>();
  let max = highWater;
  for (const d of docs) {
    if (d.status !== 'issued' || d.series !== series) continue;
    seen.add(d.seq);
    max = Math.max(max, d.seq);
  }
  const gaps: number[] = [];
  for (let s = 1; s <= max; s++) if (!seen.has(s)) gaps.push(s);
  return gaps;
}

type Dated = Pick<DocumentRecord, 'id' | 'number' | 'series' | 'seq' | 'status' | 'issueDate'>;

export interface BackInTime {
  id: string;
  number: string;
  series: string;
  issueDate: string;
  /** The lower number of the series with the latest issue date before this one. */
  after: { id: string; number: string; issueDate: string };
}

/**
 * Numbers that go back in time: a higher sequence of a series issued on an earlier date than a
 * lower one (numbering must be chronological). Issuing refuses it; this finds what arrived
 * from elsewhere (another copy of the app, a merge).
 */
export function findNumbersBackInTime(docs: Dated[]): BackInTime[] {
  const bySeries = new Map<string, Dated[]>();
  for (const d of docs) {
    if (d.status !== 'issued' || !d.series || !d.issueDate) continue;
    bySeries.set(d.series, [...(bySeries.get(d.series) ?? []), d]);
  }
  const found: BackInTime[] = [];
  for (const [series, list] of bySeries) {
    list.sort((a, b) => a.seq - b.seq);
    let latest: Dated | null = null;
    for (const d of list) {
      if (latest && d.issueDate! < latest.issueDate!)
        found.push({ id: d.id, number: d.number, series, issueDate: d.issueDate!, after: { id: latest.id, number: latest.number, issueDate: latest.issueDate! } });
      else if (!latest || d.issueDate! > latest.issueDate!) latest = d;
    }
  }
  return found;
}

/** 'A'…'Z', then 'AA', 'AB'…: the first letter nobody has. */
export function nextSeriesLetter(taken: string[]): string {
  const used = new Set(taken);
  for (let i = 0; ; i++) {
    const letter = seriesLetterAt(i);
    if (!used.has(letter)) return letter;
  }
}

function seriesLetterAt(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}
