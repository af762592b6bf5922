// The documents list's rows: what a row says, when a kept row is made again, filtering, the order.
import { describe, expect, it } from 'vitest';
import { accountsOfRecords, plainContext } from '$lib/domain/receivables';
import { documentTotals } from '$lib/domain/lifecycle';
import { newDocument, newLine } from '$lib/domain/documents';
import { CHASE_TODAY, chaseInvoice, chasePayment, dueFor } from '$lib/domain/fixtures';
import type { DocumentRecord, Payment } from '$lib/domain/types';
import { DocumentRows, filterRows, firstInOrder, listSteps, rowOrder, sortSteps, type RowFilter, type RowKey, type RowSource } from './documentRows';

function sourceOf(documents: DocumentRecord[], payments: Payment[], day = CHASE_TODAY): RowSource {
  return {
    accounts: accountsOfRecords(documents, payments, 'normal', () => plainContext(day, 'company')),
    day,
    totals: (d) => documentTotals(d, 'normal')
  };
}

// a: 1 000 € due 10 days ago, unpaid; b: 500 € due in 5 days, 300 € paid; a draft of 2 × 100 € HT at 20 %.
const a = chaseInvoice('a', 100_000, dueFor(10));
const b = chaseInvoice('b', 50_000, dueFor(-5));
const draft: DocumentRecord = {
  ...newDocument('invoice', { id: 'd', memberId: 'm-a', now: '2026-06-01T00:00:00.000Z', clientId: 'c1', terms: { kind: 'net', days: 30 } }),
  lines: [newLine('l1', { quantity: 2, unitPriceCents: 10_000, vatRateBp: 2000 })]
};
const paid300 = chasePayment('p1', 'b', 30_000, '2026-06-01');
const names = (id: string) => (id === 'c1' ? 'Boulangerie Martin' : '');

describe('the documents list rows', () => {
  it('say each document’s total, balance and status on the day', () => {
    const rows = new DocumentRows().rows([a, b, draft], names, sourceOf([a, b, draft], [paid300]));
    expect(rows.map((r) => [r.id, r.clientName, r.ttcCents, r.balanceCents, r.status])).toEqual([
      ['a', 'Boulangerie Martin', 100_000, 100_000, 'overdue'],
      ['b', 'Boulangerie Martin', 50_000, 20_000, 'partially_paid'],
      ['d', 'Boulangerie Martin', 24_000, 0, 'draft'] // 200 € HT + 20 % VAT
    ]);
  });

  it('keep a row while nothing it shows has changed, and make it again when something has', () => {
    const kept = new DocumentRows();
    const docs = [a, b, draft];
    const source = sourceOf(docs, [paid300]);
    const first = kept.rows(docs, names, source);
    expect(kept.rows(docs, names, source)).toEqual(first);
    kept.rows(docs, names, source).forEach((r, i) => expect(r).toBe(first[i]));

    // b paid in full: its account is new, its row too; a's account and row stay the same objects.
    const paidAll = sourceOf(docs, [paid300, chasePayment('p2', 'b', 20_000, '2026-06-10')]);
    const accounts = new Map(source.accounts).set('b', paidAll.accounts.get('b')!);
    const afterPayment = kept.rows(docs, names, { ...source, accounts });
    expect(afterPayment[0]).toBe(first[0]);
    expect(afterPayment[1]).not.toBe(first[1]);
    expect([afterPayment[1].balanceCents, afterPayment[1].status]).toEqual([0, 'paid']);

    // The draft edited: a new record, a new row (3 × 100 € HT + 20 %).
    const edited: DocumentRecord = { ...draft, lines: [newLine('l1', { quantity: 3, unitPriceCents: 10_000, vatRateBp: 2000 })] };
    expect(kept.rows([a, b, edited], names, source)[2].ttcCents).toBe(36_000);

    // The client renamed: every row of the client made again.
    const renamed = kept.rows(docs, () => 'Boulangerie Martin & fils', source);
    expect(renamed.map((r) => r.clientName)).toEqual(['Boulangerie Martin & fils', 'Boulangerie Martin & fils', 'Boulangerie Martin & fils']);
  });

  it('follow the day and a draft’s VAT regime even when the records have not changed', () => {
    const kept = new DocumentRows();
    // A quote valid until 2 days after today: sent today, expired 3 days later.
    const quote: DocumentRecord = { ...a, id: 'q', kind: 'quote', number: 'D-1', frozen: { ...a.frozen!, kind: 'quote', validUntil: dueFor(-2) } };
    const docs = [quote, draft];
    const today = sourceOf(docs, []);
    expect(kept.rows(docs, names, today)[0].status).toBe('sent');
    expect(kept.rows(docs, names, { ...today, day: dueFor(-3) })[0].status).toBe('expired');
    // Under the franchise (no VAT), a draft's total is its HT: 200 €.
    const franchise = kept.rows(docs, names, { ...today, totals: (d) => documentTotals(d, 'franchise') });
    expect(franchise[1].ttcCents).toBe(20_000);
  });
});

describe('filterRows', () => {
  const rows = new DocumentRows().rows([a, b, draft], names, sourceOf([a, b, draft], [paid300]));
  const none: RowFilter = { kind: '', status: '', clientId: '', from: '', to: '', search: '' };

  it('returns the rows themselves when nothing filters', () => {
    expect(filterRows(rows, none)).toBe(rows);
    expect(filterRows(rows, { ...none, search: '   ' })).toBe(rows);
  });

  it('filters by status, number, date', () => {
    expect(filterRows(rows, { ...none, status: 'overdue' }).map((r) => r.id)).toEqual(['a']);
    expect(filterRows(rows, { ...none, search: 'f-2026-a-B' }).map((r) => r.id)).toEqual(['b']);
    // Issue dates: a on dueFor(40) = 2026-05-06, b on dueFor(25) = 2026-05-21; the draft has none,
    // so a period leaves it out.
    expect(filterRows(rows, { ...none, from: '2026-05-10' }).map((r) => r.id)).toEqual(['b']);
    expect(filterRows(rows, { ...none, to: '2026-05-10' }).map((r) => r.id)).toEqual(['a']);
  });
});

describe('the order of the list', () => {
  const key = (id: string, date: string | null, number: string, ttcCents = 0): RowKey => ({ id, date, number, dueDate: null, ttcCents });
  // Two drafts (no number) on the same day: only their ids tell them apart.
  const rows = [key('x2', '2026-03-01', ''), key('i1', '2026-03-01', 'F-2'), key('x1', '2026-03-01', ''), key('i0', '2026-01-15', 'F-1'), key('i3', null, 'F-3')];

  it('is total: ties go by number, then id', () => {
    expect([...rows].sort(rowOrder('date', false)).map((r) => r.id)).toEqual(['i3', 'i0', 'x1', 'x2', 'i1']);
    expect([...rows].sort(rowOrder('date', true)).map((r) => r.id)).toEqual(['i1', 'x2', 'x1', 'i0', 'i3']);
    expect([...rows].sort(rowOrder('number', false)).map((r) => r.id)).toEqual(['x1', 'x2', 'i0', 'i1', 'i3']);
  });

  it('firstInOrder gives the first n of a sort, whatever the input order', () => {
    const order = rowOrder('date', true);
    expect(firstInOrder(rows, 2, order).map((r) => r.id)).toEqual(['i1', 'x2']);
    expect(firstInOrder([...rows].reverse(), 3, order).map((r) => r.id)).toEqual(['i1', 'x2', 'x1']);
    expect(firstInOrder(rows, 10, order).map((r) => r.id)).toEqual(['i1', 'x2', 'x1', 'i0', 'i3']);
    expect(firstInOrder(rows, 0, order)).toEqual([]);
    // Many rows: the same as sorting them all.
    const many = Array.from({ length: 500 }, (_, i) => key(`k${i}`, `2026-0${1 + ((i * 7) % 9)}-1${i % 10}`, `F-${(i * 31) % 97}`));
    expect(firstInOrder(many, 40, order)).toEqual([...many].sort(order).slice(0, 40));
  });
});

/** Runs a generator to its end; returns its result and how many steps it took. */
function finish<T>(steps: Generator<void, T>): { value: T; steps: number } {
  let n = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) return { value: next.value, steps: n };
    n++;
  }
}

describe('the list made in steps', () => {
  const key = (i: number): RowKey => ({ id: `id${String(i).padStart(5, '0')}`, date: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, number: `F-${(i * 7919) % 10007}`, dueDate: null, ttcCents: (i * 37) % 1000 });

  it('sorts as one sort does, in runs of 2 048 merged two by two', () => {
    const many = Array.from({ length: 5000 }, (_, i) => key(i));
    for (const [by, descending] of [['date', true], ['amount', false], ['number', true]] as const) {
      const { value, steps } = finish(sortSteps(many, rowOrder(by, descending)));
      expect(value).toEqual([...many].sort(rowOrder(by, descending)));
      // 3 runs (2 048 + 2 048 + 904), then 2 merges' steps (one merge and one run carried), then 1.
      expect(steps).toBe(3 + 2 + 1);
    }
    expect(finish(sortSteps([], rowOrder('date', true))).value).toEqual([]);
  });

  it('makes, filters and sorts the rows', () => {
    const docs = [a, b, draft];
    const source = sourceOf(docs, [paid300]);
    const none: RowFilter = { kind: '', status: '', clientId: '', from: '', to: '', search: '' };
    expect(finish(listSteps(new DocumentRows(), docs, names, source, none, 'date', true)).value.map((r) => r.id)).toEqual(['b', 'a', 'd']);
    expect(finish(listSteps(new DocumentRows(), docs, names, source, { ...none, status: 'overdue' }, 'date', true)).value.map((r) => r.id)).toEqual(['a']);
    // By amount, smallest first: the draft 240 €, b 500 €, a 1 000 €.
    expect(finish(listSteps(new DocumentRows(), docs, names, source, none, 'amount', false)).value.map((r) => r.id)).toEqual(['d', 'b', 'a']);
  });
});

