import { describe, expect, it } from 'vitest';
import { newClient } from './company';
import { chaseClientRecord, chaseInvoice, chasePayment } from './fixtures';
import { recordDefect, type RecordKind } from './recordShape';

const item = { id: 'i1', name: 'Pose de porte', description: '', unit: 'u', unitPriceCents: 12_000, vatRateBp: 2000, archived: false };
const field = (name: string) => ({ kind: 'bad_field', field: name });

describe('recordDefect', () => {
  it('reads the records the app writes', () => {
    expect(recordDefect('payments', 'p1', chasePayment('p1', 'f1', 5000, '2026-06-01'))).toBeNull();
    expect(recordDefect('documents', 'f1', chaseInvoice('f1', 12_000, '2026-06-01'))).toBeNull();
    expect(recordDefect('clients', 'c1', chaseClientRecord())).toBeNull();
    expect(recordDefect('clients', 'c2', newClient('c2', '2026-01-01T00:00:00.000Z'))).toBeNull();
    expect(recordDefect('items', 'i1', item)).toBeNull();
  });

  it('refuses what is not an object, or an object stored under another id', () => {
    expect(recordDefect('payments', 'p1', '{not json')).toEqual({ kind: 'not_object' });
    expect(recordDefect('payments', 'p1', null)).toEqual({ kind: 'not_object' });
    expect(recordDefect('payments', 'p1', [1, 2])).toEqual({ kind: 'not_object' });
    expect(recordDefect('payments', 'p1', chasePayment('p2', 'f1', 5000, '2026-06-01'))).toEqual(field('id'));
  });

  describe('payments', () => {
    const good = chasePayment('p1', 'f1', 5000, '2026-06-01');
    it.each([
      ['amount as text', { amountCents: '5000' }, 'amountCents'],
      ['amount in euros', { amountCents: 50.5 }, 'amountCents'],
      ['no client', { clientId: '' }, 'clientId'],
      ['a French date', { date: '01/06/2026' }, 'date'],
      ['allocations not a list', { allocations: { f1: 5000 } }, 'allocations'],
      ['an allocation without invoice', { allocations: [{ amountCents: 5000 }] }, 'allocations']
    ])('%s', (_what, patch, bad) => {
      expect(recordDefect('payments', 'p1', { ...good, ...patch })).toEqual(field(bad));
    });
  });

  describe('documents', () => {
    const PROGRESS = {
      quoteId: 'q1',
      quoteNumber: 'D-2026-A-0001',
      quoteDate: '2026-05-01',
      situation: 1,
      final: false,
      lines: [{ quoteLineId: 'a', description: 'Maçonnerie', vatRateBp: 2000, quoteHtCents: 123_457, previousBp: 0, cumulativeBp: 3000, cumulativeHtCents: 37_037, previousHtCents: 0, thisHtCents: 37_037 }],
      retention: { rateBp: 500, cents: 2_222 }
    };
    const issued = chaseInvoice('f1', 12_000, '2026-06-01');
    const draft = { ...issued, status: 'draft', frozen: null, number: '', seq: 0, issueDate: null };
    it('reads a draft without frozen content', () => {
      expect(recordDefect('documents', 'f1', draft)).toBeNull();
    });
    it('reads early-payment terms and a recurrence when absent, null or well formed', () => {
      expect(recordDefect('documents', 'f1', { ...draft, earlyDiscount: null, recurrence: null })).toBeNull();
      expect(recordDefect('documents', 'f1', { ...draft, earlyDiscount: { rateBp: 200, days: 10 }, recurrence: { templateId: 't1', date: '2026-01-31' } })).toBeNull();
    });
    it.each([
      ['an unknown kind', { kind: 'bill' }, 'kind'],
      ['an unknown status', { status: 'paid' }, 'status'],
      ['lines not a list', { lines: 'deux portes' }, 'lines'],
      ['a line with a price as text', { lines: [{ ...issued.lines[0], unitPriceCents: '12' }] }, 'lines'],
      ['issued without frozen content', { frozen: null }, 'frozen'],
      ['frozen content without totals', { frozen: { ...issued.frozen, totals: undefined } }, 'frozen'],
      ['a sequence as text', { seq: '1' }, 'seq'],
      ['a deposit that is not an object', { deposit: '30 %' }, 'deposit'],
      ['a deposit without its request', { deposit: { quoteId: 'q1', quoteNumber: 'D-1' } }, 'deposit'],
      ['deductions not a list', { frozen: { ...issued.frozen, deductions: { d1: 100 } } }, 'frozen'],
      ['a deduction in euros', { frozen: { ...issued.frozen, deductions: [{ invoiceId: 'd1', number: 'F-1', htCents: 1.5, vatCents: 0, ttcCents: 2, vat: [] }] } }, 'frozen'],
      ['early-payment terms as text', { earlyDiscount: '2 % à 10 jours' }, 'earlyDiscount'],
      ['frozen early-payment terms with a rate as text', { frozen: { ...issued.frozen, earlyDiscount: { rateBp: '200', days: 10 } } }, 'frozen'],
      ['a recurrence without its date', { recurrence: { templateId: 't1' } }, 'recurrence'],
      ['a progress without its lines', { progress: { quoteId: 'q1', situation: 1, final: false, retention: null } }, 'progress'],
      ['a progress line with a percentage as text', { progress: { ...PROGRESS, lines: [{ ...PROGRESS.lines[0], cumulativeBp: '30 %' }] } }, 'progress'],
      ['a retention in euros', { progress: { ...PROGRESS, retention: { rateBp: 500, cents: 35.41 } } }, 'progress'],
      ['frozen progress with a situation number as text', { frozen: { ...issued.frozen, progress: { ...PROGRESS, situation: 'deux' } } }, 'frozen'],
      ['a reception date in words', { receptionDate: 'hier' }, 'receptionDate']
    ])('issued, %s', (_what, patch, bad) => {
      expect(recordDefect('documents', 'f1', { ...issued, ...patch })).toEqual(field(bad));
    });
    it('reads a deposit and a final invoice, and documents from before either', () => {
      const deposit = { quoteId: 'q1', quoteNumber: 'D-2026-A-0001', quoteDate: '2026-05-01', request: { kind: 'percent', bp: 3000 } };
      expect(recordDefect('documents', 'f1', { ...issued, deposit })).toBeNull();
      expect(recordDefect('documents', 'f1', { ...draft, deposit: { ...deposit, quoteId: null } })).toBeNull();
      expect(recordDefect('documents', 'f1', { ...issued, deposit: null })).toBeNull();
      const deductions = [{ invoiceId: 'd1', number: 'F-1', issueDate: '2026-05-02', htCents: 100, vatCents: 20, ttcCents: 120, vat: [{ rateBp: 2000, baseCents: 100, vatCents: 20 }] }];
      expect(recordDefect('documents', 'f1', { ...issued, frozen: { ...issued.frozen, deductions } })).toBeNull();
    });
    it('reads a situation, its frozen progress and a reception date, and documents from before them', () => {
      expect(recordDefect('documents', 'f1', { ...draft, progress: PROGRESS })).toBeNull();
      expect(recordDefect('documents', 'f1', { ...issued, progress: PROGRESS, frozen: { ...issued.frozen, progress: PROGRESS } })).toBeNull();
      expect(recordDefect('documents', 'f1', { ...issued, progress: null, receptionDate: null })).toBeNull();
      expect(recordDefect('documents', 'f1', { ...issued, receptionDate: '2026-06-15' })).toBeNull();
    });
    it('a draft dated in words', () => {
      expect(recordDefect('documents', 'f1', { ...draft, issueDate: 'demain' })).toEqual(field('issueDate'));
    });
  });

  describe('the other kinds', () => {
    const cases: [RecordKind, Record<string, unknown>, string][] = [
      ['clients', { ...chaseClientRecord({ id: 'x' }), contacts: null }, 'contacts'],
      ['clients', { ...chaseClientRecord({ id: 'x' }), billingAddress: 'Lyon' }, 'billingAddress'],
      ['clients', { ...chaseClientRecord({ id: 'x' }), prepayment: 'oui' }, 'prepayment'],
      ['members', { id: 'x', name: 'Portable', seriesLetter: 'A', removed: 'no' }, 'removed'],
      ['items', { ...item, id: 'x', unitPriceCents: null }, 'unitPriceCents'],
      ['events', { id: 'x', at: '2026-06-01T10:00:00.000Z', kind: 'client_created', clientId: 3, documentId: null, text: '' }, 'clientId'],
      ['policies', { id: 'x', name: 'Standard', steps: 'J+1' }, 'steps'],
      ['templates', { id: 'x', name: 'Relance', fr: 'Bonjour', en: {} }, 'fr'],
      ['chaseConfig', { id: 'x', defaultPolicyId: 'p', categoryPolicies: {} }, 'categoryPolicies'],
      ['tasks', { id: 'x', title: 'Appeler', dueDate: '2026-06-01', done: 'oui', clientId: null }, 'done'],
      ['claims', { id: 'x', clientId: '', memberId: 'm', at: '2026-06-01T10:00:00.000Z' }, 'clientId'],
      ['penaltyRates', { id: 'x', from: '2026-07-01', ecbRateBp: 2.15, legalRateProBp: 1215 }, 'ecbRateBp'],
      ['clients', { ...chaseClientRecord({ id: 'x' }), earlyDiscount: { rateBp: 200 } }, 'earlyDiscount'],
      ['recurring', { id: 'x', clientId: 'c1', frequency: 'weekly', firstDate: '2026-01-31', endDate: null, preparedThrough: null, lines: [], discount: { kind: 'none' }, paused: false, autoIssue: false }, 'frequency'],
      ['recurring', { id: 'x', clientId: 'c1', frequency: 'monthly', firstDate: '31/01/2026', endDate: null, preparedThrough: null, lines: [], discount: { kind: 'none' }, paused: false, autoIssue: false }, 'firstDate']
    ];
    it.each(cases)('%s: a bad %#', (kind, record, bad) => {
      expect(recordDefect(kind, 'x', record)).toEqual(field(bad));
    });
    it('reads them once the field is right', () => {
      expect(recordDefect('tasks', 'x', { id: 'x', title: 'Appeler', dueDate: '2026-06-01', done: false, clientId: null })).toBeNull();
      expect(recordDefect('penaltyRates', 'x', { id: 'x', from: '2026-07-01', ecbRateBp: 215, legalRateProBp: 1215 })).toBeNull();
    });
  });
});
