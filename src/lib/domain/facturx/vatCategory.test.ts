import { describe, expect, it } from 'vitest';
import { exemptionCode, exemptionKey, vatCategory, type VatContext } from './vatCategory';

const ctx = (partial: Partial<VatContext> = {}): VatContext => ({ franchise: false, buyerCountry: 'FR', business: true, goods: false, ...partial });

describe('vatCategory', () => {
  it('a positive rate is standard (S), whatever the client', () => {
    expect(vatCategory(2000, ctx())).toBe('S');
    expect(vatCategory(550, ctx({ buyerCountry: 'DE' }))).toBe('S');
  });

  it('the franchise en base makes every line exempt (E, art. 293 B)', () => {
    const c = ctx({ franchise: true });
    expect(vatCategory(2000, c)).toBe('E');
    expect(exemptionKey('E', c)).toBe('franchise');
    expect(exemptionCode('E', c)).toBe('VATEX-FR-FRANCHISE');
  });

  it('0 % to a French business is autoliquidation (AE), to an individual exempt (E)', () => {
    expect(vatCategory(0, ctx())).toBe('AE');
    expect(exemptionCode('AE', ctx())).toBe('VATEX-EU-AE');
    expect(vatCategory(0, ctx({ business: false }))).toBe('E');
    expect(exemptionCode('E', ctx())).toBeNull();
  });

  it('0 % elsewhere in the EU: goods are an intra-EU supply (K), services reverse charge (AE)', () => {
    expect(vatCategory(0, ctx({ buyerCountry: 'DE', goods: true }))).toBe('K');
    expect(exemptionCode('K', ctx())).toBe('VATEX-EU-IC');
    expect(vatCategory(0, ctx({ buyerCountry: 'BE' }))).toBe('AE');
  });

  it('0 % outside the EU is an export (G)', () => {
    expect(vatCategory(0, ctx({ buyerCountry: 'CH' }))).toBe('G');
    expect(exemptionCode('G', ctx())).toBe('VATEX-EU-G');
  });
});
