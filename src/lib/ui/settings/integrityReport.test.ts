import { describe, expect, it } from 'vitest';
import type { DocumentRecord, FrozenContent, Member } from '$lib/domain/types';
import { buildIntegrityReport, gapIssues, missingNumber } from './integrityReport';

const doc = (id: string, series: string, seq: number, number: string, over: Partial<DocumentRecord> = {}): DocumentRecord =>
  ({ id, kind: 'invoice', status: 'issued', series, seq, number, ...over }) as DocumentRecord;

describe('missingNumber', () => {
  it('rebuilds the missing number from another of the series', () => {
    expect(missingNumber('F-2026-A-0007', 7, 3)).toBe('F-2026-A-0003');
    expect(missingNumber('F-A-0007/26', 7, 12)).toBe('F-A-0012/26');
    expect(missingNumber('26A001', 1, 2)).toBe('26A002');
  });
  it('falls back to the sample and the sequence when the sequence cannot be found', () => {
    expect(missingNumber('F-X', 4, 2)).toBe('F-X (n° 2)');
  });
});

describe('gapIssues', () => {
  it('lists missing sequences of each series', () => {
    const docs = [
      doc('1', 'F-2026-A', 1, 'F-2026-A-0001'),
      doc('4', 'F-2026-A', 4, 'F-2026-A-0004'),
      doc('b2', 'F-2026-B', 2, 'F-2026-B-0002'),
      doc('draft', '', 0, '', { status: 'draft' })
    ];
    expect(gapIssues(docs)).toEqual([
      { number: 'F-2026-A-0002', kind: 'gap', id: null, series: 'F-2026-A' },
      { number: 'F-2026-A-0003', kind: 'gap', id: null, series: 'F-2026-A' },
      { number: 'F-2026-B-0001', kind: 'gap', id: null, series: 'F-2026-B' }
    ]);
  });
});

describe('buildIntegrityReport', () => {
  it('is empty for a clean workspace and counts the issued documents', () => {
    const docs = [doc('1', 'F-2026-A', 1, 'F-2026-A-0001'), doc('2', 'F-2026-A', 2, 'F-2026-A-0002'), doc('d', '', 0, '', { status: 'draft' })];
    expect(buildIntegrityReport(docs, [])).toEqual({ checked: 2, issues: [] });
  });
  it('lists changed content first, then duplicates, then gaps', () => {
    const docs = [
      doc('1', 'F-2026-A', 1, 'F-2026-A-0001'),
      doc('2', 'F-2026-A', 2, 'F-2026-A-0002'),
      doc('2bis', 'F-2026-A', 2, 'F-2026-A-0002'),
      doc('5', 'F-2026-A', 5, 'F-2026-A-0005')
    ];
    const report = buildIntegrityReport(docs, [
      { id: '5', number: 'F-2026-A-0005', problem: 'chain_broken' },
      { id: '1', number: 'F-2026-A-0001', problem: 'hash_mismatch' }
    ]);
    expect(report.checked).toBe(4);
    expect(report.issues).toEqual([
      { number: 'F-2026-A-0001', kind: 'hash_mismatch', id: '1' },
      { number: 'F-2026-A-0005', kind: 'chain_broken', id: '5' },
      { number: 'F-2026-A-0002', kind: 'duplicate', id: '2', count: 2 },
      { number: 'F-2026-A-0003', kind: 'gap', id: null, series: 'F-2026-A' },
      { number: 'F-2026-A-0004', kind: 'gap', id: null, series: 'F-2026-A' }
    ]);
  });
  it('names each unreadable record last, with its collection and the field at fault', () => {
    const docs = [doc('1', 'F-2026-A', 1, 'F-2026-A-0001')];
    const report = buildIntegrityReport(docs, [], {
      unreadable: [
        { collection: 'payments', id: 'p-7f3', defect: { kind: 'not_json' } },
        { collection: 'clients', id: 'c-9', defect: { kind: 'bad_field', field: 'contacts' } }
      ]
    });
    expect(report).toEqual({
      checked: 1,
      issues: [
        { number: 'c-9', kind: 'unreadable', id: null, collection: 'clients', field: 'contacts' },
        { number: 'p-7f3', kind: 'unreadable', id: null, collection: 'payments' }
      ]
    });
  });
});

describe('buildIntegrityReport: what issuing across devices can leave behind', () => {
  const member = (id: string, letter: string, highestIssuedSeq?: Record<string, number>): Member => ({
    id,
    name: `Poste ${letter}`,
    seriesLetter: letter,
    createdAt: '2026-01-01T00:00:00.000Z',
    lastSeenAt: '2026-01-01T00:00:00.000Z',
    removed: false,
    ...(highestIssuedSeq ? { highestIssuedSeq } : {})
  });
  // Issued records as the integrity check sees them: 300 € TTC each, nothing credited.
  const frozen = { totals: { ttcCents: 30_000 } } as FrozenContent;
  const issued = (id: string, number: string, issueDate: string, over: Partial<DocumentRecord> = {}) =>
    doc(id, number.slice(0, number.lastIndexOf('-')), Number(number.slice(number.lastIndexOf('-') + 1)), number, { issueDate, frozen, ...over });

  it('reports a draft issued twice, with both numbers', () => {
    const docs = [
      issued('b1', 'F-2026-B-0001', '2026-03-10', { sourceDraftId: 'draft-1' }),
      issued('a1', 'F-2026-A-0001', '2026-03-10', { sourceDraftId: 'draft-1' }),
      issued('a2', 'F-2026-A-0002', '2026-03-11', { sourceDraftId: 'draft-2' })
    ];
    expect(buildIntegrityReport(docs, []).issues).toEqual([
      { number: 'F-2026-A-0001', kind: 'issued_twice', id: 'a1', count: 2, numbers: ['F-2026-A-0001', 'F-2026-B-0001'] }
    ]);
  });

  it('reports a number whose date goes back in time within its series', () => {
    const docs = [
      issued('a1', 'F-2026-A-0001', '2026-03-02'),
      issued('a2', 'F-2026-A-0002', '2026-03-10'),
      issued('a3', 'F-2026-A-0003', '2026-03-05') // 5 March, after n° 2 of 10 March
    ];
    expect(buildIntegrityReport(docs, []).issues).toEqual([
      { number: 'F-2026-A-0003', kind: 'back_in_time', id: 'a3', series: 'F-2026-A', date: '2026-03-05', after: 'F-2026-A-0002', afterDate: '2026-03-10' }
    ]);
  });

  it("reports the last numbers of a series that vanished, from the issuing device's high-water mark", () => {
    // A issued up to 4 (its mark), only 1 and 2 are left: 3 and 4 are missing. B's mark of 1 matches its record.
    const docs = [issued('a1', 'F-2026-A-0001', '2026-03-02'), issued('a2', 'F-2026-A-0002', '2026-03-03'), issued('b1', 'F-2026-B-0001', '2026-03-03')];
    const members = [member('m-a', 'A', { 'F-2026-A': 4 }), member('m-b', 'B', { 'F-2026-B': 1 }), member('m-c', 'C')];
    expect(buildIntegrityReport(docs, [], { members }).issues).toEqual([
      { number: 'F-2026-A-0003', kind: 'gap', id: null, series: 'F-2026-A' },
      { number: 'F-2026-A-0004', kind: 'gap', id: null, series: 'F-2026-A' }
    ]);
    // Every record of a series gone: the numbers are still named, from the series.
    expect(gapIssues([], [member('m-a', 'A', { 'D-2026-A': 2 })])).toEqual([
      { number: 'D-2026-A (n° 1)', kind: 'gap', id: null, series: 'D-2026-A' },
      { number: 'D-2026-A (n° 2)', kind: 'gap', id: null, series: 'D-2026-A' }
    ]);
  });

  it('lists them after changed content and duplicates, before gaps', () => {
    const docs = [
      issued('a1', 'F-2026-A-0001', '2026-03-10', { sourceDraftId: 'd' }),
      issued('b1', 'F-2026-B-0001', '2026-03-10', { sourceDraftId: 'd' }),
      issued('a2', 'F-2026-A-0002', '2026-03-12'),
      issued('a2bis', 'F-2026-A-0002', '2026-03-12'),
      issued('a3', 'F-2026-A-0003', '2026-03-11'), // 11 March < 12 March of n° 2
      issued('a5', 'F-2026-A-0005', '2026-03-13')
    ];
    const report = buildIntegrityReport(docs, [{ id: 'a5', number: 'F-2026-A-0005', problem: 'chain_broken' }]);
    expect(report.checked).toBe(6);
    expect(report.issues.map((i) => [i.kind, i.number])).toEqual([
      ['chain_broken', 'F-2026-A-0005'],
      ['duplicate', 'F-2026-A-0002'],
      ['issued_twice', 'F-2026-A-0001'],
      ['back_in_time', 'F-2026-A-0003'],
      ['gap', 'F-2026-A-0004']
    ]);
  });
});
