// The invoice lines (BG-25) of the CII: one per printed line, its net amount exactly the PDF's
// (money.ts lineHt), its VAT category from vatCategory.ts.
import type { Line } from '../types';
import { lineHt } from '../money';
import { amount, el, percent, quantity, text } from './xml';
import { unitCode } from './units';
import type { VatCategory } from './vatCategory';

/** The first line of a description is the item's name (BT-153), the rest its description (BT-154). */
function nameAndDescription(description: string): { name: string; rest: string } {
  const [first, ...rest] = description.trim().split('\n');
  return { name: first.trim(), rest: rest.join('\n').trim() };
}

/** The allowance of a line (BG-27): the line discount, HT. */
function lineAllowance(cents: number, reason: string): string {
  if (!cents) return '';
  return el('ram:SpecifiedTradeAllowanceCharge', [
    el('ram:ChargeIndicator', '<udt:Indicator>false</udt:Indicator>'),
    text('ram:ActualAmount', amount(cents)),
    text('ram:ReasonCode', '95'),
    text('ram:Reason', reason)
  ]);
}

/**
 * One line. French rules want a net price (BT-146) that is not negative: a negative line (a
 * deduction) is a negative quantity at a positive price, which multiplies to the same amount.
 */
export function lineItem(line: Line, index: number, tax: { category: VatCategory; rateBp: number }, discountReason: string): string {
  const { name, rest } = nameAndDescription(line.description);
  const negativePrice = line.unitPriceCents < 0;
  const unit = unitCode(line.unit);
  return el('ram:IncludedSupplyChainTradeLineItem', [
    el('ram:AssociatedDocumentLineDocument', text('ram:LineID', String(index + 1))),
    el('ram:SpecifiedTradeProduct', [text('ram:Name', name), text('ram:Description', rest)]),
    el('ram:SpecifiedLineTradeAgreement', el('ram:NetPriceProductTradePrice', text('ram:ChargeAmount', amount(Math.abs(line.unitPriceCents))))),
    el('ram:SpecifiedLineTradeDelivery', text('ram:BilledQuantity', quantity(negativePrice ? -line.quantity : line.quantity), { unitCode: unit })),
    el('ram:SpecifiedLineTradeSettlement', [
      el('ram:ApplicableTradeTax', [text('ram:TypeCode', 'VAT'), text('ram:CategoryCode', tax.category), text('ram:RateApplicablePercent', percent(tax.rateBp))]),
      lineAllowance(line.discountCents || 0, discountReason),
      el('ram:SpecifiedTradeSettlementLineMonetarySummation', text('ram:LineTotalAmount', amount(lineHt(line))))
    ])
  ]);
}
