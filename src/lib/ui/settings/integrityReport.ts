// The integrity check of the settings page: hash/chain problems (from verifyDocuments),
// duplicate numbers and gaps in each series, merged into one list to show loudly.
import type { DocumentRecord } from '$lib/domain/types';
import type { IntegrityProblem } from '$lib/domain/integrity';
import { findDuplicateNumbers, findGaps } from '$lib/domain/numbering';

export type IssueKind = IntegrityProblem['problem'] | 'duplicate' | 'gap';

export interface IntegrityIssue {
  /** The document number concerned (for a gap: the missing number, as best it can be rebuilt). */
  number: string;
  kind: IssueKind;
  /** The document to open, when there is one. */
  id: string | null;
  /** Gaps: the series; duplicates: how many documents share the number. */
  series?: string;
  count?: number;
}

export interface IntegrityReport {
  /** Issued documents checked. */
  checked: number;
  issues: IntegrityIssue[];
}

/**
 * The number a missing sequence would have had, from another number of the same series:
 * missingNumber('F-2026-A-0007', 7, 3) → 'F-2026-A-0003'. The rightmost run of digits worth
 * `seq` is the sequence part (so a year after it, as in 'F-A-0007/26', is left alone).
 */
export function missingNumber(sample: string, sampleSeq: number, missingSeq: number): string {
  const runs = [...sample.matchAll(/\d+/g)];
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i];
    if (Number(run[0]) !== sampleSeq) continue;
    const start = run.index ?? 0;
    return sample.slice(0, start) + String(missingSeq).padStart(run[0].length, '0') + sample.slice(start + run[0].length);
  }
  return `${sample} (n° ${missingSeq})`;
}

/** Every gap of every series found among the issued documents, as missing numbers. */
export function gapIssues(docs: DocumentRecord[]): IntegrityIssue[] {
  const samples = new Map<string, DocumentRecord>();
  for (const d of docs) if (d.status === 'issued' && d.series && !samples.has(d.series)) samples.set(d.series, d);
  const issues: IntegrityIssue[] = [];
  for (const [series, sample] of samples)
    for (const seq of findGaps(docs, series))
      issues.push({ number: missingNumber(sample.number, sample.seq, seq), kind: 'gap', id: null, series });
  return issues;
}

const ORDER: Record<IssueKind, number> = { hash_mismatch: 0, chain_broken: 1, missing_frozen: 2, duplicate: 3, gap: 4 };

/** One list, the most serious first, then by number. */
export function buildIntegrityReport(docs: DocumentRecord[], problems: IntegrityProblem[]): IntegrityReport {
  const issues: IntegrityIssue[] = [
    ...problems.map((p) => ({ number: p.number, kind: p.problem, id: p.id })),
    ...findDuplicateNumbers(docs).map((d) => ({ number: d.number, kind: 'duplicate' as const, id: d.ids[0] ?? null, count: d.ids.length })),
    ...gapIssues(docs)
  ];
  issues.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.number.localeCompare(b.number));
  return { checked: docs.filter((d) => d.status === 'issued').length, issues };
}
