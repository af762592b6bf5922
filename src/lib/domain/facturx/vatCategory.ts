// Which VAT category (EN 16931, UNCL 5305) each rate of an issued document falls in, and the
// exemption reason code that goes with it. Relance records rates, not categories, so the
// category follows from what was frozen: the seller's regime, the rate, where the client is and
// whether it is a business. One rate gets one category on a document: the PDF prints the same
// mention as the XML (i18n `doc.vatExemption.<code>`).
import type { BasisPoints, FrozenContent } from '../types';
import { isOtherEuCountry } from './euCountries';

/** S standard, E exempt, AE reverse charge, K intra-EU supply, G export (Z, zero rated, has no French use). */
export type VatCategory = 'S' | 'E' | 'AE' | 'K' | 'G';

export interface VatContext {
  franchise: boolean;
  /** The client's country (billing address). */
  buyerCountry: string;
  /** A business client (absent kind on old documents: a business). */
  business: boolean;
  goods: boolean;
}

export function vatContextOf(f: Pick<FrozenContent, 'seller' | 'client'>): VatContext {
  return {
    franchise: f.seller.vatRegime === 'franchise',
    buyerCountry: (f.client.address.country || 'FR').toUpperCase(),
    business: (f.client.kind ?? 'company') === 'company',
    goods: f.seller.operationNature === 'goods'
  };
}

/**
 * The category of a rate: franchise en base → E (art. 293 B); a positive rate → S; 0 % → for a
 * business elsewhere in the EU, K for goods and AE (autoliquidation) for services; outside the
 * EU, G (export); in France, AE for a business (sous-traitance, art. 283-2 nonies) and E for an
 * individual.
 */
export function vatCategory(rateBp: BasisPoints, c: VatContext): VatCategory {
  if (c.franchise) return 'E';
  if (rateBp > 0) return 'S';
  if (c.buyerCountry !== 'FR' && !isOtherEuCountry(c.buyerCountry)) return 'G';
  if (!c.business) return 'E';
  if (c.buyerCountry !== 'FR') return c.goods ? 'K' : 'AE';
  return 'AE';
}

/** The key of the exemption mention (i18n `doc.vatExemption.<key>`), null for S. */
export function exemptionKey(category: VatCategory, c: VatContext): string | null {
  if (category === 'S') return null;
  if (category === 'E') return c.franchise ? 'franchise' : 'E';
  return category;
}

/** The exemption reason code (VATEX list), null when there is none to give. */
export function exemptionCode(category: VatCategory, c: VatContext): string | null {
  switch (category) {
    case 'E':
      return c.franchise ? 'VATEX-FR-FRANCHISE' : null;
    case 'AE':
      return 'VATEX-EU-AE';
    case 'K':
      return 'VATEX-EU-IC';
    case 'G':
      return 'VATEX-EU-G';
    default:
      return null;
  }
}
