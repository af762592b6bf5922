// The early-payment discount (escompte): which terms an invoice offers, the date and amount they
// apply to, and the VAT share of a discount taken. The receivables model (receivables.ts) decides
// whether a payment took it.
import type { Cents, EarlyDiscountChoice, EarlyDiscountTerms, IsoDate } from './types';
import { addDays } from './dates';

interface WithTerms {
  /** undefined or 'inherit': the next level decides; null: none here, whatever the next level says. */
  earlyDiscount?: EarlyDiscountChoice;
}

/**
 * The terms an invoice offers: its own when set, else its client's, else the company's.
 * earlyDiscountFor({}, { earlyDiscount: null }, { earlyDiscount: { rateBp: 200, days: 10 } }) → null.
 */
export function earlyDiscountFor(invoice: WithTerms, client: WithTerms | null, company: WithTerms | null): EarlyDiscountTerms | null {
  for (const level of [invoice, client, company]) if (level && level.earlyDiscount !== undefined && level.earlyDiscount !== 'inherit') return usable(level.earlyDiscount);
  return null;
}

function usable(terms: EarlyDiscountTerms | null): EarlyDiscountTerms | null {
  return terms && terms.rateBp > 0 && Number.isSafeInteger(terms.days) && terms.days >= 0 ? terms : null;
}

/**
 * The discount on a TTC, rounded half-up: 2 % of 1 200,00 € → 24,00 €. The last day it applies:
 * `days` after the issue date (issued 1 March, within 10 days → 11 March included).
 */
export function earlyDiscountOffer(terms: EarlyDiscountTerms, issueDate: IsoDate, ttcCents: Cents): { until: IsoDate; amountCents: Cents; netCents: Cents } {
  const amountCents = Math.floor((ttcCents * terms.rateBp + 5_000) / 10_000);
  return { until: addDays(issueDate, terms.days), amountCents, netCents: ttcCents - amountCents };
}

