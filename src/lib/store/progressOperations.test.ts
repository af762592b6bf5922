// Situations de travaux on a real workspace Y.Doc: made from an issued quote, settled again at
// issue, the décompte définitif through « Facture de solde », the reception date on the quote,
// and two devices that each issue situation n° 2 offline.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentRecord } from '$lib/domain/types';
import { accountsOfRecords, plainContext, RETENTION_PENDING_DUE } from '$lib/domain/receivables';
import { duplicateSituationNumbers, issuedSituations, situationRows } from '$lib/domain/progress';
import { readAll, readRecord } from './doc';
import { StoreError, convertQuoteToInvoice, createDocument, issueDocument, saveDraft } from './operations';
import { requestSituation, setReceptionDate } from './progressOperations';
import { actor, exchange, joinDevice, line, member, seededDoc, SYNC_ORDERS } from './fixtures';
import { putRecord } from './doc';

const NOW = '2026-04-01T09:00:00.000Z';

/**
 * A quote of two lines: 1 000,00 € HT at 20 % and 500,00 € HT at 10 %. At 30 % a situation is
 * 300,00 + 150,00 = 450,00 € HT, VAT 60,00 + 15,00: 525,00 € TTC; a 5 % retention 26,25 €.
 */
async function issuedQuote(doc: Y.Doc, me: ReturnType<typeof actor>): Promise<DocumentRecord> {
  const id = createDocument(doc, me, 'quote', 'c1');
  saveDraft(doc, me, id, { lines: [line('a', { unitPriceCents: 100_000 }), line('b', { unitPriceCents: 50_000, vatRateBp: 1000 })] });
  return issueDocument(doc, me, id, '2026-03-01');
}

const at = (a: number, b: number, retentionBp = 500) => ({ cumulative: { a, b }, retentionBp, final: false });

describe('a situation on a workspace', () => {
  it('is an invoice of the normal series, its progress and retention frozen at issue', async () => {
    const doc = seededDoc();
    const me = actor('m-a', NOW);
    const quote = await issuedQuote(doc, me);
    const draftId = requestSituation(doc, me, quote.id, at(3000, 3000));
    expect(readRecord(doc, 'documents', quote.id)!.quoteOutcome).toBe('accepted');
    const s1 = await issueDocument(doc, me, draftId, '2026-03-15');
    expect(s1.number).toBe('F-2026-A-0001');
    expect(s1.sourceQuoteId).toBe(quote.id);
    expect(s1.frozen!.totals).toMatchObject({ htCents: 45_000, vatCents: 7_500, ttcCents: 52_500 });
    expect(s1.frozen!.progress).toMatchObject({ situation: 1, retention: { rateBp: 500, cents: 2_625 } });
    expect(s1.frozen!.earlyDiscount).toBeUndefined();

    // The retention is not due before the reception date; after it, a year later.
    const account = () => accountsOfRecords(readAll(doc, 'documents'), [], 'normal', () => plainContext('2027-06-01', 'company')).get(s1.id)!;
    expect(account().receivables.map((r) => [r.key, r.amountCents, r.dueDate])).toEqual([
      [s1.id, 49_875, '2026-04-14'],
      [`${s1.id}#retention`, 2_625, RETENTION_PENDING_DUE]
    ]);
    setReceptionDate(doc, me, quote.id, '2026-03-31', '2026-04-01');
    expect(account().receivables[1]).toMatchObject({ dueDate: '2027-03-31', daysLate: 62 });
    expect(() => setReceptionDate(doc, me, quote.id, '2026-04-02', '2026-04-01')).toThrow(StoreError);
  });

  it('« Facture de solde » of a quote with situations is the décompte définitif; after it, nothing more', async () => {
    const doc = seededDoc();
    const me = actor('m-a', NOW);
    const quote = await issuedQuote(doc, me);
    await issueDocument(doc, me, requestSituation(doc, me, quote.id, at(3000, 3000)), '2026-03-15');
    const finalId = convertQuoteToInvoice(doc, me, quote.id);
    const draft = readRecord(doc, 'documents', finalId)!;
    expect(draft.progress).toMatchObject({ final: true, situation: 2, retention: { rateBp: 500 } });
    const final = await issueDocument(doc, me, finalId, '2026-03-31');
    // 70 % left: 700,00 + 350,00 HT, VAT 140,00 + 35,00 = 1 225,00 TTC; retention 61,25 €.
    expect(final.frozen!.totals.ttcCents).toBe(122_500);
    expect(final.frozen!.progress!.recap!.situations.map((s) => [s.situation, s.ttcCents, s.retentionCents])).toEqual([[1, 52_500, 2_625]]);
    expect(() => requestSituation(doc, me, quote.id, at(10_000, 10_000))).toThrow(expect.objectContaining({ code: 'progress_closed' }));
    expect(() => convertQuoteToInvoice(doc, me, quote.id)).toThrow(expect.objectContaining({ code: 'progress_closed' }));
  });

  it('a final invoice drafted before the first situation cannot be issued after it', async () => {
    const doc = seededDoc();
    const me = actor('m-a', NOW);
    const quote = await issuedQuote(doc, me);
    const finalId = convertQuoteToInvoice(doc, me, quote.id);
    await issueDocument(doc, me, requestSituation(doc, me, quote.id, at(3000, 3000)), '2026-03-15');
    await expect(issueDocument(doc, me, finalId, '2026-03-31')).rejects.toMatchObject({ code: 'progress_final_is_statement' });
  });

  it('refuses a retention above 5 % and a percentage going down', async () => {
    const doc = seededDoc();
    const me = actor('m-a', NOW);
    const quote = await issuedQuote(doc, me);
    expect(() => requestSituation(doc, me, quote.id, at(3000, 3000, 600))).toThrow(expect.objectContaining({ code: 'retention_too_high' }));
    await issueDocument(doc, me, requestSituation(doc, me, quote.id, at(3000, 5000)), '2026-03-15');
    expect(() => requestSituation(doc, me, quote.id, at(4000, 4000))).toThrow(expect.objectContaining({ code: 'progress_goes_down', details: ['Prestation b', '5000'] }));
  });
});

describe('two devices offline each issue situation n° 2', () => {
  for (const order of SYNC_ORDERS) {
    it(`both stand, the number shows twice, the next one reads both (${order})`, async () => {
      const a = seededDoc();
      const meA = actor('m-a', NOW);
      const quote = await issuedQuote(a, meA);
      await issueDocument(a, meA, requestSituation(a, meA, quote.id, at(3000, 3000)), '2026-03-15');
      const b = joinDevice(a);
      putRecord(b, 'members', member('m-b', 'B'));
      const meB = actor('m-b', NOW);
      // Offline: A at 60 %, B at 70 %, each from situation 1 only; A also enters the reception date.
      const sA = await issueDocument(a, meA, requestSituation(a, meA, quote.id, at(6000, 6000)), '2026-03-31');
      const sB = await issueDocument(b, meB, requestSituation(b, meB, quote.id, at(7000, 7000)), '2026-03-31');
      setReceptionDate(a, meA, quote.id, '2026-03-30', '2026-04-01');
      exchange(a, b, order);
      for (const doc of [a, b]) {
        const all = readAll(doc, 'documents');
        expect(issuedSituations(readRecord(doc, 'documents', quote.id)!, all).map((d) => d.number).sort()).toEqual(['F-2026-A-0001', sA.number, sB.number].sort());
        expect(duplicateSituationNumbers(quote, all)).toEqual([2]);
        expect(readRecord(doc, 'documents', quote.id)!.receptionDate).toBe('2026-03-30');
        expect(situationRows(quote, all, () => 0).map((r) => r.situation)).toEqual([1, 2, 2]);
      }
      // The next situation reads both: 100 % of line a = 1 000,00 less 300 + 300 + 400 already billed = 0.
      const next = await issueDocument(a, meA, requestSituation(a, meA, quote.id, { cumulative: { a: 10_000, b: 10_000 }, retentionBp: 0, final: true }), '2026-04-01');
      expect(next.frozen!.progress!.situation).toBe(3);
      expect(next.frozen!.progress!.lines.map((l) => l.thisHtCents)).toEqual([0, 0]);
    });
  }
});


