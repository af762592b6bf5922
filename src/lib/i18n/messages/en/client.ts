// client: see ../fr/client.ts.
import type { Messages } from '../../groups';

const messages: Messages = {
  'chase.installment': 'installment {index}/{count}',
  'client.terms.on_receipt': 'On receipt',
  'client.terms.net': 'Net {days} days',
  'client.terms.end_of_month': '{days} days end of month',
  'client.terms.date': 'On {date}',
  'deposit.line.percent': 'Deposit of {percent} on quote {number} of {date}',
  'deposit.line.amount': 'Deposit on quote {number} of {date}',
  'deposit.line.rate': '{text} — part at {rate}',
  'order.line': 'Deposit on order',
  'order.lineNumbered': 'Deposit on order {number}'
};

export default messages;
