// Codes returned by the domain (validation, issue checks) and the store, in words.
import type { Messages } from '../../groups';

const messages: Messages = {
  'missing.title': 'Impossible d’émettre : il manque',
  'missing.company_name': 'la raison sociale de votre entreprise (Réglages)',
  'missing.company_address': 'l’adresse de votre entreprise (Réglages)',
  'missing.company_siret': 'le SIRET de votre entreprise (Réglages)',
  'missing.company_vat_number': 'votre numéro de TVA intracommunautaire (Réglages)',
  'missing.company_legal_form': 'la forme juridique de votre entreprise (Réglages)',
  'missing.company_share_capital': 'le capital social de votre société (Réglages)',
  'missing.client': 'le client',
  'missing.client_name': 'le nom du client',
  'missing.client_address': 'l’adresse de facturation du client',
  'missing.lines': 'au moins une ligne',
  'missing.line_description': 'la désignation d’une ligne',
  'missing.line_quantity': 'une quantité positive sur chaque ligne',
  'missing.credit_invoice': 'la facture corrigée par l’avoir',
  'missing.issue_date': 'une date d’émission valide',
  'missing.quote_validity': 'une validité du devis correcte (de 1 à 365 jours après l’émission)',
  'missing.client_siren': 'le SIREN du client professionnel (obligatoire sur les factures électroniques Factur-X)',
  'missing.client_vat_number': 'le numéro de TVA intracommunautaire du client (facture à 0 % dans l’UE)',
  'missing.number_format':
    'un format de numérotation sans espace ni caractère spécial (lettres, chiffres, - _ / +) pour Factur-X (Réglages)',
  'warning.exceeds_legal_max':
    'Délai de paiement supérieur au maximum légal (60 jours, ou 45 jours fin de mois) : échéance au plus tard le {date}.',
  'warning.due_before_issue': 'L’échéance précède la date d’émission.'
};

export default messages;
