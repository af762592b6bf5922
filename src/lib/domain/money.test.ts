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

describe('lineHt — more rounding edges', () => {
  it('rounds exactly half a cent up, whatever the float representation', () => {
    expect(lineHt(line(2.5, 99))).toBe(248); // 2,5 × 0,99 = 2,475 → 2,48
    expect(lineHt(line(0.125, 1))).toBe(0); // 0,125 × 0,01 = 0,00125 → 0
    expect(lineHt(line(1.5, 3333))).toBe(5000); // 1,5 × 33,33 = 49,995 → 50,00
    expect(lineHt(line(0.001, 499))).toBe(0); // 0,001 × 4,99 = 0,00499 → 0
    expect(lineHt(line(0.001, 500))).toBe(1); // 0,001 × 5,00 = 0,005 → 0,01
    expect(lineHt(line(1.005, 100))).toBe(101); // 1,005 × 1 € = 1,005 → 1,01 (float says 1.00499…)
  });

  it('applies the line discount to the exact product: round(qty × price − discount)', () => {
    // 1,5 × 33,33 − 5,00 = 44,995 → 45,00
    expect(lineHt(line(1.5, 3333, 2000, 500))).toBe(4500);
    // 3 × 10 € − 30 € = 0
    expect(lineHt(line(3, 1000, 2000, 3000))).toBe(0);
  });

  it('gives 0 for a zero quantity or price', () => {
    expect(lineHt(line(0, 1000))).toBe(0);
    expect(lineHt(line(7, 0))).toBe(0);
  });
});

describe('computeTotals — more cases', () => {
  it('charges VAT on the sum per rate, not per line: 100 lines of 1,5 × 0,01 € at 20 %', () => {
    // each line: 1,5 × 0,01 = 0,015 → 0,02 ; 100 lines → 2,00 € HT
    // VAT on the sum: 2,00 × 20 % = 0,40 ; per line it would be 0,004 → 0 each, 0,00 in all
    const t = computeTotals(Array.from({ length: 100 }, () => line(1.5, 1)), { kind: 'none' }, 'normal');
    expect(t).toEqual({
      linesHtCents: 200,
      discountCents: 0,
      htCents: 200,
      vat: [{ rateBp: 2000, baseCents: 200, vatCents: 40 }],
      vatCents: 40,
      ttcCents: 240
    });
  });

  it('rounds a VAT of exactly half a cent up, per rate', () => {
    // 10,05 € at 10 % = 1,005 → 1,01 ; 5,00 € at 2,1 % = 0,105 → 0,11 ; 1,00 € at 5,5 % = 0,055 → 0,06
    const t = computeTotals([line(1, 1005, 1000), line(1, 500, 210), line(1, 100, 550)], { kind: 'none' }, 'normal');
    expect(t.vat).toEqual([
      { rateBp: 1000, baseCents: 1005, vatCents: 101 },
      { rateBp: 550, baseCents: 100, vatCents: 6 },
      { rateBp: 210, baseCents: 500, vatCents: 11 }
    ]);
    // HT 10,05 + 5,00 + 1,00 = 16,05 ; VAT 1,01 + 0,11 + 0,06 = 1,18 ; TTC 17,23
    expect(t).toMatchObject({ htCents: 1605, vatCents: 118, ttcCents: 1723 });
  });

  it('orders the VAT rows from the highest rate down, whatever the line order', () => {
    const t = computeTotals([line(1, 100, 0), line(1, 100, 550), line(1, 100, 2000), line(1, 100, 1000)], { kind: 'none' }, 'normal');
    expect(t.vat.map((v) => v.rateBp)).toEqual([2000, 1000, 550, 0]);
    // VAT: 0,20 + 0,10 + 0,055 → 0,06 + 0 = 0,36
    expect(t.vatCents).toBe(36);
    expect(t.ttcCents).toBe(436);
  });

  it('rounds a percentage discount half-up before spreading it', () => {
    // 10,04 € × 12,5 % = 1,255 → 1,26 discount ; base 8,78 ; VAT 20 % = 1,756 → 1,76
    const t = computeTotals([line(1, 1004)], { kind: 'percent', bp: 1250 }, 'normal');
    expect(t).toEqual({
      linesHtCents: 1004,
      discountCents: 126,
      htCents: 878,
      vat: [{ rateBp: 2000, baseCents: 878, vatCents: 176 }],
      vatCents: 176,
      ttcCents: 1054
    });
  });

  it('gives the odd cent of a spread discount to the first (highest) rate on a tie', () => {
    // 1 € off three rates of 10 € each: 0,333… each → 33 + 33 + 33 = 99, the last cent to 20 %
    // bases: 20 % 9,66 → VAT 1,932 → 1,93 ; 10 % 9,67 → 0,967 → 0,97 ; 5,5 % 9,67 → 0,53185 → 0,53
    const t = computeTotals([line(1, 1000, 550), line(1, 1000, 1000), line(1, 1000, 2000)], { kind: 'amount', cents: 100 }, 'normal');
    expect(t.vat).toEqual([
      { rateBp: 2000, baseCents: 966, vatCents: 193 },
      { rateBp: 1000, baseCents: 967, vatCents: 97 },
      { rateBp: 550, baseCents: 967, vatCents: 53 }
    ]);
    // HT 30 − 1 = 29 ; VAT 1,93 + 0,97 + 0,53 = 3,43 ; TTC 32,43
    expect(t).toMatchObject({ linesHtCents: 3000, discountCents: 100, htCents: 2900, vatCents: 343, ttcCents: 3243 });
  });

  it('spreads a discount over 0 % lines too', () => {
    // 100 € at 20 % and 100 € at 0 %, 20 € off → 10 € each; bases 90 and 90; VAT 18 and 0
    const t = computeTotals([line(1, 10000), line(1, 10000, 0)], { kind: 'amount', cents: 2000 }, 'normal');
    expect(t.vat).toEqual([
      { rateBp: 2000, baseCents: 9000, vatCents: 1800 },
      { rateBp: 0, baseCents: 9000, vatCents: 0 }
    ]);
    expect(t).toMatchObject({ htCents: 18000, vatCents: 1800, ttcCents: 19800 });
  });

  it('caps a percentage discount at 100 % and ignores a negative amount discount', () => {
    const all = computeTotals([line(1, 5000)], { kind: 'percent', bp: 15000 }, 'normal');
    expect(all).toEqual({ linesHtCents: 5000, discountCents: 5000, htCents: 0, vat: [], vatCents: 0, ttcCents: 0 });
    const negative = computeTotals([line(1, 5000)], { kind: 'amount', cents: -1000 }, 'normal');
    // no discount: 50 € HT, 10 € VAT
    expect(negative).toMatchObject({ discountCents: 0, htCents: 5000, vatCents: 1000, ttcCents: 6000 });
  });

  it('combines line discounts, a document discount and several rates', () => {
    // A: 2,5 h × 60 € − 10 € = 140 € at 20 % ; B: 1,25 × 19,99 € = 24,9875 → 24,99 at 5,5 %
    // lines 164,99 ; 5 % discount = 8,2495 → 8,25 ; spread in cents: 825 × 14000/16499 = 700,04…
    // and 825 × 2499/16499 = 124,96… ; floors 700 + 124 = 824, the last cent to the larger
    // fraction (0,96) → 700 and 125. Bases 133,00 and 23,74.
    // VAT 133 × 20 % = 26,60 ; 23,74 × 5,5 % = 1,3057 → 1,31. HT 156,74 ; TTC 156,74 + 27,91 = 184,65
    const t = computeTotals([line(2.5, 6000, 2000, 1000), line(1.25, 1999, 550)], { kind: 'percent', bp: 500 }, 'normal');
    expect(t).toEqual({
      linesHtCents: 16499,
      discountCents: 825,
      htCents: 15674,
      vat: [
        { rateBp: 2000, baseCents: 14000 - 700, vatCents: 2660 },
        { rateBp: 550, baseCents: 2499 - 125, vatCents: 131 }
      ],
      vatCents: 2791,
      ttcCents: 18465
    });
  });

  it('under franchise en base: no VAT rows whatever the line rates, TTC = HT after discount', () => {
    // 2 × 10 € + 5 € + 3 € = 28 € ; 10 % off = 2,80 € ; HT = TTC = 25,20 €
    const t = computeTotals([line(2, 1000, 2000), line(1, 500, 550), line(1, 300, 0)], { kind: 'percent', bp: 1000 }, 'franchise');
    expect(t).toEqual({ linesHtCents: 2800, discountCents: 280, htCents: 2520, vat: [], vatCents: 0, ttcCents: 2520 });
  });

  it('keeps HT + VAT = TTC and the rows adding up to the totals', () => {
    const t = computeTotals([line(3, 333, 2000), line(7, 149, 1000), line(0.75, 1234, 550)], { kind: 'amount', cents: 77 }, 'normal');
    // lines: 9,99 + 10,43 + 9,255 → 9,26 = 29,68 ; HT 29,68 − 0,77 = 28,91
    expect(t.linesHtCents).toBe(2968);
    expect(t.htCents).toBe(2891);
    expect(t.vat.reduce((s, v) => s + v.baseCents, 0)).toBe(2891);
    expect(t.ttcCents).toBe(t.htCents + t.vatCents);
  });
});

describe('parsing user input — more', () => {
  it('reads amounts with currency words, signs and spaces', () => {
    expect(parseAmount('12 €')).toBe(1200);
    expect(parseAmount('EUR 5')).toBe(500);
    expect(parseAmount('5 eur')).toBe(500);
    expect(parseAmount('- 5,5')).toBe(-550);
    expect(parseAmount('0')).toBe(0);
    expect(parseAmount('0,1')).toBe(10);
    expect(parseAmount('0,01')).toBe(1);
    expect(parseAmount("1'234.50")).toBe(123450); // Swiss grouping
  });

  it('refuses ambiguous or malformed amounts', () => {
    for (const bad of ['1.234,56', '12.', '12,', '+5', ' ', '.', '€', '1,5e2', '12 34,5x', '100000000000000000'])
      expect(parseAmount(bad), bad).toBeNull();
  });

  it('reads quantities and refuses the rest', () => {
    expect(parseQuantity('1 000')).toBe(1000);
    expect(parseQuantity('0,001')).toBe(0.001);
    expect(parseQuantity('2.5')).toBe(2.5);
    expect(parseQuantity('12')).toBe(12);
    for (const bad of ['', '1.', '1,2,3', '1e3', 'deux', '0,0001', '1.5h']) expect(parseQuantity(bad), bad).toBeNull();
  });

  it('reads rates to the basis point, free of float noise', () => {
    expect(parseRate('2,1')).toBe(210);
    expect(parseRate('4,35')).toBe(435); // 4.35 × 100 = 434.99999999999994 in floats
    expect(parseRate('8,2')).toBe(820); // 819.9999999999999
    expect(parseRate('2,2')).toBe(220); // 220.00000000000003
    expect(parseRate('5.5%')).toBe(550);
    expect(parseRate('0')).toBe(0);
    expect(parseRate('10 %')).toBe(1000);
    expect(parseRate('0,01')).toBe(1);
    for (const bad of ['', '%', 'abc', '5,555', '20%%', '1,2,3', '-5,5']) expect(parseRate(bad), bad).toBeNull();
  });
});
