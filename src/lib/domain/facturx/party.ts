// The seller and the buyer as CII trade parties (BG-4, BG-7): name, SIREN (scheme 0002) and
// SIRET (0009), postal address, electronic address (BT-34/BT-49), VAT number.
import type { Address, Company, PartySnapshot } from '../types';
import { normalizeIban } from '../validation';
import { el, text } from './xml';

const digits = (s: string) => s.replace(/\s/g, '');

/** The SIREN inside a SIREN or a SIRET (its first 9 digits), '' when there is none. */
export function sirenOf(id: string): string {
  const d = digits(id);
  return /^\d{9}(\d{5})?$/.test(d) ? d.slice(0, 9) : '';
}

function siretOf(id: string): string {
  const d = digits(id);
  return /^\d{14}$/.test(d) ? d : '';
}

function postalAddress(a: Address): string {
  return el('ram:PostalTradeAddress', [
    text('ram:PostcodeCode', a.postalCode),
    text('ram:LineOne', a.line1),
    text('ram:LineTwo', a.line2),
    text('ram:CityName', a.city),
    text('ram:CountryID', (a.country || 'FR').toUpperCase())
  ]);
}

/**
 * An electronic address: the e-invoicing address of the reform (SIREN-based, scheme 0225) or
 * an e-mail address (scheme EM).
 */
export function electronicAddress(address: string): string {
  const a = address.trim();
  if (!a) return '';
  return el('ram:URIUniversalCommunication', text('ram:URIID', a, { schemeID: a.includes('@') ? 'EM' : '0225' }));
}

function legalOrganization(id: string): string {
  const siren = sirenOf(id);
  return siren ? el('ram:SpecifiedLegalOrganization', text('ram:ID', siren, { schemeID: '0002' })) : '';
}

function taxRegistration(id: string, scheme: 'VA' | 'FC'): string {
  return id ? el('ram:SpecifiedTaxRegistration', text('ram:ID', digits(id).toUpperCase(), { schemeID: scheme })) : '';
}

/**
 * The seller (BG-4): its SIREN is also its electronic address. A seller under the franchise
 * has no VAT number: its SIREN is given as tax registration (BT-32), which exempt invoices need.
 */
export function sellerParty(c: Company, name: string, legalInfo: string): string {
  const siret = siretOf(c.siret);
  const vat = c.vatRegime === 'normal' ? c.vatNumber.trim() : '';
  return el('ram:SellerTradeParty', [
    siret && text('ram:GlobalID', siret, { schemeID: '0009' }),
    text('ram:Name', name),
    text('ram:Description', legalInfo),
    legalOrganization(c.siret),
    postalAddress(c.address),
    electronicAddress(sirenOf(c.siret)),
    taxRegistration(vat, 'VA'),
    !vat && taxRegistration(sirenOf(c.siret), 'FC')
  ]);
}

/** The buyer (BG-7): SIREN for a business, electronic address, VAT number. */
export function buyerParty(p: PartySnapshot): string {
  const business = (p.kind ?? 'company') === 'company';
  const siret = business ? siretOf(p.siren) : '';
  return el('ram:BuyerTradeParty', [
    siret && text('ram:GlobalID', siret, { schemeID: '0009' }),
    text('ram:Name', p.name),
    business && legalOrganization(p.siren),
    postalAddress(p.address),
    electronicAddress(p.electronicAddress?.trim() || (business ? sirenOf(p.siren) : '')),
    taxRegistration(p.vatNumber.trim(), 'VA')
  ]);
}

/** Where goods or services went (BG-13): a delivery address, or the billing one. */
export function shipToParty(name: string, a: Address): string {
  return el('ram:ShipToTradeParty', [text('ram:Name', name), postalAddress(a)]);
}

/** The IBAN as the CII wants it: no spaces, upper case. */
export function ibanId(iban: string): string {
  return normalizeIban(iban);
}
