// Two devices editing one workspace offline, then exchanging real Yjs updates in both orders.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { verifyDocuments } from '$lib/domain/integrity';
import { findDuplicateNumbers, findGaps } from '$lib/domain/numbering';
import { putRecord, readAll, readRecord } from './doc';
import { createDocument, issueDocument, saveDraft } from './operations';
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

  it('replaces a JSON field (contacts) whole: one side wins, both devices agree', () => {
    const a = seededDoc();
    const b = joinDevice(a);
    const base = readRecord(a, 'clients', 'c1')!;
    putRecord(a, 'clients', { ...base, contacts: [{ ...base.contacts[0], phone: '0611111111' }] });
    putRecord(b, 'clients', { ...base, contacts: [{ ...base.contacts[0], email: 'compta@example.fr' }] });
    exchange(a, b, order);

    const [ca, cb] = [readRecord(a, 'clients', 'c1')!, readRecord(b, 'clients', 'c1')!];
    expect(ca.contacts).toEqual(cb.contacts);
    expect(ca.contacts).toHaveLength(1);
    const c = ca.contacts[0];
    // Never a mix of the two versions: the value is one JSON, not merged key by key.
    expect([
      { phone: '0611111111', email: 'jeanne@example.fr' },
      { phone: '0102030405', email: 'compta@example.fr' }
    ]).toContainEqual({ phone: c.phone, email: c.email });
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

    // After the sync each device goes on in its own series, chained to what it issued before.
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
