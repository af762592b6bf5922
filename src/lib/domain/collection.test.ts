import { describe, expect, it } from 'vitest';
import { closingOf, collectionCases, writtenOffIn, type CaseInvoice } from './collection';
import { collectionFile, lettersSent } from './collectionFile';
import { newDocument, newLine } from './documents';
import { accountsOfRecords, plainContext, type AccountContext } from './receivables';
import type { CollectionCase, DocumentRecord, Payment } from './types';
import type { ContactEntry } from './contactLog';

const invoice = (id: string, ttc: number, due: string, extra: Partial<DocumentRecord> = {}): DocumentRecord => ({
  ...newDocument('invoice', { id, memberId: 'm', now: '2026-01-01T00:00:00.000Z', clientId: 'c1', terms: { kind: 'net', days: 30 } }),
  status: 'issued',
  number: `F-${id}`,
  issueDate: '2026-01-30',
  dueDate: due,
  lines: [newLine('l1', { quantity: 1, unitPriceCents: ttc, vatRateBp: 0 })],
  ...extra
});
const handedOver = (caseId: string, closed: CollectionCase['closed'] = null): Partial<DocumentRecord> => ({
  inCollection: closed === null,
  collection: { caseId, agent: 'agency', agentName: 'Recouvre SA', since: '2026-05-02', memberId: 'm', closed }
});
const caseInvoice = (invoiceId: string, dueDate: string, remainingCents: number): CaseInvoice => ({ invoiceId, number: invoiceId, dueDate, remainingCents, writtenOffCents: 0 });
const B2B = (asOf: string) => (): AccountContext => plainContext(asOf, 'company');

describe('closing a case', () => {
  it('spreads what came in oldest due first and writes off the rest (the doc example)', () => {
    // 700 € recovered on 600 € (due 1 March) + 400 € (due 1 April): 600 € to F1, 100 € to F2,
    // F2's remaining 300 € given up.
    const c = closingOf([caseInvoice('F2', '2026-04-01', 40_000), caseInvoice('F1', '2026-03-01', 60_000)], 70_000, true);
    expect(c.allocations).toEqual([
      { invoiceId: 'F1', amountCents: 60_000 },
      { invoiceId: 'F2', amountCents: 10_000 }
    ]);
    expect(c.writeOffs).toEqual([{ invoiceId: 'F2', cents: 30_000 }]);
    expect(c.stillOwedCents).toBe(0);
  });

  it('abandoned: nothing came in, everything remaining is written off', () => {
    const c = closingOf([caseInvoice('F1', '2026-03-01', 60_000), caseInvoice('F2', '2026-04-01', 40_000)], 0, true);
    expect(c.allocations).toEqual([]);
    expect(c.writeOffs).toEqual([
      { invoiceId: 'F1', cents: 60_000 },
      { invoiceId: 'F2', cents: 40_000 }
    ]);
  });

  it('recovered in part without giving up the rest: it stays owed; never more allocated than owed', () => {
    const c = closingOf([caseInvoice('F1', '2026-03-01', 60_000)], 25_000, false);
    expect(c.allocations).toEqual([{ invoiceId: 'F1', amountCents: 25_000 }]);
    expect(c.writeOffs).toEqual([]);
    expect(c.stillOwedCents).toBe(35_000);
    expect(closingOf([caseInvoice('F1', '2026-03-01', 60_000)], 90_000, true).allocations).toEqual([{ invoiceId: 'F1', amountCents: 60_000 }]);
  });
});

describe('cases read from the documents', () => {
  it('groups the invoices of a case with today’s amounts, newest case first; open while any invoice is', () => {
    const docs = [
      invoice('a', 100_000, '2026-03-01', handedOver('k1')),
      invoice('b', 50_000, '2026-02-01', handedOver('k1', { outcome: 'abandoned', on: '2026-06-01', memberId: 'm' })),
      invoice('c', 20_000, '2026-02-01'),
      invoice('d', 30_000, '2026-02-01', {
        ...handedOver('k0', { outcome: 'abandoned', on: '2026-04-01', memberId: 'm' }),
        collection: { caseId: 'k0', agent: 'bailiff', agentName: '', since: '2026-04-01', memberId: 'm', closed: { outcome: 'abandoned', on: '2026-04-01', memberId: 'm' } },
        writeOff: { cents: 30_000, on: '2026-04-01', memberId: 'm' }
      }),
      invoice('e', 10_000, '2026-02-01', { collection: { caseId: 'k2', agent: 'nobody' } as never })
    ];
    const accounts = accountsOfRecords(docs, [], 'normal', B2B('2026-06-15'));
    const cases = collectionCases(docs, accounts);
    expect(cases.map((c) => [c.caseId, c.closed === null, c.invoices.map((i) => i.invoiceId), c.remainingCents, c.writtenOffCents])).toEqual([
      ['k1', true, ['b', 'a'], 150_000, 0],
      ['k0', false, ['d'], 0, 30_000]
    ]);
    expect(writtenOffIn(accounts.values(), '2026-01-01', '2026-12-31')).toEqual({ cents: 30_000, count: 1 });
    expect(writtenOffIn(accounts.values(), '2026-04-02', '2026-12-31')).toEqual({ cents: 0, count: 0 });
  });
});

describe('the file for the agency', () => {
  it('lists each invoice with interest and indemnity as of today, the formal notice and the whole register', () => {
    // F-a: 1 000 € due 1 March, 200 € paid 1 April, handed over; as of 30 April (rate 12,15 %):
    // interest 31 days × 100 000 + 29 days × 80 000 = 3 100 000 + 2 320 000 = 5 420 000 cent-days
    // → 5 420 000 × 1215 / 3 650 000 = 1 804,19… → 18,04 €; indemnity 40 € (business).
    const rate = { penaltyRateBp: 1215 };
    const a = invoice('a', 100_000, '2026-03-01', { ...handedOver('k1'), frozen: { seller: rate, client: { kind: 'company' }, totals: { ttcCents: 100_000 } } as never });
    const paidA: Payment = { id: 'p', clientId: 'c1', amountCents: 20_000, date: '2026-04-01', method: 'transfer', reference: '', allocations: [{ invoiceId: 'a', amountCents: 20_000 }], memberId: 'm', createdAt: '' };
    const contact = (date: string, stepId: string, outcome: 'sent' | 'promised', note = ''): ContactEntry => ({
      id: `${date}${stepId}`,
      at: `${date}T09:00:00.000Z`,
      date,
      memberId: 'm',
      clientId: 'c1',
      documentId: 'a',
      contact: { targets: [{ key: 'a', stepId }], stepId, channel: stepId === 'formal_notice' ? 'registered_letter' : 'email', outcome, promisedDate: null, snoozeUntil: null, note }
    });
    const register = [contact('2026-04-10', 'formal_notice', 'sent'), contact('2026-03-08', 'j7', 'sent', 'relance 1')];
    const accounts = accountsOfRecords([a], [paidA], 'normal', B2B('2026-04-30'));
    const file = collectionFile(['a'], accounts, register, new Set(['formal_notice']), '2026-04-30');
    expect(file.lines).toEqual([
      { invoiceId: 'a', number: 'F-a', issueDate: '2026-01-30', dueDate: '2026-03-01', ttcCents: 100_000, settledCents: 20_000, remainingCents: 80_000, daysLate: 60, interestCents: 1804, indemnityCents: 4000 }
    ]);
    expect([file.principalCents, file.interestCents, file.indemnityCents, file.totalCents]).toEqual([80_000, 1804, 4000, 85_804]);
    expect(file.formalNoticeOn).toBe('2026-04-10');
    expect(file.register.map((r) => [r.date, r.channel, r.numbers, r.note])).toEqual([
      ['2026-03-08', 'email', ['F-a'], 'relance 1'],
      ['2026-04-10', 'registered_letter', ['F-a'], '']
    ]);
  });
});

describe('the letters to add to the file', () => {
  const sent = (at: string, channel: 'email' | 'letter' | 'registered_letter', stepId: string, key = 'a'): ContactEntry => ({
    id: at,
    at: `${at}T09:00:00.000Z`,
    date: at,
    memberId: 'm',
    clientId: 'c1',
    documentId: null,
    contact: { targets: [{ key, stepId }], stepId, channel, outcome: 'sent', promisedDate: null, snoozeUntil: null, note: '' }
  });

  it('keeps the ones sent by post about the case’s invoices: a reminder after an e-mail is a second one; the notice is the notice', () => {
    const log = [sent('2026-04-20', 'registered_letter', 'formal_notice'), sent('2026-03-08', 'email', 'j7'), sent('2026-03-20', 'letter', 'j21'), sent('2026-03-21', 'letter', 'j21', 'other')];
    expect(lettersSent(log, ['a'], new Set(['formal_notice']))).toEqual([
      { date: '2026-03-20', keys: ['a'], kind: 'reminder2', previousMessage: true },
      { date: '2026-04-20', keys: ['a'], kind: 'notice', previousMessage: true }
    ]);
    expect(lettersSent([sent('2026-03-20', 'letter', 'j21')], ['a'], new Set())).toEqual([{ date: '2026-03-20', keys: ['a'], kind: 'reminder1', previousMessage: false }]);
  });
});
