// Words written in a client's language on screen (the e-mail of a chase, an order line, terms):
// loaded in both languages wherever they are loaded.
import type { Messages } from '../../groups';

const messages: Messages = {
  'chase.installment': 'échéance {index}/{count}',
  'client.terms.on_receipt': 'À réception',
  'client.terms.net': '{days} jours net',
  'client.terms.end_of_month': '{days} jours fin de mois',
  'client.terms.date': 'Le {date}',
  'deposit.line.percent': 'Acompte de {percent} sur le devis n° {number} du {date}',
  'deposit.line.amount': 'Acompte sur le devis n° {number} du {date}',
  'deposit.line.rate': '{text} — part à {rate}',
  'order.line': 'Acompte sur commande',
  'order.lineNumbered': 'Acompte sur la commande n° {number}'
};

export default messages;
