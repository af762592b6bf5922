import { describe, expect, it } from 'vitest';
import {
  formatIban,
  frenchVatKey,
  isValidBic,
  isValidEmail,
  isValidFrenchVat,
  isValidIban,
  isValidSiren,
  isValidSirenOrSiret,
  isValidSiret,
  missingBeforeIssue,
  normalizeIban,
  validateCatalogItem,
  validateClient,
  validateCompany
} from './validation';
import { newClient, newCompany } from './company';
import { issuingCompany } from './fixtures';
import { newDocument, newLine } from './documents';
import type { CatalogItem, Client, Company, DocumentRecord } from './types';

const NOW = '2026-01-15T09:00:00.000Z';

describe('IBAN (mod 97)', () => {
  it('accepts LEGAL.md’s valid examples', () => {
    // By hand for the shortest: BE72000000001616 → 000000001616 + « BE72 » → B = 11, E = 14
    // → 1616111472 ; 97 × 16 660 943 = 1 616 111 471, remainder 1 ✓
    for (const iban of ['FR7630006000011234567890189', 'FR1420041010050500013M02606', 'BE72000000001616', 'DE33100205000001194700'])
      expect(isValidIban(iban), iban).toBe(true);
  });

  it('accepts lower case, spaces and dashes as typed or printed', () => {
    expect(isValidIban('fr76 3000 6000 0112 3456 7890 189')).toBe(true);
    expect(isValidIban('FR76\u00a03000\u202f6000-0112-3456-7890-189')).toBe(true);
    expect(isValidIban('  be72 0000 0000 1616  ')).toBe(true);
  });

  it('refuses a changed digit, swapped check digits, a wrong length or shape', () => {
    // One changed digit changes the number by k × 10^p (1 ≤ k ≤ 9): never a multiple of the prime 97.
    expect(isValidIban('FR7630006000011234567890188')).toBe(false);
    expect(isValidIban('FR7630006000011234567890199')).toBe(false);
    expect(isValidIban('DE33100205000001194701')).toBe(false);
    expect(isValidIban('FR6730006000011234567890189')).toBe(false); // 76 ↔ 67
    expect(isValidIban('FR763000600001123456789018')).toBe(false); // 26 characters, France wants 27
    expect(isValidIban('FR76300060000112345678901890')).toBe(false); // 28
    expect(isValidIban('BE720000000016160')).toBe(false); // 17, Belgium wants 16
    expect(isValidIban('')).toBe(false);
    expect(isValidIban('FR76')).toBe(false);
    expect(isValidIban('7630006000011234567890189FR')).toBe(false);
    expect(isValidIban('FR76 3000 6000 0112 3456 7890 18!')).toBe(false);
  });

  it('normalizes and formats by groups of four', () => {
    expect(normalizeIban(' fr76 3000-6000 ')).toBe('FR7630006000');
    expect(formatIban('fr7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(formatIban('BE72000000001616')).toBe('BE72 0000 0000 1616');
  });
});

describe('BIC', () => {
  it('takes 8 or 11 characters', () => {
    expect(isValidBic('BNPAFRPP')).toBe(true);
    expect(isValidBic('BNPAFRPPXXX')).toBe(true);
    expect(isValidBic('bnpa fr pp')).toBe(true);
    expect(isValidBic('BNPAFRP')).toBe(false);
    expect(isValidBic('BNPAFRPPXX')).toBe(false);
    expect(isValidBic('1NPAFRPP')).toBe(false);
  });
});

describe('SIREN / SIRET (Luhn)', () => {
  it('accepts 732829320 and 73282932000074', () => {
    // 732829320 from the right, every second digit doubled (minus 9 above 9):
    // 0 + 4 + 3 + 9 + 2 + 7 + 2 + 6 + 7 = 40 ✓
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('732 829 320')).toBe(true);
    // 73282932000074: 4 + 5 + 0 + 0 + 0 + 0 + 2 + 6 + 9 + 4 + 8 + 4 + 3 + 5 = 50 ✓
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('732 829 320 00074')).toBe(true);
    expect(isValidSirenOrSiret('732829320')).toBe(true);
    expect(isValidSirenOrSiret('73282932000074')).toBe(true);
  });

  it('refuses a changed digit and wrong lengths', () => {
    expect(isValidSiren('732829321')).toBe(false); // sum 41
    expect(isValidSiren('732829330')).toBe(false);
    expect(isValidSiret('73282932000075')).toBe(false); // sum 51
    expect(isValidSiret('73282932000084')).toBe(false);
    expect(isValidSiren('73282932')).toBe(false);
    expect(isValidSiren('73282932000074')).toBe(false);
    expect(isValidSiret('732829320')).toBe(false);
    expect(isValidSirenOrSiret('7328293200007')).toBe(false);
    expect(isValidSiren('ABCDEFGHI')).toBe(false);
    expect(isValidSiren('')).toBe(false);
  });

  it('accepts La Poste SIRETs whose digit sum is a multiple of 5, even when Luhn fails', () => {
    // 35600000000001, from the right: 1 (×1) ; zeros ; 6 (×2 = 12 → 3) ; 5 (×1) ; 3 (×2 = 6)
    // Luhn sum = 1 + 3 + 5 + 6 = 15 → not a multiple of 10, Luhn fails;
    // digit sum = 3 + 5 + 6 + 1 = 15 → a multiple of 5 → valid for La Poste.
    expect(isValidSiret('35600000000001')).toBe(true);
    // 35600000000002: Luhn 16, digit sum 16 → both fail
    expect(isValidSiret('35600000000002')).toBe(false);
    // La Poste's head office 35600000000048: Luhn 6 + 5 + 3 + 8 (4 × 2) + 8 = 30 ✓ (digit sum 26)
    expect(isValidSiret('35600000000048')).toBe(true);
    // The SIREN itself: 0 × 6 … 6 + 1 (5 × 2 = 10 → 1) + 3 = 10 ✓
    expect(isValidSiren('356000000')).toBe(true);
  });

  it('keeps the digit-sum exception to La Poste', () => {
    // 73282932000004: digit sum 7+3+2+8+2+9+3+2+4 = 40, a multiple of 5, but Luhn = 50 − 5 = 45
    expect(isValidSiret('73282932000004')).toBe(false);
  });
});

describe('French VAT number', () => {
  it('computes the key (12 + 3 × (SIREN mod 97)) mod 97', () => {
    // 732829320 = 97 × 7 554 941 + 43 (97 × 7 554 941 = 732 829 277) → (12 + 3 × 43) mod 97 = 141 − 97 = 44
    expect(frenchVatKey('732829320')).toBe('44');
    // 356000000 = 97 × 3 670 103 + 9 (97 × 3 670 103 = 355 999 991) → (12 + 27) mod 97 = 39
    expect(frenchVatKey('356000000')).toBe('39');
    // 29 mod 97 = 29 → (12 + 87) mod 97 = 99 − 97 = 2 → padded « 02 »
    expect(frenchVatKey('000000029')).toBe('02');
  });

  it('accepts FR44732829320 however it is typed, refuses a wrong key or SIREN', () => {
    expect(isValidFrenchVat('FR44732829320')).toBe(true);
    expect(isValidFrenchVat('fr 44 732 829 320')).toBe(true);
    expect(isValidFrenchVat('FR39356000000')).toBe(true);
    expect(isValidFrenchVat('FR45732829320')).toBe(false);
    // 732829321 mod 97 = 44 → key (12 + 132) mod 97 = 47: the key is right, but the SIREN fails Luhn
    expect(isValidFrenchVat('FR47732829321')).toBe(false);
    expect(isValidFrenchVat('FR4473282932')).toBe(false);
    expect(isValidFrenchVat('FR')).toBe(false);
  });

  it('checks only the shape of other EU numbers', () => {
    expect(isValidFrenchVat('BE0123456789')).toBe(true);
    expect(isValidFrenchVat('DE123456789')).toBe(true);
    expect(isValidFrenchVat('X1')).toBe(false);
    expect(isValidFrenchVat('BE1')).toBe(false);
  });
});

describe('e-mail', () => {
  it('accepts ordinary addresses and refuses the rest', () => {
    for (const ok of ['marie.dupont@exemple.fr', 'a+b@sous.domaine.co.uk', ' x@y.fr ']) expect(isValidEmail(ok), ok).toBe(true);
    for (const bad of ['', 'marie', 'marie@', '@exemple.fr', 'marie@exemple', 'marie dupont@exemple.fr', 'marie@exemple..fr', 'marie@@exemple.fr', 'marie@.fr', 'marie@exemple.fr.'])
      expect(isValidEmail(bad), bad).toBe(false);
  });

  it('refuses any address that could add a recipient or a header to a mailto: link', () => {
    const attacks = [
      'x@y.fr?bcc=spy@evil.example&',
      'x@y.fr?bcc=spy%40evil.example',
      'x@y.fr%3Fbcc=spy%40evil.example',
      'x@y.fr&bcc=spy',
      'x@y.fr,spy@evil.example',
      'x@y.fr;spy@evil.example',
      'Marie <x@y.fr>',
      '<x@y.fr>',
      'x@y.fr#frag',
      'x\n@y.fr',
      'x@y.fr\r\nBcc: spy@evil.example',
      'x\u0000@y.fr',
      '"x y"@y.fr',
      'x@y.fr?',
      'x@-y.fr',
      'x@y-.fr',
      'x@y.f',
      'x@y.123',
      '.x@y.fr',
      'x.@y.fr',
      `${'a'.repeat(65)}@y.fr`,
      `x@${'a'.repeat(250)}.fr`
    ];
    for (const bad of attacks) expect(isValidEmail(bad), JSON.stringify(bad)).toBe(false);
    for (const ok of ["o'brien@exemple.ie", 'compta-2026@boulangerie-martin.fr', 'x_y@xn--exmple-cva.fr', 'A.B@Exemple.FR'])
      expect(isValidEmail(ok), ok).toBe(true);
  });
});

const goodCompany: Company = issuingCompany;

const goodClient: Client = {
  ...newClient('c1', NOW),
  name: 'Boulangerie Martin',
  billingAddress: { line1: '3 place du Marché', line2: '', postalCode: '13001', city: 'Marseille', country: 'FR' },
  siren: '732829320',
  vatNumber: 'FR44732829320',
  contacts: [
    { id: 'k1', name: 'Paul Martin', email: 'paul@martin.fr', phone: '', role: 'gérant', billing: true },
    { id: 'k2', name: 'Compta', email: '', phone: '0102030405', role: '', billing: false }
  ]
};

describe('validateClient', () => {
  it('accepts a complete client, and empty optional fields', () => {
    expect(validateClient(goodClient)).toEqual({});
    expect(validateClient({ ...newClient('c2', NOW), name: 'Particulier' })).toEqual({});
  });

  it('names each bad field with a code', () => {
    const bad: Client = {
      ...goodClient,
      name: '   ',
      siren: '732829321',
      vatNumber: 'FR45732829320',
      contacts: [goodClient.contacts[0], { ...goodClient.contacts[1], email: 'compta@' }],
      billingAddress: { ...goodClient.billingAddress, postalCode: '1300' },
      deliveryAddress: { line1: 'Quai', line2: '', postalCode: 'ABCDE', city: 'Marseille', country: 'FR' }
    };
    expect(validateClient(bad)).toEqual({
      name: 'required',
      siren: 'invalid_siren',
      vatNumber: 'invalid_vat',
      'contacts.1.email': 'invalid_email',
      'billingAddress.postalCode': 'invalid_postal_code',
      'deliveryAddress.postalCode': 'invalid_postal_code'
    });
  });

  it('accepts a SIRET in the SIREN field and checks French postal codes only', () => {
    expect(validateClient({ ...goodClient, siren: '73282932000074' })).toEqual({});
    const belgian = { ...goodClient, vatNumber: 'BE0123456789', billingAddress: { line1: 'Rue Neuve 1', line2: '', postalCode: '1000', city: 'Bruxelles', country: 'BE' } };
    expect(validateClient(belgian)).toEqual({});
  });
});

describe('validateCompany', () => {
  it('accepts a complete company', () => {
    expect(validateCompany(goodCompany)).toEqual({});
  });

  it('names each bad field with a code', () => {
    const bad: Company = {
      ...goodCompany,
      name: '',
      siret: '73282932000075',
      vatNumber: 'FR45732829320',
      iban: 'FR7630006000011234567890188',
      bic: 'BNPAFRP',
      email: 'contact@atelier',
      penaltyRateBp: NaN,
      shareCapitalCents: -1,
      address: { ...goodCompany.address, postalCode: '6900' }
    };
    expect(validateCompany(bad)).toEqual({
      name: 'required',
      siret: 'invalid_siren',
      vatNumber: 'invalid_vat',
      iban: 'invalid_iban',
      bic: 'invalid_bic',
      email: 'invalid_email',
      penaltyRateBp: 'invalid_rate',
      shareCapitalCents: 'negative',
      'address.postalCode': 'invalid_postal_code'
    });
    expect(validateCompany({ ...goodCompany, penaltyRateBp: -1 })).toEqual({ penaltyRateBp: 'invalid_rate' });
  });
});

describe('validateCatalogItem', () => {
  const item: CatalogItem = { id: 'i1', name: 'Heure de conseil', description: '', unit: 'h', unitPriceCents: 8000, vatRateBp: 2000, archived: false };

  it('accepts a valid item, free items and 0 % to 100 % rates', () => {
    expect(validateCatalogItem(item)).toEqual({});
    expect(validateCatalogItem({ ...item, unitPriceCents: 0, vatRateBp: 0 })).toEqual({});
    expect(validateCatalogItem({ ...item, vatRateBp: 10_000 })).toEqual({});
  });

  it('names each bad field with a code', () => {
    expect(validateCatalogItem({ ...item, name: ' ', unitPriceCents: 12.5, vatRateBp: -1 })).toEqual({
      name: 'required',
      unitPriceCents: 'invalid_amount',
      vatRateBp: 'invalid_rate'
    });
    expect(validateCatalogItem({ ...item, unitPriceCents: -100 })).toEqual({ unitPriceCents: 'negative' });
    expect(validateCatalogItem({ ...item, vatRateBp: 10_001 })).toEqual({ vatRateBp: 'invalid_rate' });
    expect(validateCatalogItem({ ...item, vatRateBp: NaN })).toEqual({ vatRateBp: 'invalid_rate' });
  });
});

describe('missingBeforeIssue', () => {
  const line = newLine('l1', { description: 'Conseil', quantity: 2, unitPriceCents: 8000 });
  const ready = (kind: 'invoice' | 'credit' | 'quote' = 'invoice'): DocumentRecord => ({
    ...newDocument(kind, { id: 'd1', memberId: 'm1', now: NOW, clientId: 'c1', terms: { kind: 'net', days: 30 } }),
    lines: [line],
    issueDate: '2026-01-15',
    correctsInvoiceId: kind === 'credit' ? 'inv1' : null
  });

  it('is empty when everything needed is there', () => {
    expect(missingBeforeIssue(ready(), goodCompany, goodClient)).toEqual([]);
    expect(missingBeforeIssue(ready('quote'), goodCompany, goodClient)).toEqual([]);
    expect(missingBeforeIssue(ready('credit'), goodCompany, goodClient)).toEqual([]);
  });

  it('lists everything missing on a blank profile, client and document', () => {
    const blank = newDocument('invoice', { id: 'd1', memberId: 'm1', now: NOW, clientId: 'c1', terms: { kind: 'on_receipt' } });
    // newCompany's legal form defaults to « EI », so that one is not missing
    expect(missingBeforeIssue(blank, newCompany('2026-01-01'), newClient('c1', NOW))).toEqual([
      'company_name',
      'company_address',
      'company_siret',
      'company_vat_number',
      'client_name',
      'client_address',
      'lines',
      // A business client (newClient's kind) without SIREN: Factur-X needs it (facturx/readiness.ts).
      'client_siren',
      'issue_date'
    ]);
  });

  it('names the company identity field that is missing', () => {
    expect(missingBeforeIssue(ready(), { ...goodCompany, name: ' ' }, goodClient)).toEqual(['company_name']);
    expect(missingBeforeIssue(ready(), { ...goodCompany, address: { ...goodCompany.address, city: '' } }, goodClient)).toEqual(['company_address']);
    expect(missingBeforeIssue(ready(), { ...goodCompany, address: { ...goodCompany.address, postalCode: '' } }, goodClient)).toEqual(['company_address']);
    expect(missingBeforeIssue(ready(), { ...goodCompany, siret: '' }, goodClient)).toEqual(['company_siret']);
    expect(missingBeforeIssue(ready(), { ...goodCompany, vatNumber: '' }, goodClient)).toEqual(['company_vat_number']);
    expect(missingBeforeIssue(ready(), { ...goodCompany, legalForm: '' }, goodClient)).toEqual(['company_legal_form']);
  });

  it('needs the share capital of a company, not of a sole trader', () => {
    expect(missingBeforeIssue(ready(), { ...goodCompany, shareCapitalCents: null }, goodClient)).toEqual(['company_share_capital']);
    expect(missingBeforeIssue(ready(), { ...goodCompany, legalForm: 'SAS', shareCapitalCents: null }, goodClient)).toEqual(['company_share_capital']);
    // A capital of 1 € is a capital (SAS may have it); only « not given » is missing.
    expect(missingBeforeIssue(ready(), { ...goodCompany, shareCapitalCents: 100 }, goodClient)).toEqual([]);
    expect(missingBeforeIssue(ready(), { ...goodCompany, legalForm: 'EI', soleTrader: true, shareCapitalCents: null }, goodClient)).toEqual([]);
    expect(missingBeforeIssue(ready(), { ...goodCompany, legalForm: 'Association', shareCapitalCents: null }, goodClient)).toEqual([]);
  });

  it('needs no VAT number under franchise en base', () => {
    expect(missingBeforeIssue(ready(), { ...goodCompany, vatRegime: 'franchise', vatNumber: '' }, goodClient)).toEqual([]);
  });

  it('needs a client with a name and a billing address', () => {
    expect(missingBeforeIssue(ready(), goodCompany, null)).toEqual(['client']);
    expect(missingBeforeIssue(ready(), goodCompany, { ...goodClient, billingAddress: { ...goodClient.billingAddress, line1: ' ' } })).toEqual(['client_address']);
    expect(missingBeforeIssue(ready(), goodCompany, { ...goodClient, name: '' })).toEqual(['client_name']);
  });

  it('needs lines with a description and a positive quantity', () => {
    const doc = ready();
    expect(missingBeforeIssue({ ...doc, lines: [] }, goodCompany, goodClient)).toEqual(['lines']);
    expect(missingBeforeIssue({ ...doc, lines: [line, { ...line, id: 'l2', description: '  ' }] }, goodCompany, goodClient)).toEqual(['line_description']);
    expect(missingBeforeIssue({ ...doc, lines: [{ ...line, quantity: 0 }] }, goodCompany, goodClient)).toEqual(['line_quantity']);
    expect(missingBeforeIssue({ ...doc, lines: [{ ...line, quantity: -1 }] }, goodCompany, goodClient)).toEqual(['line_quantity']);
    expect(missingBeforeIssue({ ...doc, lines: [{ ...line, quantity: NaN, description: '' }] }, goodCompany, goodClient)).toEqual([
      'line_description',
      'line_quantity'
    ]);
  });

  it('needs the corrected invoice on a credit note', () => {
    expect(missingBeforeIssue({ ...ready('credit'), correctsInvoiceId: null }, goodCompany, goodClient)).toEqual(['credit_invoice']);
  });

  it('needs a quote validity that can be printed', () => {
    // ready() is issued on its issueDate; a validity may not end on or before it.
    const quote = ready('quote');
    expect(missingBeforeIssue({ ...quote, validity: { kind: 'days', days: 45 } }, goodCompany, goodClient)).toEqual([]);
    expect(missingBeforeIssue({ ...quote, validity: { kind: 'days', days: 0 } }, goodCompany, goodClient)).toEqual(['quote_validity']);
    expect(missingBeforeIssue({ ...quote, validity: { kind: 'date', date: quote.issueDate! } }, goodCompany, goodClient)).toEqual(['quote_validity']);
    // Only quotes have one: an invoice carrying a stray validity is not refused for it.
    expect(missingBeforeIssue({ ...ready(), validity: { kind: 'days', days: 0 } }, goodCompany, goodClient)).toEqual([]);
  });

  it('needs a real issue date', () => {
    expect(missingBeforeIssue({ ...ready(), issueDate: null }, goodCompany, goodClient)).toEqual(['issue_date']);
    expect(missingBeforeIssue({ ...ready(), issueDate: '2026-02-30' }, goodCompany, goodClient)).toEqual(['issue_date']);
    expect(missingBeforeIssue({ ...ready(), issueDate: '15/01/2026' }, goodCompany, goodClient)).toEqual(['issue_date']);
  });
});
