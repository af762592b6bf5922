// The VAT breakdown (BG-23) and the document discount per rate (BG-20), from the totals frozen
// at issue (money.ts computeTotals): the same bases and VAT as the PDF's summary.
import type { BasisPoints, Cents, FrozenContent } from '../types';
import { lineHt } from '../money';
import { amount, el, percent, text } from './xml';
import { exemptionCode, exemptionKey, vatCategory, vatContextOf, type VatCategory } from './vatCategory';

export interface VatGroup {
  rateBp: BasisPoints;
  category: VatCategory;
  /** Sum of the lines' HT at this rate, before the document discount. */
  linesCents: Cents;
  /** HT at this rate after its share of the document discount. */
  baseCents: Cents;
  vatCents: Cents;
  exemptionKey: string | null;
  exemptionCode: string | null;
}

/**
 * One group per rate of the lines, highest first. Under the franchise every line is one E group
 * (no VAT lines are printed). A rate whose base came to zero has no row in the totals: its
 * group has base and VAT 0.
 */
export function vatGroups(f: FrozenContent): VatGroup[] {
  const ctx = vatContextOf(f);
  const byRate = new Map<BasisPoints, Cents>();
  for (const line of f.lines) byRate.set(line.vatRateBp, (byRate.get(line.vatRateBp) ?? 0) + lineHt(line));
  const group = (rateBp: BasisPoints, linesCents: Cents, baseCents: Cents, vatCents: Cents): VatGroup => {
    const category = vatCategory(rateBp, ctx);
    return { rateBp, category, linesCents, baseCents, vatCents, exemptionKey: exemptionKey(category, ctx), exemptionCode: exemptionCode(category, ctx) };
  };
  if (ctx.franchise) return [group(0, f.totals.linesHtCents, f.totals.htCents, 0)];
  return [...byRate.keys()]
    .sort((a, b) => b - a)
    .map((rate) => {
      const row = f.totals.vat.find((v) => v.rateBp === rate);
      return group(rate, byRate.get(rate)!, row?.baseCents ?? 0, row?.vatCents ?? 0);
    });
}

/** A line's VAT as the CII states it: its rate's group, or the single E group at 0 % under the franchise. */
export function lineTax(groups: VatGroup[], rateBp: BasisPoints): { category: VatCategory; rateBp: BasisPoints } {
  const g = groups.find((x) => x.rateBp === rateBp) ?? groups[0];
  return { category: g.category, rateBp: g.rateBp };
}

/** BT-8: VAT falls due on the invoice (option for debits, code 5), on payment (services, 72) or on delivery (goods, 29). */
function dueDateTypeCode(f: FrozenContent): string {
  if (f.seller.vatOnDebits) return '5';
  if (f.seller.operationNature === 'services') return '72';
  if (f.seller.operationNature === 'goods') return '29';
  return '';
}

function categoryTax(g: VatGroup, exemption: (key: string) => string, withAmounts: boolean, f: FrozenContent): string {
  return el('ram:ApplicableTradeTax', [
    withAmounts && text('ram:CalculatedAmount', amount(g.vatCents)),
    text('ram:TypeCode', 'VAT'),
    g.exemptionKey && text('ram:ExemptionReason', exemption(g.exemptionKey)),
    withAmounts && text('ram:BasisAmount', amount(g.baseCents)),
    text('ram:CategoryCode', g.category),
    g.exemptionCode && text('ram:ExemptionReasonCode', g.exemptionCode),
    g.category === 'S' && text('ram:DueDateTypeCode', dueDateTypeCode(f)),
    text('ram:RateApplicablePercent', percent(g.rateBp))
  ]);
}

/** The breakdown rows (BG-23). */
export function vatBreakdown(f: FrozenContent, groups: VatGroup[], exemption: (key: string) => string): string {
  return groups.map((g) => categoryTax(g, exemption, true, f)).join('');
}

/**
 * A final invoice's deposits, HT per rate as each deposit printed them (under the franchise, its
 * HT on the single group): what the document allowances take off besides the discount.
 */
export function depositBases(f: FrozenContent, groups: VatGroup[]): { number: string; issueDate: string; rateBp: BasisPoints; cents: Cents }[] {
  const out: { number: string; issueDate: string; rateBp: BasisPoints; cents: Cents }[] = [];
  for (const d of f.deductions ?? []) {
    if (groups.length === 1 && (d.vat.length === 0 || groups[0].category !== 'S')) {
      out.push({ number: d.number, issueDate: d.issueDate, rateBp: groups[0].rateBp, cents: d.htCents });
      continue;
    }
    for (const v of d.vat) if (v.baseCents !== 0) out.push({ number: d.number, issueDate: d.issueDate, rateBp: v.rateBp, cents: v.baseCents });
  }
  return out;
}

function allowance(cents: Cents, reason: string, reasonCode: string | null, g: VatGroup): string {
  return el('ram:SpecifiedTradeAllowanceCharge', [
    el('ram:ChargeIndicator', '<udt:Indicator>false</udt:Indicator>'),
    text('ram:ActualAmount', amount(cents)),
    reasonCode && text('ram:ReasonCode', reasonCode),
    text('ram:Reason', reason),
    el('ram:CategoryTradeTax', [text('ram:TypeCode', 'VAT'), text('ram:CategoryCode', g.category), text('ram:RateApplicablePercent', percent(g.rateBp))])
  ]);
}

/**
 * The document allowances (BG-20): per rate, its share of the document discount, and on a final
 * invoice each deposit taken off at that rate (« Acompte n° … », its base as the deposit printed
 * it), so that the lines less the allowances are exactly the bases the invoice still charges.
 */
export function documentAllowances(f: FrozenContent, groups: VatGroup[], reason: string, depositReason: (number: string, date: string) => string): string {
  const deposits = depositBases(f, groups);
  return groups
    .flatMap((g) => {
      const mine = deposits.filter((d) => d.rateBp === g.rateBp);
      const discount = g.linesCents - g.baseCents - mine.reduce((s, d) => s + d.cents, 0);
      return [discount !== 0 ? allowance(discount, reason, '95', g) : '', ...mine.map((d) => allowance(d.cents, depositReason(d.number, d.issueDate), null, g))];
    })
    .join('');
}

/** What the allowances take off in all: the discount and the deposits' bases. */
export function allowanceTotal(f: FrozenContent, groups: VatGroup[]): Cents {
  return f.totals.discountCents + depositBases(f, groups).reduce((s, d) => s + d.cents, 0);
}
