import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from '$lib/domain/types';
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
});
