// This device's series letter in the workspace document: applies domain/series.ts's decision
// (claim another letter, or record the letter as confirmed). Called by the relay link after a
// read-back from the relay, never on a view that only holds this device's writes.
import type * as Y from 'yjs';
import type { DocumentRecord } from '$lib/domain/types';
import { nextSeriesStep, type SeriesStep } from '$lib/domain/series';
import { patchRecord, readAll, readRecord } from './doc';

/** Members that issued at least one document. */
export function issuersOf(documents: Iterable<Pick<DocumentRecord, 'status' | 'memberId'>>): Set<string> {
  const issuers = new Set<string>();
  for (const d of documents) if (d.status === 'issued') issuers.add(d.memberId);
  return issuers;
}

/**
 * Decides and writes this member's series step: a new claimed letter ('switch'), or the
 * confirmation ('confirm'). `documents` are the decoded documents when the caller has them.
 */
export function settleSeries(
  doc: Y.Doc,
  memberId: string,
  at: string,
  documents: () => Iterable<Pick<DocumentRecord, 'status' | 'memberId'>> = () => readAll(doc, 'documents')
): SeriesStep {
  const me = readRecord(doc, 'members', memberId);
  if (!me) return { kind: 'unknown' };
  const step = nextSeriesStep(memberId, readAll(doc, 'members'), issuersOf(documents()));
  if (step.kind === 'switch') patchRecord(doc, 'members', memberId, { seriesLetter: step.letter, seriesConfirmedAt: null });
  else if (step.kind === 'confirm') patchRecord(doc, 'members', memberId, { seriesConfirmedAt: at });
  return step;
}
