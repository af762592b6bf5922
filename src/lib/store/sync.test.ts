// Two devices editing one workspace offline, then exchanging real Yjs updates in both orders.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { verifyDocuments } from '$lib/domain/integrity';
import { findDuplicateNumbers, findGaps } from '$lib/domain/numbering';
import { findDraftsIssuedTwice } from '$lib/domain/issuedTwice';
import { documentsByRef } from '$lib/domain/documents';
import { putRecord, readAll, readRecord } from './doc';
import { convertQuoteToInvoice, createCreditNote, createDocument, issueDocument, saveDraft } from './operations';
import { SYNC_ORDERS, actor, client, contents, exchange, joinDevice, line, member, seededDoc } from './fixtures';

describe.each(SYNC_ORDERS)('two devices, updates exchanged %s', (order) => {
  it('keeps concurrent edits of different fields of one client', () => {
    const a = seededDoc({ clients: [client('c1', { name: 'Atelier', siren: '', notes: '' })] });
    const b = joinDevice(a);

    // Offline: A writes a note, B corrects the name and adds the SIREN, each from its own copy.
    putRecord(a, 'clients', { ...readRecord(a, 'clients', 'c1')!, notes: 'Appeler le matin' });
    putRecord(b, 'clients', { ...readRecord(b, 'clients', 'c1')!, name: 'Atelier Dupont', siren: '732829320' });
    exchange(a, b, order);

    for (const doc of [a, b]) {
      const c = readRecord(doc, 'clients', 'c1')!;
      expect(c.notes).toBe('Appeler le matin');
      expect(c.name).toBe('Atelier Dupont');
      expect(c.siren).toBe('732829320');
      expect(c.contacts).toEqual(client('c1').contacts);
    }
    expect(contents(a)).toEqual(contents(b));
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
  });

  it('merges one contact field by field: A’s phone and B’s e-mail are both kept', () => {
    const a = seededDoc();
    const b = joinDevice(a);
    const base = readRecord(a, 'clients', 'c1')!;
    putRecord(a, 'clients', { ...base, contacts: [{ ...base.contacts[0], phone: '0611111111' }] });
    putRecord(b, 'clients', { ...base, contacts: [{ ...base.contacts[0], email: 'compta@example.fr' }] });
    exchange(a, b, order);

    for (const doc of [a, b]) expect(readRecord(doc, 'clients', 'c1')!.contacts).toEqual([{ ...base.contacts[0], phone: '0611111111', email: 'compta@example.fr' }]);
    expect(contents(a)).toEqual(contents(b));
  });

  it('replaces a value that only changes whole (payment terms): one side wins, both devices agree', () => {
    const a = seededDoc();
    const b = joinDevice(a);
    const base = readRecord(a, 'clients', 'c1')!;
    putRecord(a, 'clients', { ...base, terms: { kind: 'net', days: 45 } });
    putRecord(b, 'clients', { ...base, terms: { kind: 'end_of_month', days: 30 } });
    exchange(a, b, order);

    const [ta, tb] = [readRecord(a, 'clients', 'c1')!.terms, readRecord(b, 'clients', 'c1')!.terms];
    expect(ta).toEqual(tb);
    // Never a mix of the two (« 45 days end of month »): the terms are one value.
    expect([
      { kind: 'net', days: 45 },
      { kind: 'end_of_month', days: 30 }
    ]).toContainEqual(ta);
  });

  it('two devices each issue invoices in their own series: distinct numbers, valid chains', async () => {
    const a = seededDoc({ memberId: 'm-a', letter: 'A', clients: [client('c1'), client('c2')] });
    const b = joinDevice(a);
    putRecord(b, 'members', member('m-b', 'B'));
    const actorA = actor('m-a');
    const actorB = actor('m-b');

    const draftOn = (doc: Y.Doc, who: typeof actorA, clientId: string, price: number) => {
      const id = createDocument(doc, who, 'invoice', clientId);
      saveDraft(doc, who, id, { lines: [line(`${id}-l1`, { unitPriceCents: price, quantity: 1.5 })] });
      return id;
    };

    const a1 = await issueDocument(a, actorA, draftOn(a, actorA, 'c1', 12_345), '2026-03-10');
    const b1 = await issueDocument(b, actorB, draftOn(b, actorB, 'c2', 67_890), '2026-03-10');
    expect(a1.number).toBe('F-2026-A-0001');
    expect(b1.number).toBe('F-2026-B-0001');
    exchange(a, b, order);

    for (const doc of [a, b]) {
      const docs = readAll(doc, 'documents');
      expect(docs.filter((d) => d.status === 'issued').map((d) => d.number).sort()).toEqual(['F-2026-A-0001', 'F-2026-B-0001']);
      expect(await verifyDocuments(docs)).toEqual([]);
      expect(findDuplicateNumbers(docs)).toEqual([]);
    }
    expect(contents(a)).toEqual(contents(b));

    // After the sync, the next day, each device goes on in its own series, chained to what it issued before.
    actorA.at = actorB.at = '2026-03-11T09:00:00.000Z';
    const a2 = await issueDocument(a, actorA, draftOn(a, actorA, 'c2', 100), '2026-03-11');
    const b2 = await issueDocument(b, actorB, draftOn(b, actorB, 'c1', 200), '2026-03-11');
    expect([a2.number, b2.number]).toEqual(['F-2026-A-0002', 'F-2026-B-0002']);
    expect(a2.prevHash).toBe(a1.hash);
    expect(b2.prevHash).toBe(b1.hash);
    exchange(a, b, order);

    for (const doc of [a, b]) {
      const docs = readAll(doc, 'documents');
      expect(docs.filter((d) => d.status === 'issued')).toHaveLength(4);
      expect(await verifyDocuments(docs)).toEqual([]);
      expect(findGaps(docs, 'F-2026-A')).toEqual([]);
      expect(findGaps(docs, 'F-2026-B')).toEqual([]);
    }
    expect(contents(a)).toEqual(contents(b));
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
  });
});

describe.each(SYNC_ORDERS)('the same draft issued on two devices offline, updates exchanged %s', (order) => {
  /** A and B share a workspace holding one draft invoice (250 € HT), then go offline. */
  function twoDevicesWithADraft(kind: 'invoice' | 'quote' = 'invoice') {
    const a = seededDoc({ memberId: 'm-a', letter: 'A', clients: [client('c1'), client('c2')] });
    putRecord(a, 'members', member('m-b', 'B'));
    // Both devices work on 12 March: the issues dated 10 and 11 March below are not in their future.
    const actorA = actor('m-a', '2026-03-12T09:00:00.000Z');
    const actorB = actor('m-b', '2026-03-12T09:30:00.000Z');
    const draftId = createDocument(a, actorA, kind, 'c1');
    saveDraft(a, actorA, draftId, { lines: [line('l1', { unitPriceCents: 25_000 })] });
    const b = joinDevice(a);
    return { a, b, actorA, actorB, draftId };
  }

  const issuedNumbers = (doc: Y.Doc) =>
    readAll(doc, 'documents')
      .filter((d) => d.status === 'issued')
      .map((d) => d.number)
      .sort();

  it('keeps both issued documents, each in its own record, and the draft is gone', async () => {
    const { a, b, actorA, actorB, draftId } = twoDevicesWithADraft();
    const onA = await issueDocument(a, actorA, draftId, '2026-03-10');
    const onB = await issueDocument(b, actorB, draftId, '2026-03-10');
    expect([onA.number, onB.number]).toEqual(['F-2026-A-0001', 'F-2026-B-0001']);
    expect(onA.id).not.toBe(onB.id);
    exchange(a, b, order);

    for (const doc of [a, b]) {
      expect(issuedNumbers(doc)).toEqual(['F-2026-A-0001', 'F-2026-B-0001']);
      expect(readRecord(doc, 'documents', draftId)).toBeNull();
      const docs = readAll(doc, 'documents');
      expect(docs).toHaveLength(2);
      // Each is whole and chained in its own series; nothing was overwritten by the other.
      expect(readRecord(doc, 'documents', onA.id)).toEqual(onA);
      expect(readRecord(doc, 'documents', onB.id)).toEqual(onB);
      expect(await verifyDocuments(docs)).toEqual([]);
      expect(findDuplicateNumbers(docs)).toEqual([]);
      // Both say where they come from: the duplicate is seen, and the old draft link finds them.
      expect(findDraftsIssuedTwice(docs)).toEqual([{ draftId, kind: 'invoice', documents: [onA, onB] }]);
      expect(documentsByRef(draftId, docs).map((d) => d.number)).toEqual(['F-2026-A-0001', 'F-2026-B-0001']);
    }
    expect(contents(a)).toEqual(contents(b));
  });

  it("each device's next number follows what it really issued: A-0002 and B-0002", async () => {
    const { a, b, actorA, actorB, draftId } = twoDevicesWithADraft();
    await issueDocument(a, actorA, draftId, '2026-03-10');
    await issueDocument(b, actorB, draftId, '2026-03-10');
    exchange(a, b, order);

    const next = async (doc: Y.Doc, who: ReturnType<typeof actor>) => {
      const id = createDocument(doc, who, 'invoice', 'c2');
      saveDraft(doc, who, id, { lines: [line(`${id}-l1`)] });
      return (await issueDocument(doc, who, id, '2026-03-11')).number;
    };
    expect(await next(a, actorA)).toBe('F-2026-A-0002');
    expect(await next(b, actorB)).toBe('F-2026-B-0002');
    exchange(a, b, order);
    for (const doc of [a, b]) {
      expect(issuedNumbers(doc)).toEqual(['F-2026-A-0001', 'F-2026-A-0002', 'F-2026-B-0001', 'F-2026-B-0002']);
      expect(findGaps(readAll(doc, 'documents'), 'F-2026-A')).toEqual([]);
      expect(await verifyDocuments(readAll(doc, 'documents'))).toEqual([]);
    }
  });

  it('the invoice made from a draft quote still finds its quote, issued twice', async () => {
    const { a, b, actorA, actorB, draftId } = twoDevicesWithADraft('quote');
    // On A, the draft quote becomes a draft invoice before anyone issues the quote.
    const invoiceDraft = convertQuoteToInvoice(a, actorA, draftId);
    const quoteOnA = await issueDocument(a, actorA, draftId, '2026-03-10');
    const quoteOnB = await issueDocument(b, actorB, draftId, '2026-03-10');
    const invoice = await issueDocument(a, actorA, invoiceDraft, '2026-03-10');
    exchange(a, b, order);

    for (const doc of [a, b]) {
      const docs = readAll(doc, 'documents');
      expect(readRecord(doc, 'documents', invoice.id)!.sourceQuoteId).toBe(draftId);
      expect(documentsByRef(invoice.sourceQuoteId!, docs)).toEqual([quoteOnA, quoteOnB]);
    }
  });

  it('a credit note drafted on B for an invoice A issued stays attached to it', async () => {
    const { a, b, actorA, actorB, draftId } = twoDevicesWithADraft();
    const invoice = await issueDocument(a, actorA, draftId, '2026-03-10');
    exchange(a, b, order);
    const credit = await issueDocument(b, actorB, createCreditNote(b, actorB, invoice.id), '2026-03-12');
    exchange(a, b, order);
    for (const doc of [a, b]) expect(readRecord(doc, 'documents', credit.id)!.frozen!.correctsInvoiceId).toBe(invoice.id);
  });
});
