// Handing invoices over to collection and closing the case, on real Y.Docs — also two devices
// offline: one hands over while the other records a payment, both close the case.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { accountsOfRecords, plainContext } from '$lib/domain/receivables';
import { closingOf, collectionCases } from '$lib/domain/collection';
import { documentStatus } from '$lib/domain/lifecycle';
import { readAll, readRecord } from './doc';
import { createDocument, issueDocument, recordPayment, saveDraft, StoreError } from './operations';
import { closeCase, handOver } from './collectionOperations';
import { actor, client, line, seededDoc } from './fixtures';

const NOW = '2026-06-30T09:00:00.000Z';

function setup() {
  const doc = seededDoc({ clients: [client('c1'), client('c2')] });
  const me = actor('m-a', NOW);
  // Two lines of 100 € HT at 20 % → 240 € TTC each, issued 1 March (due 31 March, net 30).
  const issue = async (clientId = 'c1') => {
    const id = createDocument(doc, me, 'invoice', clientId);
    saveDraft(doc, me, id, { lines: [line('l1'), line('l2')] });
    return issueDocument(doc, me, id, '2026-03-01');
  };
  return { doc, me, issue };
}

const accountsOf = (doc: Y.Doc, asOf = '2026-06-30') => accountsOfRecords(readAll(doc, 'documents'), readAll(doc, 'payments'), 'normal', () => plainContext(asOf, 'company'));

describe('handing over', () => {
  it('holds the invoices as one case with whom and since when, and logs it', async () => {
    const { doc, me, issue } = setup();
    const [a, b] = [await issue(), await issue()];
    const caseId = handOver(doc, me, { clientId: 'c1', invoiceIds: [a.id, b.id], agent: 'bailiff', agentName: ' Étude Martin ', since: '2026-06-30' });
    for (const id of [a.id, b.id]) {
      const d = readRecord(doc, 'documents', id)!;
      expect(d.inCollection).toBe(true);
      expect(d.collection).toEqual({ caseId, agent: 'bailiff', agentName: 'Étude Martin', since: '2026-06-30', memberId: 'm-a', closed: null });
    }
    const accounts = accountsOf(doc);
    expect(accounts.get(a.id)!.receivables[0].hold?.reason).toBe('in_collection');
    const events = readAll(doc, 'events').filter((e) => e.kind === 'collection_started');
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ caseId, agent: 'bailiff', invoiceCount: 2 });
  });

  it('refuses another client’s invoice, a draft, an invoice already in an open case, a future date, an unknown agent', async () => {
    const { doc, me, issue } = setup();
    const a = await issue();
    const other = await issue('c2');
    const draft = createDocument(doc, me, 'invoice', 'c1');
    const base = { clientId: 'c1', agent: 'agency' as const, agentName: '', since: '2026-06-30' };
    expect(() => handOver(doc, me, { ...base, invoiceIds: [other.id] })).toThrow(StoreError);
    expect(() => handOver(doc, me, { ...base, invoiceIds: [draft] })).toThrow(StoreError);
    expect(() => handOver(doc, me, { ...base, invoiceIds: [a.id], since: '2026-07-01' })).toThrow(StoreError);
    expect(() => handOver(doc, me, { ...base, invoiceIds: [a.id], agent: 'friend' as never })).toThrow(StoreError);
    expect(() => handOver(doc, me, { ...base, invoiceIds: [] })).toThrow(StoreError);
    handOver(doc, me, { ...base, invoiceIds: [a.id] });
    expect(() => handOver(doc, me, { ...base, invoiceIds: [a.id] })).toThrow('already_in_collection');
  });
});

describe('closing', () => {
  it('recovered in part, the rest given up: a payment, the hold lifted, the loss recorded — nothing owed', async () => {
    const { doc, me, issue } = setup();
    const [a, b] = [await issue(), await issue()];
    const caseId = handOver(doc, me, { clientId: 'c1', invoiceIds: [a.id, b.id], agent: 'agency', agentName: 'Recouvre SA', since: '2026-05-01' });
    const [view] = collectionCases(readAll(doc, 'documents'), accountsOf(doc));
    // 300 € came in on 480 €: 240 € to the first, 60 € to the second, 180 € given up.
    const closing = closingOf(view.invoices, 30_000, true);
    recordPayment(doc, me, { clientId: 'c1', amountCents: 30_000, date: '2026-06-20', method: 'transfer', reference: 'Recouvre SA', allocations: closing.allocations }, new Map(view.invoices.map((i) => [i.invoiceId, i.remainingCents])));
    closeCase(doc, me, { caseId, invoiceIds: view.invoices.map((i) => i.invoiceId), outcome: 'recovered', on: '2026-06-25', writeOffs: closing.writeOffs });
    const accounts = accountsOf(doc);
    const total = (f: 'paidCents' | 'writtenOffCents' | 'remainingCents') => accounts.get(a.id)![f] + accounts.get(b.id)![f];
    expect([total('paidCents'), total('writtenOffCents'), total('remainingCents')]).toEqual([30_000, 18_000, 0]);
    const docB = readRecord(doc, 'documents', b.id)!;
    expect(docB.inCollection).toBe(false);
    expect(docB.collection?.closed).toEqual({ outcome: 'recovered', on: '2026-06-25', memberId: 'm-a' });
    expect(docB.writeOff).toEqual({ cents: 18_000, on: '2026-06-25', memberId: 'm-a' });
    expect(documentStatus(docB, accounts.get(b.id)!, '2026-06-30')).toBe('written_off');
    expect(documentStatus(readRecord(doc, 'documents', a.id)!, accounts.get(a.id)!, '2026-06-30')).toBe('paid');
    expect(collectionCases(readAll(doc, 'documents'), accounts)[0]).toMatchObject({ closed: { outcome: 'recovered' }, remainingCents: 0, writtenOffCents: 18_000 });
  });

  it('refuses an invoice outside the case, a negative loss, a future date', async () => {
    const { doc, me, issue } = setup();
    const [a, b] = [await issue(), await issue()];
    const caseId = handOver(doc, me, { clientId: 'c1', invoiceIds: [a.id], agent: 'agency', agentName: '', since: '2026-05-01' });
    const base = { caseId, invoiceIds: [a.id], outcome: 'abandoned' as const, on: '2026-06-30' };
    expect(() => closeCase(doc, me, { ...base, invoiceIds: [b.id], writeOffs: [] })).toThrow('unknown_case');
    expect(() => closeCase(doc, me, { ...base, writeOffs: [{ invoiceId: b.id, cents: 100 }] })).toThrow(StoreError);
    expect(() => closeCase(doc, me, { ...base, writeOffs: [{ invoiceId: a.id, cents: -100 }] })).toThrow(StoreError);
    expect(() => closeCase(doc, me, { ...base, on: '2026-07-01', writeOffs: [] })).toThrow(StoreError);
  });
});

describe('two devices offline', () => {
  it('one hands over while the other records a payment: both kept; abandoning later gives up only what remained', async () => {
    const { doc, me, issue } = setup();
    const a = await issue();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const partner = actor('m-b', NOW);
    const caseId = handOver(doc, me, { clientId: 'c1', invoiceIds: [a.id], agent: 'agency', agentName: 'Recouvre SA', since: '2026-06-01' });
    recordPayment(other, partner, { clientId: 'c1', amountCents: 4_000, date: '2026-06-02', method: 'cheque', reference: '', allocations: [{ invoiceId: a.id, amountCents: 4_000 }] }, new Map([[a.id, 24_000]]));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    for (const d of [doc, other]) {
      expect(readRecord(d, 'documents', a.id)!.collection?.caseId).toBe(caseId);
      expect(accountsOf(d).get(a.id)!.remainingCents).toBe(20_000);
    }
    const [view] = collectionCases(readAll(other, 'documents'), accountsOf(other));
    closeCase(other, partner, { caseId, invoiceIds: [a.id], outcome: 'abandoned', on: '2026-06-30', writeOffs: closingOf(view.invoices, 0, true).writeOffs });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    const account = accountsOf(doc).get(a.id)!;
    expect([account.paidCents, account.writtenOffCents, account.remainingCents]).toEqual([4_000, 20_000, 0]);
  });
});
