// The dashboard as a sum of each client's share (what the store keeps): the same figures as
// dashboardFigures over all the accounts at once, on a hand-computed example and on a generated
// workspace.
import { describe, expect, it } from 'vitest';
import { generateDemo, proportionalCounts } from '$lib/demo/generate';
import { clientFigures, combineFigures, dashboardFigures, figuresDay, type DashboardFigures } from './dashboard';
import { dsoSales, salesIndex } from './dso';
import { clientLedgers, documentFacts, invoiceAccounts, plainContext, type DocumentFacts, type InvoiceAccount } from './receivables';
import { invoiceFacts } from './fixtures';
import type { Payment } from './types';

const TODAY = '2026-06-15';

/** Every client's share computed from its ledger, then added up (what the store's dashboard view does). */
function summed(facts: readonly DocumentFacts[], accounts: InvoiceAccount[], payments: readonly Payment[]): DashboardFigures {
  const day = figuresDay(TODAY);
  const parts = [...clientLedgers(facts, payments).values()].map((l) => clientFigures(l, accounts.filter((a) => a.clientId === l.clientId), day));
  return combineFigures(parts, dsoSales(salesIndex(facts), day.dsoDates), day);
}

/** The figures with lists in one order (a sum per client lists receivables client by client). */
function normalised(f: DashboardFigures) {
  const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : 1);
  return {
    ...f,
    open: [...f.open].sort(byKey),
    risks: new Map([...f.risks].sort(([a], [b]) => (a < b ? -1 : 1))),
    forecast: { ...f.forecast, weeks: f.forecast.weeks.map((w) => ({ ...w, entries: [...w.entries].sort((a, b) => byKey(a.receivable, b.receivable)) })) }
  };
}

const pay = (id: string, invoiceId: string, cents: number, date: string): Payment => ({
  id, clientId: 'c1', amountCents: cents, date, method: 'transfer', reference: '', memberId: 'm', createdAt: `${date}T10:00:00.000Z`, allocations: [{ invoiceId, amountCents: cents }]
});

describe('dashboard figures summed per client', () => {
  it('adds up two clients’ shares (hand-computed)', () => {
    // c1: F1 1 000 € due 1 May (45 days late on 15 June), 400 € paid 20 May → 600 € in 31–45.
    // c2: F2 500 € due 1 July (not due). Outstanding 600 + 500 = 1 100 €.
    const facts = [
      invoiceFacts({ id: 'F1', clientId: 'c1', ttcCents: 100_000, issueDate: '2026-04-01', dueDate: '2026-05-01' }),
      invoiceFacts({ id: 'F2', clientId: 'c2', ttcCents: 50_000, issueDate: '2026-06-01', dueDate: '2026-07-01' })
    ];
    const payments = [pay('p1', 'F1', 40_000, '2026-05-20')];
    const accounts = invoiceAccounts(facts, payments, () => plainContext(TODAY, 'company'));
    const ledgers = clientLedgers(facts, payments);
    const day = figuresDay(TODAY);
    const c1 = clientFigures(ledgers.get('c1')!, [accounts.get('F1')!], day);
    const c2 = clientFigures(ledgers.get('c2')!, [accounts.get('F2')!], day);
    // Owed at the end of May: F1 1 000 − 400 = 600 € (F2 not issued yet); today 600 + 500.
    expect(c1.owed.at(-2)).toBe(60_000);
    expect(c2.owed.at(-2)).toBe(0);
    const f = combineFigures([c1, c2], dsoSales(salesIndex(facts), day.dsoDates), day);
    expect(f.aging.totalCents).toBe(110_000);
    expect([f.aging.buckets.d31_45.cents, f.aging.buckets.not_due.cents]).toEqual([60_000, 50_000]);
    expect(f.dso.owedCents).toBe(110_000);
    expect(f.aging.rows.map((r) => r.clientId)).toEqual(['c1', 'c2']);
  });

  it('adds up to every figure computed over all the accounts at once, on a generated workspace', async () => {
    const data = await generateDemo({ ...proportionalCounts(400), seed: 7, today: TODAY, memberA: 'm-a' });
    const facts: DocumentFacts[] = [];
    for (const d of data.documents) {
      const f = documentFacts(d, data.company.vatRegime);
      if (f) facts.push(f);
    }
    const accounts = [...invoiceAccounts(facts, data.payments, () => plainContext(TODAY, 'company')).values()];
    const all = dashboardFigures(facts, accounts, data.payments, TODAY);
    expect(all.open.length).toBeGreaterThan(50);
    expect(all.risks.size).toBeGreaterThan(10);
    expect(all.writtenOff.count + all.aging.disputed.count).toBeGreaterThan(0);
    expect(normalised(summed(facts, accounts, data.payments))).toEqual(normalised(all));
  });
});
