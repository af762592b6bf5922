// sending: see ../fr/sending.ts.
import type { Messages } from '../../groups';

const messages: Messages = {
  'send.title': 'Sending to the client',
  'send.email': 'Send by e-mail',
  'send.share': 'Send…',
  'send.download': 'Download the PDF to send',
  'send.hint.email': 'Your mail app opens with the message ready; the PDF is downloaded beside it: attach it.',
  'send.hint.share': 'Pick the app: the PDF and the message are attached.',
  'send.noEmail': 'No valid e-mail address for this client: download the PDF and send it yourself.',
  'send.missing': 'The sending message cannot be filled ({names}): complete Settings or the « Sending » template in Settings → Follow-up.',
  'send.preview': 'See the message',
  'send.confirm': 'Document sent to the client?',
  'send.confirm.invoice': 'Invoice sent to the client?',
  'send.confirm.quote': 'Quote sent to the client?',
  'send.confirm.credit': 'Credit note sent to the client?',
  'send.confirm.channel': 'By',
  'send.other': 'Already sent another way…',
  'send.other.invoice': 'Already sent another way…',
  'send.failed': 'The PDF could not be made: {message}',
  'send.facts.remaining': '{amount} left to pay',
  'send.chaseLink': 'Follow up',
  'client.earlyDiscount': 'Discount for this client',
  'early.invoice': 'Early-payment discount',
  'early.invoiceMode.inheritTerms': 'The client’s or company’s ({rate} within {days} days)',
  'early.invoiceMode.inheritNone': 'The client’s or company’s (none)',
  'early.invoiceMode.own': 'This invoice’s own',
  'early.rate': 'Rate (%)',
  'early.days': 'if paid within (days)',
  'early.company': 'Early-payment discount (structured)',
  'early.companyHint':
    'For instance 2% within 10 days: the invoice states the last day and the amount off. Empty: the text above, or “No discount”.',
  'early.client': 'Discount for this client',
  'early.clientHint': 'Printed on its invoices with the last day and the amount off.',
  'early.clientMode.inherit': 'The company’s',
  'early.clientMode.none': 'No discount',
  'early.clientMode.own': 'This client’s own',
  'early.taken':
    'Discount of {amount} granted (paid on {date}, in time), of which VAT {vat} and {ht} excl. VAT: your output VAT and the client’s deductible VAT fall by as much — issue a credit note for it or let your accountant book it: it is in the period export (« Early-payment discounts »).',
  'csv.discountOn': 'Discount (paid on)',
  'csv.discountHt': 'Discount excl. VAT',
  'csv.discountVat': 'VAT of the discount',
  'csv.discountTtc': 'Discount incl. VAT',
  'export.discountsFile': 'Early-payment discounts',
  'early.offer': 'Discount of {amount} if payment arrives by {date}: {net} to pay.',
  'doc.legal.earlyDiscount': '{rate} discount for payment by {date} ({days} days): {amount} off, {net} to pay.'
};

export default messages;
