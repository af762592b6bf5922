// The next thing to do about ONE receivable on a given day: the step of its dunning policy that
// the contact log says is next, or why there is nothing to do (settled, held, waiting).
import type { DunningPolicy, DunningStep, IsoDate } from './types';
import type { Hold, Receivable } from './receivables';
import { dayNumber, fromDayNumber } from './dates';
import { PROMISE_BROKEN_STEP, SEND_INVOICE_STEP } from './dunning';
import { CONTACT_OUTCOMES, targetsKey, type ContactEntry } from './contactLog';

export type WaitReason = 'promised' | 'snoozed' | 'next_step' | 'no_more_steps' | 'retention_pending';

export type ChaseDecision =
  | { kind: 'step'; step: DunningStep; dueOn: IsoDate }
  | { kind: 'held'; hold: Hold }
  /** Nothing today; `next` is the step that comes once the wait is over (null: none left). */
  | { kind: 'waiting'; until: IsoDate | null; reason: WaitReason; next: DunningStep | null }
  | { kind: 'settled' };

/** What a receivable's contact log says: the steps done, the snooze, the last real contact. */
interface LogFacts {
  done: Set<string> | null;
  snoozeUntil: number;
  lastContactDay: number;
  /** Any message or call that really reached the client (not a skip, not a snooze). */
  contacted: boolean;
}

function readLog(log: readonly ContactEntry[], key: string): LogFacts {
  // Most receivables have no contact yet: no set allocated for them.
  const facts: LogFacts = { done: null, snoozeUntil: -Infinity, lastContactDay: -Infinity, contacted: false };
  for (const entry of log) {
    if (!targetsKey(entry, key)) continue;
    const c = entry.contact;
    for (const target of c.targets) if (target.key === key && target.stepId) (facts.done ??= new Set()).add(target.stepId);
    if (c.outcome !== 'snoozed') facts.lastContactDay = Math.max(facts.lastContactDay, dayNumber(entry.date));
    if (CONTACT_OUTCOMES.has(c.outcome)) facts.contacted = true;
    if (c.snoozeUntil) facts.snoozeUntil = Math.max(facts.snoozeUntil, dayNumber(c.snoozeUntil));
  }
  return facts;
}

/**
 * The next thing to do about one receivable on `today`, given its policy and the contact log
 * (entries about other receivables are ignored):
 * - nothing when it is settled; held while disputed, in collection or paused;
 * - an invoice never sent is not chased for payment: its one step is « Envoyer la facture »;
 * - waiting while a promise runs (until the day after the promised date) or a snooze;
 * - the day after a promised date that passed unpaid with no contact since: « promesse non
 *   tenue » (after a formal notice: the decision that follows it);
 * - otherwise the FIRST step of the policy that is due and not done (a step is done when a
 *   contact entry names it for this receivable; a skipped step counts as done; steps before the
 *   most advanced one done are behind us). When nobody opened the app for days, the steps are
 *   still proposed in order, never one that presumes an earlier message. A courtesy step (before
 *   the due date) only while not yet due; never a decision before the formal notice.
 */
export function nextChaseStep(receivable: Receivable, policy: DunningPolicy, log: readonly ContactEntry[], today: IsoDate): ChaseDecision {
  if (receivable.remainingCents <= 0) return { kind: 'settled' };
  const t = dayNumber(today);
  for (const h of receivable.holds) if (h.until === null || t < dayNumber(h.until)) return { kind: 'held', hold: h };
  // A retenue de garantie waits for the reception of the works (then a year); it goes out with
  // its invoice, whose main part carries the sending.
  if (receivable.retentionPending) return { kind: 'waiting', until: null, reason: 'retention_pending', next: null };
  if (!receivable.sent && !receivable.retention) return { kind: 'step', step: SEND_INVOICE_STEP, dueOn: receivable.issueDate };

  const { done, snoozeUntil, lastContactDay } = readLog(log, receivable.key);
  const due = dayNumber(receivable.dueDate);
  let hasFormal = false;
  let formalDone = false;
  // Steps before the most advanced one done are behind us: never go back to them.
  let doneUpTo = -Infinity;
  for (const s of policy.steps) {
    if (s.kind === 'formal_notice') hasFormal = true;
    if (done === null || !done.has(s.id)) continue;
    doneUpTo = Math.max(doneUpTo, s.offsetDays);
    if (s.kind === 'formal_notice') formalDone = true;
  }
  // The steps still to come, in order (policies keep their steps sorted by offset).
  let first: DunningStep | null = null;
  for (const s of policy.steps) {
    if (s.offsetDays <= doneUpTo || (done !== null && done.has(s.id))) continue;
    // A courtesy reminder makes sense only before the due date.
    if (s.offsetDays < 0 && t >= due) continue;
    if (s.kind === 'decision' && hasFormal && !formalDone) continue;
    first = s;
    break;
  }
  const stepOn = first ? due + first.offsetDays : Infinity;

  const promise = receivable.promise;
  const promiseDay = promise ? dayNumber(promise.date) : -Infinity;
  if (t <= promiseDay || t < snoozeUntil) {
    const promised = promiseDay + 1 >= snoozeUntil;
    const until = promised ? promiseDay + 1 : snoozeUntil;
    const next = promised ? (formalDone ? decisionStep(policy) : PROMISE_BROKEN_STEP) : first;
    return { kind: 'waiting', until: fromDayNumber(until), reason: promised ? 'promised' : 'snoozed', next };
  }
  // A promise is broken when its date passed unpaid and nobody contacted the client since.
  if (promise && lastContactDay <= promiseDay) {
    // After a formal notice, no gentler message: the decision that follows it.
    const step = formalDone ? decisionStep(policy) : PROMISE_BROKEN_STEP;
    if (step && !(done?.has(step.id) ?? false)) return { kind: 'step', step, dueOn: fromDayNumber(promiseDay + 1) };
  }
  if (!first) return { kind: 'waiting', until: null, reason: 'no_more_steps', next: null };
  if (stepOn > t) return { kind: 'waiting', until: fromDayNumber(stepOn), reason: 'next_step', next: first };
  return { kind: 'step', step: first, dueOn: fromDayNumber(stepOn) };
}

function decisionStep(policy: DunningPolicy): DunningStep | null {
  return policy.steps.find((s) => s.kind === 'decision') ?? null;
}

/** The policy's formal notice step (the first one), if it has one. */
export function formalNoticeStep(policy: DunningPolicy): DunningStep | null {
  return policy.steps.find((s) => s.kind === 'formal_notice') ?? null;
}

const KIND_RANK: Record<DunningStep['kind'], number> = { send: 0, reminder: 1, formal_notice: 2, decision: 3 };

/** How far along a step is: decision > formal notice > reminders by offset (a broken promise tops them) > sending. */
export function stepRank(step: DunningStep): number {
  const offset = step.id === PROMISE_BROKEN_STEP.id ? 10_000 : step.offsetDays;
  return KIND_RANK[step.kind] * 100_000 + offset;
}

/**
 * A reminder about a deposit invoice (not its sending): the work waits for it, and the step is
 * named « acompte non reçu » — the words say why this client is contacted before any work.
 */
export function isDepositReminder(receivable: Pick<Receivable, 'deposit'>, step: DunningStep): boolean {
  return receivable.deposit === true && step.kind !== 'send';
}
