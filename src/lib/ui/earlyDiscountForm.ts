// Early-payment terms as typed (rate in %, days), for the company profile, a client and a draft.
import type { EarlyDiscountTerms } from '$lib/domain/types';
import { parseRate } from '$lib/domain/money';

export interface EarlyDiscountInput {
  /** The rate in %, French or English decimals ('2', '1,5'); '' with days '' = no discount. */
  rate: string;
  days: string;
}

export function earlyDiscountToInput(terms: EarlyDiscountTerms | null | undefined): EarlyDiscountInput {
  return terms ? { rate: String(terms.rateBp / 100).replace('.', ','), days: String(terms.days) } : { rate: '', days: '' };
}

/** parseEarlyDiscount({ rate: '2', days: '10' }) → { terms: { rateBp: 200, days: 10 } }; both empty → no terms. */
export function parseEarlyDiscount(input: EarlyDiscountInput): { terms: EarlyDiscountTerms | null; error: string | null } {
  if (!input.rate.trim() && !input.days.trim()) return { terms: null, error: null };
  const rateBp = parseRate(input.rate);
  const days = Number(input.days.trim());
  // A discount of half the invoice or more is a typo, not an escompte.
  if (rateBp === null || rateBp <= 0 || rateBp >= 5000) return { terms: null, error: 'invalid_discount_rate' };
  if (!input.days.trim() || !Number.isSafeInteger(days) || days < 0 || days > 365) return { terms: null, error: 'invalid_discount_days' };
  return { terms: { rateBp, days }, error: null };
}
