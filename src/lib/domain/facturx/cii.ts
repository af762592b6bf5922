// The Factur-X XML (UN/CEFACT CII, profile EN 16931) of an issued invoice or credit note, from
// its frozen content alone: the amounts are the totals frozen at issue (money.ts), the same the
// PDF prints. The words (notes, payment terms, exemption mentions) are the PDF's own, given by
// the caller in the document's language (pdf/facturx.ts), so the two never say different things.
import type { DocumentKind, FrozenContent } from '../types';
import { sameAddress } from '../company';
import { el, amount, dateElement, text } from './xml';
import { buyerParty, ibanId, sellerParty, shipToParty } from './party';
import { lineItem } from './lines';
import { allowanceTotal, documentAllowances, lineTax, vatBreakdown, vatGroups } from './vatBreakdown';
import { isOtherEuCountry } from './euCountries';

/** What the document says in words, in its language (the PDF's mentions). */
export interface CiiTexts {
  /** Seller's legal identity (form, capital, RCS…): BT-33. */
  sellerLegalInfo: string;
  /** AAB: the early-payment discount, or that there is none. */
  earlyPayment: string;
  /** PMD: the late-payment penalties. */
  latePenalties: string;
  /** PMT: the 40 € recovery indemnity, or that it does not apply (an individual). */
  recoveryIndemnity: string;
  /** The nature of the operation and the option for VAT on debits ('' when none). */
  operation: string;
  /** The payment terms in words (BT-20). */
  paymentTerms: string;
  /** The reason of the discount allowances (« Remise »). */
  discount: string;
  /** A final invoice: the reason of the allowance for a deposit taken off (« Acompte n° … du … »). */
  deposit: (number: string, issueDate: string) => string;
  /** An exemption mention by key (vatCategory.ts exemptionKey). */
  exemption: (key: string) => string;
}

/** BT-3 by document kind: commercial invoice, credit note, prepayment (deposit) invoice. */
const TYPE_CODES: Partial<Record<DocumentKind | 'deposit', string>> = { invoice: '380', credit: '381', deposit: '386' };

export function documentTypeCode(kind: DocumentKind | 'deposit'): string {
  const code = TYPE_CODES[kind];
  if (!code) throw new Error(`No Factur-X for a document of kind ${kind}`);
  return code;
}

/** BT-23, the French « cadre de facturation »: goods (B1), services (S1) or both (M1). */
function businessProcess(f: FrozenContent): string {
  return f.seller.operationNature === 'goods' ? 'B1' : f.seller.operationNature === 'mixed' ? 'M1' : 'S1';
}

/** The French treatment note (BAR): a French business, a foreign one, or an individual. */
function treatment(f: FrozenContent): string {
  if ((f.client.kind ?? 'company') !== 'company') return 'B2C';
  return (f.client.address.country || 'FR').toUpperCase() === 'FR' ? 'B2B' : 'B2BINT';
}

function note(content: string, subject?: string): string {
  return el('ram:IncludedNote', [text('ram:Content', content), subject ? text('ram:SubjectCode', subject) : '']);
}

const NAMESPACES = {
  'xmlns:rsm': 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  'xmlns:qdt': 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  'xmlns:ram': 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  'xmlns:udt': 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100'
};

/** The CII XML of an issued invoice or credit note (`sellerName`: as printed, with « EI »). */
export function ciiXml(f: FrozenContent, sellerName: string, texts: CiiTexts): string {
  // A deposit invoice is a prepayment invoice (386).
  const typeCode = documentTypeCode(f.kind === 'invoice' && f.deposit ? 'deposit' : f.kind);
  const allowances = allowanceTotal(f, vatGroups(f));
  const groups = vatGroups(f);
  const isCredit = f.kind === 'credit';
  const delivery = f.client.deliveryAddress && !sameAddress(f.client.deliveryAddress, f.client.address) ? f.client.deliveryAddress : null;
  // An intra-EU supply must say where it went (BR-IC-12): the billing address when no other.
  const shipTo = delivery ?? (groups.some((g) => g.category === 'K') || isOtherEuCountry(f.client.address.country) ? f.client.address : null);

  const header = el('rsm:ExchangedDocument', [
    text('ram:ID', f.number),
    text('ram:TypeCode', typeCode),
    dateElement('ram:IssueDateTime', f.issueDate),
    f.notes.trim() && note(f.notes.trim()),
    note(texts.latePenalties, 'PMD'),
    note(texts.recoveryIndemnity, 'PMT'),
    note(texts.earlyPayment, 'AAB'),
    texts.operation && note(texts.operation, 'AAI'),
    note(treatment(f), 'BAR')
  ]);

  const agreement = el('ram:ApplicableHeaderTradeAgreement', [
    sellerParty(f.seller, sellerName, texts.sellerLegalInfo),
    buyerParty(f.client),
    f.orderNumber?.trim() && el('ram:BuyerOrderReferencedDocument', text('ram:IssuerAssignedID', f.orderNumber))
  ]);

  const deliveryXml = el('ram:ApplicableHeaderTradeDelivery', [
    shipTo && shipToParty(f.client.name, shipTo),
    el('ram:ActualDeliverySupplyChainEvent', dateElement('ram:OccurrenceDateTime', f.serviceDate ?? f.issueDate))
  ]);

  const iban = ibanId(f.seller.iban);
  const settlement = el('ram:ApplicableHeaderTradeSettlement', [
    text('ram:PaymentReference', f.number),
    text('ram:InvoiceCurrencyCode', 'EUR'),
    !isCredit &&
      iban &&
      el('ram:SpecifiedTradeSettlementPaymentMeans', [
        text('ram:TypeCode', '58'),
        el('ram:PayeePartyCreditorFinancialAccount', text('ram:IBANID', iban)),
        f.seller.bic.trim() && el('ram:PayeeSpecifiedCreditorFinancialInstitution', text('ram:BICID', f.seller.bic.replace(/\s/g, '').toUpperCase()))
      ]),
    vatBreakdown(f, groups, texts.exemption),
    documentAllowances(f, groups, texts.discount, texts.deposit),
    el('ram:SpecifiedTradePaymentTerms', [text('ram:Description', texts.paymentTerms), !isCredit && dateElement('ram:DueDateDateTime', f.dueDate)]),
    el('ram:SpecifiedTradeSettlementHeaderMonetarySummation', [
      text('ram:LineTotalAmount', amount(f.totals.linesHtCents)),
      allowances !== 0 && text('ram:AllowanceTotalAmount', amount(allowances)),
      text('ram:TaxBasisTotalAmount', amount(f.totals.htCents)),
      text('ram:TaxTotalAmount', amount(f.totals.vatCents), { currencyID: 'EUR' }),
      text('ram:GrandTotalAmount', amount(f.totals.ttcCents)),
      text('ram:DuePayableAmount', amount(f.totals.ttcCents))
    ]),
    isCredit &&
      f.correctsInvoiceNumber &&
      el('ram:InvoiceReferencedDocument', [text('ram:IssuerAssignedID', f.correctsInvoiceNumber), dateElement('ram:FormattedIssueDateTime', f.correctsInvoiceDate, 'qdt')])
  ]);

  const body = el(
    'rsm:CrossIndustryInvoice',
    [
      el('rsm:ExchangedDocumentContext', [
        el('ram:BusinessProcessSpecifiedDocumentContextParameter', text('ram:ID', businessProcess(f))),
        el('ram:GuidelineSpecifiedDocumentContextParameter', text('ram:ID', 'urn:cen.eu:en16931:2017'))
      ]),
      header,
      el('rsm:SupplyChainTradeTransaction', [
        ...f.lines.map((l, i) => lineItem(l, i, lineTax(groups, f.seller.vatRegime === 'franchise' ? 0 : l.vatRateBp), texts.discount)),
        agreement,
        deliveryXml,
        settlement
      ])
    ],
    NAMESPACES
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}
