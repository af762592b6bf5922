import { describe, expect, it } from 'vitest';
import { canEdit, creditableCents, documentStatus, documentTotals } from './lifecycle';
import { documentFacts, invoiceAccounts, plainContext, type InvoiceAccount } from './receivables';
import { creditNoteFrom, newDocument, newLine } from './documents';
import { freezeDocument } from './integrity';
import { newClient } from './company';
import { issuingCompany } from './fixtures';
import type { Client, Company, DocumentKind, DocumentRecord, Line, Payment } from './types';

const NOW = '2026-01-15T09:00:00.000Z';
const company: Company = issuingCompany;
const client: Client = {
  ...newClient('c1', NOW),
  name: 'Boulangerie Martin',
  billingAddress: { line1: '3 place du Marché', line2: '', postalCode: '13001', city: 'Marseille', country: 'FR' }
};

// One line of 1 000 € HT at 20 % → 1 200 € TTC = 120 000 cents.
const service = newLine('l1', { description: 'Refonte du site', quantity: 1, unitPriceCents: 100_000, vatRateBp: 2000 });
const TTC = 120_000;

function draft(kind: DocumentKind, id: string, lines: Line[] = [service]): DocumentRecord {
  return { ...newDocument(kind, { id, memberId: 'm1', now: NOW, clientId: 'c1', terms: { kind: 'net', days: 30 } }), lines };
}

function issue(doc: DocumentRecord, number: string, seq: number, dueDate: string | null, corrected: DocumentRecord | null = null): DocumentRecord {
  const series = number.slice(0, number.lastIndexOf('-'));
  const issueDate = '2026-01-15';
  const frozen = freezeDocument(doc, { company, client, number, series, seq, issueDate, dueDate, prevHash: '', correctedInvoice: corrected });
  return { ...doc, status: 'issued', number, series, seq, issueDate, dueDate, frozen, issuedAt: NOW };
}

function payment(id: string, allocations: [string, number][]): Payment {
  const amountCents = allocations.reduce((s, [, a]) => s + a, 0);
  return {
    id,
    clientId: 'c1',
    amountCents,
    date: '2026-02-01',
    method: 'transfer',
    reference: '',
    allocations: allocations.map(([invoiceId, a]) => ({ invoiceId, amountCents: a })),
    memberId: 'm1',
    createdAt: NOW
  };
}

const ids = (id: string) => ({ id, memberId: 'm1', now: NOW });

/** The account of invoice `id` on `today`, from the documents and payments (the one receivables model). */
function accountOf(id: string, documents: DocumentRecord[], payments: Payment[], today: string): InvoiceAccount | null {
  const facts = documents.map((d) => documentFacts(d, 'normal')).filter((f) => f !== null);
  return invoiceAccounts(facts, payments, () => plainContext(today, 'company')).get(id) ?? null;
}
/** An account with `paid` paid on the issue day and `credited` credited: the shapes the old ledger tests used. */
function ledger(doc: DocumentRecord, paid: number, credited: number, today: string): InvoiceAccount | null {
  const credit = credited ? [{ ...issue(draft('credit', 'crx'), 'A-2026-A-0099', 99, null), correctsInvoiceId: doc.id, frozen: { totals: { ttcCents: credited } } as DocumentRecord['frozen'] }] : [];
  return accountOf(doc.id, [doc, ...credit], paid ? [{ ...payment('px', [[doc.id, paid]]), date: '2026-01-15' }] : [], today);
}
// Issued 15 Jan 2026, net 30 → due 14 Feb 2026.
const DUE = '2026-02-14';
const invoice = issue(draft('invoice', 'inv1'), 'F-2026-A-0001', 1, DUE);

describe('documentStatus: draft → issued → sent → partially paid → paid', () => {
  it('walks the lifecycle of an invoice', () => {
    const today = '2026-01-20';
    expect(documentStatus(draft('invoice', 'd'), null, '2026-02-01')).toBe('draft');
    expect(documentStatus(invoice, ledger(invoice, 0, 0, today), today)).toBe('issued');
    const sent = { ...invoice, sentAt: '2026-01-16', sentChannel: 'email' as const };
    expect(documentStatus(sent, ledger(sent, 0, 0, today), today)).toBe('sent');
    expect(documentStatus(sent, ledger(sent, 50_000, 0, today), today)).toBe('partially_paid');
    expect(documentStatus(sent, ledger(sent, TTC, 0, today), today)).toBe('paid');
    expect(documentStatus(sent, ledger(sent, TTC + 1, 0, today), today)).toBe('paid');
  });

  it('derives overdue from the due date: due today is not overdue, the day after is', () => {
    const sent = { ...invoice, sentAt: '2026-01-16' };
    expect(documentStatus(sent, ledger(sent, 0, 0, '2026-02-14'), '2026-02-14')).toBe('sent');
    expect(documentStatus(sent, ledger(sent, 0, 0, '2026-02-15'), '2026-02-15')).toBe('overdue');
    expect(documentStatus(invoice, ledger(invoice, 0, 0, '2026-02-15'), '2026-02-15')).toBe('overdue');
    // something still due and late: overdue wins over partially paid
    expect(documentStatus(sent, ledger(sent, 119_999, 0, '2026-02-15'), '2026-02-15')).toBe('overdue');
    expect(documentStatus(sent, ledger(sent, 50_000, 0, '2026-02-14'), '2026-02-14')).toBe('partially_paid');
    // nothing left: never overdue
    expect(documentStatus(sent, ledger(sent, TTC, 0, '2026-12-31'), '2026-12-31')).toBe('paid');
  });

  it('treats disputed as a flag, not a status', () => {
    const disputed = { ...invoice, sentAt: '2026-01-16', disputed: true };
    expect(documentStatus(disputed, ledger(disputed, 0, 0, '2026-02-01'), '2026-02-01')).toBe('sent');
    expect(documentStatus(disputed, ledger(disputed, 0, 0, '2026-03-01'), '2026-03-01')).toBe('overdue');
    expect(ledger(disputed, 0, 0, '2026-03-01')!.remainingCents).toBe(TTC);
  });

  it('gives quotes their outcome', () => {
    const quote = issue(draft('quote', 'q1'), 'D-2026-A-0001', 1, null);
    expect(documentStatus(draft('quote', 'q0'), null, '2026-02-01')).toBe('draft');
    expect(documentStatus(quote, ledger(quote, 0, 0, '2026-02-01'), '2026-02-01')).toBe('issued');
    expect(documentStatus({ ...quote, sentAt: '2026-01-16' }, null, '2026-02-01')).toBe('sent');
    expect(documentStatus({ ...quote, sentAt: '2026-01-16', quoteOutcome: 'accepted' }, null, '2026-02-01')).toBe('accepted');
    expect(documentStatus({ ...quote, quoteOutcome: 'refused' }, null, '2026-02-01')).toBe('refused');
    // a quote is never overdue nor owed
    expect(documentStatus(quote, ledger(quote, 0, 0, '2027-01-01'), '2027-01-01')).toBe('expired');
    expect(accountOf('q1', [quote], [], '2027-01-01')).toBeNull();
  });

  it('says « expired » of a pending quote past its validity, answered or not sent alike', () => {
    // Issued 15 Jan 2026 with the default validity: 15 Jan + 30 days = 14 Feb, its last valid day.
    const quote = issue(draft('quote', 'q1'), 'D-2026-A-0001', 1, null);
    expect(quote.frozen!.validUntil).toBe('2026-02-14');
    expect(documentStatus(quote, null, '2026-02-14')).toBe('issued');
    expect(documentStatus(quote, null, '2026-02-15')).toBe('expired');
    expect(documentStatus({ ...quote, sentAt: '2026-01-16' }, null, '2026-02-15')).toBe('expired');
    expect(documentStatus({ ...quote, quoteOutcome: 'accepted' }, null, '2027-01-01')).toBe('accepted');
    expect(documentStatus({ ...quote, quoteOutcome: 'refused' }, null, '2027-01-01')).toBe('refused');
    // Issued before validities were frozen: no date, never expired.
    const { validUntil: _none, ...older } = quote.frozen!;
    expect(documentStatus({ ...quote, frozen: older }, null, '2027-01-01')).toBe('issued');
  });

  it('gives credit notes issued or sent, never a balance', () => {
    const credit = issue(creditNoteFrom(invoice, ids('cr1')), 'A-2026-A-0001', 1, '2026-01-15', invoice);
    expect(documentStatus(credit, ledger(credit, 0, 0, '2026-03-01'), '2026-03-01')).toBe('issued');
    expect(documentStatus({ ...credit, sentAt: '2026-01-16' }, null, '2026-02-01')).toBe('sent');
    expect(accountOf('cr1', [invoice, credit], [], '2026-03-01')).toBeNull();
  });
});

describe('credit notes in the account', () => {
  it('cancels an invoice with a full credit note', () => {
    const credit = issue(creditNoteFrom(invoice, ids('cr1')), 'A-2026-A-0001', 1, '2026-01-15', invoice);
    const account = accountOf('inv1', [invoice, credit], [], '2026-03-01')!;
    expect([account.paidCents, account.creditedCents, account.remainingCents]).toEqual([0, TTC, 0]);
    expect(documentStatus(invoice, account, '2026-03-01')).toBe('cancelled');
  });

  it('reduces the balance with a partial credit note, without calling it a payment', () => {
    // credit of 200 € HT at 20 % = 240 € TTC ; 1 200 − 240 = 960 € still due
    const partial = creditNoteFrom(invoice, ids('cr2'), [newLine('c', { description: 'Geste commercial', quantity: 1, unitPriceCents: 20_000, vatRateBp: 2000 })]);
    const credit = issue(partial, 'A-2026-A-0002', 2, '2026-01-15', invoice);
    const sent = { ...invoice, sentAt: '2026-01-16' };
    expect(accountOf('inv1', [sent, credit], [], '2026-02-01')!.remainingCents).toBe(96_000);
    // nothing was paid: the invoice is still just sent (or overdue once late), not « partially paid »
    expect(documentStatus(sent, accountOf('inv1', [sent, credit], [], '2026-02-01'), '2026-02-01')).toBe('sent');
    expect(documentStatus(sent, accountOf('inv1', [sent, credit], [], '2026-02-15'), '2026-02-15')).toBe('overdue');
    // 500 € paid on top: 960 − 500 = 460 € left, partially paid
    const withPayment = accountOf('inv1', [sent, credit], [payment('p1', [['inv1', 50_000]])], '2026-02-01')!;
    expect(withPayment.remainingCents).toBe(46_000);
    expect(documentStatus(sent, withPayment, '2026-02-01')).toBe('partially_paid');
    // the remaining 960 € paid: paid
    expect(documentStatus(sent, accountOf('inv1', [sent, credit], [payment('p1', [['inv1', 96_000]])], '2026-03-01'), '2026-03-01')).toBe('paid');
  });

  it('counts only issued credit notes that correct an invoice', () => {
    const draftCredit = creditNoteFrom(invoice, ids('cr3'));
    const orphan = { ...issue(draft('credit', 'cr4'), 'A-2026-A-0003', 3, '2026-01-15'), correctsInvoiceId: null };
    // frozen content but not (or no longer) issued, e.g. a record restored in a half-written state
    const notIssued = { ...issue(creditNoteFrom(invoice, ids('cr5')), 'A-2026-A-0004', 4, '2026-01-15', invoice), status: 'draft' as const };
    expect(accountOf('inv1', [invoice, draftCredit, orphan, notIssued], [], '2026-01-20')!.creditedCents).toBe(0);
  });
});

describe('documentTotals', () => {
  it('reads the frozen totals of an issued document, not its editable lines', () => {
    const tampered = { ...invoice, lines: [{ ...service, unitPriceCents: 1 }] };
    expect(documentTotals(tampered, 'normal').ttcCents).toBe(TTC);
    expect(accountOf('inv1', [tampered], [], '2026-01-20')!.remainingCents).toBe(TTC);
  });

  it('computes a draft from its lines, in the given VAT regime', () => {
    expect(documentTotals(draft('invoice', 'd'), 'normal').ttcCents).toBe(120_000);
    expect(documentTotals(draft('invoice', 'd'), 'franchise').ttcCents).toBe(100_000);
  });
});

describe('canEdit', () => {
  it('allows drafts and refuses issued documents', () => {
    expect(canEdit(draft('invoice', 'd'))).toEqual({ ok: true });
    expect(canEdit(invoice)).toEqual({ ok: false, reason: 'issued_frozen' });
    expect(canEdit(issue(draft('quote', 'q'), 'D-2026-A-0001', 1, null))).toEqual({ ok: false, reason: 'issued_frozen' });
  });
});

describe('creditableCents', () => {
  const gesture = (id: string, htCents: number) =>
    creditNoteFrom(invoice, ids(id), [newLine('c', { description: 'Geste commercial', quantity: 1, unitPriceCents: htCents, vatRateBp: 2000 })]);

  it('is the whole TTC while nothing was credited', () => {
    expect(creditableCents(invoice, [invoice], 'normal')).toBe(TTC);
  });

  it('is the TTC less the credit notes already issued on the invoice, drafts ignored', () => {
    // 300 € HT → 360 € TTC credited: 1 200 − 360 = 840 € may still be credited
    const first = issue(gesture('cr1', 30_000), 'A-2026-A-0001', 1, null, invoice);
    const draftCredit = gesture('cr2', 50_000);
    expect(creditableCents(invoice, [invoice, first, draftCredit], 'normal')).toBe(84_000);
    // the credit note being issued does not count against itself
    expect(creditableCents(invoice, [invoice, first], 'normal', 'cr1')).toBe(TTC);
  });

  it('never goes below zero', () => {
    const full = issue(creditNoteFrom(invoice, ids('cr1')), 'A-2026-A-0001', 1, null, invoice);
    const more = issue(gesture('cr2', 10_000), 'A-2026-A-0002', 2, null, invoice);
    expect(creditableCents(invoice, [invoice, full, more], 'normal')).toBe(0);
  });
});
