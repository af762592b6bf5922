import { describe, expect, it } from 'vitest';
import { creditNoteFrom, documentsByRef, emptyAddress, invoiceFromQuote, isDocumentRef, lineFromCatalog, newDocument, newLine } from './documents';
import { freezeDocument } from './integrity';
import { newClient, newCompany } from './company';
import type { CatalogItem, DocumentRecord } from './types';

const NOW = '2026-01-15T09:00:00.000Z';
const LATER = '2026-02-01T14:30:00.000Z';
const company = {
  ...newCompany('2026-01-01'),
  name: 'Atelier Dupont',
  address: { line1: '12 rue des Lilas', line2: '', postalCode: '69003', city: 'Lyon', country: 'FR' },
  siret: '73282932000074',
  vatNumber: 'FR44732829320'
};
const client = { ...newClient('c1', NOW), name: 'Boulangerie Martin' };

describe('newLine and emptyAddress', () => {
  it('defaults to one unit at 20 % with no discount', () => {
    expect(newLine('l1')).toEqual({ id: 'l1', description: '', quantity: 1, unit: 'u', unitPriceCents: 0, vatRateBp: 2000, discountCents: 0 });
    expect(newLine('l2', { quantity: 2.5, unit: 'h' })).toMatchObject({ id: 'l2', quantity: 2.5, unit: 'h', vatRateBp: 2000 });
  });

  it('gives a blank French address', () => {
    expect(emptyAddress()).toEqual({ line1: '', line2: '', postalCode: '', city: '', country: 'FR' });
  });
});

describe('newDocument', () => {
  it('makes a blank draft with every field at its default', () => {
    const d = newDocument('invoice', { id: 'd1', memberId: 'm1', now: NOW, clientId: 'c1', terms: { kind: 'net', days: 30 } });
    expect(d).toEqual({
      id: 'd1',
      kind: 'invoice',
      clientId: 'c1',
      memberId: 'm1',
      status: 'draft',
      lines: [],
      discount: { kind: 'none' },
      issueDate: null,
      serviceDate: null,
      terms: { kind: 'net', days: 30 },
      notes: '',
      title: '',
      orderNumber: '',
      number: '',
      series: '',
      seq: 0,
      dueDate: null,
      frozen: null,
      hash: '',
      prevHash: '',
      issuedAt: null,
      sentAt: null,
      sentChannel: null,
      disputed: false,
      inCollection: false,
      quoteOutcome: 'pending',
      sourceQuoteId: null,
      correctsInvoiceId: null,
      createdAt: NOW,
      updatedAt: NOW
    });
  });

  it('makes quotes and credit notes the same way', () => {
    expect(newDocument('quote', { id: 'q', memberId: 'm', now: NOW, clientId: 'c', terms: { kind: 'on_receipt' } })).toMatchObject({ kind: 'quote', status: 'draft', quoteOutcome: 'pending' });
    expect(newDocument('credit', { id: 'a', memberId: 'm', now: NOW, clientId: 'c', terms: { kind: 'on_receipt' } })).toMatchObject({ kind: 'credit', status: 'draft' });
  });
});

describe('lineFromCatalog', () => {
  const item: CatalogItem = { id: 'i1', name: 'Audit SEO', description: 'Rapport et recommandations', unit: 'forfait', unitPriceCents: 85_000, vatRateBp: 2000, archived: false };

  it('copies name, description, unit, price and rate, one unit, no discount', () => {
    expect(lineFromCatalog('l1', item)).toEqual({
      id: 'l1',
      description: 'Audit SEO\nRapport et recommandations',
      quantity: 1,
      unit: 'forfait',
      unitPriceCents: 85_000,
      vatRateBp: 2000,
      discountCents: 0
    });
  });

  it('uses the name alone when there is no description', () => {
    expect(lineFromCatalog('l2', { ...item, description: '', vatRateBp: 550, unit: 'kg', unitPriceCents: 420 })).toEqual({
      id: 'l2',
      description: 'Audit SEO',
      quantity: 1,
      unit: 'kg',
      unitPriceCents: 420,
      vatRateBp: 550,
      discountCents: 0
    });
  });
});

function draft(kind: 'quote' | 'invoice', id: string): DocumentRecord {
  return {
    ...newDocument(kind, { id, memberId: 'm1', now: NOW, clientId: 'c1', terms: { kind: 'end_of_month', days: 30 } }),
    title: 'Site vitrine',
    notes: 'Acompte de 30 % à la commande',
    discount: { kind: 'percent', bp: 500 },
    lines: [
      newLine('l1', { description: 'Maquettes', quantity: 3, unit: 'jour', unitPriceCents: 50_000 }),
      newLine('l2', { description: 'Hébergement', quantity: 12, unit: 'mois', unitPriceCents: 1_500, vatRateBp: 2000, discountCents: 1_000 })
    ]
  };
}

function issue(doc: DocumentRecord, number: string): DocumentRecord {
  const frozen = freezeDocument(doc, {
    company, client, number, series: number.slice(0, -5), seq: 1, issueDate: '2026-01-15', dueDate: null, prevHash: '', correctedInvoice: null
  });
  return { ...doc, status: 'issued', number, series: frozen.series, seq: 1, issueDate: '2026-01-15', frozen, hash: 'h' };
}

describe('invoiceFromQuote', () => {
  it('copies the frozen content of an issued quote and links it', () => {
    const quote = issue(draft('quote', 'q1'), 'D-2026-A-0001');
    // the quote's editable fields drifted after issue: the invoice must take what was issued
    const drifted: DocumentRecord = { ...quote, lines: [], discount: { kind: 'none' }, notes: 'brouillon', terms: { kind: 'on_receipt' }, clientId: 'other' };
    const invoice = invoiceFromQuote(drifted, { id: 'inv1', memberId: 'm2', now: LATER });
    expect(invoice).toEqual({
      ...newDocument('invoice', { id: 'inv1', memberId: 'm2', now: LATER, clientId: 'c1', terms: { kind: 'end_of_month', days: 30 } }),
      lines: quote.frozen!.lines,
      discount: { kind: 'percent', bp: 500 },
      notes: 'Acompte de 30 % à la commande',
      title: 'Site vitrine',
      sourceQuoteId: 'q1'
    });
    expect(invoice.status).toBe('draft');
    expect(invoice.number).toBe('');
  });

  it('gives the invoice its own copies of the lines', () => {
    const quote = issue(draft('quote', 'q1'), 'D-2026-A-0001');
    const invoice = invoiceFromQuote(quote, { id: 'inv1', memberId: 'm1', now: LATER });
    invoice.lines[0].unitPriceCents = 1;
    if (invoice.discount.kind === 'percent') invoice.discount.bp = 1;
    expect(quote.frozen!.lines[0].unitPriceCents).toBe(50_000);
    expect(quote.frozen!.discount).toEqual({ kind: 'percent', bp: 500 });
  });

  it('copies a draft quote’s lines when it has no frozen content', () => {
    const quote = draft('quote', 'q2');
    const invoice = invoiceFromQuote(quote, { id: 'inv2', memberId: 'm1', now: LATER });
    expect(invoice.lines).toEqual(quote.lines);
    expect(invoice.lines[0]).not.toBe(quote.lines[0]);
    expect(invoice).toMatchObject({ kind: 'invoice', clientId: 'c1', sourceQuoteId: 'q2', terms: { kind: 'end_of_month', days: 30 } });
  });
});

describe('creditNoteFrom', () => {
  const invoice = issue(draft('invoice', 'inv1'), 'F-2026-A-0001');

  it('credits all of an invoice: its frozen lines and discount, payable on receipt', () => {
    const credit = creditNoteFrom({ ...invoice, lines: [] }, { id: 'cr1', memberId: 'm1', now: LATER });
    expect(credit).toEqual({
      ...newDocument('credit', { id: 'cr1', memberId: 'm1', now: LATER, clientId: 'c1', terms: { kind: 'on_receipt' } }),
      lines: invoice.frozen!.lines,
      discount: { kind: 'percent', bp: 500 },
      title: 'Site vitrine',
      correctsInvoiceId: 'inv1'
    });
    credit.lines[0].quantity = 99;
    expect(invoice.frozen!.lines[0].quantity).toBe(3);
  });

  it('credits part of an invoice: the given lines only, without the document discount', () => {
    const given = [newLine('c1', { description: 'Hébergement non consommé', quantity: 4, unit: 'mois', unitPriceCents: 1_500 })];
    const credit = creditNoteFrom(invoice, { id: 'cr2', memberId: 'm1', now: LATER }, given);
    expect(credit).toMatchObject({
      kind: 'credit',
      status: 'draft',
      clientId: 'c1',
      lines: given,
      discount: { kind: 'none' },
      terms: { kind: 'on_receipt' },
      correctsInvoiceId: 'inv1'
    });
    expect(credit.lines[0]).not.toBe(given[0]);
  });
});

describe('references to a draft that was issued', () => {
  const draftQuote = newDocument('quote', { id: 'q-draft', memberId: 'm1', now: NOW, clientId: 'c1', terms: { kind: 'on_receipt' } });
  // Issuing writes a new record that remembers its draft; two devices offline make two.
  const onA: DocumentRecord = { ...draftQuote, id: 'q-a', status: 'issued', number: 'D-2026-A-0001', sourceDraftId: 'q-draft' };
  const onB: DocumentRecord = { ...draftQuote, id: 'q-b', status: 'issued', number: 'D-2026-B-0001', sourceDraftId: 'q-draft' };
  const invoice = { ...invoiceFromQuote(draftQuote, { id: 'i1', memberId: 'm1', now: NOW }) };

  it('a reference names a document by its id or by the draft it was issued from', () => {
    expect(invoice.sourceQuoteId).toBe('q-draft');
    expect(isDocumentRef(onA, invoice.sourceQuoteId)).toBe(true);
    expect(isDocumentRef(onA, 'q-a')).toBe(true);
    expect(isDocumentRef(onA, 'q-b')).toBe(false);
    expect(isDocumentRef(onA, null)).toBe(false);
    expect(isDocumentRef({ ...onA, sourceDraftId: undefined }, 'q-draft')).toBe(false);
    expect(isDocumentRef(draftQuote, 'q-draft')).toBe(true);
  });

  it('documentsByRef: the record itself, else what was issued from the draft, by number', () => {
    expect(documentsByRef('q-draft', [draftQuote, invoice])).toEqual([draftQuote]);
    expect(documentsByRef('q-draft', [onB, invoice, onA])).toEqual([onA, onB]);
    expect(documentsByRef('q-a', [onB, onA])).toEqual([onA]);
    expect(documentsByRef('nothing', [onA, onB])).toEqual([]);
    expect(documentsByRef('', [onA])).toEqual([]);
  });
});
