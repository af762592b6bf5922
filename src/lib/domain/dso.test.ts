import { describe, expect, it } from 'vitest';
import { countBackDso, dsoFigures, monthPeriods, salesIndex, simpleDso } from './dso';
import { outstandingOn, settleDocuments, type DocumentFacts } from './receivables';
import type { Payment } from './types';

function facts(id: string, kind: 'invoice' | 'credit', issueDate: string, ttcCents: number, correctsInvoiceId: string | null = null): DocumentFacts {
  return {
    id,
    kind,
    clientId: 'c1',
    number: id,
    issueDate,
    dueDate: kind === 'invoice' ? issueDate : null,
    ttcCents,
    correctsInvoiceId,
    sentAt: null,
    disputed: false,
    inCollection: false,
    chasePolicyId: null,
    chasePause: null,
    installments: null,
    rateBp: 0,
    clientKind: 'company',
    earlyDiscount: null,
    penaltyDecision: null,
    writeOff: null
  };
}

function payment(id: string, date: string, invoiceId: string, amountCents: number): Payment {
  return { id, clientId: 'c1', date, amountCents, method: 'transfer', reference: '', allocations: [{ invoiceId, amountCents }], memberId: 'm', createdAt: `${date}T10:00:00.000Z` };
}

describe('countBackDso', () => {
  it('walks back through monthly sales until they cover what is owed (hand example)', () => {
    // 212 000 € owed; sales 100 000 € (latest month), 80 000 €, 70 000 €, months of 30 days:
    // 30 days cover 100 000 € (112 000 € left), 30 more cover 80 000 € (32 000 € left),
    // 32 000 / 70 000 × 30 = 13,714 days → 73,7 days.
    const months = [10_000_000, 8_000_000, 7_000_000].map((salesCents) => ({ salesCents, days: 30 }));
    expect(countBackDso(21_200_000, months)).toEqual({ days: 73.7, complete: true });
  });

  it('says « at least » when the history does not cover what is owed, and 0 when nothing is', () => {
    expect(countBackDso(5_000, [{ salesCents: 2_000, days: 31 }, { salesCents: 1_000, days: 28 }])).toEqual({ days: 59, complete: false });
    expect(countBackDso(0, [{ salesCents: 2_000, days: 31 }])).toEqual({ days: 0, complete: true });
  });

  it('crosses a month of credit notes (negative sales) whole', () => {
    expect(countBackDso(1_000, [{ salesCents: -500, days: 30 }, { salesCents: 2_000, days: 31 }])).toEqual({ days: 30 + 15.5, complete: true });
  });
});

describe('simpleDso', () => {
  it('is owed ÷ sales × days', () => {
    expect(simpleDso(60_000, 90_000, 90)).toBe(60);
    expect(simpleDso(250_000, 350_000, 90)).toBe(64.3);
    expect(simpleDso(1_000, 0, 30)).toBeNull();
  });
});

describe('the DSO of a small workspace on 15 June 2026', () => {
  // F1 1 000 € issued 10 April (paid 400 € on 15 May, 600 € on 12 June), F2 2 000 € issued
  // 20 May, F3 600 € issued 5 June, A1 a 100 € credit note on F2 issued 10 June.
  const documents = [
    facts('F1', 'invoice', '2026-04-10', 100_000),
    facts('F2', 'invoice', '2026-05-20', 200_000),
    facts('F3', 'invoice', '2026-06-05', 60_000),
    facts('A1', 'credit', '2026-06-10', 10_000, 'F2')
  ];
  const payments = [payment('p1', '2026-05-15', 'F1', 40_000), payment('p2', '2026-06-12', 'F1', 60_000)];

  it('knows what was owed at the end of past months', () => {
    // 30 April: F1 whole. 31 May: F1 less 400 € + F2 less its credit note (from the start).
    // 15 June: F2 1 900 € + F3 600 €.
    expect(outstandingOn(documents, settleDocuments(documents, payments), ['2026-03-31', '2026-04-30', '2026-05-31', '2026-06-15'])).toEqual([
      0, 100_000, 60_000 + 190_000, 190_000 + 60_000
    ]);
  });

  it('cuts the sales into months walked back from the day', () => {
    // June 1–15: 600 € − 100 € over 15 days; May: 2 000 € over 31; April: 1 000 € over 30.
    expect(monthPeriods(salesIndex(documents), '2026-06-15')).toEqual([
      { salesCents: 50_000, days: 15 },
      { salesCents: 200_000, days: 31 },
      { salesCents: 100_000, days: 30 }
    ]);
  });

  it('gives the count-back, the simple formula over 30/90/365 days and the monthly trend', () => {
    const figures = dsoFigures(documents, payments, '2026-06-15');
    expect(figures.owedCents).toBe(250_000);
    // 2 500 € owed: June's 500 € cover 15 days (2 000 € left), May's 2 000 € its 31 days → 46.
    expect(figures.countBack).toEqual({ days: 46, complete: true });
    // 30 days (17 May–15 June): 2 000 + 600 − 100 = 2 500 € of sales → 30 days.
    // 90 and 365 days: all 3 500 € → 2 500 / 3 500 × 90 = 64,29 and × 365 = 260,71.
    expect(figures.simple).toEqual({ 30: 30, 90: 64.3, 365: 260.7 });
    expect(figures.trend).toHaveLength(12);
    expect(figures.trend[0]).toEqual({ month: '2025-07', asOf: '2025-07-31', owedCents: 0, dso: { days: 0, complete: true } });
    expect(figures.trend.slice(-3)).toEqual([
      // 30 April: 1 000 € owed, April's sales exactly → 30 days.
      { month: '2026-04', asOf: '2026-04-30', owedCents: 100_000, dso: { days: 30, complete: true } },
      // 31 May: 2 500 € owed; May 2 000 € (31 days), then 500 / 1 000 of April's 30 days → 46.
      { month: '2026-05', asOf: '2026-05-31', owedCents: 250_000, dso: { days: 46, complete: true } },
      { month: '2026-06', asOf: '2026-06-15', owedCents: 250_000, dso: { days: 46, complete: true } }
    ]);
  });
});
