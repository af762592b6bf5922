// Money in integer cents, VAT rates in basis points. Line HT = round(qty × unit price − line
// discount); VAT per rate on the sum of the lines at that rate, rounded half-up.
import type { BasisPoints, Cents, Discount, Line, Totals, VatBreakdown, VatRegime } from './types';

export const VAT_RATES_BP: BasisPoints[] = [2000, 1000, 550, 210, 0];

/** Half away from zero, immune to float noise such as 1.005 × 100 = 100.49999…. */
export function roundHalfUp(x: number): number {
  const r = Math.round(Math.abs(x) * 1e6) / 1e6; // drop float dust below a millionth
  return Math.sign(x) * Math.floor(r + 0.5);
}

/** Integer division rounded half away from zero, exact for safe integers. */
function divideHalfUp(numerator: number, denominator: number): number {
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const q = Math.floor(n / d);
  const rest = n - q * d;
  return sign * (rest * 2 >= d ? q + 1 : q);
}

/** `part` / `whole` of an amount, rounded half-up: proportionOf(13_333, 11_111, 44_444) = 3 333 (3 333,25). */
export function proportionOf(amount: Cents, part: number, whole: number): Cents {
  if (whole === 0) throw new RangeError('proportionOf: the whole is zero');
  return divideHalfUp(amount * part, whole);
}

/** A percentage (basis points) of an amount, rounded half-up: shareOf(44_444, 3000) = 13 333 (13 333,2). */
export function shareOf(amount: Cents, bp: BasisPoints): Cents {
  return divideHalfUp(amount * bp, 10_000);
}

/**
 * The VAT inside part of an invoice's TTC, in the invoice's own proportion of VAT to TTC, rounded
 * half-up: 24,00 € of 1 200,00 € TTC of which 200,00 € VAT → 4,00 € VAT and 20,00 € HT. What an
 * early-payment discount or a write-off takes off the VAT collected (the accountant's adjustment).
 */
export function vatInside(totals: Pick<Totals, 'ttcCents' | 'vatCents'>, amountCents: Cents): { htCents: Cents; vatCents: Cents } {
  if (totals.ttcCents <= 0 || totals.vatCents <= 0) return { htCents: amountCents, vatCents: 0 };
  const vatCents = proportionOf(amountCents, totals.vatCents, totals.ttcCents);
  return { htCents: amountCents - vatCents, vatCents };
}

/** VAT on a base: vatOf(1005, 2000) = 201 (200.99… → 201 cents). */
export function vatOf(baseCents: Cents, rateBp: BasisPoints): Cents {
  return divideHalfUp(baseCents * rateBp, 10_000);
}

/** Quantity with up to 3 decimals, as an integer number of thousandths. */
function milli(quantity: number): number {
  return Math.round(quantity * 1000);
}

export function lineHt(line: Line): Cents {
  return divideHalfUp(milli(line.quantity) * line.unitPriceCents, 1000) - (line.discountCents || 0);
}

function documentDiscount(linesHt: Cents, discount: Discount): Cents {
  if (discount.kind === 'percent') return Math.min(linesHt, divideHalfUp(linesHt * discount.bp, 10_000));
  if (discount.kind === 'amount') return Math.max(0, Math.min(linesHt, discount.cents));
  return 0;
}

/** Splits `amount` over `weights` in proportion, the parts adding up exactly (largest remainder). */
function splitProportionally(amount: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || amount === 0) return weights.map(() => 0);
  const raw = weights.map((w) => (amount * w) / total);
  const parts = raw.map(Math.floor);
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]++;
    left--;
  }
  return parts;
}

export function computeTotals(lines: Line[], discount: Discount, vatRegime: VatRegime): Totals {
  const byRate = new Map<BasisPoints, Cents>();
  let linesHtCents = 0;
  for (const line of lines) {
    const ht = lineHt(line);
    linesHtCents += ht;
    byRate.set(line.vatRateBp, (byRate.get(line.vatRateBp) ?? 0) + ht);
  }
  const discountCents = documentDiscount(linesHtCents, discount);
  const rates = [...byRate.keys()].sort((a, b) => b - a);
  const shares = splitProportionally(discountCents, rates.map((r) => Math.max(0, byRate.get(r)!)));
  const htCents = linesHtCents - discountCents;
  if (vatRegime === 'franchise') return { linesHtCents, discountCents, htCents, vat: [], vatCents: 0, ttcCents: htCents };
  const vat: VatBreakdown[] = [];
  rates.forEach((rateBp, i) => {
    const baseCents = byRate.get(rateBp)! - shares[i];
    if (baseCents !== 0) vat.push({ rateBp, baseCents, vatCents: vatOf(baseCents, rateBp) });
  });
  const vatCents = vat.reduce((sum, v) => sum + v.vatCents, 0);
  return { linesHtCents, discountCents, htCents, vat, vatCents, ttcCents: htCents + vatCents };
}

const SPACES = /[\s\u00a0\u202f\u2009']/g;

/** '1 234,56 €' → 123456; null when it is not an amount with at most 2 decimals. */
export function parseAmount(input: string): Cents | null {
  const s = input.replace(/€|EUR/gi, '').replace(SPACES, '').replace(',', '.');
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s) ?? /^(-?)()\.(\d{1,2})$/.exec(s);
  if (!m) return null;
  const cents = Number(m[2] || '0') * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return m[1] ? -cents : cents;
}

/** '1,5' → 1.5; up to 3 decimals. */
export function parseQuantity(input: string): number | null {
  const s = input.replace(SPACES, '').replace(',', '.');
  if (!/^-?\d+(?:\.\d{1,3})?$/.test(s)) return null;
  return Number(s);
}

/** '5,5' → 550 basis points; '20 %' → 2000. */
export function parseRate(input: string): BasisPoints | null {
  const s = input.replace('%', '').replace(SPACES, '').replace(',', '.');
  if (!/^\d+(?:\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}
