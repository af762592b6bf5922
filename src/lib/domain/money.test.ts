import { describe, expect, it } from 'vitest';
import { computeTotals, lineHt, parseAmount, parseQuantity, parseRate, roundHalfUp, vatOf } from './money';
import { newLine } from './documents';
import type { Line } from './types';

const line = (quantity: number, unitPriceCents: number, vatRateBp = 2000, discountCents = 0): Line =>
  newLine(`l${Math.random()}`, { quantity, unitPriceCents, vatRateBp, discountCents, description: 'x' });

describe('roundHalfUp', () => {
  it('rounds halves away from zero, ignoring float dust', () => {
    expect(roundHalfUp(0.5)).toBe(1);
    expect(roundHalfUp(1.005 * 100)).toBe(101); // 100.49999999999999 in floats, 100.5 in money
    expect(roundHalfUp(2.4999)).toBe(2);
    expect(roundHalfUp(-0.5)).toBe(-1);
  });
});

describe('vatOf', () => {
  it('rounds the VAT half-up to the cent', () => {
    expect(vatOf(1005, 2000)).toBe(201); // 10,05 × 20 % = 2,01
    expect(vatOf(25, 2000)).toBe(5); // 0,25 × 20 % = 0,05
    expect(vatOf(1, 550)).toBe(0); // 0,01 × 5,5 % = 0,00055 → 0
    expect(vatOf(10, 550)).toBe(1); // 0,10 × 5,5 % = 0,0055 → 0,01 (half-up)
    expect(vatOf(9, 550)).toBe(0); // 0,09 × 5,5 % = 0,00495 → 0
    expect(vatOf(-1005, 2000)).toBe(-201);
  });
});

describe('lineHt', () => {
  it('multiplies quantity (3 decimals) by unit price and rounds half-up', () => {
    expect(lineHt(line(3, 1999))).toBe(5997);
    expect(lineHt(line(0.333, 10000))).toBe(3330); // 0,333 × 100 € = 33,30 €
    expect(lineHt(line(1.5, 1))).toBe(2); // 1,5 × 0,01 = 0,015 → 0,02
    expect(lineHt(line(0.005, 100))).toBe(1); // 0,005 × 1 € = 0,005 → 0,01
    expect(lineHt(line(0.004, 100))).toBe(0); // 0,004 × 1 € = 0,004 → 0,00
    expect(lineHt(line(2.675, 100))).toBe(268); // 2,675 × 1 € = 2,675 → 2,68 (float says 2.67499…)
  });

  it('takes the line discount off after rounding', () => {
    expect(lineHt(line(2, 5000, 2000, 1000))).toBe(9000); // 2 × 50 − 10 = 90
  });
});

describe('computeTotals', () => {
  it('computes VAT per rate on the sum of the lines at that rate', () => {
    // 3 × 0,10 € at 20 %: per-line VAT would be 3 × 0,02 = 0,06; on the sum 0,30 × 20 % = 0,06.
    // 3 × 0,25 € at 20 %: per line 0,05 ×3 = 0,15; on the sum 0,75 × 20 % = 0,15.
    // 7 lines of 0,07 € at 5,5 %: per line 0,00385 → 0 each; on the sum 0,49 × 5,5 % = 0,02695 → 0,03.
    const lines = Array.from({ length: 7 }, () => line(1, 7, 550));
    const t = computeTotals(lines, { kind: 'none' }, 'normal');
    expect(t.htCents).toBe(49);
    expect(t.vat).toEqual([{ rateBp: 550, baseCents: 49, vatCents: 3 }]);
    expect(t.ttcCents).toBe(52);
  });

  it('totals an invoice at 20 % and 5,5 %', () => {
    // 3 × 120 = 360 at 20 % → 72 ; 1 × 45,50 at 20 % → total 405,50 × 20 % = 81,10
    // 2 × 12,30 = 24,60 at 5,5 % → 1,353 → 1,35
    const t = computeTotals([line(3, 12000), line(1, 4550), line(2, 1230, 550)], { kind: 'none' }, 'normal');
    expect(t.htCents).toBe(43010);
    expect(t.vat).toEqual([
      { rateBp: 2000, baseCents: 40550, vatCents: 8110 },
      { rateBp: 550, baseCents: 2460, vatCents: 135 }
    ]);
    expect(t.vatCents).toBe(8245);
    expect(t.ttcCents).toBe(51255);
  });

  it('adds up many small lines without drift', () => {
    // 1 000 lines × 0,01 € = 10,00 € HT, VAT 20 % = 2,00 €
    const t = computeTotals(Array.from({ length: 1000 }, () => line(1, 1)), { kind: 'none' }, 'normal');
    expect(t).toMatchObject({ htCents: 1000, vatCents: 200, ttcCents: 1200 });
  });

  it('spreads a percentage discount over the rates before VAT', () => {
    // lines: 100 € at 20 %, 50 € at 10 %; 10 % discount = 15 € → 10 € and 5 €
    // bases 90 € and 45 €; VAT 18 € + 4,50 €
    const t = computeTotals([line(1, 10000), line(1, 5000, 1000)], { kind: 'percent', bp: 1000 }, 'normal');
    expect(t.linesHtCents).toBe(15000);
    expect(t.discountCents).toBe(1500);
    expect(t.htCents).toBe(13500);
    expect(t.vat).toEqual([
      { rateBp: 2000, baseCents: 9000, vatCents: 1800 },
      { rateBp: 1000, baseCents: 4500, vatCents: 450 }
    ]);
    expect(t.ttcCents).toBe(15750);
  });

  it('splits an amount discount exactly (largest remainder)', () => {
    // 10 € discount over 1 € at 20 % and 2 € at 5,5 %: shares 3,333… and 6,666… → 333 + 667 cents
    // bases 1,00 − 3,33 ? no: discount is capped at the lines total (3 €) → 100 and 200 taken fully
    const capped = computeTotals([line(1, 100), line(1, 200, 550)], { kind: 'amount', cents: 1000 }, 'normal');
    expect(capped).toMatchObject({ discountCents: 300, htCents: 0, vatCents: 0, ttcCents: 0 });
    // 1 € discount over 1 € (20 %) and 2 € (5,5 %): 0,333… and 0,666… → 33 and 67 cents
    // bases 0,67 → VAT 0,134 → 0,13 ; 1,33 → VAT 0,07315 → 0,07
    const t = computeTotals([line(1, 100), line(1, 200, 550)], { kind: 'amount', cents: 100 }, 'normal');
    expect(t.vat).toEqual([
      { rateBp: 2000, baseCents: 67, vatCents: 13 },
      { rateBp: 550, baseCents: 133, vatCents: 7 }
    ]);
    expect(t).toMatchObject({ htCents: 200, vatCents: 20, ttcCents: 220 });
  });

  it('keeps 0 % lines as a breakdown row with no VAT', () => {
    const t = computeTotals([line(1, 1000, 0), line(1, 1000)], { kind: 'none' }, 'normal');
    expect(t.vat).toEqual([
      { rateBp: 2000, baseCents: 1000, vatCents: 200 },
      { rateBp: 0, baseCents: 1000, vatCents: 0 }
    ]);
    expect(t.ttcCents).toBe(2200);
  });

  it('charges no VAT at all under franchise en base', () => {
    const t = computeTotals([line(2, 1000), line(1, 500, 550)], { kind: 'none' }, 'franchise');
    expect(t).toEqual({ linesHtCents: 2500, discountCents: 0, htCents: 2500, vat: [], vatCents: 0, ttcCents: 2500 });
  });

  it('returns zeros for no lines', () => {
    expect(computeTotals([], { kind: 'percent', bp: 1000 }, 'normal')).toEqual({
      linesHtCents: 0, discountCents: 0, htCents: 0, vat: [], vatCents: 0, ttcCents: 0
    });
  });
});

describe('parsing user input', () => {
  it('reads French and English amounts', () => {
    expect(parseAmount('1234,56')).toBe(123456);
    expect(parseAmount('1 234,56')).toBe(123456);
    expect(parseAmount('1\u202f234,56\u00a0€')).toBe(123456);
    expect(parseAmount('1234.5')).toBe(123450);
    expect(parseAmount('-12')).toBe(-1200);
    expect(parseAmount(',5')).toBe(50);
  });

  it('refuses what is not an amount', () => {
    for (const bad of ['', 'abc', '12,345', '1,2,3', '12.3.4', '--1', '1e5']) expect(parseAmount(bad)).toBeNull();
  });

  it('reads quantities with up to 3 decimals and rates', () => {
    expect(parseQuantity('1,5')).toBe(1.5);
    expect(parseQuantity('0.333')).toBe(0.333);
    expect(parseQuantity('1,2345')).toBeNull();
    expect(parseQuantity('x')).toBeNull();
    expect(parseRate('5,5')).toBe(550);
    expect(parseRate('20 %')).toBe(2000);
    expect(parseRate('12,15')).toBe(1215);
    expect(parseRate('-1')).toBeNull();
  });
});
