import type { AreaMessages } from './index';

// Sending a document (« Envoyer ») and recurring invoices.
const messages: AreaMessages = {
  fr: {
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
    'doc.legal.earlyDiscount': 'Escompte de {rate} pour paiement au plus tard le {date} ({days} jours) : {amount} déduits, soit {net} à régler.',
    'chase.action.shareInvoice': 'Envoyer la facture…',
    'chase.action.share': 'Envoyer le message…',
    'chase.action.attach': 'Joindre la facture (PDF)',
    'chase.confirm.invoiceShared': 'Facture envoyée au client ?',
    'chase.confirm.emailAttach': 'E-mail envoyé ? (le PDF de la facture est téléchargé : joignez-le)'
  },
  en: {
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
    'doc.legal.earlyDiscount': '{rate} discount for payment by {date} ({days} days): {amount} off, {net} to pay.',
    'chase.action.shareInvoice': 'Send the invoice…',
    'chase.action.share': 'Send the message…',
    'chase.action.attach': 'Attach the invoice (PDF)',
    'chase.confirm.invoiceShared': 'Invoice sent to the client?',
    'chase.confirm.emailAttach': 'E-mail sent? (the invoice PDF was downloaded: attach it)'
  }
};

export default messages;
