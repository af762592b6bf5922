// Business operations on a real workspace Y.Doc: drafts, issue (numbering, freezing, hashing),
// quote → invoice, credit notes, payments, and the activity log they leave.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentRecord, Line } from '$lib/domain/types';
import { hashFrozen, verifyDocuments } from '$lib/domain/integrity';
import { documentStatus } from '$lib/domain/lifecycle';
import { accountsOfRecords, plainContext, type InvoiceAccount } from '$lib/domain/receivables';
import { unallocatedCents } from '$lib/domain/payments';
import { emptyAddress } from '$lib/domain/documents';
import { collectionMap, decodeRecord, patchRecord, putRecord, readAll, readRecord, writeCompany } from './doc';
import { FROZEN_ONLY_FIELDS } from './schema';
import {
  StoreError,
  convertQuoteToInvoice,
  createCreditNote,
  createDocument,
  deleteDraft,
  deletePayment,
  issueDocument,
  markSent,
  recordPayment,
  requestDeposit,
  requestOrderDeposit,
  createOrderFinalInvoice,
  saveDraft,
  setDisputed,
  setQuoteOutcome,
  type NewPayment
} from './operations';
import { T0, actor, client, company, line, member, seededDoc } from './fixtures';
import { savePenaltyRate } from './penaltyRates';

/** The device's clock in these tests: the issues and payments below happened by then. */
const NOW = '2026-03-31T09:00:00.000Z';

function setup() {
  const doc = seededDoc({
    clients: [
      client('c1'),
      client('c2', { terms: { kind: 'net', days: 45 } }),
      client('c3', { billingAddress: emptyAddress() })
    ]
  });
  return { doc, me: actor('m-a', NOW) };
}

type Me = ReturnType<typeof actor>;

/** Creates a draft with the given lines and issues it. Default: two lines of 100 € HT at 20 % → 240 € TTC. */
async function issued(
  doc: Y.Doc,
  me: Me,
  issueDate: string,
  opts: { kind?: DocumentRecord['kind']; clientId?: string; lines?: Line[] } = {}
): Promise<DocumentRecord> {
  const id = createDocument(doc, me, opts.kind ?? 'invoice', opts.clientId ?? 'c1');
  saveDraft(doc, me, id, { lines: opts.lines ?? [line('l1'), line('l2')] });
  return issueDocument(doc, me, id, issueDate);
}

/** Every update the document emits from now on. */
function watch(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return updates;
}

function thrown(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    return e as StoreError;
  }
  throw new Error('expected a StoreError');
}

async function rejected(promise: Promise<unknown>): Promise<StoreError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    return e as StoreError;
  }
  throw new Error('expected a StoreError');
}

/** Every issued invoice's account today (the receivables model). */
function accounts(doc: Y.Doc): Map<string, InvoiceAccount> {
  return accountsOfRecords(readAll(doc, 'documents'), readAll(doc, 'payments'), 'normal', () => plainContext(NOW.slice(0, 10), 'company'));
}

function balances(doc: Y.Doc): Map<string, number> {
  return new Map([...accounts(doc)].map(([id, a]) => [id, a.remainingCents]));
}

function eventKinds(doc: Y.Doc): string[] {
  return readAll(doc, 'events').map((e) => e.kind);
}

describe('createDocument', () => {
  it("takes the client's terms, else the company default", () => {
    const { doc, me } = setup();
    const a = createDocument(doc, me, 'invoice', 'c1');
    const b = createDocument(doc, me, 'quote', 'c2');
    expect(readRecord(doc, 'documents', a)).toMatchObject({ kind: 'invoice', status: 'draft', clientId: 'c1', memberId: 'm-a', terms: { kind: 'net', days: 30 }, createdAt: NOW });
    expect(readRecord(doc, 'documents', b)).toMatchObject({ kind: 'quote', terms: { kind: 'net', days: 45 } });
    expect(readAll(doc, 'events')).toMatchObject([
      { kind: 'document_created', documentId: a, clientId: 'c1', memberId: 'm-a', at: NOW },
      { kind: 'document_created', documentId: b, clientId: 'c2' }
    ]);
  });

  it("starts a prepaying client's invoices due on receipt, not its quotes", () => {
    const doc = seededDoc({ clients: [client('c9', { terms: { kind: 'net', days: 45 }, prepayment: true })] });
    const me = actor('m-a', NOW);
    expect(readRecord(doc, 'documents', createDocument(doc, me, 'invoice', 'c9'))!.terms).toEqual({ kind: 'on_receipt' });
    expect(readRecord(doc, 'documents', createDocument(doc, me, 'quote', 'c9'))!.terms).toEqual({ kind: 'net', days: 45 });
  });

  it('needs a company', () => {
    const doc = new Y.Doc();
    expect(thrown(() => createDocument(doc, actor('m-a'), 'invoice', 'c1')).code).toBe('no_company');
  });
});

describe('saveDraft', () => {
  it('edits a draft, but never its status, number or frozen content', () => {
    const { doc, me } = setup();
    const id = createDocument(doc, me, 'invoice', 'c1');
    me.at = '2026-03-10T10:00:00.000Z';
    saveDraft(doc, me, id, {
      lines: [line('l1', { quantity: 2.5 })],
      discount: { kind: 'amount', cents: 1000 },
      notes: 'Chantier rue Garibaldi',
      status: 'issued',
      number: 'F-2026-A-0099',
      hash: 'x'
    });
    expect(readRecord(doc, 'documents', id)).toMatchObject({
      status: 'draft',
      number: '',
      hash: '',
      frozen: null,
      notes: 'Chantier rue Garibaldi',
      lines: [line('l1', { quantity: 2.5 })],
      discount: { kind: 'amount', cents: 1000 },
      updatedAt: '2026-03-10T10:00:00.000Z'
    });
  });

  it('refuses to touch an issued document and leaves it as it was', async () => {
    const { doc, me } = setup();
    const invoice = await issued(doc, me, '2026-03-10');
    const before = readRecord(doc, 'documents', invoice.id);
    const updates = watch(doc);
    const error = thrown(() => saveDraft(doc, me, invoice.id, { lines: [line('x', { unitPriceCents: 1 })], notes: 'changed' }));
    expect(error.code).toBe('issued_frozen');
    expect(updates).toEqual([]);
    expect(readRecord(doc, 'documents', invoice.id)).toEqual(before);
    expect(await verifyDocuments(readAll(doc, 'documents'))).toEqual([]);
  });

  it('deleteDraft removes a draft and refuses an issued document', async () => {
    const { doc, me } = setup();
    const draft = createDocument(doc, me, 'invoice', 'c1');
    deleteDraft(doc, draft);
    expect(readRecord(doc, 'documents', draft)).toBeNull();
    const invoice = await issued(doc, me, '2026-03-10');
    expect(thrown(() => deleteDraft(doc, invoice.id)).code).toBe('issued_frozen');
    expect(readRecord(doc, 'documents', invoice.id)).not.toBeNull();
  });
});

describe('issueDocument', () => {
  it('refuses with the list of what is missing, and writes nothing', async () => {
    const { doc, me } = setup();
    const id = createDocument(doc, me, 'invoice', 'c3'); // client without an address, no lines
    const updates = watch(doc);
    const error = await rejected(issueDocument(doc, me, id, '2026-03-10'));
    expect(error.code).toBe('missing');
    expect(error.details).toEqual(['client_address', 'lines']);
    expect(updates).toEqual([]);

    writeCompany(doc, { siret: '', vatNumber: '' });
    saveDraft(doc, me, id, { lines: [line('l1', { description: ' ', quantity: 0 })] });
    expect((await rejected(issueDocument(doc, me, id, '2026-02-30'))).details).toEqual([
      'company_siret',
      'company_vat_number',
      'client_address',
      'line_description',
      'line_quantity',
      'issue_date'
    ]);
    expect(readRecord(doc, 'documents', id)).toMatchObject({ status: 'draft', number: '', frozen: null });
    expect(eventKinds(doc)).not.toContain('document_issued');
  });

  it('needs this device to be a member', async () => {
    const { doc, me } = setup();
    const id = createDocument(doc, me, 'invoice', 'c1');
    saveDraft(doc, me, id, { lines: [line('l1')] });
    expect((await rejected(issueDocument(doc, actor('stranger'), id, '2026-03-10'))).code).toBe('unknown_member');
  });

  it('numbers per kind, per series and per year, each series chained from its own start', async () => {
    const { doc, me } = setup();
    putRecord(doc, 'members', member('m-b', 'B'));
    // Issued over ten months: the devices' clocks are past the last issue date (never in the future).
    me.at = '2027-01-04T09:00:00.000Z';
    const other = actor('m-b', me.at);

    const i1 = await issued(doc, me, '2026-03-10');
    const i2 = await issued(doc, me, '2026-03-10');
    const q1 = await issued(doc, me, '2026-03-11', { kind: 'quote' });
    const c1 = createCreditNote(doc, me, i1.id);
    const cr1 = await issueDocument(doc, me, c1, '2026-03-12');
    const i3 = await issued(doc, me, '2026-03-12');
    const b1 = await issued(doc, other, '2026-03-12');
    const n1 = await issued(doc, me, '2027-01-04');
    const late = await issued(doc, me, '2026-12-31'); // the 2026 series goes on after a 2027 invoice

    expect([i1, i2, q1, cr1, i3, b1, n1, late].map((d) => d.number)).toEqual([
      'F-2026-A-0001',
      'F-2026-A-0002',
      'D-2026-A-0001',
      'A-2026-A-0001',
      'F-2026-A-0003',
      'F-2026-B-0001',
      'F-2027-A-0001',
      'F-2026-A-0004'
    ]);
    expect([i1, i2, i3, late].map((d) => [d.series, d.seq])).toEqual([
      ['F-2026-A', 1],
      ['F-2026-A', 2],
      ['F-2026-A', 3],
      ['F-2026-A', 4]
    ]);
    expect(i1.prevHash).toBe('');
    expect(i2.prevHash).toBe(i1.hash);
    expect(i3.prevHash).toBe(i2.hash);
    expect(late.prevHash).toBe(i3.hash);
    for (const first of [q1, cr1, b1, n1]) expect(first.prevHash).toBe('');
    expect(b1.memberId).toBe('m-b');
    expect(await verifyDocuments(readAll(doc, 'documents'))).toEqual([]);
  });

  it('refuses a date before the previous document of the series', async () => {
    const { doc, me } = setup();
    await issued(doc, me, '2026-03-10');
    const id = createDocument(doc, me, 'invoice', 'c1');
    saveDraft(doc, me, id, { lines: [line('l1')] });
    const events = readAll(doc, 'events').length;
    const error = await rejected(issueDocument(doc, me, id, '2026-03-09'));
    expect(error.code).toBe('backdated');
    expect(error.details).toEqual(['F-2026-A-0001']);
    expect(readRecord(doc, 'documents', id)).toMatchObject({ status: 'draft', number: '' });
    expect(readAll(doc, 'events')).toHaveLength(events);
    // The same day is fine; so is another kind (its own series).
    expect((await issueDocument(doc, me, id, '2026-03-10')).number).toBe('F-2026-A-0002');
    expect((await issued(doc, me, '2026-03-01', { kind: 'quote' })).number).toBe('D-2026-A-0001');
  });

  it('refuses an issue date after today and writes nothing; the series is not blocked', async () => {
    const { doc } = setup();
    const me = actor('m-a', T0); // the device's clock says 10 March 2026
    const id = createDocument(doc, me, 'invoice', 'c1');
    saveDraft(doc, me, id, { lines: [line('l1')] });
    const updates = watch(doc);
    const error = await rejected(issueDocument(doc, me, id, '2026-03-11'));
    expect(error.code).toBe('future_issue_date');
    expect(error.details).toEqual(['2026-03-10']);
    expect(updates).toEqual([]);
    expect(readRecord(doc, 'documents', id)).toMatchObject({ status: 'draft', number: '', lines: [line('l1')] });
    // Dated today it is issued, and the next document dated today is not « backdated ».
    expect((await issueDocument(doc, me, id, '2026-03-10')).number).toBe('F-2026-A-0001');
    expect((await issued(doc, me, '2026-03-10')).number).toBe('F-2026-A-0002');
  });

  it('refuses an invoice or a quote whose total is negative, and writes nothing', async () => {
    const { doc, me } = setup();
    // 100,00 − 150,00 = −50,00 HT, −60,00 TTC
    const negative = [line('l1'), line('l2', { description: 'Remise', unitPriceCents: -15_000 })];
    for (const kind of ['invoice', 'quote'] as const) {
      const id = createDocument(doc, me, kind, 'c1');
      saveDraft(doc, me, id, { lines: negative });
      const updates = watch(doc);
      const error = await rejected(issueDocument(doc, me, id, '2026-03-10'));
      expect(error.code).toBe('negative_total');
      expect(updates).toEqual([]);
      expect(readRecord(doc, 'documents', id)).toMatchObject({ status: 'draft', lines: negative });
    }
    // A deduction that leaves the total positive is fine: 100,00 − 40,00 = 60,00 HT, 72,00 TTC.
    const deducted = await issued(doc, me, '2026-03-10', { lines: [line('l1'), line('l2', { unitPriceCents: -4_000 })] });
    expect(deducted.frozen!.totals.ttcCents).toBe(7_200);
  });

  it('stores the frozen content and its hash; lines and discount live only in `frozen`', async () => {
    const { doc, me } = setup();
    const id = createDocument(doc, me, 'invoice', 'c1');
    const lines = [
      line('l1', { quantity: 2, unitPriceCents: 12_550, discountCents: 500 }),
      line('l2', { unitPriceCents: 3000, vatRateBp: 550 })
    ];
    saveDraft(doc, me, id, { lines, discount: { kind: 'percent', bp: 1000 }, notes: 'Merci', serviceDate: '2026-03-01' });
    me.at = '2026-03-10T11:00:00.000Z';
    const record = await issueDocument(doc, me, id, '2026-03-10');

    expect(record).toMatchObject({
      status: 'issued',
      number: 'F-2026-A-0001',
      series: 'F-2026-A',
      seq: 1,
      issueDate: '2026-03-10',
      dueDate: '2026-04-09', // net 30
      issuedAt: '2026-03-10T11:00:00.000Z',
      prevHash: ''
    });
    const frozen = record.frozen!;
    expect(frozen).toMatchObject({
      kind: 'invoice',
      number: 'F-2026-A-0001',
      issueDate: '2026-03-10',
      serviceDate: '2026-03-01',
      dueDate: '2026-04-09',
      clientId: 'c1',
      client: { name: 'Client c1', address: client('c1').billingAddress, deliveryAddress: null, siren: '732829320', vatNumber: '' },
      lines,
      discount: { kind: 'percent', bp: 1000 },
      notes: 'Merci',
      correctsInvoiceId: null
    });
    // 2 × 125,50 − 5,00 = 246,00 at 20 %; 30,00 at 5,5 %; −10 % = 27,60 split 24,60 / 3,00.
    expect(frozen.totals).toEqual({
      linesHtCents: 27_600,
      discountCents: 2760,
      htCents: 24_840,
      vat: [
        { rateBp: 2000, baseCents: 22_140, vatCents: 4428 },
        { rateBp: 550, baseCents: 2700, vatCents: 149 } // 14,85 × … = 1,485 → 1,49
      ],
      vatCents: 4577,
      ttcCents: 29_417
    });
    expect(frozen.seller.name).toBe('Menuiserie Martin');
    expect(frozen.seller.logoDataUrl).toBe('');
    expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(record.hash).toBe(await hashFrozen(frozen));

    const map = collectionMap(doc, 'documents').get(record.id) as Y.Map<unknown>;
    for (const f of FROZEN_ONLY_FIELDS) expect(map.has(f)).toBe(false);
    expect(decodeRecord(doc, 'documents', map)).toMatchObject({ lines, discount: { kind: 'percent', bp: 1000 } });
    expect(readAll(doc, 'events').at(-1)).toMatchObject({ kind: 'document_issued', documentId: record.id, clientId: 'c1', text: 'F-2026-A-0001' });

    // Later changes to the client or the company leave the issued document as printed.
    putRecord(doc, 'clients', { ...readRecord(doc, 'clients', 'c1')!, name: 'Nouveau nom' });
    writeCompany(doc, { name: 'Autre nom' });
    expect(readRecord(doc, 'documents', record.id)!.frozen).toEqual(frozen);
    expect(await verifyDocuments(readAll(doc, 'documents'))).toEqual([]);

    // A change to the frozen content that arrives from elsewhere shows.
    patchRecord(doc, 'documents', record.id, { frozen: { ...frozen, notes: 'Modifié' } });
    expect(await verifyDocuments(readAll(doc, 'documents'))).toEqual([{ id: record.id, number: 'F-2026-A-0001', problem: 'hash_mismatch' }]);
  });

  it('issues a document only once', async () => {
    const { doc, me } = setup();
    const invoice = await issued(doc, me, '2026-03-10');
    expect((await rejected(issueDocument(doc, me, invoice.id, '2026-03-11'))).code).toBe('issued_frozen');
    expect((await rejected(issueDocument(doc, me, invoice.sourceDraftId!, '2026-03-11'))).code).toBe('unknown_document');
  });

  it('gives distinct numbers to two issues started at the same time', async () => {
    const { doc, me } = setup();
    const ids = [createDocument(doc, me, 'invoice', 'c1'), createDocument(doc, me, 'invoice', 'c2')];
    for (const id of ids) saveDraft(doc, me, id, { lines: [line('l1')] });
    const both = await Promise.all(ids.map((id) => issueDocument(doc, me, id, '2026-03-10')));
    expect(both.map((d) => d.number).sort()).toEqual(['F-2026-A-0001', 'F-2026-A-0002']);
    expect(await verifyDocuments(readAll(doc, 'documents'))).toEqual([]);
  });
});

describe('issueDocument writes a new record and keeps a high-water mark', () => {
  it('writes the issued document under a new id, deletes the draft, all in one update', async () => {
    const { doc, me } = setup();
    const draftId = createDocument(doc, me, 'invoice', 'c1');
    saveDraft(doc, me, draftId, { lines: [line('l1')], title: 'Cuisine', orderNumber: 'BC-12' });
    const updates = watch(doc);
    const record = await issueDocument(doc, me, draftId, '2026-03-10');

    expect(updates).toHaveLength(1);
    expect(record.id).not.toBe(draftId);
    expect(record).toMatchObject({ status: 'issued', number: 'F-2026-A-0001', sourceDraftId: draftId, title: 'Cuisine', createdAt: NOW });
    expect(readRecord(doc, 'documents', record.id)).toEqual(record);
    expect(readRecord(doc, 'documents', draftId)).toBeNull();
    expect(readAll(doc, 'documents')).toHaveLength(1);
    expect(readAll(doc, 'events').map((e) => [e.kind, e.documentId])).toEqual([
      ['document_created', draftId],
      ['document_issued', record.id]
    ]);
    expect(readRecord(doc, 'members', 'm-a')!.highestIssuedSeq).toEqual({ 'F-2026-A': 1 });
    // The draft is gone: issuing it again finds nothing, and nothing is written.
    expect((await rejected(issueDocument(doc, me, draftId, '2026-03-10'))).code).toBe('unknown_document');
    expect(readAll(doc, 'documents')).toHaveLength(1);
  });

  it('never hands out again a number whose record vanished', async () => {
    const { doc, me } = setup();
    await issued(doc, me, '2026-03-10');
    const second = await issued(doc, me, '2026-03-10');
    expect(readRecord(doc, 'members', 'm-a')!.highestIssuedSeq).toEqual({ 'F-2026-A': 2 });
    // A buggy or hostile device deletes F-2026-A-0002.
    collectionMap(doc, 'documents').delete(second.id);
    // The records say 1 is the highest, the mark says 2: the next is 3, and the gap shows.
    const third = await issued(doc, me, '2026-03-11');
    expect(third.number).toBe('F-2026-A-0003');
    expect(readRecord(doc, 'members', 'm-a')!.highestIssuedSeq).toEqual({ 'F-2026-A': 3 });
  });

  it('follows the records when the mark is absent (a member from before) or was written back lower', async () => {
    const { doc, me } = setup();
    await issued(doc, me, '2026-03-10');
    await issued(doc, me, '2026-03-10');
    patchRecord(doc, 'members', 'm-a', { highestIssuedSeq: { 'F-2026-A': 0 } });
    expect((await issued(doc, me, '2026-03-10')).number).toBe('F-2026-A-0003');
    expect(readRecord(doc, 'members', 'm-a')!.highestIssuedSeq).toEqual({ 'F-2026-A': 3 });
    // Each kind and year keeps its own mark.
    await issued(doc, me, '2026-03-11', { kind: 'quote' });
    me.at = '2027-01-04T09:00:00.000Z';
    await issued(doc, me, '2027-01-04');
    expect(readRecord(doc, 'members', 'm-a')!.highestIssuedSeq).toEqual({ 'F-2026-A': 3, 'D-2026-A': 1, 'F-2027-A': 1 });
  });

  it('writes nothing when the draft disappears while its content is being hashed', async () => {
    const { doc, me } = setup();
    const draftId = createDocument(doc, me, 'invoice', 'c1');
    saveDraft(doc, me, draftId, { lines: [line('l1')] });
    const issuing = issueDocument(doc, me, draftId, '2026-03-10');
    // Meanwhile the other device's issue of the same draft arrives: the draft is deleted.
    collectionMap(doc, 'documents').delete(draftId);
    expect((await rejected(issuing)).code).toBe('unknown_document');
    expect(readAll(doc, 'documents')).toEqual([]);
    expect(readRecord(doc, 'members', 'm-a')!.highestIssuedSeq).toBeUndefined();
  });
});

describe('convertQuoteToInvoice', () => {
  it('makes a draft invoice from an issued quote and marks the quote accepted', async () => {
    const { doc, me } = setup();
    const quoteId = createDocument(doc, me, 'quote', 'c2');
    saveDraft(doc, me, quoteId, { lines: [line('l1', { quantity: 3 })], discount: { kind: 'amount', cents: 500 }, notes: 'Devis valable 30 jours', title: 'Cuisine' });
    const quote = await issueDocument(doc, me, quoteId, '2026-03-10');
    const id = convertQuoteToInvoice(doc, me, quote.id);

    expect(readRecord(doc, 'documents', id)).toMatchObject({
      kind: 'invoice',
      status: 'draft',
      clientId: 'c2',
      terms: { kind: 'net', days: 45 },
      lines: quote.frozen!.lines,
      discount: { kind: 'amount', cents: 500 },
      notes: 'Devis valable 30 jours',
      title: 'Cuisine',
      sourceQuoteId: quote.id,
      number: ''
    });
    expect(readRecord(doc, 'documents', quote.id)!.quoteOutcome).toBe('accepted');
    expect(readAll(doc, 'events').slice(-2)).toMatchObject([
      { kind: 'quote_accepted', documentId: quote.id },
      { kind: 'document_created', documentId: id, data: { fromQuote: quote.id } }
    ]);
    expect((await issueDocument(doc, me, id, '2026-03-10')).number).toBe('F-2026-A-0001');
    // The quote itself is untouched apart from its outcome.
    expect(await verifyDocuments(readAll(doc, 'documents'))).toEqual([]);

    // Converting again does not accept it a second time.
    convertQuoteToInvoice(doc, me, quote.id);
    expect(eventKinds(doc).filter((k) => k === 'quote_accepted')).toHaveLength(1);
  });

  it('refuses anything but a quote', async () => {
    const { doc, me } = setup();
    const invoice = await issued(doc, me, '2026-03-10');
    expect(thrown(() => convertQuoteToInvoice(doc, me, invoice.id)).code).toBe('not_a_quote');
  });
});

describe('deposits and the final invoice', () => {
  const describeShare = (s: { rateBp: number }) => `Acompte ${s.rateBp}`;

  /** A quote of 1 000 € HT at 20 % and 500 € HT at 5,5 %: TTC 1 200 + 527,50 = 1 727,50 €. */
  async function quote(doc: Y.Doc, me: Me) {
    return issued(doc, me, '2026-03-02', { kind: 'quote', lines: [line('q1', { unitPriceCents: 100_000 }), line('q2', { unitPriceCents: 50_000, vatRateBp: 550 })] });
  }

  it('asks a deposit as an invoice of the normal series, then the final invoice takes it off', async () => {
    const { doc, me } = setup();
    const q = await quote(doc, me);
    const depositId = requestDeposit(doc, me, q.id, { kind: 'percent', bp: 3000 }, describeShare);
    expect(readRecord(doc, 'documents', depositId)).toMatchObject({
      kind: 'invoice',
      terms: { kind: 'on_receipt' },
      sourceQuoteId: q.id,
      deposit: { quoteId: q.id, quoteNumber: 'D-2026-A-0001', quoteDate: '2026-03-02' },
      lines: [
        { description: 'Acompte 2000', unitPriceCents: 30_000, vatRateBp: 2000 },
        { description: 'Acompte 550', unitPriceCents: 15_000, vatRateBp: 550 }
      ]
    });
    expect(readRecord(doc, 'documents', q.id)!.quoteOutcome).toBe('accepted');
    // Issued in the invoice series, due the day it is issued; 30 %: 450,00 HT + 68,25 VAT = 518,25.
    const deposit = await issueDocument(doc, me, depositId, '2026-03-03');
    expect(deposit).toMatchObject({ number: 'F-2026-A-0001', dueDate: '2026-03-03' });
    expect(deposit.frozen!.deposit).toMatchObject({ quoteNumber: 'D-2026-A-0001' });
    expect(deposit.frozen!.totals.ttcCents).toBe(51_825);
    recordPayment(doc, me, { clientId: 'c1', amountCents: 51_825, date: '2026-03-05', method: 'transfer', reference: '', allocations: [{ invoiceId: deposit.id, amountCents: 51_825 }] }, balances(doc));

    const final = await issueDocument(doc, me, convertQuoteToInvoice(doc, me, q.id), '2026-03-30');
    // 1 727,50 − 518,25 = 1 209,25 left: 20 % 700,00 + 140,00; 5,5 % 350,00 + 19,25.
    expect(final.number).toBe('F-2026-A-0002');
    expect(final.frozen!.deductions).toMatchObject([{ invoiceId: deposit.id, number: 'F-2026-A-0001', ttcCents: 51_825 }]);
    expect(final.frozen!.finalOf).toEqual({ quoteNumber: 'D-2026-A-0001', quoteDate: '2026-03-02' });
    expect(final.frozen!.totals).toMatchObject({
      htCents: 105_000,
      vat: [
        { rateBp: 2000, baseCents: 70_000, vatCents: 14_000 },
        { rateBp: 550, baseCents: 35_000, vatCents: 1_925 }
      ],
      ttcCents: 120_925,
      beforeDeposits: { ttcCents: 172_750 }
    });
    // The receivables model owes what the final invoice charges; the deposit is settled.
    expect(accounts(doc).get(final.id)!.remainingCents).toBe(120_925);
    expect(accounts(doc).get(deposit.id)!.remainingCents).toBe(0);
    expect(await verifyDocuments(readAll(doc, 'documents'))).toEqual([]);
    // Invoiced: no more deposits on this quote.
    expect(thrown(() => requestDeposit(doc, me, q.id, { kind: 'percent', bp: 1000 }, describeShare)).code).toBe('quote_invoiced');
  });

  it('refuses deposits beyond the quote, and on anything but an issued quote', async () => {
    const { doc, me } = setup();
    const q = await quote(doc, me);
    requestDeposit(doc, me, q.id, { kind: 'percent', bp: 8000 }, describeShare);
    // 80 % asked (1 200 + 182 = 1 382,00): 345,50 left of 1 727,50.
    const refused = thrown(() => requestDeposit(doc, me, q.id, { kind: 'percent', bp: 3000 }, describeShare));
    expect(refused.code).toBe('deposit_exceeds_quote');
    expect(refused.details).toEqual(['34550']);
    const invoice = await issued(doc, me, '2026-03-10');
    expect(thrown(() => requestDeposit(doc, me, invoice.id, { kind: 'percent', bp: 3000 }, describeShare)).code).toBe('not_a_quote');
    const draft = createDocument(doc, me, 'quote', 'c1');
    expect(thrown(() => requestDeposit(doc, me, draft, { kind: 'percent', bp: 3000 }, describeShare)).code).toBe('not_issued');
  });

  it('an order without a quote: a deposit, then its final invoice deducting it', async () => {
    const { doc, me } = setup();
    // 600,00 € TTC at 20 %: 500,00 HT.
    const depositId = requestOrderDeposit(doc, me, 'c1', { amountCents: 60_000, vatRateBp: 2000, orderNumber: ' BC-42 ' }, 'Acompte sur commande');
    const deposit = await issueDocument(doc, me, depositId, '2026-03-03');
    expect(deposit).toMatchObject({ number: 'F-2026-A-0001', orderNumber: 'BC-42', dueDate: '2026-03-03' });
    expect(deposit.frozen!.totals.ttcCents).toBe(60_000);
    const finalId = createOrderFinalInvoice(doc, me, deposit.id);
    saveDraft(doc, me, finalId, { lines: [line('w', { unitPriceCents: 200_000 })] });
    const final = await issueDocument(doc, me, finalId, '2026-03-20');
    // 2 400,00 TTC − 600,00 = 1 800,00.
    expect(final.frozen!.totals.ttcCents).toBe(180_000);
    expect(final.frozen!.deductions).toMatchObject([{ invoiceId: deposit.id, ttcCents: 60_000 }]);
    expect(thrown(() => createOrderFinalInvoice(doc, me, final.id)).code).toBe('not_an_order_deposit');
    expect(thrown(() => requestOrderDeposit(doc, me, 'c1', { amountCents: 0, vatRateBp: 2000, orderNumber: '' }, '')).code).toBe('deposit_invalid');
    // The order is invoiced: no further deposit on it.
    expect(thrown(() => requestOrderDeposit(doc, me, 'c1', { amountCents: 10_000, vatRateBp: 2000, orderNumber: '', orderKey: deposit.deposit!.orderKey }, '')).code).toBe('order_invoiced');
  });

  it('a second deposit on an order keeps its number, and the final invoice deducts both', async () => {
    const { doc, me } = setup();
    const first = await issueDocument(doc, me, requestOrderDeposit(doc, me, 'c1', { amountCents: 60_000, vatRateBp: 2000, orderNumber: 'BC-42' }, 'Acompte 1'), '2026-03-03');
    const key = first.deposit!.orderKey!;
    // 240,00 € TTC at 5,5 %: 227,49 HT + 12,51 VAT (227,49 × 5,5 % = 12,51195 → 12,51).
    const secondId = requestOrderDeposit(doc, me, 'c1', { amountCents: 24_000, vatRateBp: 550, orderNumber: 'ignored', orderKey: key }, 'Acompte 2');
    const second = await issueDocument(doc, me, secondId, '2026-03-10');
    expect(second).toMatchObject({ orderNumber: 'BC-42', deposit: { orderKey: key } });
    expect(second.frozen!.totals).toMatchObject({ htCents: 22_749, vatCents: 1251, ttcCents: 24_000 });
    // Not an order of this client, or not an order at all: refused.
    expect(thrown(() => requestOrderDeposit(doc, me, 'c2', { amountCents: 1000, vatRateBp: 2000, orderNumber: '', orderKey: key }, '')).code).toBe('not_an_order_deposit');
    expect(thrown(() => requestOrderDeposit(doc, me, 'c1', { amountCents: 1000, vatRateBp: 2000, orderNumber: '', orderKey: 'nope' }, '')).code).toBe('not_an_order_deposit');
    const finalId = createOrderFinalInvoice(doc, me, second.id);
    saveDraft(doc, me, finalId, { lines: [line('w', { unitPriceCents: 200_000 }), line('m', { unitPriceCents: 100_000, vatRateBp: 550 })] });
    const final = await issueDocument(doc, me, finalId, '2026-03-20');
    // The job: 2 000 HT at 20 % (400 VAT) + 1 000 HT at 5,5 % (55 VAT) = 3 455,00 TTC; less 600,00 and 240,00 = 2 615,00.
    expect(final.frozen!.deductions!.map((d) => d.invoiceId)).toEqual([first.id, second.id]);
    expect(final.frozen!.totals.ttcCents).toBe(261_500);
  });

  it('refuses to issue a deposit edited beyond what the quote has left', async () => {
    const { doc, me } = setup();
    const q = await quote(doc, me);
    const a = requestDeposit(doc, me, q.id, { kind: 'percent', bp: 5000 }, describeShare);
    const b = requestDeposit(doc, me, q.id, { kind: 'percent', bp: 5000 }, describeShare);
    await issueDocument(doc, me, a, '2026-03-03');
    // Deposit b doubled: 2 × 863,75 = 1 727,50 > the 863,75 left.
    saveDraft(doc, me, b, { lines: readRecord(doc, 'documents', b)!.lines.map((l) => ({ ...l, quantity: 2 })) });
    const refused = await rejected(issueDocument(doc, me, b, '2026-03-03'));
    expect(refused.code).toBe('deposit_exceeds_quote');
    expect(refused.details).toEqual(['86375']);
  });
});

describe('createCreditNote', () => {
  it('cancels the whole invoice once issued', async () => {
    const { doc, me } = setup();
    const invoice = await issued(doc, me, '2026-03-10');
    expect(balances(doc).get(invoice.id)).toBe(24_000);

    const id = createCreditNote(doc, me, invoice.id);
    expect(readRecord(doc, 'documents', id)).toMatchObject({ kind: 'credit', status: 'draft', clientId: 'c1', correctsInvoiceId: invoice.id, lines: invoice.lines });
    expect(balances(doc).get(invoice.id)).toBe(24_000); // a draft credit note takes nothing off

    me.at = '2026-03-15T09:00:00.000Z'; // five days later
    const credit = await issueDocument(doc, me, id, '2026-03-15');
    expect(credit.number).toBe('A-2026-A-0001');
    expect(credit.frozen).toMatchObject({ correctsInvoiceId: invoice.id, correctsInvoiceNumber: 'F-2026-A-0001', correctsInvoiceDate: '2026-03-10' });
    expect(credit.frozen!.totals.ttcCents).toBe(24_000);

    const account = accounts(doc).get(invoice.id)!;
    expect([account.paidCents, account.creditedCents]).toEqual([0, 24_000]);
    expect(balances(doc).get(invoice.id)).toBe(0);
    expect(documentStatus(readRecord(doc, 'documents', invoice.id)!, account, '2026-03-31')).toBe('cancelled');
    expect(readAll(doc, 'events').find((e) => e.documentId === id && e.kind === 'document_created')!.data).toEqual({ corrects: invoice.id });
  });

  it('takes off only the credited lines when partial', async () => {
    const { doc, me } = setup();
    const invoice = await issued(doc, me, '2026-03-10');
    const id = createCreditNote(doc, me, invoice.id, [{ ...invoice.lines[0], quantity: 0.5 }]);
    me.at = '2026-03-13T09:00:00.000Z';
    const credit = await issueDocument(doc, me, id, '2026-03-12');
    expect(credit.frozen!.totals.ttcCents).toBe(6000); // 0,5 × 100 € HT + 20 %
    expect(balances(doc).get(invoice.id)).toBe(18_000);

    const second = await issueDocument(doc, me, createCreditNote(doc, me, invoice.id, [invoice.lines[1]]), '2026-03-13');
    expect(second.number).toBe('A-2026-A-0002');
    expect(balances(doc).get(invoice.id)).toBe(6000);
    expect(accounts(doc).get(invoice.id)!.creditedCents).toBe(18_000);
  });

  it('refuses a credit note larger than what is left to credit, and writes nothing', async () => {
    const { doc, me } = setup();
    const invoice = await issued(doc, me, '2026-03-10'); // 240 € TTC
    me.at = '2026-03-12T09:00:00.000Z';
    await issueDocument(doc, me, createCreditNote(doc, me, invoice.id, [invoice.lines[0]]), '2026-03-11'); // 120 € credited
    // The whole invoice again: 240 € > 240 − 120 = 120 € left.
    const tooMuch = createCreditNote(doc, me, invoice.id);
    const updates = watch(doc);
    const error = await rejected(issueDocument(doc, me, tooMuch, '2026-03-12'));
    expect(error.code).toBe('credit_exceeds_invoice');
    expect(error.details).toEqual(['12000']);
    expect(updates).toEqual([]);
    expect(readRecord(doc, 'documents', tooMuch)!.status).toBe('draft');
    // Exactly what is left is fine.
    saveDraft(doc, me, tooMuch, { lines: [invoice.lines[1]] });
    expect((await issueDocument(doc, me, tooMuch, '2026-03-12')).frozen!.totals.ttcCents).toBe(12_000);
  });

  it('refuses a credit note whose total is not positive: it would raise what the client owes', async () => {
    const { doc, me } = setup();
    const invoice = await issued(doc, me, '2026-03-10'); // 240 € TTC
    // −100,00 € HT → −120,00 € TTC: issued, it would bring the balance to 360 €.
    const id = createCreditNote(doc, me, invoice.id, [{ ...invoice.lines[0], unitPriceCents: -10_000 }]);
    const updates = watch(doc);
    const error = await rejected(issueDocument(doc, me, id, '2026-03-10'));
    expect(error.code).toBe('credit_not_positive');
    expect(updates).toEqual([]);
    expect(balances(doc).get(invoice.id)).toBe(24_000);
    // A credit note of nothing is refused too.
    saveDraft(doc, me, id, { lines: [{ ...invoice.lines[0], unitPriceCents: 0 }] });
    expect((await rejected(issueDocument(doc, me, id, '2026-03-10'))).code).toBe('credit_not_positive');
    // In positive amounts it takes off: 100,00 € HT → 120,00 € TTC.
    saveDraft(doc, me, id, { lines: [invoice.lines[0]] });
    await issueDocument(doc, me, id, '2026-03-10');
    expect(balances(doc).get(invoice.id)).toBe(12_000);
  });

  it('needs an issued invoice', async () => {
    const { doc, me } = setup();
    const draft = createDocument(doc, me, 'invoice', 'c1');
    expect(thrown(() => createCreditNote(doc, me, draft)).code).toBe('not_issued');
    const quote = await issued(doc, me, '2026-03-10', { kind: 'quote' });
    expect(thrown(() => createCreditNote(doc, me, quote.id)).code).toBe('not_an_invoice');
  });
});

describe('the late-penalty rate an issued document freezes', () => {
  it('with the legal default: ECB + 10 points of the issue date’s half-year, not the rate frozen at the company’s creation', async () => {
    // A workspace created in 2025 H1: the company holds that day's 13,15 % and no choice, which
    // reads as the legal default (domain/terms.ts, penaltyRateKind).
    const { penaltyRateKind: _kind, ...legacy } = company({ penaltyRateBp: 1315 });
    const doc = seededDoc({ company: legacy });
    const me = actor('m-a', '2026-03-31T09:00:00.000Z');
    const invoice = await issued(doc, me, '2026-03-31');
    // 2026 H1: ECB 2,15 % + 10 points = 12,15 %
    expect(invoice.frozen!.seller).toMatchObject({ penaltyRateKind: 'legal', penaltyRateBp: 1215 });
  });

  it('a row entered for a new half-year is used by the next document', async () => {
    const { doc } = setup();
    const me = actor('m-a', '2026-08-03T09:00:00.000Z');
    // No 2026 H2 row yet: the latest known one, 2026 H1 (12,15 %).
    expect((await issued(doc, me, '2026-08-03')).frozen!.seller.penaltyRateBp).toBe(1215);
    savePenaltyRate(doc, me, { from: '2026-07-01', ecbRateBp: 190, legalRateProBp: 250, source: 'Banque de France / Légifrance, publié le 30/06/2026' });
    // 1,90 % + 10 points = 11,90 %
    expect((await issued(doc, me, '2026-08-03')).frozen!.seller.penaltyRateBp).toBe(1190);
    // A quote dated in 2026 H1 (its own series) takes that half-year's rate: 2,15 % + 10 = 12,15 %.
    expect((await issued(doc, me, '2026-06-30', { kind: 'quote' })).frozen!.seller.penaltyRateBp).toBe(1215);
  });

  it('a contractual rate is frozen as it is', async () => {
    const doc = seededDoc({ company: company({ penaltyRateKind: 'contractual', penaltyRateBp: 1500 }) });
    const invoice = await issued(doc, actor('m-a'), '2026-03-10');
    expect(invoice.frozen!.seller).toMatchObject({ penaltyRateKind: 'contractual', penaltyRateBp: 1500 });
  });
});

describe('payments', () => {
  async function twoInvoices() {
    const { doc, me } = setup();
    const i1 = await issued(doc, me, '2026-03-10'); // 240 €
    const i2 = await issued(doc, me, '2026-03-10', { lines: [line('l1')] }); // 120 €
    return { doc, me, i1: i1.id, i2: i2.id };
  }

  const payment = (amountCents: number, allocations: NewPayment['allocations']): NewPayment => ({
    clientId: 'c1',
    amountCents,
    date: '2026-03-20',
    method: 'transfer',
    reference: 'VIR 42',
    allocations
  });

  it('spreads one payment over several invoices; the rest is client credit', async () => {
    const { doc, me, i1, i2 } = await twoInvoices();
    const id = recordPayment(doc, me, payment(30_000, [{ invoiceId: i1, amountCents: 24_000 }, { invoiceId: i2, amountCents: 6000 }]), balances(doc));
    expect(readRecord(doc, 'payments', id)).toMatchObject({ amountCents: 30_000, memberId: 'm-a', createdAt: NOW });
    expect(balances(doc)).toEqual(new Map([[i1, 0], [i2, 6000]]));

    const extra = recordPayment(doc, me, payment(10_000, [{ invoiceId: i2, amountCents: 6000 }, { invoiceId: i1, amountCents: 0 }]), balances(doc));
    expect(readRecord(doc, 'payments', extra)!.allocations).toEqual([{ invoiceId: i2, amountCents: 6000 }]);
    expect(unallocatedCents(readRecord(doc, 'payments', extra)!)).toBe(4000);
    expect(balances(doc)).toEqual(new Map([[i1, 0], [i2, 0]]));
    expect(readAll(doc, 'events').filter((e) => e.kind === 'payment_recorded')).toMatchObject([
      { clientId: 'c1', documentId: i1, data: { amountCents: 30_000, method: 'transfer', date: '2026-03-20' } },
      { clientId: 'c1', documentId: i2, data: { amountCents: 10_000 } }
    ]);
  });

  it('refuses over-allocation, a share above a balance, and non-positive amounts, writing nothing', async () => {
    const { doc, me, i1, i2 } = await twoInvoices();
    const updates = watch(doc);
    const refuse = (p: NewPayment) => thrown(() => recordPayment(doc, me, p, balances(doc)));

    expect(refuse(payment(10_000, [{ invoiceId: i1, amountCents: 6000 }, { invoiceId: i2, amountCents: 6000 }]))).toMatchObject({
      code: 'invalid_payment',
      details: ['over_allocated']
    });
    expect(refuse(payment(20_000, [{ invoiceId: i2, amountCents: 12_001 }])).details).toEqual([`exceeds_balance:${i2}`]);
    expect(refuse(payment(1000, [{ invoiceId: 'nope', amountCents: 1000 }])).details).toEqual(['exceeds_balance:nope']);
    expect(refuse(payment(0, [])).details).toEqual(['non_positive_amount']);
    // A negative share is a typing mistake, not something to drop silently.
    expect(refuse(payment(5000, [{ invoiceId: i1, amountCents: 5000 }, { invoiceId: i2, amountCents: -1000 }])).details).toEqual([
      'non_positive_amount'
    ]);
    expect(updates).toEqual([]);
    expect(readAll(doc, 'payments')).toEqual([]);
  });

  it('deletePayment gives the balance back and logs it', async () => {
    const { doc, me, i1 } = await twoInvoices();
    const id = recordPayment(doc, me, payment(5000, [{ invoiceId: i1, amountCents: 5000 }]), balances(doc));
    expect(balances(doc).get(i1)).toBe(19_000);
    deletePayment(doc, me, id);
    expect(readRecord(doc, 'payments', id)).toBeNull();
    expect(balances(doc).get(i1)).toBe(24_000);
    expect(readAll(doc, 'events').at(-1)).toMatchObject({ kind: 'payment_deleted', clientId: 'c1', data: { amountCents: 5000, date: '2026-03-20' } });

    const updates = watch(doc);
    deletePayment(doc, me, id); // already gone: nothing to do
    expect(updates).toEqual([]);
  });
});

describe('activity log', () => {
  it('records one event per operation, with who, when and about what', async () => {
    const { doc, me } = setup();
    const quote = await issued(doc, me, '2026-03-10', { kind: 'quote' });
    setQuoteOutcome(doc, me, quote.id, 'refused');
    setQuoteOutcome(doc, me, quote.id, 'pending'); // back to pending: nothing happened to log
    const invoice = await issueDocument(doc, me, convertQuoteToInvoice(doc, me, quote.id), '2026-03-11');
    const invoiceId = invoice.id;
    markSent(doc, me, invoiceId, '2026-03-11', 'email');
    setDisputed(doc, me, invoiceId, true);
    const credit = await issueDocument(doc, me, createCreditNote(doc, me, invoiceId, [invoice.lines[0]]), '2026-03-12');
    const paymentId = recordPayment(
      doc,
      me,
      { clientId: 'c1', amountCents: 100, date: '2026-03-13', method: 'cash', reference: '', allocations: [{ invoiceId, amountCents: 100 }] },
      balances(doc)
    );
    deletePayment(doc, me, paymentId);

    expect(eventKinds(doc)).toEqual([
      'document_created',
      'document_issued',
      'quote_refused',
      'quote_accepted',
      'document_created',
      'document_issued',
      'document_sent',
      'document_disputed',
      'document_created',
      'document_issued',
      'payment_recorded',
      'payment_deleted'
    ]);
    for (const e of readAll(doc, 'events')) expect(e).toMatchObject({ memberId: 'm-a', at: NOW, clientId: 'c1' });
    expect(readAll(doc, 'events').find((e) => e.kind === 'document_sent')).toMatchObject({ documentId: invoiceId, text: 'F-2026-A-0001', data: { channel: 'email', date: '2026-03-11' } });
    expect(readRecord(doc, 'documents', invoiceId)).toMatchObject({ sentAt: '2026-03-11', sentChannel: 'email', disputed: true });
    expect(credit.number).toBe('A-2026-A-0001');
    // Facts about an issued document change without touching what was frozen.
    expect(await verifyDocuments(readAll(doc, 'documents'))).toEqual([]);
  });

  it('refuses follow-up actions on drafts and on the wrong kind', () => {
    const { doc, me } = setup();
    const draft = createDocument(doc, me, 'invoice', 'c1');
    expect(thrown(() => markSent(doc, me, draft, '2026-03-10', 'email')).code).toBe('not_issued');
    expect(thrown(() => setDisputed(doc, me, draft, true)).code).toBe('not_issued');
    expect(thrown(() => setQuoteOutcome(doc, me, 'missing', 'accepted')).code).toBe('unknown_document');
  });
});
