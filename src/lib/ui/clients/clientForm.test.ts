import { describe, expect, it } from 'vitest';
import { newClient } from '$lib/domain/company';
import type { Client } from '$lib/domain/types';
import {
  addCategory,
  addContact,
  canonicalCategories,
  clientToInput,
  formatSiren,
  normalizeSiren,
  normalizeVatNumber,
  parseClientForm,
  removeContact,
  summarizeErrors,
  type ClientInput
} from './clientForm';

const NET30 = { kind: 'net', days: 30 } as const;
const base = (patch: Partial<Client> = {}): Client => ({ ...newClient('c1', '2026-01-10T09:00:00.000Z'), ...patch });
const input = (patch: Partial<ClientInput> = {}): ClientInput => ({ ...clientToInput(base(), NET30), name: 'Atelier Dupont', ...patch });

describe('clientToInput', () => {
  it('starts from the company terms when the client has no override', () => {
    const i = clientToInput(base(), NET30);
    expect(i.hasTerms).toBe(false);
    expect(i.terms).toEqual(NET30);
    expect(i.hasDelivery).toBe(false);
    expect(i.billingContactId).toBe('');
  });

  it('keeps the stored override, delivery address and billing contact', () => {
    const c = base({
      terms: { kind: 'end_of_month', days: 45 },
      deliveryAddress: { line1: 'Quai 3', line2: '', postalCode: '69007', city: 'Lyon', country: 'FR' },
      contacts: [
        { id: 'k1', name: 'A', email: '', phone: '', role: '', billing: false },
        { id: 'k2', name: 'B', email: '', phone: '', role: '', billing: true }
      ]
    });
    const i = clientToInput(c, NET30);
    expect(i.hasTerms).toBe(true);
    expect(i.terms).toEqual({ kind: 'end_of_month', days: 45 });
    expect(i.hasDelivery).toBe(true);
    expect(i.deliveryAddress.city).toBe('Lyon');
    expect(i.billingContactId).toBe('k2');
  });
});

describe('contacts', () => {
  it('makes the first contact the billing contact, and hands it over on removal', () => {
    const i = input();
    addContact(i, 'k1');
    addContact(i, 'k2');
    expect(i.billingContactId).toBe('k1');
    removeContact(i, 'k1');
    expect(i.billingContactId).toBe('k2');
    removeContact(i, 'k2');
    expect(i.billingContactId).toBe('');
  });
});

describe('addCategory', () => {
  it('trims, and ignores a category already there in another case', () => {
    expect(addCategory(['bon payeur'], '  Agence  web ')).toEqual(['bon payeur', 'Agence web']);
    expect(addCategory(['bon payeur'], 'Bon Payeur')).toEqual(['bon payeur']);
    expect(addCategory(['bon payeur'], '   ')).toEqual(['bon payeur']);
  });

  it('spells a client\'s categories as offered, so each has its checkbox', () => {
    expect(canonicalCategories(['Bon Payeur', 'VIP', 'vip'], ['bon payeur', 'public'])).toEqual(['bon payeur', 'VIP']);
  });

  it('spells a category as it is already known', () => {
    expect(addCategory([], 'PUBLIC', ['bon payeur', 'public'])).toEqual(['public']);
  });
});

describe('normalisation', () => {
  it('stores SIREN/SIRET digits and VAT numbers without spaces', () => {
    expect(normalizeSiren(' 732 829 320 00074 ')).toBe('73282932000074');
    expect(normalizeSiren('732.829.320')).toBe('732829320');
    expect(normalizeVatNumber('fr 44 732829320')).toBe('FR44732829320');
  });
});

describe('formatSiren', () => {
  it('groups the digits of a SIREN or SIRET, leaves anything else alone', () => {
    expect(formatSiren('73282932000074')).toBe('732 829 320 00074');
    expect(formatSiren('732829320')).toBe('732 829 320');
    expect(formatSiren('12345')).toBe('12345');
  });
});

describe('parseClientForm', () => {
  it('builds the record: normalised identifiers, trimmed fields, billing contact', () => {
    const i = input({
      name: '  Atelier Dupont ',
      siren: '732 829 320 00074',
      vatNumber: 'fr44 732 829 320',
      billingAddress: { line1: ' 12 rue des Lilas ', line2: '', postalCode: '69003 ', city: 'Lyon', country: '' },
      categories: ['bon payeur', 'Bon payeur', 'VIP'],
      contacts: [
        { id: 'k1', name: 'Claire', email: 'claire@dupont.fr', phone: '', role: 'Gérante' },
        { id: 'k2', name: '', email: '', phone: '', role: '' }
      ],
      billingContactId: 'k1'
    });
    const { client, errors } = parseClientForm(i, base());
    expect(errors).toEqual({});
    expect(client.id).toBe('c1');
    expect(client.name).toBe('Atelier Dupont');
    expect(client.siren).toBe('73282932000074');
    expect(client.vatNumber).toBe('FR44732829320');
    expect(client.billingAddress).toEqual({ line1: '12 rue des Lilas', line2: '', postalCode: '69003', city: 'Lyon', country: 'FR' });
    expect(client.categories).toEqual(['bon payeur', 'VIP']);
    expect(client.contacts).toEqual([{ id: 'k1', name: 'Claire', email: 'claire@dupont.fr', phone: '', role: 'Gérante', billing: true }]);
    expect(client.terms).toBeNull();
    expect(client.deliveryAddress).toBeNull();
  });

  it('rejects a SIRET whose check digit is wrong, and an unnamed client', () => {
    const { errors } = parseClientForm(input({ name: ' ', siren: '732 829 320 00075' }), base());
    expect(errors).toEqual({ name: 'required', siren: 'invalid_siren' });
  });

  it('rejects a VAT number whose key does not match', () => {
    expect(parseClientForm(input({ vatNumber: 'FR45732829320' }), base()).errors).toEqual({ vatNumber: 'invalid_vat' });
  });

  it('names contact errors by contact id, and needs a name on a filled contact', () => {
    const i = input({
      contacts: [
        { id: 'k1', name: '', email: 'claire@', phone: '', role: '' },
        { id: 'k2', name: 'Paul', email: 'paul@example.fr', phone: '', role: '' }
      ],
      billingContactId: 'k2'
    });
    const { client, errors } = parseClientForm(i, base());
    expect(errors).toEqual({ 'contacts.k1.email': 'invalid_email', 'contacts.k1.name': 'required' });
    expect(client.contacts.map((c) => c.billing)).toEqual([false, true]);
  });

  it('makes the first contact the billing one when none is chosen', () => {
    const i = input({ contacts: [{ id: 'k1', name: 'A', email: '', phone: '', role: '' }], billingContactId: 'gone' });
    expect(parseClientForm(i, base()).client.contacts[0].billing).toBe(true);
  });

  it('keeps a delivery address only when asked for and filled in', () => {
    const delivery = { line1: 'Quai 3', line2: '', postalCode: '6900', city: 'Lyon', country: 'FR' };
    expect(parseClientForm(input({ hasDelivery: false, deliveryAddress: delivery }), base()).client.deliveryAddress).toBeNull();
    const { client, errors } = parseClientForm(input({ hasDelivery: true, deliveryAddress: delivery }), base());
    expect(client.deliveryAddress?.line1).toBe('Quai 3');
    expect(errors).toEqual({ 'deliveryAddress.postalCode': 'invalid_postal_code' });
  });

  it('asks for the rest of a delivery address once begun; the billing one may wait', () => {
    const billing = { line1: '', line2: '', postalCode: '69002', city: '', country: 'FR' };
    expect(parseClientForm(input({ billingAddress: billing }), base()).errors).toEqual({});
    const delivery = { line1: 'Quai 3', line2: '', postalCode: '', city: '', country: 'FR' };
    expect(parseClientForm(input({ hasDelivery: true, deliveryAddress: delivery }), base()).errors).toEqual({
      'deliveryAddress.postalCode': 'required',
      'deliveryAddress.city': 'required'
    });
  });

  it('stores terms only when overridden, and checks a fixed date', () => {
    expect(parseClientForm(input({ hasTerms: true, terms: { kind: 'net', days: 45 } }), base()).client.terms).toEqual({ kind: 'net', days: 45 });
    expect(parseClientForm(input({ hasTerms: false, terms: { kind: 'net', days: 45 } }), base()).client.terms).toBeNull();
    expect(parseClientForm(input({ hasTerms: true, terms: { kind: 'date', date: '' } }), base()).errors).toEqual({ terms: 'invalid_date' });
  });

  it('drops company identifiers for a private individual', () => {
    const { client, errors } = parseClientForm(input({ kind: 'individual', siren: '123', vatNumber: 'XX' }), base());
    expect(errors).toEqual({});
    expect(client.siren).toBe('');
    expect(client.vatNumber).toBe('');
  });
});

describe('summarizeErrors', () => {
  it('lists errors in form order, contacts with their position', () => {
    const summary = summarizeErrors(
      { 'contacts.k2.email': 'invalid_email', siren: 'invalid_siren', 'contacts.k1.name': 'required', name: 'required', 'billingAddress.postalCode': 'invalid_postal_code', 'billingAddress.line1': 'required' },
      ['k1', 'k2']
    );
    expect(summary).toEqual([
      { field: 'client.name', code: 'required' },
      { field: 'client.siren', code: 'invalid_siren' },
      { field: 'client.billingAddress.line1', code: 'required' },
      { field: 'client.billingAddress.postalCode', code: 'invalid_postal_code' },
      { field: 'contact.name', n: 1, code: 'required' },
      { field: 'contact.email', n: 2, code: 'invalid_email' }
    ]);
  });
});

describe('credit limit', () => {
  it('reads « 5 000,50 » as 500 050 cents, empty as none, and refuses what is not a positive amount', () => {
    expect(parseClientForm(input({ creditLimit: '5 000,50' }), base()).client.creditLimitCents).toBe(500_050);
    expect(parseClientForm(input({ creditLimit: '  ' }), base({ creditLimitCents: 100 })).client.creditLimitCents).toBeNull();
    expect(parseClientForm(input({ creditLimit: 'beaucoup' }), base()).errors.creditLimit).toBe('invalid_amount');
    expect(parseClientForm(input({ creditLimit: '-10' }), base()).errors.creditLimit).toBe('invalid_amount');
    expect(parseClientForm(input({ creditLimit: '0' }), base()).errors.creditLimit).toBe('invalid_amount');
  });

  it('shows a saved limit as typed', () => {
    expect(clientToInput(base({ creditLimitCents: 1_234_500 }), NET30).creditLimit).toBe('12345,00');
  });
});

describe('« Paiement d’avance »', () => {
  it('is written only when ticked or unticked: an untouched form writes no key', () => {
    expect(clientToInput(base(), NET30).prepayment).toBe(false);
    expect(clientToInput(base({ prepayment: true }), NET30).prepayment).toBe(true);
    expect(parseClientForm(input({ prepayment: true }), base()).client.prepayment).toBe(true);
    expect(parseClientForm(input({ prepayment: false }), base({ prepayment: true })).client.prepayment).toBe(false);
    expect(parseClientForm(input(), base())).not.toHaveProperty('client.prepayment');
  });
});

describe('e-invoicing address', () => {
  it('keeps a SIREN-based address or an e-mail, and writes nothing when left untouched', () => {
    expect(parseClientForm(input({ siren: '732829320', electronicAddress: ' 732829320_COMPTA ' }), base()).client.electronicAddress).toBe('732829320_COMPTA');
    expect(parseClientForm(input({ kind: 'individual', electronicAddress: 'claire@example.fr' }), base()).errors.electronicAddress).toBeUndefined();
    expect('electronicAddress' in parseClientForm(input(), base()).client).toBe(false);
    expect(parseClientForm(input({ electronicAddress: '' }), base({ electronicAddress: '732829320' })).client.electronicAddress).toBeNull();
  });

  it('refuses an address that is not the client’s SIREN (with a suffix) nor an e-mail', () => {
    expect(parseClientForm(input({ siren: '732829320', electronicAddress: '552100554' }), base()).errors.electronicAddress).toBe('invalid_electronic_address');
    expect(parseClientForm(input({ electronicAddress: 'compta chez nous' }), base()).errors.electronicAddress).toBe('invalid_electronic_address');
    expect(parseClientForm(input({ electronicAddress: 'x@' }), base()).errors.electronicAddress).toBe('invalid_electronic_address');
  });

  it('shows a saved address as typed', () => {
    expect(clientToInput(base({ electronicAddress: '732829320_COMPTA' }), NET30).electronicAddress).toBe('732829320_COMPTA');
  });
});

describe('early-payment discount of a client', () => {
  it('an untouched form writes no key; « own » writes the terms; « none » writes null', () => {
    expect('earlyDiscount' in parseClientForm(input(), base()).client).toBe(false);
    expect(parseClientForm(input({ earlyMode: 'own', early: { rate: '3', days: '15' } }), base()).client.earlyDiscount).toEqual({ rateBp: 300, days: 15 });
    expect(parseClientForm(input({ earlyMode: 'none' }), base()).client.earlyDiscount).toBeNull();
  });
  it('back to the company’s terms once set: « inherit » (a written key cannot be unset)', () => {
    const own: Client = { ...base(), earlyDiscount: { rateBp: 300, days: 15 } };
    const i = clientToInput(own, NET30);
    expect([i.earlyMode, i.early]).toEqual(['own', { rate: '3', days: '15' }]);
    expect(parseClientForm({ ...i, earlyMode: 'inherit' }, own).client.earlyDiscount).toBe('inherit');
  });
  it('« own » with no rate is an error next to the field', () => {
    expect(parseClientForm(input({ earlyMode: 'own', early: { rate: '', days: '' } }), base()).errors.earlyDiscount).toBe('invalid_discount_rate');
  });
});
