// The file a collection agency, a commissaire de justice, a factoring company or the court needs
// about a debt handed over: each invoice with its dates and amounts, the interest and the 40 €
// indemnity as of today, the formal notice's date, and the whole contact register with the
// client. Plain data, read by the summary PDF; the amounts are the receivables model's (through
// the claim, as every letter reads them).
import type { Cents, ChaseChannel, ContactOutcome, IsoDate } from './types';
import type { InvoiceAccount } from './receivables';
import { lateClaim } from './claim';
import { CONTACT_OUTCOMES, formalNoticeDay, invoiceOfKey, type ContactEntry } from './contactLog';
import { fromDayNumber } from './dates';

export interface CollectionFileLine {
  invoiceId: string;
  number: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  ttcCents: Cents;
  /** Paid and credited. */
  settledCents: Cents;
  remainingCents: Cents;
  daysLate: number;
  interestCents: Cents;
  indemnityCents: Cents;
}

export interface RegisterLine {
  date: IsoDate;
  channel: ChaseChannel;
  outcome: ContactOutcome;
  stepId: string | null;
  /** The invoice numbers it was about. */
  numbers: string[];
  promisedDate: IsoDate | null;
  note: string;
}

export interface CollectionFile {
  asOf: IsoDate;
  lines: CollectionFileLine[];
  principalCents: Cents;
  interestCents: Cents;
  indemnityCents: Cents;
  totalCents: Cents;
  /** The first formal notice (mise en demeure) sent about any of the invoices. */
  formalNoticeOn: IsoDate | null;
  register: RegisterLine[];
}

/**
 * The file of `invoiceIds` as of `asOf`, from their accounts on that day and the client's contact
 * register (all of it: the agency wants the whole history, oldest first). Interest and indemnity
 * are what the claim on that day says, held receivables included (they are the ones handed over);
 * an invoice whose penalties were waived is claimed for its principal only.
 */
export function collectionFile(
  invoiceIds: readonly string[],
  accounts: ReadonlyMap<string, InvoiceAccount>,
  contacts: readonly ContactEntry[],
  formalStepIds: ReadonlySet<string>,
  asOf: IsoDate
): CollectionFile {
  const wanted = new Set(invoiceIds);
  const caseAccounts: InvoiceAccount[] = [];
  for (const id of invoiceIds) {
    const a = accounts.get(id);
    if (a) caseAccounts.push(a);
  }
  const claim = lateClaim(caseAccounts, asOf, { held: true, include: (r) => wanted.has(r.invoiceId) });
  const penaltiesOf = new Map<string, { interest: Cents; indemnity: Cents }>();
  for (const l of claim.lines) {
    const p = penaltiesOf.get(l.invoiceId) ?? { interest: 0, indemnity: 0 };
    p.interest += l.interestCents;
    p.indemnity += l.indemnityCents;
    penaltiesOf.set(l.invoiceId, p);
  }
  const lines: CollectionFileLine[] = caseAccounts.map((a) => {
    const first = a.receivables[0];
    const p = penaltiesOf.get(a.invoiceId);
    return {
      invoiceId: a.invoiceId,
      number: a.number,
      issueDate: first.issueDate,
      dueDate: first.dueDate,
      ttcCents: a.ttcCents,
      settledCents: a.paidCents + a.creditedCents,
      remainingCents: a.remainingCents,
      daysLate: a.daysLate,
      interestCents: p?.interest ?? 0,
      indemnityCents: p?.indemnity ?? 0
    };
  });
  lines.sort((x, y) => (x.dueDate < y.dueDate ? -1 : x.dueDate > y.dueDate ? 1 : x.number < y.number ? -1 : 1));

  let notice: number | null = null;
  for (const a of caseAccounts)
    for (const r of a.receivables) {
      const day = formalNoticeDay(contacts, r.key, formalStepIds);
      if (day !== null && (notice === null || day < notice)) notice = day;
    }
  const register: RegisterLine[] = [...contacts]
    .sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))
    .map((e) => ({
      date: e.date,
      channel: e.contact.channel,
      outcome: e.contact.outcome,
      stepId: e.contact.stepId,
      numbers: [...new Set(e.contact.targets.map((t) => accounts.get(invoiceOfKey(t.key))?.number ?? ''))].filter(Boolean),
      promisedDate: e.contact.promisedDate,
      note: e.contact.note
    }));
  const principalCents = lines.reduce((s, l) => s + l.remainingCents, 0);
  return {
    asOf,
    lines,
    principalCents,
    interestCents: claim.interestCents,
    indemnityCents: claim.indemnityCents,
    totalCents: principalCents + claim.interestCents + claim.indemnityCents,
    formalNoticeOn: notice === null ? null : fromDayNumber(notice),
    register
  };
}

/** A letter sent by post about some of the invoices: which receivables, which kind of letter. */
export interface LetterSent {
  date: IsoDate;
  keys: string[];
  kind: 'reminder1' | 'reminder2' | 'notice';
  /** A message about these invoices went out before it (the letter says « our previous reminder »). */
  previousMessage: boolean;
}

/**
 * The letters sent by post (letter, registered letter) about any of `invoiceIds`, oldest first:
 * a formal-notice step is the notice; otherwise the first message about them is a first reminder
 * and any later one a second reminder. The agency gets them again as they were printed that day.
 */
export function lettersSent(contacts: readonly ContactEntry[], invoiceIds: readonly string[], formalStepIds: ReadonlySet<string>): LetterSent[] {
  const wanted = new Set(invoiceIds);
  const out: LetterSent[] = [];
  let messages = 0;
  for (const e of [...contacts].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))) {
    const keys = e.contact.targets.map((t) => t.key).filter((k) => wanted.has(invoiceOfKey(k)));
    if (!keys.length || !CONTACT_OUTCOMES.has(e.contact.outcome)) continue;
    const byPost = e.contact.channel === 'letter' || e.contact.channel === 'registered_letter';
    if (byPost && e.contact.outcome === 'sent') {
      const notice = e.contact.stepId !== null && formalStepIds.has(e.contact.stepId);
      out.push({ date: e.date, keys, kind: notice ? 'notice' : messages ? 'reminder2' : 'reminder1', previousMessage: messages > 0 });
    }
    if (e.contact.outcome === 'sent') messages++;
  }
  return out;
}
