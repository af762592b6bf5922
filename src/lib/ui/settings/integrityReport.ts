// The integrity check of the settings page: hash/chain problems (from verifyDocuments), numbers
// used twice, drafts issued twice (not yet put right), numbers that go back in time and gaps in
// each series, merged into one list to show loudly.
import type { DocumentRecord, Member, VatRegime } from '$lib/domain/types';
import type { IntegrityProblem } from '$lib/domain/integrity';
import type { RecordKind, UnreadableRecord } from '$lib/domain/recordShape';
import { findDuplicateNumbers, findGaps, findNumbersBackInTime } from '$lib/domain/numbering';
import { findDraftsIssuedTwice, settleIssuedTwice } from '$lib/domain/issuedTwice';

export type IssueKind = IntegrityProblem['problem'] | 'duplicate' | 'issued_twice' | 'back_in_time' | 'gap' | 'unreadable';

export interface IntegrityIssue {
  /** The document number concerned (for a gap: the missing number, as best it can be rebuilt). */
  number: string;
  kind: IssueKind;
  /** The document to open, when there is one. */
  id: string | null;
  /** Gaps and numbers back in time: the series; duplicates and drafts issued twice: how many documents. */
  series?: string;
  count?: number;
  /** Drafts issued twice: every number issued from the draft. */
  numbers?: string[];
  /** Back in time: this document's issue date, and the lower number dated later. */
  date?: string;
  after?: string;
  afterDate?: string;
  /** Unreadable records: the collection (its `number` is the record's id) and the field at fault. */
  collection?: RecordKind;
  field?: string;
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

/**
 * Every gap of every series, as missing numbers: between 1 and the highest issued record, or the
 * issuing device's high-water mark when its last numbers vanished.
 */
export function gapIssues(docs: DocumentRecord[], members: Member[] = []): IntegrityIssue[] {
  const samples = new Map<string, DocumentRecord>();
  for (const d of docs) if (d.status === 'issued' && d.series && !samples.has(d.series)) samples.set(d.series, d);
  const marks = new Map<string, number>();
  for (const m of members) for (const [series, seq] of Object.entries(m.highestIssuedSeq ?? {})) marks.set(series, Math.max(marks.get(series) ?? 0, seq));
  const issues: IntegrityIssue[] = [];
  for (const series of new Set([...samples.keys(), ...marks.keys()])) {
    const sample = samples.get(series);
    for (const seq of findGaps(docs, series, marks.get(series)))
      issues.push({ number: sample ? missingNumber(sample.number, sample.seq, seq) : `${series} (n° ${seq})`, kind: 'gap', id: null, series });
  }
  return issues;
}

/** Drafts issued on several devices and not yet put right (a put-right one is a quiet note on its pages). */
function issuedTwiceIssues(docs: DocumentRecord[], vatRegime: VatRegime): IntegrityIssue[] {
  return findDraftsIssuedTwice(docs)
    // Payments only choose which one to put right, not whether it has been: not needed here.
    .map((group) => settleIssuedTwice(group, { documents: docs, paidCents: () => 0, vatRegime }))
    .filter((s) => !s.resolved)
    .map((s) => ({ number: s.documents[0].number, kind: 'issued_twice' as const, id: s.documents[0].id, count: s.documents.length, numbers: s.documents.map((d) => d.number) }));
}

const ORDER: Record<IssueKind, number> = {
  hash_mismatch: 0,
  chain_broken: 1,
  missing_frozen: 2,
  duplicate: 3,
  issued_twice: 4,
  back_in_time: 5,
  gap: 6,
  unreadable: 7
};

/**
 * One list, the most serious first, then by number. `members` give the high-water marks;
 * `unreadable` the records no view shows (skipped, kept untouched in the workspace).
 */
export function buildIntegrityReport(
  docs: DocumentRecord[],
  problems: IntegrityProblem[],
  context: { members?: Member[]; vatRegime?: VatRegime; unreadable?: UnreadableRecord[] } = {}
): IntegrityReport {
  const issues: IntegrityIssue[] = [
    ...problems.map((p) => ({ number: p.number, kind: p.problem, id: p.id })),
    ...findDuplicateNumbers(docs).map((d) => ({ number: d.number, kind: 'duplicate' as const, id: d.ids[0] ?? null, count: d.ids.length })),
    ...issuedTwiceIssues(docs, context.vatRegime ?? 'normal'),
    ...findNumbersBackInTime(docs).map((b) => ({
      number: b.number,
      kind: 'back_in_time' as const,
      id: b.id,
      series: b.series,
      date: b.issueDate,
      after: b.after.number,
      afterDate: b.after.issueDate
    })),
    ...gapIssues(docs, context.members),
    ...(context.unreadable ?? []).map((r) => ({
      number: r.id,
      kind: 'unreadable' as const,
      id: null,
      collection: r.collection,
      ...(r.defect.kind === 'bad_field' ? { field: r.defect.field } : {})
    }))
  ];
  issues.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.number.localeCompare(b.number));
  return { checked: docs.filter((d) => d.status === 'issued').length, issues };
}
