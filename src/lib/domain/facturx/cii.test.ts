import { describe, expect, it } from 'vitest';
import { ciiXml, documentTypeCode, type CiiTexts } from './cii';
import { creditNote, depositInvoice, finalInvoice, franchise, intraEu, privateClient, reverseCharge, twoRatesWithDiscount } from './fixtures';
import type { DocumentRecord } from '../types';

const texts: CiiTexts = {
  sellerLegalInfo: 'SARL au capital de 10 000 €',
  earlyPayment: 'Pas d’escompte.',
  latePenalties: 'Pénalités : 12,15 %.',
  recoveryIndemnity: 'Indemnité : 40 €.',
  operation: 'Prestations de services.',
  paymentTerms: '30 jours net',
  discount: 'Remise',
  deposit: (number, date) => `Acompte n° ${number} du ${date}`,
  exemption: (key) => `mention ${key}`
};
const xmlOf = (doc: DocumentRecord) => ciiXml(doc.frozen!, doc.frozen!.seller.name, texts);
/** Every value of an element, in order. */
const all = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);
const one = (xml: string, tag: string) => all(xml, tag)[0];

describe('ciiXml', () => {
  it('states the frozen totals of an invoice with two rates and discounts', () => {
    // Lines HT: 1 × 1 234,56 = 1 234,56 (20 %); 7,5 × 45,00 − 10,00 = 327,50 (10 %); 2 × 33,33 = 66,66 (20 %).
    // Sum 1 628,72; 5 % discount = 81,436 → 81,44, split by weight: 20 % 1 301,22 → 65,06, 10 % 327,50 → 16,38.
    // Bases 1 236,16 and 311,12; VAT 247,232 → 247,23 and 31,112 → 31,11; HT 1 547,28 + VAT 278,34 = TTC 1 825,62.
    const xml = xmlOf(twoRatesWithDiscount());
    expect(all(xml, 'ram:LineTotalAmount')).toEqual(['1234.56', '327.50', '66.66', '1628.72']);
    expect(all(xml, 'ram:BasisAmount')).toEqual(['1236.16', '311.12']);
    expect(all(xml, 'ram:CalculatedAmount')).toEqual(['247.23', '31.11']);
    expect(all(xml, 'ram:ActualAmount')).toEqual(['10.00', '65.06', '16.38']);
    expect(one(xml, 'ram:AllowanceTotalAmount')).toBe('81.44');
    expect(one(xml, 'ram:TaxBasisTotalAmount')).toBe('1547.28');
    expect(one(xml, 'ram:TaxTotalAmount')).toBe('278.34');
    expect(one(xml, 'ram:GrandTotalAmount')).toBe('1825.62');
    expect(one(xml, 'ram:DuePayableAmount')).toBe('1825.62');
  });

  it('a final invoice takes each deposit off as an allowance at its rate, and charges what remains', () => {
    // The job above; a deposit of 30 % of each base: 370,848 → 370,85 (VAT 74,17) and 93,336 → 93,34
    // (VAT 9,334 → 9,33). Remains: bases 865,31 and 217,78, VAT 173,06 and 21,78, HT 1 083,09,
    // VAT 194,84, TTC 1 277,93. Allowances: 81,44 discount + 464,19 deposits = 545,63, and
    // 1 628,72 − 545,63 = 1 083,09.
    const xml = xmlOf(finalInvoice());
    expect(one(xml, 'ram:TypeCode')).toBe('380');
    expect(all(xml, 'ram:ActualAmount')).toEqual(['10.00', '65.06', '370.85', '16.38', '93.34']);
    expect(all(xml, 'ram:Reason')).toContain('Acompte n° F-2026-A-0002 du 2026-11-10');
    expect(all(xml, 'ram:BasisAmount')).toEqual(['865.31', '217.78']);
    expect(all(xml, 'ram:CalculatedAmount')).toEqual(['173.06', '21.78']);
    expect(one(xml, 'ram:AllowanceTotalAmount')).toBe('545.63');
    expect(one(xml, 'ram:TaxBasisTotalAmount')).toBe('1083.09');
    expect(one(xml, 'ram:GrandTotalAmount')).toBe('1277.93');
    expect(one(xml, 'ram:DuePayableAmount')).toBe('1277.93');
  });

  it('a deposit invoice is a prepayment invoice (386)', () => {
    expect(one(xmlOf(depositInvoice()), 'ram:TypeCode')).toBe('386');
  });

  it('names the parties, the order, the payment and the French notes', () => {
    const xml = xmlOf(twoRatesWithDiscount());
    expect(one(xml, 'ram:TypeCode')).toBe('380');
    expect(xml).toContain('<ram:ID schemeID="0002">732829320</ram:ID>');
    expect(xml).toContain('<ram:GlobalID schemeID="0009">73282932000074</ram:GlobalID>');
    expect(xml).toContain('<ram:URIID schemeID="0225">732829320</ram:URIID>');
    expect(xml).toContain('<ram:ID schemeID="VA">FR44732829320</ram:ID>');
    expect(xml).toContain('<ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>BC-2026-118</ram:IssuerAssignedID>');
    expect(xml).toContain('<ram:TypeCode>58</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>FR7630006000011234567890189</ram:IBANID>');
    expect(xml).toContain('<ram:DueDateDateTime><udt:DateTimeString format="102">20261223</udt:DateTimeString>');
    expect(all(xml, 'ram:SubjectCode')).toEqual(['PMD', 'PMT', 'AAB', 'AAI', 'BAR']);
    expect(all(xml, 'ram:Content')).toEqual(['Pénalités : 12,15 %.', 'Indemnité : 40 €.', 'Pas d’escompte.', 'Prestations de services.', 'B2B']);
    expect(all(xml, 'ram:BilledQuantity')).toEqual(['1.0000', '7.5000', '2.0000']);
    expect(xml).toContain('unitCode="HUR"');
    // Services, VAT paid on receipt (no option for debits): BT-8 = 72; the cadre is S1.
    expect(all(xml, 'ram:DueDateTypeCode')).toEqual(['72', '72']);
    expect(xml).toContain('<ram:BusinessProcessSpecifiedDocumentContextParameter><ram:ID>S1</ram:ID>');
  });

  it('reverse charge: category AE at 0 % with its mention', () => {
    const xml = xmlOf(reverseCharge());
    expect(all(xml, 'ram:CategoryCode')).toEqual(['AE', 'AE']);
    expect(one(xml, 'ram:ExemptionReason')).toBe('mention AE');
    expect(one(xml, 'ram:ExemptionReasonCode')).toBe('VATEX-EU-AE');
    expect(one(xml, 'ram:GrandTotalAmount')).toBe('8500.00');
  });

  it('franchise en base: one E group at 0 %, the seller identified by its SIREN', () => {
    // 3 × 60,00 + 15,00 = 195,00 − 10,00 discount = 185,00, no VAT.
    const xml = xmlOf(franchise());
    expect(all(xml, 'ram:RateApplicablePercent')).toEqual(['0.00', '0.00', '0.00', '0.00']);
    expect(one(xml, 'ram:ExemptionReasonCode')).toBe('VATEX-FR-FRANCHISE');
    expect(xml).toContain('<ram:ID schemeID="FC">732829320</ram:ID>');
    expect(/<ram:SellerTradeParty>.*<\/ram:SellerTradeParty>/.exec(xml)![0]).not.toContain('schemeID="VA"');
    expect(one(xml, 'ram:GrandTotalAmount')).toBe('185.00');
    expect(one(xml, 'ram:TaxTotalAmount')).toBe('0.00');
  });

  it('intra-EU goods: K, shipped to the client abroad, reached by e-mail', () => {
    const xml = xmlOf(intraEu());
    expect(one(xml, 'ram:ExemptionReasonCode')).toBe('VATEX-EU-IC');
    expect(xml).toContain('<ram:ShipToTradeParty><ram:Name>Müller Elektro GmbH</ram:Name>');
    expect(xml).toContain('<ram:URIID schemeID="EM">rechnung@mueller-elektro.de</ram:URIID>');
    expect(xml).toContain('<ram:ID>B1</ram:ID>');
    expect(all(xml, 'ram:Content')).toContain('B2BINT');
  });

  it('a private client: B2C, no SIREN, VAT due on debits (BT-8 = 5)', () => {
    const xml = xmlOf(privateClient());
    expect(all(xml, 'ram:Content')).toContain('B2C');
    expect(xml.match(/schemeID="0002"/g)).toHaveLength(1);
    expect(all(xml, 'ram:DueDateTypeCode')).toEqual(['5', '5']);
  });

  it('a credit note (381) cites the invoice it corrects and asks for no payment', () => {
    // Lines 327,50 (10 %) + 66,66 (20 %): VAT 32,75 + 13,332 → 13,33; TTC 394,16 + 46,08 = 440,24.
    const xml = xmlOf(creditNote());
    expect(one(xml, 'ram:TypeCode')).toBe('381');
    expect(xml).toContain('<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>F-2026-A-');
    expect(xml).toContain('<qdt:DateTimeString format="102">20261123</qdt:DateTimeString>');
    expect(xml).not.toContain('PaymentMeans');
    expect(one(xml, 'ram:GrandTotalAmount')).toBe('440.24');
  });
});

describe('invalid requests', () => {
  it('a quote has no Factur-X', () => {
    expect(() => documentTypeCode('quote')).toThrow();
    const quote = twoRatesWithDiscount();
    expect(() => ciiXml({ ...quote.frozen!, kind: 'quote' }, 'x', texts)).toThrow();
  });

  it('a deposit invoice is a 386, once it exists', () => {
    expect(documentTypeCode('deposit')).toBe('386');
  });
});
