import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NUMBER_FORMATS,
  findDuplicateNumbers,
  findGaps,
  findNumbersBackInTime,
  formatNumber,
  nextSeq,
  nextSeriesLetter,
  raiseHighWater,
  seriesId,
  validateNumberFormat
} from './numbering';
import { newDocument } from './documents';
import type { DocumentKind, DocumentRecord } from './types';

const numbered = (series: string, seq: number, status: 'draft' | 'issued' = 'issued') => ({ series, seq, status });

function doc(id: string, kind: DocumentKind, number: string, status: 'draft' | 'issued' = 'issued'): DocumentRecord {
  const d = newDocument(kind, { id, memberId: 'm1', now: '2026-01-01T00:00:00.000Z', clientId: 'c1', terms: { kind: 'on_receipt' } });
  return { ...d, status, number, series: number.slice(0, number.lastIndexOf('-')), seq: Number(number.slice(number.lastIndexOf('-') + 1)) };
}

describe('formatNumber', () => {
  it('fills year, series letter and the zero-padded sequence', () => {
    expect(formatNumber('F-{YYYY}-{S}-{NNNN}', { year: 2026, letter: 'A', seq: 7 })).toBe('F-2026-A-0007');
    expect(formatNumber('FA{YY}{S}{NNN}', { year: 2026, letter: 'B', seq: 42 })).toBe('FA26B042');
    expect(formatNumber('F{YY}-{S}-{NN}', { year: 2005, letter: 'C', seq: 3 })).toBe('F05-C-03'); // 2005 → « 05 »
    expect(formatNumber('{S}{N}', { year: 2026, letter: 'AA', seq: 9 })).toBe('AA9');
  });

  it('never truncates a sequence wider than its padding', () => {
    expect(formatNumber('F-{YYYY}-{S}-{NNNN}', { year: 2026, letter: 'A', seq: 12345 })).toBe('F-2026-A-12345');
    expect(formatNumber('{S}{N}', { year: 2026, letter: 'A', seq: 10 })).toBe('A10');
  });

  it('has default formats per kind of document', () => {
    expect(formatNumber(DEFAULT_NUMBER_FORMATS.invoice, { year: 2026, letter: 'A', seq: 1 })).toBe('F-2026-A-0001');
    expect(formatNumber(DEFAULT_NUMBER_FORMATS.quote, { year: 2026, letter: 'A', seq: 1 })).toBe('D-2026-A-0001');
    expect(formatNumber(DEFAULT_NUMBER_FORMATS.credit, { year: 2026, letter: 'B', seq: 12 })).toBe('A-2026-B-0012');
  });
});

describe('seriesId', () => {
  it('is the number without its sequence and the separator before it', () => {
    expect(seriesId('F-{YYYY}-{S}-{NNNN}', { year: 2026, letter: 'A' })).toBe('F-2026-A');
    expect(seriesId('FA{YY}{S}{NNN}', { year: 2026, letter: 'B' })).toBe('FA26B');
    expect(seriesId('F/{YYYY}/{S}/{NNNN}', { year: 2026, letter: 'C' })).toBe('F/2026/C');
  });

  it('marks where the sequence sits when something follows it', () => {
    expect(seriesId('{NNNN}/{YYYY}-{S}', { year: 2026, letter: 'A' })).toBe('…/2026-A');
    expect(seriesId('F{YYYY}{S}-{NNN}-X', { year: 2026, letter: 'A' })).toBe('F2026A…-X');
  });

  it('separates years, devices and kinds of document', () => {
    const ids = [
      seriesId(DEFAULT_NUMBER_FORMATS.invoice, { year: 2026, letter: 'A' }),
      seriesId(DEFAULT_NUMBER_FORMATS.invoice, { year: 2027, letter: 'A' }),
      seriesId(DEFAULT_NUMBER_FORMATS.invoice, { year: 2026, letter: 'B' }),
      seriesId(DEFAULT_NUMBER_FORMATS.quote, { year: 2026, letter: 'A' }),
      seriesId(DEFAULT_NUMBER_FORMATS.credit, { year: 2026, letter: 'A' })
    ];
    expect(ids).toEqual(['F-2026-A', 'F-2027-A', 'F-2026-B', 'D-2026-A', 'A-2026-A']);
  });
});

describe('validateNumberFormat', () => {
  it('requires a sequence and the series letter', () => {
    expect(validateNumberFormat('F-{YYYY}-{S}-{NNNN}')).toBeNull();
    expect(validateNumberFormat('{S}{N}')).toBeNull();
    expect(validateNumberFormat('F-{YYYY}-{S}')).toBe('missing_sequence');
    expect(validateNumberFormat('F-{YYYY}-{S}-{}')).toBe('missing_sequence');
    expect(validateNumberFormat('')).toBe('missing_sequence');
    expect(validateNumberFormat('F-{YYYY}-{NNNN}')).toBe('missing_series_letter');
  });
});

describe('nextSeq', () => {
  it('is 1 for a new series', () => {
    expect(nextSeq([], 'F-2026-A')).toBe(1);
    expect(nextSeq([numbered('F-2025-A', 40)], 'F-2026-A')).toBe(1);
  });

  it('is one more than the highest issued number of the series, drafts and other series ignored', () => {
    const docs = [
      numbered('F-2026-A', 3),
      numbered('F-2026-A', 1),
      numbered('F-2026-A', 2),
      numbered('F-2026-A', 9, 'draft'), // a draft never holds a number
      numbered('F-2026-B', 7), // the other device's series
      numbered('', 0, 'draft')
    ];
    expect(nextSeq(docs, 'F-2026-A')).toBe(4);
    expect(nextSeq(docs, 'F-2026-B')).toBe(8);
  });

  it('keeps quotes, invoices and credit notes in their own series', () => {
    const invoice = seriesId(DEFAULT_NUMBER_FORMATS.invoice, { year: 2026, letter: 'A' });
    const quote = seriesId(DEFAULT_NUMBER_FORMATS.quote, { year: 2026, letter: 'A' });
    const credit = seriesId(DEFAULT_NUMBER_FORMATS.credit, { year: 2026, letter: 'A' });
    const docs = [
      ...[1, 2, 3].map((s) => numbered(invoice, s)),
      ...[1, 2, 3, 4, 5].map((s) => numbered(quote, s)),
      numbered(credit, 1)
    ];
    expect(nextSeq(docs, invoice)).toBe(4);
    expect(nextSeq(docs, quote)).toBe(6);
    expect(nextSeq(docs, credit)).toBe(2);
  });

  describe("never below this device's high-water mark", () => {
    it('skips a number whose record vanished (deleted by a buggy or hostile device)', () => {
      // Issued 1, 2, 3; the record of 3 is gone; the device's mark still says 3 → 3 + 1 = 4.
      const left = [numbered('F-2026-A', 1), numbered('F-2026-A', 2)];
      expect(nextSeq(left, 'F-2026-A', 3)).toBe(4);
      // Every record gone: the mark alone, 2 + 1 = 3.
      expect(nextSeq([], 'F-2026-A', 2)).toBe(3);
    });

    it('follows the records when the mark lags behind (absent, or rolled back by a stale write)', () => {
      const docs = [numbered('F-2026-A', 1), numbered('F-2026-A', 2), numbered('F-2026-A', 5)];
      // max(5, 0) + 1 = 6; max(5, 2) + 1 = 6.
      expect(nextSeq(docs, 'F-2026-A')).toBe(6);
      expect(nextSeq(docs, 'F-2026-A', 2)).toBe(6);
    });
  });
});

describe('raiseHighWater', () => {
  it('records the sequence just issued for its series, other series kept', () => {
    expect(raiseHighWater(undefined, 'F-2026-A', 1)).toEqual({ 'F-2026-A': 1 });
    expect(raiseHighWater({ 'F-2026-A': 4, 'D-2026-A': 2 }, 'F-2026-A', 5)).toEqual({ 'F-2026-A': 5, 'D-2026-A': 2 });
  });

  it('never lowers a mark', () => {
    // An issue at 3 while the mark says 7 (it cannot happen through nextSeq, but a mark only rises).
    expect(raiseHighWater({ 'F-2026-A': 7 }, 'F-2026-A', 3)).toEqual({ 'F-2026-A': 7 });
  });

  it('leaves the marks it was given untouched', () => {
    const marks = { 'F-2026-A': 1 };
    raiseHighWater(marks, 'F-2026-A', 2);
    expect(marks).toEqual({ 'F-2026-A': 1 });
  });
});

describe('findDuplicateNumbers', () => {
  it('reports a number issued twice (e.g. a device restored from an old backup)', () => {
    const docs = [
      doc('x', 'invoice', 'F-2026-A-0001'),
      doc('y', 'invoice', 'F-2026-A-0002'),
      doc('z', 'invoice', 'F-2026-A-0002'),
      doc('w', 'invoice', 'F-2026-A-0003'),
      doc('v', 'invoice', 'F-2026-A-0003'),
      doc('u', 'invoice', 'F-2026-A-0003')
    ];
    expect(findDuplicateNumbers(docs)).toEqual([
      { number: 'F-2026-A-0002', ids: ['y', 'z'] },
      { number: 'F-2026-A-0003', ids: ['w', 'v', 'u'] }
    ]);
  });

  it('ignores drafts, documents without a number, and the same text in another kind', () => {
    const docs = [
      doc('a', 'invoice', 'X-2026-A-0001'),
      doc('b', 'invoice', 'X-2026-A-0001', 'draft'),
      doc('c', 'quote', 'X-2026-A-0001'),
      { ...doc('d', 'invoice', ''), seq: 0 },
      { ...doc('e', 'invoice', ''), seq: 0 }
    ];
    expect(findDuplicateNumbers(docs)).toEqual([]);
  });

  it('lists them in the order their number was first seen, across kinds', () => {
    const docs = [
      doc('q1', 'quote', 'D-2026-A-0004'),
      doc('i1', 'invoice', 'F-2026-A-0009'),
      doc('i2', 'invoice', 'F-2026-A-0009'),
      doc('q2', 'quote', 'D-2026-A-0004')
    ];
    expect(findDuplicateNumbers(docs)).toEqual([
      { number: 'D-2026-A-0004', ids: ['q1', 'q2'] },
      { number: 'F-2026-A-0009', ids: ['i1', 'i2'] }
    ]);
  });
});

describe('findGaps', () => {
  it('lists the sequences missing between 1 and the highest issued one', () => {
    const docs = [numbered('F-2026-A', 1), numbered('F-2026-A', 2), numbered('F-2026-A', 4), numbered('F-2026-A', 7)];
    expect(findGaps(docs, 'F-2026-A')).toEqual([3, 5, 6]);
  });

  it('is not fooled by drafts or other series', () => {
    const docs = [numbered('F-2026-A', 2), numbered('F-2026-A', 1, 'draft'), numbered('F-2026-B', 1), numbered('F-2026-B', 3)];
    expect(findGaps(docs, 'F-2026-A')).toEqual([1]);
    expect(findGaps(docs, 'F-2026-B')).toEqual([2]);
    expect(findGaps(docs, 'F-2026-C')).toEqual([]);
    expect(findGaps([numbered('F-2026-A', 1), numbered('F-2026-A', 2)], 'F-2026-A')).toEqual([]);
  });

  it("counts up to the issuing device's high-water mark: a vanished last number is a gap too", () => {
    // Records 1 and 2 left, the device issued up to 4: 3 and 4 are missing.
    const docs = [numbered('F-2026-A', 1), numbered('F-2026-A', 2)];
    expect(findGaps(docs, 'F-2026-A', 4)).toEqual([3, 4]);
    // A mark below the records adds nothing.
    expect(findGaps(docs, 'F-2026-A', 1)).toEqual([]);
  });
});

describe('findNumbersBackInTime', () => {
  const dated = (id: string, number: string, issueDate: string, status: 'draft' | 'issued' = 'issued') => ({
    ...doc(id, 'invoice', number, status),
    issueDate
  });

  it('reports a higher number issued on an earlier date than a lower one of its series', () => {
    const docs = [
      dated('a1', 'F-2026-A-0001', '2026-03-02'),
      dated('a2', 'F-2026-A-0002', '2026-03-10'),
      dated('a3', 'F-2026-A-0003', '2026-03-05'), // 5 March < 10 March of n° 2
      dated('a4', 'F-2026-A-0004', '2026-03-10'), // the same day as n° 2: fine
      dated('a5', 'F-2026-A-0005', '2026-03-09'), // 9 March < 10 March (n° 2 still the latest)
      dated('b1', 'F-2026-B-0001', '2026-03-01'), // another series: its own order
      dated('b2', 'F-2026-B-0002', '2026-03-03')
    ];
    expect(findNumbersBackInTime(docs)).toEqual([
      { id: 'a3', number: 'F-2026-A-0003', series: 'F-2026-A', issueDate: '2026-03-05', after: { id: 'a2', number: 'F-2026-A-0002', issueDate: '2026-03-10' } },
      { id: 'a5', number: 'F-2026-A-0005', series: 'F-2026-A', issueDate: '2026-03-09', after: { id: 'a2', number: 'F-2026-A-0002', issueDate: '2026-03-10' } }
    ]);
  });

  it('orders by sequence, not by the order records come in, and ignores drafts', () => {
    const docs = [
      dated('a2', 'F-2026-A-0002', '2026-03-01'), // n° 2 on 1 March, n° 1 on 4 March: n° 2 goes back
      dated('a1', 'F-2026-A-0001', '2026-03-04'),
      dated('d', 'F-2026-A-0003', '2026-01-01', 'draft')
    ];
    expect(findNumbersBackInTime(docs)).toEqual([
      { id: 'a2', number: 'F-2026-A-0002', series: 'F-2026-A', issueDate: '2026-03-01', after: { id: 'a1', number: 'F-2026-A-0001', issueDate: '2026-03-04' } }
    ]);
    expect(findNumbersBackInTime([])).toEqual([]);
  });
});

describe('nextSeriesLetter', () => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

  it('gives the first free letter', () => {
    expect(nextSeriesLetter([])).toBe('A');
    expect(nextSeriesLetter(['A', 'B'])).toBe('C');
    expect(nextSeriesLetter(['A', 'C'])).toBe('B');
    expect(nextSeriesLetter(alphabet.slice(0, 25))).toBe('Z');
  });

  it('goes on with AA, AB… after Z', () => {
    expect(nextSeriesLetter(alphabet)).toBe('AA');
    expect(nextSeriesLetter([...alphabet, 'AA'])).toBe('AB');
    const twoLetters = alphabet.map((c) => `A${c}`); // AA…AZ
    expect(nextSeriesLetter([...alphabet, ...twoLetters])).toBe('BA');
  });
});
