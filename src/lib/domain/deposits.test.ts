import { describe, expect, it } from 'vitest';
import {
  askedDepositsCents,
  deductDeposits,
  depositDeductions,
  depositInvoiceFrom,
  depositRefusal,
  depositShares,
  depositTtc,
  invoiceTotals,
  jobState,
  orderDepositInvoice,
  orderFinalInvoice,
  orderState,
  type InvoiceBalance
} from './deposits';
import { creditNoteFrom, invoiceFromQuote, newDocument, newLine } from './documents';
import { computeTotals } from './money';
import { freezeDocument } from './integrity';
import { newClient, newCompany } from './company';
import type { DepositDeduction, DocumentRecord, Line } from './types';

const NOW = '2026-03-01T09:00:00.000Z';
const company = { ...newCompany('2026-01-01'), name: 'Atelier Dupont', siret: '73282932000074' };
const client = { ...newClient('c1', NOW), name: 'Boulangerie Martin' };
const ids = (id: string) => ({ id, memberId: 'm1', now: NOW });

/** 1 000,00 € HT at 20 % and 500,00 € HT at 5,5 %: HT 1 500,00, VAT 200,00 + 27,50, TTC 1 727,50 €. */
const TWO_RATES: Line[] = [
  newLine('a', { description: 'Menuiserie', unitPriceCents: 100_000, vatRateBp: 2000 }),
  newLine('b', { description: 'Isolation', unitPriceCents: 50_000, vatRateBp: 550 })
];
const twoRates = computeTotals(TWO_RATES, { kind: 'none' }, 'normal');

let seq = 0;
function issue(d: DocumentRecord, number: string, issueDate: string): DocumentRecord {
  const frozen = freezeDocument(d, { company, client, number, series: 'F-2026-A', seq: ++seq, issueDate, dueDate: issueDate, prevHash: '', correctedInvoice: null });
  return { ...d, status: 'issued', number, issueDate, frozen };
}

function quoteWith(lines: Line[]): DocumentRecord {
  return issue({ ...newDocument('quote', { ...ids('q1'), clientId: 'c1', terms: { kind: 'net', days: 30 } }), lines }, 'D-2026-A-0001', '2026-03-01');
}

let lineSeq = 0;
const describeShare = (s: { rateBp: number }) => `Acompte (TVA ${s.rateBp / 100} %)`;
function deposit(quote: DocumentRecord, request: Parameters<typeof depositInvoiceFrom>[1], id: string, number: string, date: string): DocumentRecord {
  return issue(depositInvoiceFrom(quote, request, { ...ids(id), lineIds: () => `l${++lineSeq}` }, describeShare), number, date);
}

describe('depositShares: a percentage of the quote, split per VAT rate', () => {
  it('30 % of 1 000 € at 20 % + 500 € at 5,5 %: 300 € and 150 € HT', () => {
    // HT 1 500,00 × 30 % = 450,00; 5,5 %: 450 × 500/1 500 = 150,00; 20 % (largest base) takes the rest, 300,00.
    expect(depositShares(twoRates, { kind: 'percent', bp: 3000 })).toEqual([
      { rateBp: 2000, htCents: 30_000 },
      { rateBp: 550, htCents: 15_000 }
    ]);
    // VAT per rate as on any invoice: 60,00 + 8,25; TTC 450 + 68,25 = 518,25 (exactly 30 % of 1 727,50).
    expect(depositTtc(depositShares(twoRates, { kind: 'percent', bp: 3000 }), 'normal')).toBe(51_825);
  });

  it('the largest base takes the rounding remainder (ties: the higher rate)', () => {
    // Three rates at 100,01 € each: HT 300,03; 50 % = 150,015 → 150,02 (15 002 cents).
    // 10 % and 5,5 %: 15 002 × 10 001 / 30 003 = 5 000,67 → 5 001 each. 20 %, the higher of
    // three equal bases, takes 15 002 − 10 002 = 5 000 (its own rounding would have been 5 001).
    const three = computeTotals(
      [2000, 1000, 550].map((rate, i) => newLine(`l${i}`, { unitPriceCents: 10_001, vatRateBp: rate })),
      { kind: 'none' },
      'normal'
    );
    const shares = depositShares(three, { kind: 'percent', bp: 5000 });
    expect(shares).toEqual([
      { rateBp: 2000, htCents: 5_000 },
      { rateBp: 1000, htCents: 5_001 },
      { rateBp: 550, htCents: 5_001 }
    ]);
    // VAT: 20 % of 50,00 = 10,00; 10 % of 50,01 = 5,001 → 5,00; 5,5 % of 50,01 = 2,75055 → 2,75.
    // TTC = 150,02 + 17,75 = 167,77.
    expect(depositTtc(shares, 'normal')).toBe(16_777);
  });

  it('a quote with a document discount is split on its bases after the discount', () => {
    // 1 000 € at 20 % + 1 000 € at 10 %, 10 % off: bases 900 and 900. 20 % deposit: HT 1 800 × 20 % = 360;
    // 10 %: 360 × 900 / 1 800 = 180; 20 % (tie, higher rate) takes 180.
    const t = computeTotals([newLine('x', { unitPriceCents: 100_000, vatRateBp: 2000 }), newLine('y', { unitPriceCents: 100_000, vatRateBp: 1000 })], { kind: 'percent', bp: 1000 }, 'normal');
    expect(depositShares(t, { kind: 'percent', bp: 2000 })).toEqual([
      { rateBp: 2000, htCents: 18_000 },
      { rateBp: 1000, htCents: 18_000 }
    ]);
  });

  it('under the VAT franchise: one share, no VAT', () => {
    // HT 1 500 × 30 % = 450; TTC = HT.
    const franchise = computeTotals(TWO_RATES, { kind: 'none' }, 'franchise');
    expect(depositShares(franchise, { kind: 'percent', bp: 3000 })).toEqual([{ rateBp: 0, htCents: 45_000 }]);
    expect(depositShares(franchise, { kind: 'amount', cents: 12_345 })).toEqual([{ rateBp: 0, htCents: 12_345 }]);
    expect(depositTtc([{ rateBp: 0, htCents: 45_000 }], 'franchise')).toBe(45_000);
  });
});

describe('depositShares: an amount TTC met to the cent', () => {
  it('1 000 € on the two-rate quote: exact with no adjustment', () => {
    // HT = 1 000 × 1 500 / 1 727,50 = 868,3068 → 868,31. 5,5 %: 868,31 × 500/1 500 = 289,4367 → 289,44;
    // 20 %: 868,31 − 289,44 = 578,87. VAT 115,774 → 115,77 and 15,9192 → 15,92. TTC = 868,31 + 131,69 = 1 000,00.
    expect(depositShares(twoRates, { kind: 'amount', cents: 100_000 })).toEqual([
      { rateBp: 2000, htCents: 57_887 },
      { rateBp: 550, htCents: 28_944 }
    ]);
  });

  it('100,06 €: the remainder rate alone misses it, the other rate moves a cent', () => {
    // HT = 100,06 × 1 500 / 1 727,50 = 86,8828 → 86,88: 5,5 % 28,96; 20 % 57,92.
    // TTC = 57,92 + 11,58 (11,584) + 28,96 + 1,59 (1,5928) = 100,05: a cent short.
    // 20 % ± 1 cent: 57,91 + 11,58 = 69,49 → 100,04; 57,93 + 11,59 = 69,52 → 100,07: missed.
    // 5,5 % + 1 cent: 28,97 + 1,59 (1,59335) = 30,56 → 57,92 + 11,58 + 30,56 = 100,06. Exact.
    const shares = depositShares(twoRates, { kind: 'amount', cents: 10_006 });
    expect(shares).toEqual([
      { rateBp: 2000, htCents: 5_792 },
      { rateBp: 550, htCents: 2_897 }
    ]);
    expect(depositTtc(shares, 'normal')).toBe(10_006);
  });

  it('100,05 € at a single 20 % rate cannot be met: the nearest below', () => {
    // HT 83,375 → 83,38 + VAT 16,676 → 16,68 = 100,06; 83,37 + 16,674 → 16,67 = 100,04: 100,05 is skipped.
    const single = computeTotals([newLine('a', { unitPriceCents: 100_000 })], { kind: 'none' }, 'normal');
    const shares = depositShares(single, { kind: 'amount', cents: 10_005 });
    expect(shares).toEqual([{ rateBp: 2000, htCents: 8_337 }]);
    expect(depositTtc(shares, 'normal')).toBe(10_004);
  });
});

describe('invalid requests', () => {
  it('refuses 0 %, more than 100 %, a non-positive amount and an empty quote', () => {
    expect(depositRefusal(twoRates, { kind: 'percent', bp: 0 }, 0, 'normal')).toEqual({ code: 'deposit_invalid' });
    expect(depositRefusal(twoRates, { kind: 'percent', bp: 10_001 }, 0, 'normal')).toEqual({ code: 'deposit_invalid' });
    expect(depositRefusal(twoRates, { kind: 'amount', cents: 0 }, 0, 'normal')).toEqual({ code: 'deposit_invalid' });
    expect(depositRefusal(computeTotals([], { kind: 'none' }, 'normal'), { kind: 'percent', bp: 3000 }, 0, 'normal')).toEqual({ code: 'deposit_quote_empty' });
    expect(() => depositShares(twoRates, { kind: 'amount', cents: -1 })).toThrow(RangeError);
  });

  it('refuses deposits beyond the quote TTC, saying what is left', () => {
    // 1 727,50 − 1 500,00 already asked = 227,50 left; 30 % would be 518,25.
    expect(depositRefusal(twoRates, { kind: 'percent', bp: 3000 }, 150_000, 'normal')).toEqual({ code: 'deposit_exceeds_quote', leftCents: 22_750 });
    expect(depositRefusal(twoRates, { kind: 'amount', cents: 22_750 }, 150_000, 'normal')).toBeNull();
    expect(depositRefusal(twoRates, { kind: 'percent', bp: 10_000 }, 0, 'normal')).toBeNull();
  });
});

describe('depositInvoiceFrom', () => {
  it('makes a draft invoice due on receipt, one line per rate, referencing the quote', () => {
    const quote = quoteWith(TWO_RATES);
    const d = depositInvoiceFrom(quote, { kind: 'percent', bp: 3000 }, { ...ids('d1'), lineIds: () => 'x' }, describeShare);
    expect(d).toMatchObject({
      kind: 'invoice',
      status: 'draft',
      clientId: 'c1',
      terms: { kind: 'on_receipt' },
      sourceQuoteId: 'q1',
      deposit: { quoteId: 'q1', quoteNumber: 'D-2026-A-0001', quoteDate: '2026-03-01', request: { kind: 'percent', bp: 3000 }, quoteTtcCents: 172_750 }
    });
    expect(d.lines.map((l) => [l.description, l.quantity, l.unitPriceCents, l.vatRateBp])).toEqual([
      ['Acompte (TVA 20 %)', 1, 30_000, 2000],
      ['Acompte (TVA 5.5 %)', 1, 15_000, 550]
    ]);
    expect(() => depositInvoiceFrom({ ...quote, status: 'draft' }, { kind: 'percent', bp: 3000 }, { ...ids('d2'), lineIds: () => 'y' }, describeShare)).toThrow(RangeError);
  });
});

describe('the final invoice: deductions and totals', () => {
  const quote = quoteWith(TWO_RATES);
  // Deposit 1, 30 %: 20 % 300,00 + 60,00; 5,5 % 150,00 + 8,25; TTC 518,25.
  const d1 = deposit(quote, { kind: 'percent', bp: 3000 }, 'd1', 'F-2026-A-0001', '2026-03-02');
  // Deposit 2, 100,06 €: 20 % 57,92 + 11,58; 5,5 % 28,97 + 1,59; HT 86,89, VAT 13,17, TTC 100,06.
  const d2 = deposit(quote, { kind: 'amount', cents: 10_006 }, 'd2', 'F-2026-A-0002', '2026-03-10');
  const finalDraft = invoiceFromQuote(quote, ids('f1'));

  const D1: DepositDeduction = {
    invoiceId: 'd1',
    number: 'F-2026-A-0001',
    issueDate: '2026-03-02',
    htCents: 45_000,
    vat: [
      { rateBp: 2000, baseCents: 30_000, vatCents: 6_000 },
      { rateBp: 550, baseCents: 15_000, vatCents: 825 }
    ],
    vatCents: 6_825,
    ttcCents: 51_825
  };
  const D2: DepositDeduction = {
    invoiceId: 'd2',
    number: 'F-2026-A-0002',
    issueDate: '2026-03-10',
    htCents: 8_689,
    vat: [
      { rateBp: 2000, baseCents: 5_792, vatCents: 1_158 },
      { rateBp: 550, baseCents: 2_897, vatCents: 159 }
    ],
    vatCents: 1_317,
    ttcCents: 10_006
  };

  it('deducts each issued deposit of the quote, as printed, by date', () => {
    const draftDeposit = depositInvoiceFrom(quote, { kind: 'percent', bp: 1000 }, { ...ids('d3'), lineIds: () => 'z' }, describeShare);
    expect(depositDeductions(finalDraft, [d2, quote, d1, draftDeposit, finalDraft])).toEqual([D1, D2]);
    // Not a final invoice: nothing to deduct.
    expect(depositDeductions(d1, [d1, d2, quote])).toEqual([]);
  });

  it('two deposits at two rates: what remains, rate by rate, adds up to the job', () => {
    // Job: 20 % base 1 000,00 VAT 200,00; 5,5 % base 500,00 VAT 27,50; TTC 1 727,50.
    // 20 %: base 1 000 − 300 − 57,92 = 642,08; VAT 200 − 60 − 11,58 = 128,42.
    // 5,5 %: base 500 − 150 − 28,97 = 321,03; VAT 27,50 − 8,25 − 1,59 = 17,66.
    // HT 963,11; VAT 146,08; TTC 1 109,19 = 1 727,50 − 518,25 − 100,06.
    const totals = invoiceTotals(finalDraft, [quote, d1, d2, finalDraft], 'normal');
    expect(totals).toEqual({
      linesHtCents: 150_000,
      discountCents: 0,
      htCents: 96_311,
      vat: [
        { rateBp: 2000, baseCents: 64_208, vatCents: 12_842 },
        { rateBp: 550, baseCents: 32_103, vatCents: 1_766 }
      ],
      vatCents: 14_608,
      ttcCents: 110_919,
      beforeDeposits: { htCents: 150_000, vat: twoRates.vat, vatCents: 22_750, ttcCents: 172_750 }
    });
    expect(totals.ttcCents + D1.ttcCents + D2.ttcCents).toBe(twoRates.ttcCents);
  });

  it('a deposit credited in full is not deducted; one credited in part, less its credit note', () => {
    const fullCredit = issue(creditNoteFrom(d2, ids('c2')), 'A-2026-A-0001', '2026-03-11');
    // A credit note of 100,00 € HT at 20 % (+ 20,00 VAT) on deposit 1: 200,00 + 40,00 left at 20 %.
    const partial = issue(creditNoteFrom(d1, ids('c1'), [newLine('cl', { unitPriceCents: 10_000, vatRateBp: 2000 })]), 'A-2026-A-0002', '2026-03-12');
    expect(depositDeductions(finalDraft, [quote, d1, d2, fullCredit, partial])).toEqual([
      {
        ...D1,
        htCents: 35_000,
        vat: [
          { rateBp: 2000, baseCents: 20_000, vatCents: 4_000 },
          { rateBp: 550, baseCents: 15_000, vatCents: 825 }
        ],
        vatCents: 4_825,
        ttcCents: 39_825
      }
    ]);
  });

  it('never deducts a deposit twice: another issued final invoice already took it', () => {
    const first = issue({ ...finalDraft, id: 'f0' }, 'F-2026-A-0003', '2026-04-01');
    const firstWithDeductions = { ...first, frozen: { ...first.frozen!, deductions: [D1], totals: deductDeposits(first.frozen!.totals, [D1]) } };
    expect(depositDeductions(finalDraft, [quote, d1, d2, firstWithDeductions])).toEqual([D2]);
    // Once that final invoice is credited in full, its deposits can be deducted again.
    const cancel = issue(creditNoteFrom(firstWithDeductions, ids('cf')), 'A-2026-A-0003', '2026-04-02');
    expect(depositDeductions(finalDraft, [quote, d1, d2, firstWithDeductions, cancel])).toEqual([D1, D2]);
  });

  it('no deductions: the totals are the job itself', () => {
    expect(deductDeposits(twoRates, [])).toBe(twoRates);
  });

  it('counts what the quote already asks, drafts included, less credit notes', () => {
    const draft = depositInvoiceFrom(quote, { kind: 'percent', bp: 1000 }, { ...ids('d3'), lineIds: () => 'z' }, describeShare);
    // 518,25 + 100,06 + the 10 % draft (20 %: 100,00 + 20,00; 5,5 %: 50,00 + 2,75 → 172,75).
    expect(askedDepositsCents('q1', [quote, d1, d2, draft], 'normal')).toBe(51_825 + 10_006 + 17_275);
    const fullCredit = issue(creditNoteFrom(d2, ids('c2')), 'A-2026-A-0001', '2026-03-11');
    expect(askedDepositsCents('q1', [quote, d1, d2, fullCredit], 'normal', 'd1')).toBe(0);
  });
});

describe('jobState', () => {
  const quote = quoteWith(TWO_RATES);
  const d1 = deposit(quote, { kind: 'percent', bp: 3000 }, 'd1', 'F-2026-A-0001', '2026-03-02');
  const balances = (map: Record<string, InvoiceBalance>) => (id: string) => map[id] ?? null;

  it('quoted → deposit asked → deposit received → invoiced → paid', () => {
    expect(jobState(quote, [quote], balances({})).stage).toBe('quoted');
    // A draft deposit does not count.
    const draft = depositInvoiceFrom(quote, { kind: 'percent', bp: 1000 }, { ...ids('d3'), lineIds: () => 'z' }, describeShare);
    expect(jobState(quote, [quote, draft], balances({})).stage).toBe('quoted');
    expect(jobState(quote, [quote, d1], balances({ d1: { paidCents: 0, remainingCents: 51_825 } }))).toEqual({
      stage: 'deposit_asked',
      quotedCents: 172_750,
      depositsAskedCents: 51_825,
      depositsReceivedCents: 0,
      invoicedCents: 0,
      remainingCents: 51_825
    });
    const paid = { d1: { paidCents: 51_825, remainingCents: 0 } };
    expect(jobState(quote, [quote, d1], balances(paid)).stage).toBe('deposit_received');
    const final = issue(invoiceFromQuote(quote, ids('f1')), 'F-2026-A-0002', '2026-04-01');
    // 1 727,50 − 518,25 = 1 209,25 left on the final invoice.
    const finalFrozen = { ...final, frozen: { ...final.frozen!, totals: deductDeposits(final.frozen!.totals, [depositDeductions(final, [quote, d1])[0]]) } };
    const invoiced = jobState(quote, [quote, d1, finalFrozen], balances({ ...paid, f1: { paidCents: 0, remainingCents: 120_925 } }));
    expect(invoiced).toMatchObject({ stage: 'invoiced', invoicedCents: 120_925, depositsReceivedCents: 51_825, remainingCents: 120_925 });
    expect(jobState(quote, [quote, d1, finalFrozen], balances({ ...paid, f1: { paidCents: 120_925, remainingCents: 0 } })).stage).toBe('paid');
  });
});

describe('an order without a quote', () => {
  const order = { clientId: 'c1', orderNumber: 'BC-42', orderKey: 'k1', amountCents: 60_000, vatRateBp: 2000 };
  const lineIds = { lineId: 'l-o' };

  it('asks a deposit by amount TTC at one rate, due on receipt, named by the order', () => {
    // 600,00 € TTC at 20 %: HT 500,00 + VAT 100,00.
    const d = orderDepositInvoice(order, 'normal', { ...ids('o1'), ...lineIds }, 'Acompte sur commande BC-42');
    expect(d).toMatchObject({
      kind: 'invoice',
      clientId: 'c1',
      terms: { kind: 'on_receipt' },
      orderNumber: 'BC-42',
      sourceQuoteId: null,
      deposit: { quoteId: null, orderKey: 'k1', request: { kind: 'amount', cents: 60_000 } }
    });
    expect(d.lines).toMatchObject([{ description: 'Acompte sur commande BC-42', unitPriceCents: 50_000, vatRateBp: 2000 }]);
    // 100,05 € at 20 % is skipped by VAT rounding (100,04 or 100,06): the nearest below, 83,37 HT.
    expect(orderDepositInvoice({ ...order, amountCents: 10_005 }, 'normal', { ...ids('o2'), ...lineIds }, '').lines[0].unitPriceCents).toBe(8_337);
    // Under the franchise: HT = TTC, rate 0.
    expect(orderDepositInvoice(order, 'franchise', { ...ids('o3'), ...lineIds }, '').lines[0]).toMatchObject({ unitPriceCents: 60_000, vatRateBp: 0 });
  });

  it('its final invoice, made from a deposit, deducts the order’s deposits and no other', () => {
    const d1 = issue(orderDepositInvoice(order, 'normal', { ...ids('o1'), ...lineIds }, 'Acompte'), 'F-2026-A-0010', '2026-03-02');
    const other = issue(orderDepositInvoice({ ...order, orderKey: 'k2' }, 'normal', { ...ids('o9'), ...lineIds }, 'Acompte'), 'F-2026-A-0011', '2026-03-03');
    const final = { ...orderFinalInvoice(d1, ids('of'), { kind: 'net', days: 30 }), lines: [newLine('w', { unitPriceCents: 200_000 })] };
    expect(final).toMatchObject({ kind: 'invoice', clientId: 'c1', orderNumber: 'BC-42', jobOrderKey: 'k1', terms: { kind: 'net', days: 30 } });
    // Job 2 000,00 HT + 400,00 VAT = 2 400,00; less 500,00 + 100,00 → 1 500,00 + 300,00 = 1 800,00.
    const totals = invoiceTotals(final, [d1, other, final], 'normal');
    expect(totals).toMatchObject({ htCents: 150_000, vatCents: 30_000, ttcCents: 180_000, vat: [{ rateBp: 2000, baseCents: 150_000, vatCents: 30_000 }] });
    expect(orderState('k1', [d1, other, final], () => ({ paidCents: 60_000, remainingCents: 0 }))).toMatchObject({ stage: 'deposit_received', depositsAskedCents: 60_000 });
    expect(() => orderFinalInvoice(final, ids('x'), { kind: 'on_receipt' })).toThrow(RangeError);
  });
});
