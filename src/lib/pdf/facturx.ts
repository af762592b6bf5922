// The Factur-X XML of an issued invoice or credit note with the words its PDF prints (blocks.ts):
// the same payment mentions, terms and exemption mentions, in the document's language. Lives
// in the lazy PDF chunk: the XML builder never weighs on the first screen.
import type { DocumentRecord, Language } from '$lib/domain/types';
import { ciiXml } from '$lib/domain/facturx/cii';
import { describeTerms, earlyMentionOf, retentionMention, formats, legalIdentity, operationMentions, paymentMentionParts, sellerName, translator } from './blocks';

export interface FacturxRequest {
  doc: DocumentRecord;
  lang: Language;
  businessClient: boolean;
}

/** Whether a document is made as Factur-X: issued invoices and credit notes (not quotes). */
export function isFacturxDocument(doc: DocumentRecord): boolean {
  return doc.status === 'issued' && doc.frozen !== null && doc.frozen.kind !== 'quote';
}

export function facturxXml({ doc, lang, businessClient }: FacturxRequest): string {
  const f = doc.frozen;
  if (!f || !isFacturxDocument(doc)) throw new Error('Only an issued invoice or credit note has a Factur-X XML.');
  const t = translator(lang);
  // The same early-payment offer the PDF prints.
  const payment = paymentMentionParts(f.seller, lang, businessClient, earlyMentionOf(f));
  return ciiXml(f, sellerName(f.seller), {
    sellerLegalInfo: legalIdentity(f.seller, lang),
    earlyPayment: payment.earlyPayment,
    latePenalties: payment.latePenalties,
    recoveryIndemnity: payment.recoveryIndemnity ?? t('doc.legal.noIndemnity'),
    operation: operationMentions(f.seller, lang),
    // A situation's retention is not an allowance (the TTC is due): the payment terms say it.
    paymentTerms: [describeTerms(f.terms, lang), retentionMention(f, lang)].filter(Boolean).join(' — '),
    discount: t('doc.facturx.discount'),
    deposit: (number, date) => t('totals.deposit', { number, date: formats(lang).date(date) }),
    exemption: (key) => t(`doc.vatExemption.${key}`)
  });
}
