import { describe, expect, it } from 'vitest';
import { earlyDiscountFor, earlyDiscountOffer } from './earlyDiscount';
import { vatInside } from './money';

const TWO_TEN = { rateBp: 200, days: 10 };
const THREE_THIRTY = { rateBp: 300, days: 30 };

describe('which early-payment terms an invoice offers', () => {
  it('its own, else its client’s, else the company’s; null at a level means none', () => {
    expect(earlyDiscountFor({}, {}, { earlyDiscount: TWO_TEN })).toEqual(TWO_TEN);
    expect(earlyDiscountFor({}, { earlyDiscount: THREE_THIRTY }, { earlyDiscount: TWO_TEN })).toEqual(THREE_THIRTY);
    expect(earlyDiscountFor({ earlyDiscount: TWO_TEN }, { earlyDiscount: THREE_THIRTY }, null)).toEqual(TWO_TEN);
    expect(earlyDiscountFor({}, { earlyDiscount: null }, { earlyDiscount: TWO_TEN })).toBeNull();
    expect(earlyDiscountFor({}, null, {})).toBeNull();
    expect(earlyDiscountFor({ earlyDiscount: 'inherit' }, { earlyDiscount: 'inherit' }, { earlyDiscount: TWO_TEN })).toEqual(TWO_TEN);
    // A zero rate is no discount.
    expect(earlyDiscountFor({ earlyDiscount: { rateBp: 0, days: 10 } }, null, { earlyDiscount: TWO_TEN })).toBeNull();
  });
});

describe('the offer and its VAT', () => {
  it('2 % within 10 days of 1 March on 1 200,00 €: 24,00 € off until 11 March, 1 176,00 € to pay', () => {
    expect(earlyDiscountOffer(TWO_TEN, '2026-03-01', 120_000)).toEqual({ until: '2026-03-11', amountCents: 2400, netCents: 117_600 });
  });

  it('rounds half-up to the cent: 3 % of 333,35 € = 10,0005 € → 10,00 €; of 333,50 € = 10,005 € → 10,01 €', () => {
    expect(earlyDiscountOffer(THREE_THIRTY, '2026-01-31', 33_335).amountCents).toBe(1000);
    expect(earlyDiscountOffer(THREE_THIRTY, '2026-01-31', 33_350).amountCents).toBe(1001);
    // 31 January + 30 days = 2 March (2026 is not a leap year).
    expect(earlyDiscountOffer(THREE_THIRTY, '2026-01-31', 33_350).until).toBe('2026-03-02');
  });

  it('the VAT inside the discount, in proportion: 24 € of 1 200 € TTC with 200 € VAT → 4 € VAT, 20 € HT', () => {
    expect(vatInside({ ttcCents: 120_000, vatCents: 20_000 }, 2400)).toEqual({ htCents: 2000, vatCents: 400 });
    // Mixed rates: 1 000 € at 20 % + 500 € at 5,5 % = 1 227,50 € TTC, VAT 227,50 €; 2 % = 24,55 €;
    // VAT share 24,55 × 227,50 / 1 227,50 = 4,55 €.
    expect(vatInside({ ttcCents: 122_750, vatCents: 22_750 }, 2455)).toEqual({ htCents: 2000, vatCents: 455 });
    // Franchise en base: no VAT.
    expect(vatInside({ ttcCents: 100_000, vatCents: 0 }, 2000)).toEqual({ htCents: 2000, vatCents: 0 });
  });
});
