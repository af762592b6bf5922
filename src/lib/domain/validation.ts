// Identifier checks (LEGAL.md) and the form validations built on them. Everything returns
// codes; the UI words them.
import type { CatalogItem, Client, Company, DocumentRecord } from './types';
import { isIsoDate } from './dates';
import { quoteValidityProblem } from './quotes';
import { facturxMissing } from './facturx/readiness';

export type FieldErrors = Record<string, string>;

// ——— IBAN ———

const IBAN_LENGTHS: Record<string, number> = {
  FR: 27, MC: 27, BE: 16, DE: 22, ES: 24, IT: 27, LU: 20, NL: 18, PT: 25, CH: 21, GB: 22, IE: 22, AT: 20
};

export function normalizeIban(s: string): string {
  return s.replace(/[\s\u00a0\u202f-]/g, '').toUpperCase();
}

/** Mod 97 of a long digit string, taken piecewise so it never leaves safe integers. */
function mod97(digits: string): number {
  let rest = 0;
  for (let i = 0; i < digits.length; i += 7) rest = Number(String(rest) + digits.slice(i, i + 7)) % 97;
  return rest;
}

/** Move the first four characters to the end, letters → numbers (A=10…Z=35), mod 97 must be 1. */
export function isValidIban(s: string): boolean {
  const iban = normalizeIban(s);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const digits = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return mod97(digits) === 1;
}

/** 'FR7630006000011234567890189' → 'FR76 3000 6000 0112 3456 7890 189'. */
export function formatIban(s: string): string {
  return normalizeIban(s).replace(/(.{4})(?=.)/g, '$1 ');
}

export function isValidBic(s: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(s.replace(/\s/g, '').toUpperCase());
}

// ——— SIREN / SIRET ———

function digitsOnly(s: string): string {
  return s.replace(/[\s\u00a0\u202f.]/g, '');
}

/** The Luhn checksum of a string of digits (SIREN, SIRET) is right. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const LA_POSTE_SIREN = '356000000';

export function isValidSiren(s: string): boolean {
  const d = digitsOnly(s);
  return /^\d{9}$/.test(d) && luhn(d);
}

/**
 * Luhn over the 14 digits. La Poste has more establishments than Luhn keys allow: its SIRETs
 * are also valid when the sum of their digits is a multiple of 5.
 */
export function isValidSiret(s: string): boolean {
  const d = digitsOnly(s);
  if (!/^\d{14}$/.test(d)) return false;
  if (luhn(d)) return true;
  return d.startsWith(LA_POSTE_SIREN) && [...d].reduce((a, c) => a + Number(c), 0) % 5 === 0;
}

export function isValidSirenOrSiret(s: string): boolean {
  const d = digitsOnly(s);
  return d.length === 9 ? isValidSiren(d) : isValidSiret(d);
}

// ——— VAT number ———

/** FR key = (12 + 3 × (SIREN mod 97)) mod 97, two digits. */
export function frenchVatKey(siren: string): string {
  const key = (12 + 3 * (Number(digitsOnly(siren)) % 97)) % 97;
  return String(key).padStart(2, '0');
}

export function isValidFrenchVat(s: string): boolean {
  const v = s.replace(/[\s\u00a0\u202f.-]/g, '').toUpperCase();
  if (v.startsWith('FR')) {
    const m = /^FR(\d{2})(\d{9})$/.exec(v);
    return !!m && isValidSiren(m[2]) && frenchVatKey(m[2]) === m[1];
  }
  return /^[A-Z]{2}[0-9A-Z]{2,13}$/.test(v);
}

// One address, `local@domain.tld`, in characters that mean nothing in a URL: a synced address
// such as `x@y.fr?bcc=spy@evil.example&` or `x@y.fr%3Fbcc=…` can never add a recipient to a
// mailto: link built from it. Stricter than RFC 5322 on purpose (no quoted local parts, no
// comments, no %, ?, &, #, commas, angle brackets, whitespace or control characters inside).
const EMAIL_LOCAL = /^[A-Za-z0-9_+'-]+(\.[A-Za-z0-9_+'-]+)*$/;
const EMAIL_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const EMAIL_TLD = /^([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/**
 * Whether `s` (surrounding spaces aside) is one e-mail address safe to put in a mailto: link:
 * `marie.dupont@exemple.fr` → true; `x@y.fr?bcc=spy@evil.example&` → false.
 */
export function isValidEmail(s: string): boolean {
  const address = s.trim();
  if (address.length > 254) return false;
  const at = address.lastIndexOf('@');
  if (at < 1) return false;
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  return (
    local.length <= 64 &&
    EMAIL_LOCAL.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => EMAIL_LABEL.test(label)) &&
    EMAIL_TLD.test(labels[labels.length - 1])
  );
}

// ——— Forms ———

function addressErrors(prefix: string, a: { line1: string; postalCode: string; city: string; country: string }, errors: FieldErrors) {
  const country = (a.country || 'FR').toUpperCase();
  if (a.postalCode.trim() && country === 'FR' && !/^\d{5}$/.test(a.postalCode.trim())) errors[`${prefix}.postalCode`] = 'invalid_postal_code';
}

/**
 * An « adresse de facturation électronique »: an e-mail address, or a reform address (letters,
 * digits, - _ ., at most 125) that starts with the SIREN of a French business (BR-FR-21, BR-FR-23).
 */
export function isValidElectronicAddress(address: string, siren: string): boolean {
  const a = address.trim();
  if (a.includes('@')) return isValidEmail(a);
  if (!/^[A-Za-z0-9._-]{1,125}$/.test(a)) return false;
  const s = siren.replace(/\s/g, '').slice(0, 9);
  return !/^\d{9}$/.test(s) || a.startsWith(s);
}

export function validateClient(c: Client): FieldErrors {
  const errors: FieldErrors = {};
  if (c.electronicAddress?.trim() && !isValidElectronicAddress(c.electronicAddress, c.siren)) errors.electronicAddress = 'invalid_electronic_address';
  if (!c.name.trim()) errors.name = 'required';
  if (c.siren.trim() && !isValidSirenOrSiret(c.siren)) errors.siren = 'invalid_siren';
  if (c.vatNumber.trim() && !isValidFrenchVat(c.vatNumber)) errors.vatNumber = 'invalid_vat';
  c.contacts.forEach((contact, i) => {
    if (contact.email.trim() && !isValidEmail(contact.email)) errors[`contacts.${i}.email`] = 'invalid_email';
  });
  addressErrors('billingAddress', c.billingAddress, errors);
  if (c.deliveryAddress) addressErrors('deliveryAddress', c.deliveryAddress, errors);
  return errors;
}

export function validateCompany(c: Company): FieldErrors {
  const errors: FieldErrors = {};
  if (!c.name.trim()) errors.name = 'required';
  if (c.siret.trim() && !isValidSirenOrSiret(c.siret)) errors.siret = 'invalid_siren';
  if (c.vatNumber.trim() && !isValidFrenchVat(c.vatNumber)) errors.vatNumber = 'invalid_vat';
  if (c.iban.trim() && !isValidIban(c.iban)) errors.iban = 'invalid_iban';
  if (c.bic.trim() && !isValidBic(c.bic)) errors.bic = 'invalid_bic';
  if (c.email.trim() && !isValidEmail(c.email)) errors.email = 'invalid_email';
  if (!(c.penaltyRateBp >= 0)) errors.penaltyRateBp = 'invalid_rate';
  if (c.shareCapitalCents !== null && c.shareCapitalCents < 0) errors.shareCapitalCents = 'negative';
  addressErrors('address', c.address, errors);
  return errors;
}

export function validateCatalogItem(i: CatalogItem): FieldErrors {
  const errors: FieldErrors = {};
  if (!i.name.trim()) errors.name = 'required';
  if (!Number.isInteger(i.unitPriceCents)) errors.unitPriceCents = 'invalid_amount';
  else if (i.unitPriceCents < 0) errors.unitPriceCents = 'negative';
  if (!(i.vatRateBp >= 0 && i.vatRateBp <= 10_000)) errors.vatRateBp = 'invalid_rate';
  return errors;
}

/** Company forms that must print their share capital (Code de commerce R123-238). */
const CAPITAL_FORMS = new Set(['EURL', 'SARL', 'SASU', 'SAS', 'SA', 'SNC', 'SCI']);

/** What must be filled in before a document may be issued; empty means it may be. */
export function missingBeforeIssue(doc: DocumentRecord, company: Company, client: Client | null): string[] {
  const missing: string[] = [];
  if (!company.name.trim()) missing.push('company_name');
  if (!company.address.line1.trim() || !company.address.postalCode.trim() || !company.address.city.trim()) missing.push('company_address');
  if (!company.siret.trim()) missing.push('company_siret');
  if (company.vatRegime === 'normal' && !company.vatNumber.trim()) missing.push('company_vat_number');
  if (!company.legalForm.trim()) missing.push('company_legal_form');
  if (CAPITAL_FORMS.has(company.legalForm) && company.shareCapitalCents === null) missing.push('company_share_capital');
  if (!client) missing.push('client');
  else {
    if (!client.name.trim()) missing.push('client_name');
    const a = client.billingAddress;
    if (!a.line1.trim() || !a.postalCode.trim() || !a.city.trim()) missing.push('client_address');
  }
  if (doc.lines.length === 0) missing.push('lines');
  if (doc.lines.some((l) => !l.description.trim())) missing.push('line_description');
  if (doc.lines.some((l) => !(l.quantity > 0))) missing.push('line_quantity');
  if (doc.kind === 'credit' && !doc.correctsInvoiceId) missing.push('credit_invoice');
  // Invoices and credit notes are Factur-X: what its rules need besides.
  missing.push(...facturxMissing(doc, company, client));
  if (!doc.issueDate || !isIsoDate(doc.issueDate)) missing.push('issue_date');
  else if (doc.kind === 'quote' && doc.validity && quoteValidityProblem(doc.issueDate, doc.validity)) missing.push('quote_validity');
  return missing;
}
