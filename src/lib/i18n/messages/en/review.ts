// review: see ../fr/review.ts.
import type { Messages } from '../../groups';

const messages: Messages = {
  'review.title': 'Weekly review',
  'review.week': 'Week from {from} to {to}',
  'review.last': 'last review on {date}',
  'review.never': 'first review',
  'review.nothing': 'Nothing to report.',
  'review.nothingLimit': 'No client above their credit limit (set it on the client’s page).',
  'review.notSent': 'Invoices issued but not sent',
  'review.issuedOn': 'issued on {date}',
  'review.brokenPromises': 'Broken payment promises',
  'review.promisedOn': 'promised for {date}',
  'review.disputes': 'Open disputes',
  'review.since': 'since {date}',
  'review.sinceUnknown': 'since an unknown date',
  'review.overLimit': 'Clients above their credit limit',
  'review.owesOverLimit': 'owes {owed} for a limit of {limit}',
  'review.slower': 'Clients paying later than before',
  'review.delay': 'average delay {before} d → {now} d',
  'review.largest': 'The 10 largest debts',
  'review.changes': 'This week',
  'review.paid': '{count} payment(s) received, {amount}',
  'review.newlyLate': 'Newly overdue',
  'review.dueOn': 'due on {date}',
  'review.doneTitle': 'End of the review',
  'review.done': 'Review done',
  'review.doneOn': 'Review done on {date}. Next review next week.',
  'review.day': 'Review day',
  'review.weekday.1': 'Monday',
  'review.weekday.2': 'Tuesday',
  'review.weekday.3': 'Wednesday',
  'review.weekday.4': 'Thursday',
  'review.weekday.5': 'Friday',
  'review.weekday.6': 'Saturday',
  'review.weekday.7': 'Sunday',
  'client.creditLimit': 'Credit limit (incl. VAT)',
  'client.creditLimitHint': 'Optional: the weekly review flags a client above it.'
};

export default messages;
