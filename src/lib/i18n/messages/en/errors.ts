// errors: see ../fr/errors.ts.
import type { Messages } from '../../groups';

const messages: Messages = {
  'missing.title': 'Cannot issue yet: missing',
  'missing.company_name': 'your company name (Settings)',
  'missing.company_address': 'your company address (Settings)',
  'missing.company_siret': 'your company SIRET (Settings)',
  'missing.company_vat_number': 'your EU VAT number (Settings)',
  'missing.company_legal_form': 'your company legal form (Settings)',
  'missing.company_share_capital': 'your company share capital (Settings)',
  'missing.client': 'the client',
  'missing.client_name': 'the client name',
  'missing.client_address': 'the client billing address',
  'missing.lines': 'at least one line',
  'missing.line_description': 'a line description',
  'missing.line_quantity': 'a positive quantity on every line',
  'missing.credit_invoice': 'the invoice this credit note corrects',
  'missing.issue_date': 'a valid issue date',
  'missing.quote_validity': 'a valid quote validity (1 to 365 days after issue)',
  'missing.client_siren': 'the business client’s SIREN (required on Factur-X e-invoices)',
  'missing.client_vat_number': 'the client’s EU VAT number (0 % invoice within the EU)',
  'missing.number_format': 'a numbering format without spaces or special characters (letters, digits, - _ / +) for Factur-X (Settings)',
  'warning.exceeds_legal_max': 'Payment terms exceed the legal maximum (60 days, or 45 days end of month): due on {date} at the latest.',
  'warning.due_before_issue': 'The due date is before the issue date.'
};

export default messages;
