// RepeatIndex: whether issued documents share a key, kept as the documents change — and
// ReceivablesView's warnings built on it, equal to the full scans of domain/numbering.ts and
// domain/issuedTwice.ts after every step.
import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from '$lib/domain/types';
import { chaseInvoice } from '$lib/domain/fixtures';
import { findDuplicateNumbers } from '$lib/domain/numbering';
import { findDraftsIssuedTwice } from '$lib/domain/issuedTwice';
import { deleteRecord, putRecord, readCompany } from './doc';
import { client, followedCollections, seededDoc } from './fixtures';
import { RepeatIndex } from './repeats.svelte';
import { ReceivablesView } from './views.svelte';

/** An issued document numbered `number` (its frozen copy too: what the store reads). */
function issued(id: string, number: string, extra: Partial<DocumentRecord> = {}): DocumentRecord {
  const doc = chaseInvoice(id, 10_000, '2026-06-30', { number, ...extra });
  return { ...doc, frozen: { ...doc.frozen!, number, kind: doc.kind } };
}

function setup() {
  const doc = seededDoc({ clients: [client('c1')] });
  const collections = followedCollections(doc);
  const byNumber = new RepeatIndex(collections.documents, (d) => (d.status === 'issued' && d.number ? d.number : null));
  return { doc, collections, byNumber };
}

describe('RepeatIndex', () => {
  it('tells when a key gains and loses its second document', () => {
    const { doc, byNumber } = setup();
    putRecord(doc, 'documents', issued('i1', 'F-2026-A-0001'));
    putRecord(doc, 'documents', issued('i2', 'F-2026-A-0002'));
    expect(byNumber.any).toBe(false);
    putRecord(doc, 'documents', issued('i3', 'F-2026-A-0001'));
    expect(byNumber.any).toBe(true);
    // Its number corrected: nothing repeats any more.
    putRecord(doc, 'documents', issued('i3', 'F-2026-A-0003'));
    expect(byNumber.any).toBe(false);
    putRecord(doc, 'documents', issued('i3', 'F-2026-A-0002'));
    expect(byNumber.any).toBe(true);
    deleteRecord(doc, 'documents', 'i2');
    expect(byNumber.any).toBe(false);
  });

  it('files only what its key function keeps (a draft has no number yet)', () => {
    const { doc, byNumber } = setup();
    putRecord(doc, 'documents', issued('i1', 'F-2026-A-0001'));
    putRecord(doc, 'documents', issued('d1', 'F-2026-A-0001', { status: 'draft' }));
    expect(byNumber.any).toBe(false);
    byNumber.destroy();
    // Stopped: later changes are not followed.
    putRecord(doc, 'documents', issued('i2', 'F-2026-A-0001'));
    expect(byNumber.any).toBe(false);
  });

  it('ReceivablesView’s warnings equal the full scans, step by step', () => {
    const { doc, collections } = setup();
    const view = new ReceivablesView({ ...collections, get company() { return readCompany(doc); } }, () => '2026-07-01');
    const steps: [string, DocumentRecord | null][] = [
      ['i1', issued('i1', 'F-2026-A-0001', { sourceDraftId: 'd1' })],
      ['q1', issued('q1', 'F-2026-A-0001', { kind: 'quote' })],
      ['i2', issued('i2', 'F-2026-B-0001', { sourceDraftId: 'd1' })],
      ['i3', issued('i3', 'F-2026-A-0001')],
      ['i4', issued('i4', 'F-2026-A-0001')],
      ['i3', null],
      ['i2', issued('i2', 'F-2026-B-0001', { sourceDraftId: 'd2' })],
      ['i4', null]
    ];
    const seen: [number, number][] = [];
    for (const [id, record] of steps) {
      if (record) putRecord(doc, 'documents', record);
      else deleteRecord(doc, 'documents', id);
      const all = collections.documents.all();
      expect(view.duplicateNumbers).toEqual(findDuplicateNumbers(all));
      expect(view.issuedTwice.map((s) => s.draftId)).toEqual(findDraftsIssuedTwice(all).map((g) => g.draftId));
      seen.push([view.duplicateNumbers.length, view.issuedTwice.length]);
    }
    // Hand-checked: a quote's n° 1 is not an invoice's; i3 then i4 repeat i1's number until gone.
    expect(seen).toEqual([[0, 0], [0, 0], [0, 1], [1, 1], [1, 1], [1, 1], [1, 0], [0, 0]]);
    view.destroy();
  });
});
