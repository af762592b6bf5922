// What to do about ONE client today: at most one item of the « À relancer » list covering every
// receivable of the client with a step due, read from the receivables model, the contact log and
// the policies. Pure: the client's records in, the item out.
import type { Cents, Client, DunningPolicy, DunningStep, IsoDate, Payment, VatRegime } from './types';
import { dayNumber, fromDayNumber } from './dates';
import { PROMISE_BROKEN_STEP, policyFor, type PolicySettings } from './dunning';
import { CONTACT_OUTCOMES, formalNoticeDay, type ContactEntry } from './contactLog';
import { clientRisk, type ClientRisk, type RiskLevel, type SettledInvoice } from './risk';
import { invoiceAccount, settleDocuments, type AccountContext, type DocumentFacts, type InvoiceAccount, type InvoiceSettlement, type Receivable } from './receivables';
import { lateClaim, type LateClaim } from './claim';
import { formalNoticeStep, isDepositReminder, nextChaseStep, stepRank, type ChaseDecision } from './chaseStep';

/** Everything the list needs about one client. */
export interface ClientFile {
  client: Client;
  /** The client's issued invoices and credit notes. */
  documents: DocumentFacts[];
  /** Payments allocated to the client's invoices. */
  payments: Payment[];
  /** The client's contact entries. */
  contacts: ContactEntry[];
}

/** What a file settles, whatever the day and the policies (the store keeps it with the file). */
export interface PreparedFile {
  file: ClientFile;
  settlements: InvoiceSettlement[];
  /** Positions of the invoices that payments and credit notes have not settled. */
  open: number[];
  risk: ClientRisk;
}

// Every payment recorded counts: the history the risk is read from, whatever its dates.
const END_OF_TIME = '9999-12-31';

/** Settles a client's file once: a new day or new policies reuse it. */
export function prepareFile(file: ClientFile): PreparedFile {
  const settlements = settleDocuments(file.documents, file.payments);
  const context = accountContext(file, END_OF_TIME);
  const open: number[] = [];
  const settled: SettledInvoice[] = [];
  file.documents.forEach((d, i) => {
    if (d.kind !== 'invoice') return;
    const account = invoiceAccount(d, settlements[i], context);
    if (account.remainingCents > 0) open.push(i);
    else if (account.settledOn && d.dueDate) settled.push({ dueDate: d.dueDate, settledOn: account.settledOn });
  });
  return { file, settlements, open, risk: clientRisk(settled) };
}

export interface ChaseEnv {
  today: IsoDate;
  vatRegime: VatRegime;
  settings: PolicySettings;
  /** The ids of the formal-notice steps of `settings` (see chaseEnv). */
  formalStepIds: ReadonlySet<string>;
}

/** The environment of a day's list: worked out once for every client. */
export function chaseEnv(today: IsoDate, vatRegime: VatRegime, settings: PolicySettings): ChaseEnv {
  return { today, vatRegime, settings, formalStepIds: formalStepIds(settings.policies) };
}

/** The ids of every formal-notice step of the policies in force. */
export function formalStepIds(policies: ReadonlyMap<string, DunningPolicy>): Set<string> {
  const ids = new Set<string>();
  for (const p of policies.values()) for (const s of p.steps) if (s.kind === 'formal_notice') ids.add(s.id);
  return ids;
}

const FORMAL_NOTICE: ReadonlySet<string> = new Set(['formal_notice']);

function accountContext(file: ClientFile, asOf: IsoDate, formal: ReadonlySet<string> = FORMAL_NOTICE): AccountContext {
  return { asOf, clientKind: file.client.kind, clientPause: file.client.chasePause ?? null, contacts: file.contacts, formalStepIds: formal };
}

/** The accounts of a client's invoices on `asOf` (open ones only, unless `all`). */
export function clientAccounts(prepared: PreparedFile, asOf: IsoDate, formal: ReadonlySet<string> = FORMAL_NOTICE, all = false): InvoiceAccount[] {
  const { file, settlements } = prepared;
  const context = accountContext(file, asOf, formal);
  const out: InvoiceAccount[] = [];
  if (all) {
    file.documents.forEach((d, i) => d.kind === 'invoice' && out.push(invoiceAccount(d, settlements[i], context)));
  } else for (const i of prepared.open) out.push(invoiceAccount(file.documents[i], settlements[i], context));
  return out;
}

export type ChaseSection = 'overdue' | 'today' | 'courtesy';

export interface ChaseLine {
  receivable: Receivable;
  step: DunningStep;
  /** The day the step became due. */
  dueOn: IsoDate;
  /** The policy the receivable follows. */
  policyId: string;
}

export interface ChaseReason {
  invoiceCount: number;
  amountCents: Cents;
  daysLate: number;
  risk: RiskLevel;
}

export interface ChaseItem {
  clientId: string;
  clientName: string;
  section: ChaseSection;
  /** The most advanced step among the lines: what this contact is. */
  step: DunningStep;
  stepDueOn: IsoDate;
  policyId: string;
  lines: ChaseLine[];
  /** What remains due on the lines. */
  amountCents: Cents;
  daysLate: number;
  /** The late part of the lines with interest and indemnity: what a letter or e-mail claims. */
  claim: LateClaim;
  interestCents: Cents;
  indemnityCents: Cents;
  totalCents: Cents;
  /** More than one invoice: the message carries an account statement. */
  statement: boolean;
  risk: ClientRisk;
  priority: number;
  reason: ChaseReason;
  /** The client's last real contact (any invoice). */
  lastContact: ContactEntry | null;
  /** The last message sent about these receivables: only then may a text say « our previous message ». */
  previousMessage: ContactEntry | null;
  /** Every line is a deposit not received (chaseStep.ts isDepositReminder): « Acompte non reçu ». */
  deposit?: boolean;
}

export interface ClientChase {
  clientId: string;
  item: ChaseItem | null;
  /** When nothing is due today: the first day something will be (gap, snooze, next step). */
  nextOn: IsoDate | null;
  /** Within the minimum gap after the last contact: the item waits until `nextOn`. */
  postponed: boolean;
  /** Open receivables, with what each is waiting for. */
  decisions: { receivable: Receivable; decision: ChaseDecision }[];
  /** The client's open invoices on the day, from the receivables model. */
  accounts: InvoiceAccount[];
}

/**
 * The lines one message can carry: sending invoices is a message of its own (no reminder inside
 * it); a reminder after the due date leaves out the courtesy lines of invoices not yet due; a
 * formal notice or a decision only the receivables that are late — so that the e-mail, the
 * letter and the claim always speak of the same invoices.
 */
function messageLines(lines: ChaseLine[], top: ChaseLine): ChaseLine[] {
  const sends = lines.filter((l) => l.step.kind === 'send');
  if (sends.length) return sends;
  const keep =
    top.step.kind === 'formal_notice' || top.step.kind === 'decision'
      ? (l: ChaseLine) => l.receivable.daysLate > 0
      : top.step.offsetDays >= 0 || top.step.id === PROMISE_BROKEN_STEP.id
        ? (l: ChaseLine) => !(l.step.kind === 'reminder' && l.step.offsetDays < 0)
        : () => true;
  const kept = lines.filter(keep);
  return kept.includes(top) ? kept : lines;
}

/**
 * What to do about one client today: at most ONE item covering every receivable with a step due,
 * unless the client was contacted less than the policy's minimum gap ago (then postponed to the
 * first allowed day). Once the client received a formal notice about a receivable still open, it
 * gets no gentler message: the reminders of its other late receivables become formal notices too,
 * and courtesy reminders stop.
 */
export function chaseClient(prepared: PreparedFile, env: ChaseEnv): ClientChase {
  const { file, risk } = prepared;
  const { client } = file;
  const formal = env.formalStepIds;
  const accounts = clientAccounts(prepared, env.today, formal);
  const result: ClientChase = { clientId: client.id, item: null, nextOn: null, postponed: false, decisions: [], accounts };
  if (!accounts.length) return result;

  const t = dayNumber(env.today);
  let underNotice = false;
  for (const a of accounts)
    for (const r of a.receivables)
      if (r.remainingCents > 0 && formalNoticeDay(file.contacts, r.key, formal) !== null) underNotice = true;

  let lines: ChaseLine[] = [];
  let next = Infinity;
  let gap = 0;
  let top: ChaseLine | null = null;
  for (let i = 0; i < accounts.length; i++) {
    const doc = file.documents[prepared.open[i]];
    const policy = policyFor(doc, client, env.settings);
    for (const r of accounts[i].receivables) {
      if (r.remainingCents <= 0) continue;
      const decision = nextChaseStep(r, policy, file.contacts, env.today);
      result.decisions.push({ receivable: r, decision });
      if (decision.kind === 'waiting' && decision.until) next = Math.min(next, dayNumber(decision.until));
      if (decision.kind === 'held' && decision.hold.until) next = Math.min(next, dayNumber(decision.hold.until));
      if (decision.kind !== 'step') continue;
      let { step, dueOn } = decision;
      if (underNotice && step.kind === 'reminder') {
        const notice = formalNoticeStep(policy);
        if (notice && r.daysLate > 0) (step = notice), (dueOn = env.today);
        else if (notice) continue;
      }
      gap = Math.max(gap, policy.minGapDays);
      const line: ChaseLine = { receivable: r, step, dueOn, policyId: policy.id };
      lines.push(line);
      if (!top || stepRank(step) > stepRank(top.step)) top = line;
    }
  }

  let lastContact: ContactEntry | null = null;
  for (const c of file.contacts) if (CONTACT_OUTCOMES.has(c.contact.outcome) && (!lastContact || c.at > lastContact.at)) lastContact = c;
  // Sending an invoice is a contact too: a reminder never follows it within the minimum gap
  // (an invoice sent after its due date gets the gap before its first reminder).
  let lastDay = lastContact ? dayNumber(lastContact.date) : -Infinity;
  for (const i of prepared.open) {
    const sentAt = file.documents[i].sentAt;
    if (sentAt) lastDay = Math.max(lastDay, dayNumber(sentAt));
  }

  if (!top) {
    result.nextOn = next === Infinity ? null : fromDayNumber(next);
    return result;
  }
  if (t < lastDay + gap) {
    // Within the minimum gap: reminders wait; sending an invoice is not a reminder and does not.
    const sends = lines.filter((l) => l.step.kind === 'send');
    if (!sends.length) {
      result.postponed = true;
      result.nextOn = fromDayNumber(lastDay + gap);
      return result;
    }
    lines = sends;
  }

  lines = messageLines(lines, top);
  top = lines.reduce((a, b) => (stepRank(b.step) > stepRank(a.step) ? b : a));
  lines.sort((a, b) => (a.receivable.dueDate < b.receivable.dueDate ? -1 : a.receivable.dueDate > b.receivable.dueDate ? 1 : a.receivable.number < b.receivable.number ? -1 : 1));
  const keys = new Set<string>();
  const invoices = new Set<string>();
  let amount = 0;
  let daysLate = 0;
  for (const line of lines) {
    keys.add(line.receivable.key);
    invoices.add(line.receivable.invoiceId);
    amount += line.receivable.remainingCents;
    daysLate = Math.max(daysLate, line.receivable.daysLate);
  }
  // Sending an invoice claims nothing: penalties are for reminders of an invoice the client has.
  const claim = lateClaim(
    top.step.kind === 'send' ? [] : accounts.filter((a) => invoices.has(a.invoiceId)),
    env.today,
    { include: (r) => keys.has(r.key) }
  );

  let previousMessage: ContactEntry | null = null;
  for (const c of file.contacts) {
    if (c.contact.outcome !== 'sent' || (previousMessage && c.at <= previousMessage.at)) continue;
    if (c.contact.targets.some((target) => keys.has(target.key))) previousMessage = c;
  }

  const stepDue = dayNumber(top.dueOn);
  const courtesy = top.step.offsetDays < 0 && top.step.kind === 'reminder' && top.step.id !== PROMISE_BROKEN_STEP.id;
  const section: ChaseSection = courtesy ? 'courtesy' : stepDue < t && top.step.kind !== 'send' ? 'overdue' : 'today';
  result.item = {
    clientId: client.id,
    clientName: client.name,
    section,
    step: top.step,
    stepDueOn: top.dueOn,
    policyId: top.policyId,
    lines,
    amountCents: amount,
    daysLate,
    claim,
    interestCents: claim.interestCents,
    indemnityCents: claim.indemnityCents,
    totalCents: amount + claim.interestCents + claim.indemnityCents,
    statement: invoices.size > 1,
    risk,
    priority: Math.round((amount / 100) * Math.max(1, daysLate) * risk.factor),
    reason: { invoiceCount: invoices.size, amountCents: amount, daysLate, risk: risk.level },
    lastContact,
    previousMessage,
    deposit: lines.every((l) => isDepositReminder(l.receivable, l.step))
  };
  return result;
}
