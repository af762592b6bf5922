// Legal numbering that works offline: each device owns its series (F-2026-A-0001 on device A,
// F-2026-B-0001 on device B), numbers are taken at issue, duplicates and gaps are detected.
import type { DocumentRecord, NumberFormats } from './types';

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

/** Next sequence of a series: one more than the highest issued (1 for a new series). */
export function nextSeq(issued: Numbered[], series: string): number {
  let max = 0;
  for (const d of issued) if (d.status === 'issued' && d.series === series && d.seq > max) max = d.seq;
  return max + 1;
}

/** Numbers used by more than one issued document (e.g. a device restored from an old backup). */
export function findDuplicateNumbers(docs: DocumentRecord[]): { number: string; ids: string[] }[] {
  const byNumber = new Map<string, string[]>();
  for (const d of docs) {
    if (d.status !== 'issued' || !d.number) continue;
    const key = `${d.kind}:${d.number}`;
    byNumber.set(key, [...(byNumber.get(key) ?? []), d.id]);
  }
  return [...byNumber.entries()]
    .filter(([, ids]) => ids.length > 1)
    .map(([key, ids]) => ({ number: key.slice(key.indexOf(':') + 1), ids }));
}

/** Sequences missing between 1 and the highest issued one of a series. */
export function findGaps(docs: Numbered[], series: string): number[] {
  const seen = new Set<number>();
  let max = 0;
  for (const d of docs) {
    if (d.status !== 'issued' || d.series !== series) continue;
    seen.add(d.seq);
    max = Math.max(max, d.seq);
  }
  const gaps: number[] = [];
  for (let s = 1; s <= max; s++) if (!seen.has(s)) gaps.push(s);
  return gaps;
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
