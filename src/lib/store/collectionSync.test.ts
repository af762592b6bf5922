// collectionSync.ArchiveParts: archived records added to the collections in parts, client by
// client, never separating records read together (an invoice and what paid or corrected it).
import { describe, expect, it } from 'vitest';
import type { ActivityEvent, DocumentRecord, Payment } from '$lib/domain/types';
import { chaseInvoice, chasePayment } from '$lib/domain/fixtures';
import { ArchiveParts } from './collectionSync';

const invoice = (id: string, clientId: string, extra: Partial<DocumentRecord> = {}) => chaseInvoice(id, 10_000, '2024-03-31', { clientId, ...extra });
const payment = (id: string, clientId: string, invoiceIds: string[]): Payment => ({
  ...chasePayment(id, invoiceIds[0], 10_000, '2024-03-20'),
  clientId,
  allocations: invoiceIds.map((invoiceId) => ({ invoiceId, amountCents: 10_000 / invoiceIds.length }))
});
const event = (id: string, clientId: string | null, documentId: string | null): ActivityEvent => ({ id, at: '2024-03-01T09:00:00.000Z', memberId: 'm-a', kind: 'document_issued', clientId, documentId, text: '', data: {} });

/** The parts cut from documents, then payments, then events (as addArchives reads them), each as sorted « collection:id ». */
async function cut(size: number, records: { documents?: DocumentRecord[]; payments?: Payment[]; events?: ActivityEvent[]; gone?: string[] }, live: DocumentRecord[] = []): Promise<string[][]> {
  const parts = new ArchiveParts((id) => live.find((d) => d.id === id));
  for (const d of records.documents ?? []) parts.add('documents', d.id, d);
  for (const id of records.gone ?? []) parts.add('documents', id, null);
  for (const p of records.payments ?? []) parts.add('payments', p.id, p);
  for (const e of records.events ?? []) parts.add('events', e.id, e);
  const out: string[][] = [];
  for await (const part of parts.cut(size)) out.push([...part].flatMap(([name, changes]) => [...changes.keys()].map((id) => `${name}:${id}`)).sort());
  return out;
}

describe('ArchiveParts', () => {
  it('cuts parts of about `size` records between clients, each client whole', async () => {
    const records = { documents: [invoice('a1', 'A'), invoice('a2', 'A'), invoice('b1', 'B'), invoice('c1', 'C')], payments: [payment('pa', 'A', ['a1'])], events: [event('eb', 'B', 'b1')] };
    // A holds 3 records (≥ 2: the part is full), then B's 2, then C's 1.
    expect(await cut(2, records)).toEqual([['documents:a1', 'documents:a2', 'payments:pa'], ['documents:b1', 'events:eb'], ['documents:c1']]);
    // Large enough: one part.
    expect(await cut(100, records)).toHaveLength(1);
  });

  it('keeps clients linked by a payment, a credit note or an event in one part', async () => {
    const records = {
      documents: [invoice('a1', 'A'), invoice('b1', 'B'), invoice('c1', 'C'), invoice('n1', 'D', { kind: 'credit', correctsInvoiceId: 'c1' }), invoice('e1', 'E')],
      // B pays A's invoice too.
      payments: [payment('pb', 'B', ['b1', 'a1'])],
      // An event written to F about E's invoice.
      events: [event('ef', 'F', 'e1')]
    };
    expect(await cut(1, records)).toEqual([
      ['documents:a1', 'documents:b1', 'payments:pb'],
      ['documents:c1', 'documents:n1'],
      ['documents:e1', 'events:ef']
    ]);
  });

  it('finds the client of a document already shown (live) through `documentOf`', async () => {
    // A's payment also pays B's live invoice; an event naming no client is about that invoice.
    const records = { documents: [invoice('a1', 'A')], payments: [payment('pa', 'A', ['a1', 'l1'])], events: [event('e0', null, 'l1')] };
    expect(await cut(1, records, [invoice('l1', 'B')])).toEqual([['documents:a1', 'events:e0', 'payments:pa']]);
  });

  it('cuts records gone and records naming no client apart, each on its own', async () => {
    const records = { documents: [invoice('a1', 'A'), invoice('a2', 'A')], events: [event('e0', null, null), event('e1', null, null)], gone: ['x1'] };
    expect(await cut(1, records)).toEqual([['documents:a1', 'documents:a2'], ['documents:x1'], ['events:e0'], ['events:e1']]);
    expect(await cut(3, records)).toEqual([['documents:a1', 'documents:a2', 'documents:x1'], ['events:e0', 'events:e1']]);
  });
});
