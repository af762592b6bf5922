// Progress invoices (situations de travaux), by hand. The quote of every test:
//   a « Maçonnerie »: 1 × 1 300,00 € − line discount 65,43 € = 1 234,57 € HT at 20 %
//   b « Isolation »:  2,5 × 333,33 € = 833,325 → 833,33 € HT at 5,5 %
//   lines HT 2 067,90 €; VAT 20 %: 246,914 → 246,91; VAT 5,5 %: 45,833 → 45,83; TTC 2 360,64 €.
import { describe, expect, it } from 'vitest';
import {
  RETENTION_MAX_BP,
  computeSituation,
  duplicateSituationNumbers,
  issuedSituations,
  retentionCents,
  retentionHeldCents,
  retentionReleaseDate,
  settleSituation,
  situationInvoiceFrom,
  situationRefusal,
  situationRows,
  type SituationRequest
} from './progress';
import { depositDeductions, depositInvoiceFrom, isFinalInvoice, jobState } from './deposits';
import { computeTotals } from './money';
import { freezeDocument } from './integrity';
import { newDocument, newLine } from './documents';
import { newClient, newCompany } from './company';
import type { Discount, DocumentRecord, Line } from './types';

const NOW = '2026-03-01T09:00:00.000Z';
const company = { ...newCompany('2026-01-01'), name: 'Maçonnerie Durand', siret: '73282932000074' };
const client = { ...newClient('c1', NOW), name: 'SCI Les Tilleuls' };
const ids = (id: string) => ({ id, memberId: 'm1', now: NOW });

const LINES: Line[] = [
  newLine('a', { description: 'Maçonnerie', quantity: 1, unitPriceCents: 130_000, discountCents: 6_543, vatRateBp: 2000 }),
  newLine('b', { description: 'Isolation', quantity: 2.5, unitPriceCents: 33_333, vatRateBp: 550 })
];

let seq = 0;
function issue(d: DocumentRecord, number: string, issueDate: string, deductions = depositDeductions(d, [])): DocumentRecord {
  const frozen = freezeDocument(d, { company, client, number, series: 'F-2026-A', seq: ++seq, issueDate, dueDate: issueDate, prevHash: '', correctedInvoice: null, deductions });
  return { ...d, id: `${d.id}-issued`, status: 'issued', number, issueDate, frozen, dueDate: issueDate };
}

function quoteWith(discount: Discount = { kind: 'none' }): DocumentRecord {
  const draft = { ...newDocument('quote', { ...ids('q1'), clientId: 'c1', terms: { kind: 'net', days: 30 } }), lines: LINES, discount };
  return { ...issue(draft, 'D-2026-A-0001', '2026-02-01'), id: 'q1' };
}

const at = (a: number, b: number, retentionBp = 0, final = false): SituationRequest => ({ cumulative: { a, b }, retentionBp, final });

/** Makes the draft of a situation, then issues it as the store does (settled against the issued ones). */
function situation(quote: DocumentRecord, request: SituationRequest, documents: DocumentRecord[], id: string, number: string, date: string): DocumentRecord {
  const draft = situationInvoiceFrom(quote, request, documents, ids(id), { kind: 'net', days: 30 });
  const settled = settleSituation(draft, quote, [...documents, draft]);
  const ready = { ...draft, ...settled };
  return issue(ready, number, date, depositDeductions(ready, [...documents, draft]));
}

describe('a quote billed at 30 %, 70 %, then 100 %', () => {
  const quote = quoteWith();
  const s1 = situation(quote, at(3000, 3000, 500), [quote], 's1', 'F-2026-A-0002', '2026-03-01');
  const s2 = situation(quote, at(7000, 7000, 500), [quote, s1], 's2', 'F-2026-A-0003', '2026-04-01');
  const s3 = situation(quote, at(10_000, 10_000, 500, true), [quote, s1, s2], 's3', 'F-2026-A-0004', '2026-05-01');

  it('the quote is what the header says', () => {
    expect(quote.frozen!.totals).toMatchObject({ linesHtCents: 206_790, htCents: 206_790, vatCents: 24_691 + 4_583, ttcCents: 236_064 });
  });

  it('situation 1 at 30 %: a 370,371 → 370,37; b 249,999 → 250,00', () => {
    const p = s1.frozen!.progress!;
    expect(p.situation).toBe(1);
    expect(p.lines.map((l) => [l.quoteHtCents, l.previousBp, l.cumulativeBp, l.cumulativeHtCents, l.previousHtCents, l.thisHtCents])).toEqual([
      [123_457, 0, 3000, 37_037, 0, 37_037],
      [83_333, 0, 3000, 25_000, 0, 25_000]
    ]);
    // HT 620,37; VAT 20 % 74,074 → 74,07, 5,5 % 13,75; TTC 708,19 €.
    expect(s1.frozen!.totals).toMatchObject({ htCents: 62_037, vatCents: 7_407 + 1_375, ttcCents: 70_819 });
    // Retention 5 % of 708,19 = 35,4095 → 35,41 €.
    expect(p.retention).toEqual({ rateBp: 500, cents: 3_541 });
  });

  it('situation 2 at 70 %: cumulative less what situation 1 froze', () => {
    const p = s2.frozen!.progress!;
    expect(p.situation).toBe(2);
    // a: 1 234,57 × 70 % = 864,199 → 864,20, less 370,37 = 493,83; b: 583,331 → 583,33, less 250,00 = 333,33.
    expect(p.lines.map((l) => [l.previousBp, l.cumulativeHtCents, l.previousHtCents, l.thisHtCents])).toEqual([
      [3000, 86_420, 37_037, 49_383],
      [3000, 58_333, 25_000, 33_333]
    ]);
    // HT 827,16; VAT 20 % 98,766 → 98,77, 5,5 % 18,33315 → 18,33; TTC 944,26; retention 47,213 → 47,21.
    expect(s2.frozen!.totals).toMatchObject({ htCents: 82_716, vatCents: 9_877 + 1_833, ttcCents: 94_426 });
    expect(p.retention!.cents).toBe(4_721);
  });

  it('the décompte at 100 % takes the rest: the three add up to the quote to the cent', () => {
    const p = s3.frozen!.progress!;
    expect(p.final).toBe(true);
    expect(p.lines.map((l) => l.thisHtCents)).toEqual([123_457 - 86_420, 83_333 - 58_333]);
    const all = [s1, s2, s3].map((s) => s.frozen!.totals);
    // 620,37 + 827,16 + 620,37 = 2 067,90 HT; 708,19 + 944,26 + 708,19 = 2 360,64 TTC.
    expect(all.reduce((s, t) => s + t.htCents, 0)).toBe(206_790);
    expect(all.reduce((s, t) => s + t.ttcCents, 0)).toBe(236_064);
    expect(s3.frozen!.totals.ttcCents).toBe(70_819);
    // The recap: the quote, situations 1 and 2; retention held 35,41 + 47,21 + 35,41 = 118,03 €.
    expect(p.recap).toEqual({
      quoteHtCents: 206_790,
      quoteTtcCents: 236_064,
      situations: [
        { invoiceId: 's1-issued', number: 'F-2026-A-0002', situation: 1, issueDate: '2026-03-01', htCents: 62_037, ttcCents: 70_819, retentionCents: 3_541 },
        { invoiceId: 's2-issued', number: 'F-2026-A-0003', situation: 2, issueDate: '2026-04-01', htCents: 82_716, ttcCents: 94_426, retentionCents: 4_721 }
      ]
    });
    expect(retentionHeldCents(p)).toBe(11_803);
  });

  it('the quote page shows each situation’s progress and what is paid', () => {
    const rows = situationRows(quote, [quote, s1, s2, s3], (id) => (id === 's1-issued' ? 67_278 : 0));
    // Σ cumulative HT / lines HT: 620,37 / 2 067,90 = 30,00 %; 1 447,53 / 2 067,90 = 70,00 %.
    expect(rows.map((r) => [r.situation, r.progressBp, r.ttcCents, r.paidCents, r.retentionCents, r.final])).toEqual([
      [1, 3000, 70_819, 67_278, 3_541, false],
      [2, 7000, 94_426, 0, 4_721, false],
      [3, 10_000, 70_819, 0, 3_541, true]
    ]);
    expect(jobState(quote, [quote, s1, s2, s3], () => null).stage).toBe('invoiced');
  });

  it('after the décompte no situation can be made', () => {
    expect(situationRefusal(quote, at(10_000, 10_000), [quote, s1, s2, s3])).toEqual({ code: 'progress_closed' });
  });
});

describe('a quote discount', () => {
  it('in euros is taken off in proportion to the progress', () => {
    // Quote discount 100,00 € on 2 067,90 € HT.
    const quote = quoteWith({ kind: 'amount', cents: 10_000 });
    const s1 = situation(quote, at(3000, 3000, 500), [quote], 's1', 'F-2026-A-0002', '2026-03-01');
    // Situation 1: round(100,00 × 620,37 / 2 067,90) = 30,00 € off. Split over the rates
    // 370,37 : 250,00 (largest remainder): 17,9104 → 17,91 and 12,0896 → 12,09.
    // Bases 352,46 € → VAT 70,492 → 70,49; 237,91 € → VAT 13,08505 → 13,09. HT 590,37, TTC 673,95.
    expect(s1.frozen!.discount).toEqual({ kind: 'amount', cents: 3_000 });
    expect(s1.frozen!.totals).toMatchObject({ htCents: 59_037, vatCents: 7_049 + 1_309, ttcCents: 67_395 });
    // Retention 5 % of 673,95 = 33,6975 → 33,70 €.
    expect(s1.frozen!.progress!.retention!.cents).toBe(3_370);
    // Situation 2 at 100 %: 100,00 − 30,00 = 70,00 € off; HT 1 447,53 − 70,00 = 1 377,53. Split
    // 864,20 : 583,33 → 41,7912 → 41,79 and 28,2088 → 28,21; bases 822,41 → VAT 164,482 → 164,48,
    // 555,12 → VAT 30,5316 → 30,53; TTC 1 377,53 + 164,48 + 30,53 = 1 572,54; retention 78,627 → 78,63.
    const s2 = situation(quote, at(10_000, 10_000, 500), [quote, s1], 's2', 'F-2026-A-0003', '2026-04-01');
    expect(s2.frozen!.discount).toEqual({ kind: 'amount', cents: 7_000 });
    expect(s2.frozen!.totals).toMatchObject({ htCents: 137_753, vatCents: 16_448 + 3_053, ttcCents: 157_254 });
    expect(s2.frozen!.progress!.retention!.cents).toBe(7_863);
    // Both add up to the quote's HT after its discount: 590,37 + 1 377,53 = 1 967,90 €.
    expect(s1.frozen!.totals.htCents + s2.frozen!.totals.htCents).toBe(quote.frozen!.totals.htCents);
  });

  it('in percent is the same percent on every situation', () => {
    const quote = quoteWith({ kind: 'percent', bp: 1000 });
    const { discount } = computeSituation(quote, at(3000, 3000), []);
    expect(discount).toEqual({ kind: 'percent', bp: 1000 });
  });
});

describe('retenue de garantie', () => {
  it('is round-half-up of the TTC × rate', () => {
    expect(retentionCents(70_819, 500)).toBe(3_541); // 3 540,95
    expect(retentionCents(10_010, 250)).toBe(250); // 250,25 → 250
    expect(retentionCents(10_030, 250)).toBe(251); // 250,75 → 251
    expect(retentionCents(70_819, 0)).toBe(0);
  });

  it('is released one year after the reception (29 February → 28 February)', () => {
    expect(retentionReleaseDate('2026-06-15')).toBe('2027-06-15');
    expect(retentionReleaseDate('2028-02-29')).toBe('2029-02-28');
  });
});

describe('a décompte définitif with a deposit', () => {
  it('deducts the deposit and recalls the situations', () => {
    const quote = quoteWith();
    // A 30 % deposit: 620,37 € HT split 20 % : 5,5 % by the bases 1 234,57 : 833,33 →
    // 5,5 %: 833,33 × 620,37 / 2 067,90 = 249,999 → 250,00; 20 %: the rest 370,37.
    // VAT 74,074 → 74,07 and 13,75: TTC 708,19 €.
    const depositDraft = depositInvoiceFrom(quote, { kind: 'percent', bp: 3000 }, { ...ids('d1'), lineIds: (() => { let n = 0; return () => `l${++n}`; })() }, () => 'Acompte');
    const deposit = issue(depositDraft, 'F-2026-A-0002', '2026-02-10');
    expect(deposit.frozen!.totals.ttcCents).toBe(70_819);
    const s1 = situation(quote, at(5000, 5000), [quote, deposit], 's1', 'F-2026-A-0003', '2026-03-01');
    // Situation 1 at 50 %: a 617,285 → 617,29, b 416,665 → 416,67; HT 1 033,96; no deposit taken off.
    expect(s1.frozen!.deductions).toBeUndefined();
    expect(s1.frozen!.totals.htCents).toBe(103_396);
    expect(isFinalInvoice(s1)).toBe(false);
    const s2 = situation(quote, at(10_000, 10_000, 0, true), [quote, deposit, s1], 's2', 'F-2026-A-0004', '2026-04-01');
    // The décompte: 1 234,57 − 617,29 = 617,28 and 833,33 − 416,67 = 416,66 → HT 1 033,94;
    // VAT 123,456 → 123,46 and 22,9163 → 22,92: 1 180,32 TTC before the deposit; the deposit
    // (370,37 + 74,07 at 20 %, 250,00 + 13,75 at 5,5 %) off: HT 1 033,94 − 620,37 = 413,57,
    // VAT 146,38 − 87,82 = 58,56, TTC 472,13 €.
    expect(s2.frozen!.deductions!.map((d) => [d.number, d.htCents, d.ttcCents])).toEqual([['F-2026-A-0002', 62_037, 70_819]]);
    expect(s2.frozen!.totals).toMatchObject({ htCents: 41_357, vatCents: 5_856, ttcCents: 47_213, beforeDeposits: { htCents: 103_394, ttcCents: 118_032 } });
    expect(s2.frozen!.progress!.recap!.situations.map((s) => [s.situation, s.htCents])).toEqual([[1, 103_396]]);
    // Situations and deposit together: 1 033,96 + 1 033,94 = 2 067,90 HT, the quote.
    expect(s1.frozen!.totals.htCents + s2.frozen!.totals.beforeDeposits!.htCents).toBe(206_790);
  });
});

describe('invalid requests', () => {
  const quote = quoteWith();
  it('refuses a retention above 5 %', () => {
    expect(RETENTION_MAX_BP).toBe(500);
    expect(situationRefusal(quote, at(3000, 3000, 600), [quote])).toEqual({ code: 'retention_too_high' });
    expect(situationRefusal(quote, at(3000, 3000, 500), [quote])).toBeNull();
  });

  it('refuses a percentage going down, or beyond 0–100 %', () => {
    const s1 = situation(quote, at(3000, 5000), [quote], 's1', 'F-2026-A-0002', '2026-03-01');
    expect(situationRefusal(quote, at(7000, 4000), [quote, s1])).toEqual({ code: 'progress_goes_down', line: 'Isolation', previousBp: 5000 });
    expect(situationRefusal(quote, at(10_001, 5000), [quote, s1])).toEqual({ code: 'progress_invalid', line: 'Maçonnerie' });
    expect(() => computeSituation(quote, at(7000, 4000), [s1])).toThrow(RangeError);
  });

  it('refuses a situation on a quote a final invoice already billed', () => {
    const finalDraft = { ...newDocument('invoice', { ...ids('f1'), clientId: 'c1', terms: { kind: 'net', days: 30 } }), lines: LINES, sourceQuoteId: 'q1' };
    const final = issue(finalDraft, 'F-2026-A-0002', '2026-03-01');
    expect(situationRefusal(quote, at(3000, 3000), [quote, final])).toEqual({ code: 'progress_quote_invoiced' });
  });
});

describe('two devices offline', () => {
  it('both issue situation n° 2: both stand, the number shows twice, the next reads both', () => {
    const quote = quoteWith();
    const s1 = situation(quote, at(3000, 3000), [quote], 's1', 'F-2026-A-0002', '2026-03-01');
    // Device A and device B each make n° 2 at 70 % from what they saw: situation 1 only.
    const a = situation(quote, at(7000, 7000), [quote, s1], 'sa', 'F-2026-A-0003', '2026-04-01');
    const b = situation(quote, at(7000, 7000), [quote, s1], 'sb', 'F-2026-B-0001', '2026-04-01');
    const all = [quote, s1, a, b];
    expect([a, b].map((s) => s.frozen!.progress!.situation)).toEqual([2, 2]);
    expect(issuedSituations(quote, all)).toHaveLength(3);
    expect(duplicateSituationNumbers(quote, all)).toEqual([2]);
    // The décompte reads both: a has billed 370,37 + 493,83 + 493,83 = 1 358,03 > 1 234,57, so
    // its last share is negative (−123,46), the overbilling given back; the job adds up again.
    const next = computeSituation(quote, at(10_000, 10_000, 0, true), issuedSituations(quote, all));
    expect(next.progress.situation).toBe(3);
    expect(next.lines.map((l) => l.unitPriceCents)).toEqual([123_457 - 37_037 - 2 * 49_383, 83_333 - 25_000 - 2 * 33_333]);
  });
});

describe('totals', () => {
  it('a situation’s VAT is computeTotals on its own lines', () => {
    const quote = quoteWith();
    const { lines, discount } = computeSituation(quote, at(3000, 3000), []);
    expect(computeTotals(lines, discount, 'normal').ttcCents).toBe(70_819);
  });
});
