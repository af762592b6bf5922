// Sending a document (« Envoyer ») and recurring invoices.
import type { Messages } from '../../groups';

const messages: Messages = {
  'send.title': 'Envoi au client',
  'send.email': 'Envoyer par e-mail',
  'send.share': 'Envoyer…',
  'send.download': 'Télécharger le PDF à envoyer',
  'send.hint.email': 'Votre messagerie s’ouvre avec le message prêt ; le PDF est téléchargé à côté : joignez-le.',
  'send.hint.share': 'Choisissez l’application : le PDF et le message sont joints.',
  'send.noEmail': 'Aucune adresse e-mail valide pour ce client : téléchargez le PDF et envoyez-le vous-même.',
  'send.missing': 'Le message d’envoi ne peut être rempli ({names}) : complétez Réglages ou le modèle « Envoi » dans Réglages → Relances.',
  'send.preview': 'Voir le message',
  'send.confirm': 'Document envoyé au client ?',
  'send.confirm.invoice': 'Facture envoyée au client ?',
  'send.confirm.quote': 'Devis envoyé au client ?',
  'send.confirm.credit': 'Avoir envoyé au client ?',
  'send.confirm.channel': 'Par',
  'send.other': 'Déjà envoyé autrement…',
  'send.other.invoice': 'Déjà envoyée autrement…',
  'send.failed': 'Le PDF n’a pas pu être préparé : {message}',
  'send.facts.remaining': 'reste dû {amount}',
  'send.chaseLink': 'Relancer',
  'client.earlyDiscount': 'Escompte pour ce client',
  'early.invoice': 'Escompte pour paiement anticipé',
  'early.invoiceMode.inheritTerms': 'Celui du client ou de l’entreprise ({rate} sous {days} jours)',
  'early.invoiceMode.inheritNone': 'Celui du client ou de l’entreprise (aucun)',
  'early.invoiceMode.own': 'Propre à cette facture',
  'early.rate': 'Taux (%)',
  'early.days': 'si payé sous (jours)',
  'early.company': 'Escompte pour paiement anticipé (structuré)',
  'early.companyHint':
    'Par exemple 2 % sous 10 jours : la facture indique la date limite et le montant déduit. Vide : le texte ci-dessus, ou « Pas d’escompte ».',
  'early.client': 'Escompte pour ce client',
  'early.clientHint': 'Imprimé sur ses factures avec la date limite et le montant déduit.',
  'early.clientMode.inherit': 'Celui de l’entreprise',
  'early.clientMode.none': 'Aucun escompte',
  'early.clientMode.own': 'Propre à ce client',
  'early.taken':
    'Escompte de {amount} accordé (paiement du {date} dans le délai), dont TVA {vat} et {ht} HT : votre TVA collectée et la TVA déductible du client baissent d’autant — émettez un avoir de ce montant ou laissez votre comptable l’enregistrer : il figure dans l’export de la période (« Escomptes accordés »).',
  'csv.discountOn': 'Escompte (paiement du)',
  'csv.discountHt': 'Escompte HT',
  'csv.discountVat': 'TVA de l’escompte',
  'csv.discountTtc': 'Escompte TTC',
  'export.discountsFile': 'Escomptes accordés',
  'early.offer': 'Escompte de {amount} si le paiement arrive au plus tard le {date} : {net} à régler.',
  'doc.legal.earlyDiscount':
    'Escompte de {rate} pour paiement au plus tard le {date} ({days} jours) : {amount} déduits, soit {net} à régler.'
};

export default messages;
