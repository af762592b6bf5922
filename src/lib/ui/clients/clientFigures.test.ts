import { describe, expect, it } from 'vitest';
import type { Payment } from '$lib/domain/types';
import { invoiceAccount, plainContext, type DocumentFacts } from '$lib/domain/receivables';
import { invoiceFacts } from '$lib/domain/fixtures';
import { clientFigures } from './clientFigures';

const TODAY = '2026-03-10';
const facts = (id: string, ttcCents: number, dueDate: string): DocumentFacts => invoiceFacts({ id, number: id, issueDate: '2026-01-01', dueDate, ttcCents, sentAt: '2026-01-01' });
const account = (f: DocumentFacts, paid: [string, number][], credited = 0, asOf = TODAY) =>
  invoiceAccount(f, { payments: paid.map(([date, cents]) => ({ date, cents })), creditedCents: credited }, plainContext(asOf, 'company'));
const pay = (date: string, amountCents: number, allocations: [string, number][]): Payment => ({
  id: `p-${date}`,
  clientId: 'c1',
  amountCents,
  date,
  method: 'transfer',
  reference: '',
  allocations: allocations.map(([invoiceId, amount]) => ({ invoiceId, amountCents: amount })),
  memberId: 'm',
  createdAt: `${date}T10:00:00.000Z`
});

describe('clientFigures', () => {
  it('adds up invoiced, paid, open, overdue amounts and the penalties owed', () => {
    const accounts = [
      account(facts('a', 12000, '2026-01-31'), [['2026-02-05', 7000], ['2026-02-10', 5000]]), // paid 10 days late
      account(facts('b', 6000, '2026-02-28'), []), // overdue on 10 March
      account(facts('c', 2400, '2026-03-31'), [['2026-02-10', 1000]]), // partly paid, not yet due
      account(facts('d', 5000, '2026-02-15'), [], 5000) // cancelled by a credit note
    ];
    const payments = [pay('2026-02-05', 7000, [['a', 7000]]), pay('2026-02-10', 7000, [['a', 5000], ['c', 1000]])];
    const f = clientFigures(accounts, 5000, payments);
    expect(f.invoicedCents).toBe(20400);
    expect(f.creditedCents).toBe(5000);
    expect(f.paidCents).toBe(14000);
    expect(f.openCents).toBe(7400);
    expect(f.overdueCents).toBe(6000);
    expect(f.overdueCount).toBe(1);
    expect(f.creditCents).toBe(1000); // 14 000 paid, 13 000 allocated
    expect(f.averageDaysLate).toBe(10); // settled on 10 Feb, due 31 Jan
    // a: 12 000 × 5 days (1–5 Feb) + 5 000 × 5 days (6–10 Feb) = 85 000 cent-days × 1215 / 3 650 000
    // = 28,29… → 28; + 40 €. b: 6 000 × 10 days = 60 000 × 1215 / 3 650 000 = 19,97… → 20; + 40 €.
    expect(f.penaltiesCents).toBe(28 + 4000 + 20 + 4000);
  });

  it('counts an invoice paid before its due date as 0 days late, and averages', () => {
    const accounts = [account(facts('a', 1000, '2026-01-31'), [['2026-01-20', 1000]]), account(facts('b', 1000, '2026-01-31'), [['2026-02-05', 1000]])];
    expect(clientFigures(accounts, 0, []).averageDaysLate).toBe(3); // (0 + 5) / 2 = 2.5 → 3
  });

  it('has no average before any invoice is settled', () => {
    expect(clientFigures([account(facts('a', 1000, '2026-01-31'), [])], 0, []).averageDaysLate).toBeNull();
  });
});
