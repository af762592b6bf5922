import { describe, expect, it } from 'vitest';
import type { InvoiceAccount } from '$lib/domain/receivables';
import {
  allocationTexts,
  centsText,
  defaultAllocation,
  defaultAmountCents,
  openInvoicesOf,
  pageAfterSave,
  preferredFirst,
  parsePayment,
  storeProblemsToErrors,
  summarize,
  type OpenInvoiceRow,
  type PaymentInput
} from './paymentForm';

// Three open invoices of one client: A due 1 March (100 €), B due 1 Feb (80 €), C due 1 April (50 €).
const open: OpenInvoiceRow[] = [
  { invoiceId: 'b', number: 'F-2026-A-0002', dueDate: '2026-02-01', balanceCents: 80_00 },
  { invoiceId: 'a', number: 'F-2026-A-0001', dueDate: '2026-03-01', balanceCents: 100_00 },
  { invoiceId: 'c', number: 'F-2026-A-0003', dueDate: '2026-04-01', balanceCents: 50_00 }
];
const balances = new Map(open.map((o) => [o.invoiceId, o.balanceCents]));
const TODAY = '2026-05-10';

const input = (over: Partial<PaymentInput>): PaymentInput => ({
  clientId: 'c1',
  amount: '100',
  date: '2026-05-10',
  method: 'transfer',
  reference: '',
  allocations: {},
  ...over
});

describe('openInvoicesOf', () => {
  const account = (invoiceId: string, clientId: string, remainingCents: number, dues: [string, number][]) =>
    ({ invoiceId, clientId, number: invoiceId.toUpperCase(), remainingCents, receivables: dues.map(([dueDate, r]) => ({ dueDate, remainingCents: r })) }) as InvoiceAccount;

  it('keeps the client’s invoices with something to pay, oldest due first; a plan is due at its first open installment', () => {
    const accounts = [
      account('x', 'c1', 12_34, [['2026-03-01', 12_34]]),
      account('y', 'c1', 500_00, [['2026-01-15', 0], ['2026-02-15', 500_00]]),
      account('paid', 'c1', 0, [['2026-01-01', 0]]),
      account('other', 'c2', 10_00, [['2026-01-01', 10_00]])
    ];
    expect(openInvoicesOf('c1', accounts)).toEqual([
      { invoiceId: 'y', number: 'Y', dueDate: '2026-02-15', balanceCents: 500_00 },
      { invoiceId: 'x', number: 'X', dueDate: '2026-03-01', balanceCents: 12_34 }
    ]);
  });

  it('a situation whose main part is paid and whose retention waits for the reception has no due date yet', () => {
    const situation = {
      ...account('s', 'c1', 35_41, []),
      receivables: [
        { dueDate: '2026-03-31', remainingCents: 0 },
        { dueDate: '9999-12-31', remainingCents: 35_41, retention: true, retentionPending: true }
      ]
    } as InvoiceAccount;
    expect(openInvoicesOf('c1', [situation])).toEqual([{ invoiceId: 's', number: 'S', dueDate: null, balanceCents: 35_41, retentionPending: true }]);
  });
});

describe('defaultAmountCents', () => {
  it('is the balance of the invoice we came from', () => {
    expect(defaultAmountCents(open, 'a')).toBe(100_00);
  });
  it('is the client’s whole open balance without an invoice (80 + 100 + 50)', () => {
    expect(defaultAmountCents(open, null)).toBe(230_00);
    expect(defaultAmountCents(open, 'unknown')).toBe(230_00);
    expect(defaultAmountCents([], null)).toBe(0);
  });
});

describe('defaultAllocation', () => {
  it('puts the preferred invoice first, then the oldest due', () => {
    // 150 €: C (preferred) takes its 50 €, then B (oldest) 80 €, then A the last 20 €.
    expect(defaultAllocation(150_00, open, 'c')).toEqual([
      { invoiceId: 'c', amountCents: 50_00 },
      { invoiceId: 'b', amountCents: 80_00 },
      { invoiceId: 'a', amountCents: 20_00 }
    ]);
  });
  it('gives a partial payment to the preferred invoice only', () => {
    expect(defaultAllocation(30_00, open, 'a')).toEqual([{ invoiceId: 'a', amountCents: 30_00 }]);
  });
  it('goes oldest due first without a preferred invoice; the excess stays unallocated', () => {
    expect(defaultAllocation(300_00, open, null)).toEqual([
      { invoiceId: 'b', amountCents: 80_00 },
      { invoiceId: 'a', amountCents: 100_00 },
      { invoiceId: 'c', amountCents: 50_00 }
    ]);
  });
  it('allocates nothing for a zero or negative amount', () => {
    expect(defaultAllocation(0, open, 'a')).toEqual([]);
    expect(defaultAllocation(-5_00, open, null)).toEqual([]);
  });
});

describe('preferredFirst', () => {
  it('puts the invoice we came from on top, keeping the others in order', () => {
    expect(preferredFirst(open, 'c').map((o) => o.invoiceId)).toEqual(['c', 'b', 'a']);
    expect(preferredFirst(open, null).map((o) => o.invoiceId)).toEqual(['b', 'a', 'c']);
    expect(preferredFirst(open, 'gone')).toBe(open);
  });
});

describe('amount texts', () => {
  it('writes cents the way the inputs show them', () => {
    expect(centsText(123_456)).toBe('1234,56');
    expect(centsText(5)).toBe('0,05');
    expect(centsText(123_456, false)).toBe('1234.56');
  });
  it('has one text per open invoice, empty when nothing is allocated to it', () => {
    expect(allocationTexts([{ invoiceId: 'a', amountCents: 30_00 }], open)).toEqual({ b: '', a: '30,00', c: '' });
  });
});

describe('summarize', () => {
  it('shows what is allocated and what stays as client credit', () => {
    expect(summarize({ amount: '200', allocations: { a: '100', b: '80,50', c: '' } })).toEqual({
      amountCents: 200_00,
      allocatedCents: 180_50,
      unallocatedCents: 19_50
    });
  });
  it('goes negative when more is allocated than paid', () => {
    expect(summarize({ amount: '50', allocations: { a: '60' } }).unallocatedCents).toBe(-10_00);
  });
  it('has no figures while something does not parse', () => {
    expect(summarize({ amount: 'abc', allocations: { a: '10' } })).toEqual({ amountCents: null, allocatedCents: 10_00, unallocatedCents: null });
    expect(summarize({ amount: '10', allocations: { a: '1,2,3' } })).toEqual({ amountCents: 10_00, allocatedCents: null, unallocatedCents: null });
  });
});

describe('parsePayment', () => {
  it('builds the payment split over two invoices, dropping empty rows', () => {
    const parsed = parsePayment(input({ amount: '1 130,00 €', reference: ' VIR 123 ', allocations: { b: '80', a: '100', c: '' } }), balances, TODAY);
    expect(parsed.errors).toEqual({});
    expect(parsed.payment).toEqual({
      clientId: 'c1',
      amountCents: 1130_00,
      date: '2026-05-10',
      method: 'transfer',
      reference: 'VIR 123',
      allocations: [
        { invoiceId: 'b', amountCents: 80_00 },
        { invoiceId: 'a', amountCents: 100_00 }
      ]
    });
  });
  it('accepts a payment with nothing allocated (all client credit)', () => {
    expect(parsePayment(input({ amount: '25' }), balances, TODAY).payment?.allocations).toEqual([]);
  });
  it('refuses an amount that is missing, unreadable or not positive', () => {
    expect(parsePayment(input({ amount: '' }), balances, TODAY).errors).toEqual({ amount: 'required' });
    expect(parsePayment(input({ amount: '12,345' }), balances, TODAY).errors).toEqual({ amount: 'invalid_amount' });
    expect(parsePayment(input({ amount: '0' }), balances, TODAY).errors).toEqual({ amount: 'non_positive_amount' });
    expect(parsePayment(input({ amount: '-3' }), balances, TODAY).payment).toBeNull();
  });
  it('refuses an invalid date and a missing client', () => {
    expect(parsePayment(input({ date: '2026-02-30' }), balances, TODAY).errors).toEqual({ date: 'invalid_date' });
    // A payment is recorded once received: tomorrow is refused, today is fine.
    expect(parsePayment(input({ date: '2026-05-11' }), balances, TODAY).errors).toEqual({ date: 'future_payment' });
    expect(parsePayment(input({ date: '2026-05-10' }), balances, TODAY).errors).toEqual({});
    expect(parsePayment(input({ clientId: '' }), balances, TODAY).errors).toEqual({ clientId: 'required' });
  });
  it('flags each row above its balance, and a split above the amount', () => {
    // B owes 80 €: 90 € is too much. 100 € paid, 90 + 20 = 110 € allocated.
    const parsed = parsePayment(input({ amount: '100', allocations: { b: '90', a: '20' } }), balances, TODAY);
    expect(parsed.payment).toBeNull();
    expect(parsed.errors).toEqual({ 'alloc.b': 'exceeds_balance', allocations: 'over_allocated' });
  });
  it('flags an unreadable or negative row', () => {
    expect(parsePayment(input({ allocations: { a: 'dix', b: '-5' } }), balances, TODAY).errors).toEqual({ 'alloc.a': 'invalid_amount', 'alloc.b': 'negative' });
  });
});

describe('storeProblemsToErrors', () => {
  it('maps the store’s codes to fields', () => {
    expect(storeProblemsToErrors(['exceeds_balance:a', 'over_allocated', 'non_positive_amount'])).toEqual({
      'alloc.a': 'exceeds_balance',
      allocations: 'over_allocated',
      amount: 'non_positive_amount'
    });
  });
});

describe('pageAfterSave', () => {
  it('goes back to the invoice, else the client, else the list', () => {
    expect(pageAfterSave({ invoiceId: 'i1', clientId: 'c1', clientExists: true })).toBe('/documents/i1');
    expect(pageAfterSave({ invoiceId: null, clientId: 'c1', clientExists: true })).toBe('/clients/c1');
    expect(pageAfterSave({ invoiceId: null, clientId: 'c1', clientExists: false })).toBe('/payments');
  });
});
