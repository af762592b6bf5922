import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES, LOGO_MAX_DATA_URL_CHARS, newClient, newCompany, newMember, safeLogoDataUrl, sameAddress } from './company';
import { DEFAULT_NUMBER_FORMATS } from './numbering';

describe('newCompany', () => {
  it('starts as a sole trader at normal VAT, 30 days net, with the legal penalty rate (in force that day shown)', () => {
    const c = newCompany('2025-06-30');
    expect(c).toMatchObject({
      name: '',
      legalForm: 'EI',
      soleTrader: true,
      shareCapitalCents: null,
      vatRegime: 'normal',
      defaultTerms: { kind: 'net', days: 30 },
      // The legal default: each document freezes the rate of its own half-year (domain/terms.ts).
      penaltyRateKind: 'legal',
      penaltyRateBp: 1315, // 2025 H1: ECB 3,15 % + 10 points
      earlyPaymentDiscount: '',
      operationNature: 'services',
      vatOnDebits: false,
      currency: 'EUR',
      address: { line1: '', line2: '', postalCode: '', city: '', country: 'FR' }
    });
    expect(newCompany('2025-07-01').penaltyRateBp).toBe(1215); // 2025 H2: 2,15 % + 10 points
  });

  it('gets its own copy of the number formats', () => {
    const c = newCompany('2026-01-01');
    expect(c.numberFormats).toEqual({ invoice: 'F-{YYYY}-{S}-{NNNN}', quote: 'D-{YYYY}-{S}-{NNNN}', credit: 'A-{YYYY}-{S}-{NNNN}' });
    c.numberFormats.invoice = 'X-{S}-{N}';
    expect(DEFAULT_NUMBER_FORMATS.invoice).toBe('F-{YYYY}-{S}-{NNNN}');
  });
});

describe('newClient', () => {
  it('starts as a French-speaking company with no contact', () => {
    expect(newClient('c1', '2026-01-15T09:00:00.000Z')).toEqual({
      id: 'c1',
      kind: 'company',
      name: '',
      contacts: [],
      billingAddress: { line1: '', line2: '', postalCode: '', city: '', country: 'FR' },
      deliveryAddress: null,
      siren: '',
      vatNumber: '',
      categories: [],
      terms: null,
      notes: '',
      language: 'fr',
      createdAt: '2026-01-15T09:00:00.000Z',
      updatedAt: '2026-01-15T09:00:00.000Z'
    });
  });
});

describe('sameAddress', () => {
  const a = { line1: '3 place du Marché', line2: '', postalCode: '13001', city: 'Marseille', country: 'FR' };

  it('compares every field', () => {
    expect(sameAddress(a, { ...a })).toBe(true);
    expect(sameAddress(a, { ...a, postalCode: '13002' })).toBe(false);
    expect(sameAddress(a, { ...a, line2: 'Bât. B' })).toBe(false);
    expect(sameAddress(a, { ...a, country: 'BE' })).toBe(false);
  });

  it('treats two missing addresses as the same, one missing as different', () => {
    expect(sameAddress(null, null)).toBe(true);
    expect(sameAddress(a, null)).toBe(false);
    expect(sameAddress(null, a)).toBe(false);
  });
});

describe('DEFAULT_CATEGORIES', () => {
  it('offers the categories of the brief', () => {
    expect(DEFAULT_CATEGORIES).toEqual(['bon payeur', 'nouveau client', 'mauvais payeur', 'public']);
  });
});

describe('newMember', () => {
  it('makes this device a member, its letter confirmed or only claimed', () => {
    const at = '2026-11-23T09:00:00.000Z';
    expect(newMember({ id: 'm1', name: 'Portable', seriesLetter: 'A', at, confirmed: true })).toEqual({
      id: 'm1',
      name: 'Portable',
      seriesLetter: 'A',
      seriesConfirmedAt: at,
      createdAt: at,
      lastSeenAt: at,
      removed: false
    });
    const joining = newMember({ id: 'm2', name: 'Téléphone', seriesLetter: 'B', at, confirmed: false, publicKey: 'QkVL' });
    expect(joining.seriesConfirmedAt).toBeNull();
    expect(joining.publicKey).toBe('QkVL');
  });
});

describe('safeLogoDataUrl', () => {
  const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

  it('keeps base64 data URLs of PNG, JPEG, WebP and SVG images', () => {
    expect(safeLogoDataUrl(png)).toBe(png);
    for (const type of ['jpeg', 'webp', 'svg+xml']) expect(safeLogoDataUrl(`data:image/${type};base64,QUJD`)).toBe(`data:image/${type};base64,QUJD`);
  });

  it('drops anything that would be fetched, executed or is too big', () => {
    for (const bad of [
      'https://tracker.example/logo.png',
      'http://192.168.1.1/logo.png',
      '//tracker.example/logo.png',
      'blob:https://relance.example/1234',
      'javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'data:image/png,<svg onload=alert(1)>',
      'data:image/gif;base64,R0lGOD',
      `${png}"><img src=x>`,
      `data:image/png;base64,${'A'.repeat(LOGO_MAX_DATA_URL_CHARS)}`,
      '',
      null,
      42
    ])
      expect(safeLogoDataUrl(bad), String(bad).slice(0, 40)).toBe('');
  });
});
