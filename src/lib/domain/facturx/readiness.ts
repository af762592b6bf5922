// What an invoice or credit note needs before it is issued so that its Factur-X is valid, on
// top of the general rules (validation.ts missingBeforeIssue, which adds these codes): the
// client's SIREN for a French business (BR-FR-11, a mandatory mention since the reform), the
// VAT number of a business elsewhere in the EU billed at 0 % (BR-AE-02, BR-IC-02), and
// invoice numbers made of the characters the French rules accept (BR-FR-02).
import type { Client, Company, DocumentRecord } from '../types';
import { isOtherEuCountry } from './euCountries';

const sirenDigits = (s: string) => s.replace(/\s/g, '');

/** A number format's own characters (tokens aside) must be letters, digits, + - _ or /. */
function numberFormatProblem(format: string): boolean {
  return !/^[A-Za-z0-9+\-_/]*$/.test(format.replace(/\{(YYYY|YY|S|N+)\}/g, ''));
}

/** Codes of `missing.*` (errors.ts); empty when the Factur-X can be made. */
export function facturxMissing(doc: Pick<DocumentRecord, 'kind' | 'lines'>, company: Company, client: Client | null): string[] {
  if (doc.kind === 'quote' || !client) return [];
  const missing: string[] = [];
  const business = client.kind !== 'individual';
  const country = (client.billingAddress.country || 'FR').toUpperCase();
  if (business && country === 'FR' && !/^\d{9}(\d{5})?$/.test(sirenDigits(client.siren))) missing.push('client_siren');
  if (business && isOtherEuCountry(country) && company.vatRegime === 'normal' && doc.lines.some((l) => l.vatRateBp === 0) && !client.vatNumber.trim())
    missing.push('client_vat_number');
  const format = doc.kind === 'credit' ? company.numberFormats.credit : company.numberFormats.invoice;
  if (numberFormatProblem(format)) missing.push('number_format');
  return missing;
}
