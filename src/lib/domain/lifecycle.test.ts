import { describe, expect, it } from 'vitest';
import { balanceDue, buildLedgers, canEdit, creditableCents, daysLate, documentStatus, documentTotals } from './lifecycle';
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
const NO_LEDGER = { paidCents: 0, creditedCents: 0 };
// Issued 15 Jan 2026, net 30 → due 14 Feb 2026.
const DUE = '2026-02-14';
const invoice = issue(draft('invoice', 'inv1'), 'F-2026-A-0001', 1, DUE);

describe('documentStatus: draft → issued → sent → partially paid → paid', () => {
  it('walks the lifecycle of an invoice', () => {
    const today = '2026-01-20';
    expect(documentStatus(draft('invoice', 'd'), NO_LEDGER, today, 'normal')).toBe('draft');
    expect(documentStatus(invoice, NO_LEDGER, today, 'normal')).toBe('issued');
    const sent = { ...invoice, sentAt: '2026-01-16', sentChannel: 'email' as const };
    expect(documentStatus(sent, NO_LEDGER, today, 'normal')).toBe('sent');
    expect(documentStatus(sent, { paidCents: 50_000, creditedCents: 0 }, today, 'normal')).toBe('partially_paid');
    expect(documentStatus(sent, { paidCents: TTC, creditedCents: 0 }, today, 'normal')).toBe('paid');
    expect(documentStatus(sent, { paidCents: TTC + 1, creditedCents: 0 }, today, 'normal')).toBe('paid');
  });

  it('derives overdue from the due date: due today is not overdue, the day after is', () => {
    const sent = { ...invoice, sentAt: '2026-01-16' };
    expect(documentStatus(sent, NO_LEDGER, '2026-02-14', 'normal')).toBe('sent');
    expect(documentStatus(sent, NO_LEDGER, '2026-02-15', 'normal')).toBe('overdue');
    expect(documentStatus(invoice, NO_LEDGER, '2026-02-15', 'normal')).toBe('overdue');
    // something still due and late: overdue wins over partially paid
    expect(documentStatus(sent, { paidCents: 119_999, creditedCents: 0 }, '2026-02-15', 'normal')).toBe('overdue');
    expect(documentStatus(sent, { paidCents: 50_000, creditedCents: 0 }, '2026-02-14', 'normal')).toBe('partially_paid');
    // nothing left: never overdue
    expect(documentStatus(sent, { paidCents: TTC, creditedCents: 0 }, '2026-12-31', 'normal')).toBe('paid');
  });

  it('treats disputed as a flag, not a status', () => {
    const disputed = { ...invoice, sentAt: '2026-01-16', disputed: true };
    expect(documentStatus(disputed, NO_LEDGER, '2026-02-01', 'normal')).toBe('sent');
    expect(documentStatus(disputed, NO_LEDGER, '2026-03-01', 'normal')).toBe('overdue');
    expect(balanceDue(disputed, NO_LEDGER, 'normal')).toBe(TTC);
  });

  it('gives quotes their outcome', () => {
    const quote = issue(draft('quote', 'q1'), 'D-2026-A-0001', 1, null);
    expect(documentStatus(draft('quote', 'q0'), NO_LEDGER, '2026-02-01', 'normal')).toBe('draft');
    expect(documentStatus(quote, NO_LEDGER, '2026-02-01', 'normal')).toBe('issued');
    expect(documentStatus({ ...quote, sentAt: '2026-01-16' }, NO_LEDGER, '2026-02-01', 'normal')).toBe('sent');
    expect(documentStatus({ ...quote, sentAt: '2026-01-16', quoteOutcome: 'accepted' }, NO_LEDGER, '2026-02-01', 'normal')).toBe('accepted');
    expect(documentStatus({ ...quote, quoteOutcome: 'refused' }, NO_LEDGER, '2026-02-01', 'normal')).toBe('refused');
    // a quote is never overdue nor owed
    expect(documentStatus(quote, NO_LEDGER, '2027-01-01', 'normal')).toBe('issued');
    expect(balanceDue(quote, NO_LEDGER, 'normal')).toBe(0);
  });

  it('gives credit notes issued or sent, never a balance', () => {
    const credit = issue(creditNoteFrom(invoice, ids('cr1')), 'A-2026-A-0001', 1, '2026-01-15', invoice);
    expect(documentStatus(credit, NO_LEDGER, '2026-03-01', 'normal')).toBe('issued');
    expect(documentStatus({ ...credit, sentAt: '2026-01-16' }, NO_LEDGER, '2026-03-01', 'normal')).toBe('sent');
    expect(balanceDue(credit, NO_LEDGER, 'normal')).toBe(0);
  });
});

describe('buildLedgers and credit notes', () => {
  it('adds up the allocations of every payment per invoice', () => {
    const ledgers = buildLedgers([], [payment('p1', [['inv1', 50_000], ['inv2', 10_000]]), payment('p2', [['inv1', 20_000]])]);
    expect(ledgers.get('inv1')).toEqual({ paidCents: 70_000, creditedCents: 0 });
    expect(ledgers.get('inv2')).toEqual({ paidCents: 10_000, creditedCents: 0 });
    expect(ledgers.get('inv3')).toBeUndefined();
  });

  it('cancels an invoice with a full credit note', () => {
    const credit = issue(creditNoteFrom(invoice, ids('cr1')), 'A-2026-A-0001', 1, '2026-01-15', invoice);
    const ledger = buildLedgers([invoice, credit], []).get('inv1')!;
    expect(ledger).toEqual({ paidCents: 0, creditedCents: TTC });
    expect(balanceDue(invoice, ledger, 'normal')).toBe(0);
    expect(documentStatus(invoice, ledger, '2026-03-01', 'normal')).toBe('cancelled');
  });

  it('reduces the balance with a partial credit note, without calling it a payment', () => {
    // credit of 200 € HT at 20 % = 240 € TTC ; 1 200 − 240 = 960 € still due
    const partial = creditNoteFrom(invoice, ids('cr2'), [newLine('c', { description: 'Geste commercial', quantity: 1, unitPriceCents: 20_000, vatRateBp: 2000 })]);
    const credit = issue(partial, 'A-2026-A-0002', 2, '2026-01-15', invoice);
    const ledger = buildLedgers([invoice, credit], []).get('inv1')!;
    expect(ledger).toEqual({ paidCents: 0, creditedCents: 24_000 });
    expect(balanceDue(invoice, ledger, 'normal')).toBe(96_000);
    // nothing was paid: the invoice is still just sent (or overdue once late), not « partially paid »
    const sent = { ...invoice, sentAt: '2026-01-16' };
    expect(documentStatus(sent, ledger, '2026-02-01', 'normal')).toBe('sent');
    expect(documentStatus(sent, ledger, '2026-02-15', 'normal')).toBe('overdue');
    // 500 € paid on top: 960 − 500 = 460 € left, partially paid
    const withPayment = buildLedgers([invoice, credit], [payment('p1', [['inv1', 50_000]])]).get('inv1')!;
    expect(balanceDue(invoice, withPayment, 'normal')).toBe(46_000);
    expect(documentStatus(sent, withPayment, '2026-02-01', 'normal')).toBe('partially_paid');
    // the remaining 960 € paid: paid
    const settled = buildLedgers([invoice, credit], [payment('p1', [['inv1', 96_000]])]).get('inv1')!;
    expect(documentStatus(sent, settled, '2026-03-01', 'normal')).toBe('paid');
  });

  it('counts only issued credit notes that correct an invoice', () => {
    const draftCredit = creditNoteFrom(invoice, ids('cr3'));
    const orphan = { ...issue(draft('credit', 'cr4'), 'A-2026-A-0003', 3, '2026-01-15'), correctsInvoiceId: null };
    // frozen content but not (or no longer) issued, e.g. a record restored in a half-written state
    const notIssued = { ...issue(creditNoteFrom(invoice, ids('cr5')), 'A-2026-A-0004', 4, '2026-01-15', invoice), status: 'draft' as const };
    expect(buildLedgers([invoice, draftCredit, orphan, notIssued], []).get('inv1')).toBeUndefined();
  });
});

describe('balanceDue and documentTotals', () => {
  it('is what remains of the TTC, never negative, and 0 for drafts', () => {
    expect(balanceDue(invoice, NO_LEDGER, 'normal')).toBe(TTC);
    expect(balanceDue(invoice, { paidCents: 20_000, creditedCents: 0 }, 'normal')).toBe(100_000);
    expect(balanceDue(invoice, { paidCents: 150_000, creditedCents: 0 }, 'normal')).toBe(0);
    expect(balanceDue(draft('invoice', 'd'), NO_LEDGER, 'normal')).toBe(0);
  });

  it('reads the frozen totals of an issued document, not its editable lines', () => {
    const tampered = { ...invoice, lines: [{ ...service, unitPriceCents: 1 }] };
    expect(documentTotals(tampered, 'normal').ttcCents).toBe(TTC);
    expect(balanceDue(tampered, NO_LEDGER, 'normal')).toBe(TTC);
  });

  it('computes a draft from its lines, in the given VAT regime', () => {
    expect(documentTotals(draft('invoice', 'd'), 'normal').ttcCents).toBe(120_000);
    expect(documentTotals(draft('invoice', 'd'), 'franchise').ttcCents).toBe(100_000);
  });
});

describe('daysLate', () => {
  it('counts the days past the due date, 0 when not late', () => {
    expect(daysLate('2026-02-14', '2026-02-14')).toBe(0);
    expect(daysLate('2026-02-14', '2026-02-15')).toBe(1);
    expect(daysLate('2026-02-14', '2026-02-10')).toBe(0);
    expect(daysLate('2026-02-14', '2026-03-16')).toBe(30); // 14 to 28 Feb = 14, + 16
    expect(daysLate('2028-02-14', '2028-03-16')).toBe(31); // leap year: 14 to 29 Feb = 15, + 16
    expect(daysLate('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysLate('2026-03-28', '2026-03-30')).toBe(2); // across the DST change
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
