import { describe, expect, it } from 'vitest';
import { facturxMissing } from './readiness';
import { client, line, seller } from './fixtures';

const invoice = { kind: 'invoice' as const, lines: [line('a', { description: 'x', unitPriceCents: 100 })] };

describe('facturxMissing', () => {
  it('asks for the SIREN of a French business client', () => {
    expect(facturxMissing(invoice, seller(), client({ siren: '' }))).toEqual(['client_siren']);
    expect(facturxMissing(invoice, seller(), client({ siren: '732 829 320' }))).toEqual([]);
    expect(facturxMissing(invoice, seller(), client({ siren: '73282932000074' }))).toEqual([]);
  });

  it('never asks an individual or a business abroad for a SIREN', () => {
    expect(facturxMissing(invoice, seller(), client({ kind: 'individual', siren: '' }))).toEqual([]);
    const abroad = { line1: 'Hauptstraße 5', line2: '', postalCode: '10115', city: 'Berlin', country: 'DE' };
    expect(facturxMissing(invoice, seller(), client({ siren: '', billingAddress: abroad }))).toEqual([]);
  });

  it('asks for the VAT number of an EU business billed at 0 %', () => {
    const abroad = client({ siren: '', vatNumber: '', billingAddress: { line1: 'Rue Haute 1', line2: '', postalCode: '1000', city: 'Bruxelles', country: 'BE' } });
    const zero = { kind: 'invoice' as const, lines: [line('a', { description: 'x', unitPriceCents: 100, vatRateBp: 0 })] };
    expect(facturxMissing(zero, seller(), abroad)).toEqual(['client_vat_number']);
    expect(facturxMissing(invoice, seller(), abroad)).toEqual([]);
  });

  it('refuses number formats with characters the French rules reject', () => {
    const spaced = seller({ numberFormats: { invoice: 'F {YYYY} {NNNN}', quote: 'D-{YYYY}-{NNNN}', credit: 'A-{YYYY}-{NNNN}' } });
    expect(facturxMissing(invoice, spaced, client())).toEqual(['number_format']);
    expect(facturxMissing({ ...invoice, kind: 'credit' }, spaced, client())).toEqual([]);
  });

  it('asks nothing for a quote', () => {
    expect(facturxMissing({ ...invoice, kind: 'quote' }, seller(), client({ siren: '' }))).toEqual([]);
  });
});
